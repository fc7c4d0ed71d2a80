"""Undoable edits: small QUndoCommands that hold ids and call services (Orange canvas style).

The first execution happens *before* the push: the service call runs, and only if it succeeds
is a command pushed, flagged as already done, so a refused edit never leaves a command on the
stack. Later undo/redo failures (say the card was archived meanwhile) are reported and the
command is made obsolete, which removes it from the stack.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.errors import AppError
from app.services.classification import ClassificationInput
from app.services.items import ItemRef
from views.project_context import Changes, ProjectContext

#: Command ids for QUndoCommand.id(); only field edits merge.
UPDATE_FIELD_ID = 1001


def _tr(text: str) -> str:
    return QCoreApplication.translate("UndoCommands", text)


class ProjectCommand(QUndoCommand):
    """A command whose first redo already happened (the push follows a successful call)."""

    def __init__(self, ctx: ProjectContext, text: str, *, done: bool = True) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._already_done = done

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self._guarded(self.do_redo)

    def undo(self) -> None:
        self._guarded(self.do_undo)

    def _guarded(self, action: Callable[[], Changes]) -> None:
        try:
            changes = action()
        except AppError as exc:
            self.setObsolete(True)  # QUndoStack drops it: the stack stays consistent
            self.ctx.report(exc)
            return
        self.ctx.notify(changes)

    def do_redo(self) -> Changes:
        raise NotImplementedError

    def do_undo(self) -> Changes:
        raise NotImplementedError


class UpdateFieldCommand(ProjectCommand):
    """One field of one card set to a new value; typing in one field merges into one step."""

    def __init__(self, ctx: ProjectContext, item_id: int, field: str, old: Any, new: Any,
                 *, text: str, session: int = 0, done: bool = True) -> None:
        super().__init__(ctx, text, done=done)
        self.item_id = item_id
        self.field = field
        self.old = old
        self.new = new
        self.session = session

    def id(self) -> int:
        return UPDATE_FIELD_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, UpdateFieldCommand) and self.session
                and other.session == self.session and other.item_id == self.item_id
                and other.field == self.field):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)  # typed and typed back: nothing left to undo
        return True

    def do_redo(self) -> Changes:
        self.ctx.require().items.update_item(self.item_id, self.field, self.new)
        return Changes(items=frozenset({self.item_id}))

    def do_undo(self) -> Changes:
        self.ctx.require().items.update_item(self.item_id, self.field, self.old)
        return Changes(items=frozenset({self.item_id}))


class CaptureCardCommand(ProjectCommand):
    """A new card; undo archives it (keys are never reused), redo restores it."""

    def __init__(self, ctx: ProjectContext, item_id: int, key: str, *, done: bool = True,
                 archive: bool = False) -> None:
        text = _tr("Archive {key}") if archive else _tr("New card {key}")
        super().__init__(ctx, text.format(key=key), done=done)
        self.item_id = item_id
        self._archive = archive

    def _set_archived(self, archived: bool) -> Changes:
        self.ctx.require().items.set_archived(self.item_id, archived)
        return Changes(items=frozenset({self.item_id}), membership=True, dependencies=True)

    def do_redo(self) -> Changes:
        return self._set_archived(self._archive)

    def do_undo(self) -> Changes:
        return self._set_archived(not self._archive)


class ClassifyCommand(ProjectCommand):
    """A fit-gap decision; undo withdraws it (no trace in the history), redo records it again.

    Redo records the decision anew, so it gets a new id (and a new time); undo withdraws
    whichever id the latest redo made and makes the previous decision current again.
    """

    def __init__(self, ctx: ProjectContext, item_id: int, key: str,
                 decision: ClassificationInput, new_id: int, previous_id: int | None, *,
                 done: bool = True) -> None:
        super().__init__(ctx, _tr("Classify {key} as {cls}").format(
            key=key, cls=decision.fit_class), done=done)
        self.item_id = item_id
        self.decision = decision
        self.new_id = new_id
        self.previous_id = previous_id

    def do_redo(self) -> Changes:
        self.new_id, _ = self.ctx.require().classification.classify_item(
            self.item_id, self.decision)
        return Changes(items=frozenset({self.item_id}))

    def do_undo(self) -> Changes:
        self.ctx.require().classification.withdraw(self.item_id, self.new_id, self.previous_id)
        return Changes(items=frozenset({self.item_id}))


class _DependencyCommand(ProjectCommand):
    """Shared by add and remove, which are each other's inverse."""

    def __init__(self, ctx: ProjectContext, text: str, item_id: int, depends_on_id: int,
                 kind: str, note: str, dependency_id: int, *, done: bool = True) -> None:
        super().__init__(ctx, text, done=done)
        self.item_id = item_id
        self.depends_on_id = depends_on_id
        self.kind = kind
        self.note = note
        self.dependency_id = dependency_id

    def _changes(self) -> Changes:
        return Changes(items=frozenset({self.item_id, self.depends_on_id}), dependencies=True)

    def _add(self) -> Changes:
        self.dependency_id = self.ctx.require().dependencies.add_dependency(
            self.item_id, self.depends_on_id, self.kind, self.note)
        return self._changes()

    def _remove(self) -> Changes:
        self.ctx.require().dependencies.remove_dependency(self.dependency_id)
        return self._changes()


