"""Card-level commands of the main window: capture (Ctrl+N), archive, and the current workshop."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QInputDialog, QLineEdit, QWidget

from app.errors import AppError
from views.card_editor import CardEditor
from views.project_context import Changes, ProjectContext
from views.register_view import RegisterPanel
from views.undo_commands import UndoableEdits


class WorkshopPicker(QComboBox):
    """The toolbar's "Current workshop": Ctrl+N captures new cards into it."""

    def __init__(self, ctx: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshopPicker")
        self.setAccessibleName(self.tr("Current workshop"))
        self.setToolTip(self.tr("New cards (Ctrl+N) are captured into this workshop"))
        self.setMinimumContentsLength(34)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.ctx = ctx
        self._areas: dict[int, int | None] = {}
        ctx.project_changed.connect(self._project_changed)
        ctx.changed.connect(self._on_changed)
        self._project_changed()

    def _project_changed(self) -> None:
        self.refill(select_latest=True)

    def _on_changed(self, changes: Changes) -> None:
        if changes.lookups:
            self.refill()

    def refill(self, *, select_latest: bool = False, select: int | None = None) -> None:
        chosen = select if select is not None else self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("(no workshop)"), None)
        services = self.ctx.services
        workshops = services.lookups.workshops() if services else []
        self._areas = {w.id: w.process_area_id for w in workshops}
        for workshop in workshops:  # newest first
            label = workshop.title
            if workshop.held_on:
                label = f"{workshop.held_on.isoformat()}  {label}"
            self.addItem(label, workshop.id)
        if select_latest and workshops:
            index = 1
        else:
            index = self.findData(chosen) if chosen is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        self.setEnabled(self.ctx.editable)

    def workshop_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def process_area_id(self) -> int | None:
        workshop = self.workshop_id()
        return self._areas.get(workshop) if workshop is not None else None


class CardCommands(QObject):
    """New card, archive card and new workshop, for menus, toolbar and shortcuts."""

    message = Signal(str)

    def __init__(self, window: QWidget, ctx: ProjectContext, edits: UndoableEdits,
                 register: RegisterPanel, editor: CardEditor, picker: WorkshopPicker) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.edits = edits
        self.register = register
        self.editor = editor
        self.picker = picker

    def new_card(self) -> int | None:
        """Capture a card into the current workshop and put the cursor in its title."""
        if not self.ctx.editable:
            return None
        self.editor.flush()
        ref = self.edits.capture(self.tr("New card"), workshop_id=self.picker.workshop_id(),
                                 process_area_id=self.picker.process_area_id())
        if ref is None:
            return None
        self.register.select_item(ref.id)
        self.editor.focus_title()
        self.message.emit(self.tr("Captured {key}; type its title.").format(key=ref.key))
        return ref.id

    def archive_card(self) -> None:
        card = self.editor.card
        if card is None or not self.ctx.editable:
            return
        self.editor.flush()
        if self.edits.archive(card.id, card.key):
            self.message.emit(self.tr("Archived {key}. Undo (Ctrl+Z) brings it back.").format(
                key=card.key))

    def new_workshop(self) -> None:
        services = self.ctx.services
        if services is None or not self.ctx.editable:
            return
        title, ok = QInputDialog.getText(
            self.window, self.tr("New workshop"), self.tr("Workshop title:"),
            QLineEdit.EchoMode.Normal, "")
        if not ok or not title.strip():
            return
        try:
            workshop_id = services.lookups.add_workshop(title.strip(), date.today())
        except AppError as exc:
            self.ctx.report(exc)
            return
        self.ctx.notify(Changes(lookups=True))
        self.picker.refill(select=workshop_id)
        self.message.emit(self.tr("New cards now go into \"{title}\".").format(
            title=title.strip()))
