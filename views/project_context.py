"""The open project as the views see it, and the change-sets that tell them what to refresh.

Every mutation (an edit, an undo, an import) ends with `ProjectContext.notify(Changes(...))`;
each view refreshes only what concerns it (Anki's change-set idea, STYLE.md practice 7).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.errors import AppError
from app.project import ProjectServices


@dataclass(frozen=True)
class Changes:
    """What a mutation changed, so views can refresh the least they can."""

    #: cards whose own fields (or classification) changed
    items: frozenset[int] = frozenset()
    #: cards were added to or removed from the register (capture, archive, import)
    membership: bool = False
    #: dependencies were added or removed
    dependencies: bool = False
    #: people, process areas or workshops changed (pick-lists)
    lookups: bool = False

    @staticmethod
    def everything() -> Changes:
        return Changes(membership=True, dependencies=True, lookups=True)


class ProjectContext(QObject):
    """Holds the current ProjectServices (or None) and broadcasts what changes in it."""

    #: the project was opened, closed or replaced (Save As); views reload everything
    project_changed = Signal()
    #: a mutation happened; the argument is a Changes
    changed = Signal(object)
    #: a service call failed; the argument is the user-ready sentence
    error_reported = Signal(str)

    def __init__(self, services: ProjectServices | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services

    @property
    def services(self) -> ProjectServices | None:
        return self._services

    def require(self) -> ProjectServices:
        """The open project; callers only run when one is open (actions are disabled else)."""
        if self._services is None:
            raise AppError(self.tr("No project is open. Open or create one first."))
        return self._services

    @property
    def is_open(self) -> bool:
        return self._services is not None

    @property
    def read_only(self) -> bool:
        return self._services is not None and self._services.read_only

    @property
    def editable(self) -> bool:
        return self._services is not None and not self._services.read_only

    def replace(self, services: ProjectServices | None, *, close_previous: bool = True) -> None:
        """Make `services` current; the previous project is closed unless told otherwise."""
        previous = self._services
        self._services = services
        if close_previous and previous is not None and previous is not services:
            previous.close()
        self.project_changed.emit()

    def notify(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def report(self, error: AppError) -> None:
        self.error_reported.emit(str(error))