class AddDependencyCommand(_DependencyCommand):
    def do_redo(self) -> Changes:
        return self._add()

    def do_undo(self) -> Changes:
        return self._remove()


class RemoveDependencyCommand(_DependencyCommand):
    def do_redo(self) -> Changes:
        return self._remove()

    def do_undo(self) -> Changes:
        return self._add()


class UndoableEdits:
    """What editors call: run the service, push a done command, broadcast the change.

    Every method returns None (or False) after reporting the error when the service refused.
    """

    def __init__(self, ctx: ProjectContext, stack: QUndoStack) -> None:
        self.ctx = ctx
        self.stack = stack

    def _attempt(self, call: Callable[[], Any]) -> tuple[bool, Any]:
        try:
            return True, call()
        except AppError as exc:
            self.ctx.report(exc)
            return False, None

    def update_field(self, item_id: int, field: str, value: Any, *, text: str,
                     session: int = 0) -> bool:
        ok, old = self._attempt(
            lambda: self.ctx.require().items.update_item(item_id, field, value))
        if not ok:
            return False
        if old != value:
            self.stack.push(UpdateFieldCommand(self.ctx, item_id, field, old, value, text=text,
                                               session=session))
        self.ctx.notify(Changes(items=frozenset({item_id})))
        return True

    def capture(self, title: str, *, workshop_id: int | None,
                process_area_id: int | None) -> ItemRef | None:
        ok, ref = self._attempt(lambda: self.ctx.require().items.capture_item(
            title, workshop_id=workshop_id, process_area_id=process_area_id))
        if not ok:
            return None
        self.stack.push(CaptureCardCommand(self.ctx, ref.id, ref.key))
        self.ctx.notify(Changes(items=frozenset({ref.id}), membership=True))
        return ref  # type: ignore[no-any-return]

    def archive(self, item_id: int, key: str) -> bool:
        ok, _ = self._attempt(lambda: self.ctx.require().items.set_archived(item_id, True))
        if ok:
            self.stack.push(CaptureCardCommand(self.ctx, item_id, key, archive=True))
            self.ctx.notify(Changes(items=frozenset({item_id}), membership=True,
                                    dependencies=True))
        return ok

    def classify(self, item_id: int, key: str, decision: ClassificationInput) -> bool:
        ok, ids = self._attempt(
            lambda: self.ctx.require().classification.classify_item(item_id, decision))
        if ok:
            new_id, previous_id = ids
            self.stack.push(ClassifyCommand(self.ctx, item_id, key, decision, new_id,
                                            previous_id))
            self.ctx.notify(Changes(items=frozenset({item_id})))
        return ok

    def add_dependency(self, item_id: int, key: str, depends_on_id: int, other_key: str,
                       kind: str, note: str) -> int | None:
        ok, dep_id = self._attempt(lambda: self.ctx.require().dependencies.add_dependency(
            item_id, depends_on_id, kind, note))
        if not ok:
            return None
        text = _tr("{key} depends on {other}").format(key=key, other=other_key)
        command = AddDependencyCommand(self.ctx, text, item_id, depends_on_id, kind, note, dep_id)
        self.stack.push(command)
        self.ctx.notify(command._changes())
        return dep_id  # type: ignore[no-any-return]

    def remove_dependency(self, dependency_id: int, label: str) -> bool:
        ok, spec = self._attempt(
            lambda: self.ctx.require().dependencies.remove_dependency(dependency_id))
        if not ok:
            return False
        text = _tr("Remove dependency {label}").format(label=label)
        command = RemoveDependencyCommand(self.ctx, text, spec.item_id, spec.depends_on_id,
                                          spec.kind, spec.note, dependency_id)
        self.stack.push(command)
        self.ctx.notify(command._changes())
        return True
