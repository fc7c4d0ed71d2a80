"""One binding per card field: shows the stored value and commits what the user changes.

A field commits when it loses focus or on editingFinished; text fields also commit after
COMMIT_DELAY_MS without typing, so a word typed during a workshop is on disk within a second
even if the laptop lid closes. Each commit becomes one undo step; commits of one typing session
(from focus-in to focus-out) merge into a single step.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from app.services.items import ItemCard

#: Plain-text edits commit after this pause in typing (durable within a second).
COMMIT_DELAY_MS = 600
#: Item data of an "Add person…" entry at the end of a pick-list (never a stored value).
ADD_ENTRY = "__add_entry__"

_sessions = itertools.count(1)


class FieldBinding(QObject):
    """Base: knows its field, its widget and whether it holds an uncommitted edit."""

    #: whether commits of one visit to the field merge into one undo step (typing does;
    #: each pick in a list or tick of a box is a step of its own)
    merges = True

    #: (field, value, session): the user changed the field
    commit = Signal(str, object, int)
    #: the user started an edit that is not committed yet
    edited = Signal()

    def __init__(self, field: str, label: str, widget: QWidget) -> None:
        super().__init__(widget)
        self.field = field
        self.label = label
        self.widget = widget
        self.dirty = False
        self.session = next(_sessions)
        self._loading = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QFocusEvent) and event.reason() != Qt.FocusReason.PopupFocusReason:
            # A completer or context-menu popup is not leaving the field.
            if event.type() == QEvent.Type.FocusIn:
                self.session = next(_sessions)  # a new visit to the field: a new undo step
            elif event.type() == QEvent.Type.FocusOut:
                self.flush()
        return False

    def card_value(self, card: ItemCard) -> Any:
        return getattr(card, self.field)

    def show_card(self, card: ItemCard | None) -> None:
        """Show the stored value (an uncommitted edit is committed by the editor first)."""
        self.dirty = False
        self._loading = True
        try:
            self.set_widget_value(self.card_value(card) if card is not None else None)
        finally:
            self._loading = False

    def flush(self) -> None:
        """Commit a pending edit now."""
        if self.dirty:
            self.dirty = False
            self.commit.emit(self.field, self.widget_value(), self.session if self.merges else 0)

    def set_editable(self, editable: bool) -> None:
        self.widget.setEnabled(editable)

    # -- per widget ----------------------------------------------------------------------
    def set_widget_value(self, value: Any) -> None:
        raise NotImplementedError

    def widget_value(self) -> Any:
        raise NotImplementedError


class _DelayedTextBinding(FieldBinding):
    """Text fields: commit after a pause in typing, on focus-out and on editingFinished."""

    def __init__(self, field: str, label: str, widget: QWidget) -> None:
        super().__init__(field, label, widget)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(COMMIT_DELAY_MS)
        self.timer.timeout.connect(self._pause_in_typing)

    def _typed(self) -> None:
        if self._loading:
            return
        if not self.dirty:
            self.dirty = True
            self.edited.emit()
        self.timer.start()

    def _pause_in_typing(self) -> None:
        # An empty title is refused by the service; wait for focus-out rather than interrupt
        # someone who is retyping it.
        if self.field == "title" and not str(self.widget_value()).strip():
            return
        self.flush()

    def flush(self) -> None:
        self.timer.stop()
        super().flush()


class LineBinding(_DelayedTextBinding):
    def __init__(self, field: str, label: str, widget: QLineEdit) -> None:
        super().__init__(field, label, widget)
        self.edit = widget
        widget.textEdited.connect(self._typed)
        widget.editingFinished.connect(self.flush)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        handled = super().eventFilter(watched, event)
        if isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusOut \
                and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.edit.setCursorPosition(0)  # a long title shows its start, not its end
        return handled

    def set_widget_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.edit.text() != text:
            self.edit.setText(text)
        if not self.edit.hasFocus():  # leave the cursor alone while the user types
            self.edit.setCursorPosition(0)

    def widget_value(self) -> str:
        return self.edit.text()

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)


class PlainTextBinding(_DelayedTextBinding):
    def __init__(self, field: str, label: str, widget: QPlainTextEdit) -> None:
        super().__init__(field, label, widget)
        self.edit = widget
        widget.setTabChangesFocus(True)
        widget.textChanged.connect(self._typed)

    def set_widget_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)

    def widget_value(self) -> str:
        return self.edit.toPlainText()

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)


class ComboBinding(FieldBinding):
    """A fixed pick-list (choices or people/workshops); commits as soon as one is picked."""

    merges = False

    def __init__(self, field: str, label: str, widget: QComboBox) -> None:
        super().__init__(field, label, widget)
        self.combo = widget
        widget.activated.connect(self._picked)
        self._shown: Any = None
        self._add_entry: tuple[str, Callable[[], Any]] | None = None

    def set_add_entry(self, text: str, add: Callable[[], Any]) -> None:
        """End the list with an entry (\"Add person…\") that runs `add`; `add` returns the
        new value to pick, or None when the user cancelled."""
        self._add_entry = (text, add)

    def set_options(self, options: Sequence[tuple[str, Any]]) -> None:
        """(text, value) pairs; a value of None means "nobody" / "none"."""
        current = self.combo.currentData()
        if current == ADD_ENTRY:
            current = self._shown
        self._loading = True
        self.combo.clear()
        for text, value in options:
            self.combo.addItem(text, value)
        if self._add_entry is not None:
            self.combo.insertSeparator(self.combo.count())
            self.combo.addItem(self._add_entry[0], ADD_ENTRY)
        self._select(current)
        self._loading = False

    def _select(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else -1
        if index < 0:
            index = next((i for i in range(self.combo.count())
                          if self.combo.itemData(i) is None), -1)
        self.combo.setCurrentIndex(index)

    def _picked(self, _index: int) -> None:
        if self._loading:
            return
        if self.combo.currentData() == ADD_ENTRY:
            added = self._add_entry[1]() if self._add_entry is not None else None
            self._select(added if added is not None else self._shown)
            if added is None:
                return
        self.dirty = True
        self.flush()

    def set_widget_value(self, value: Any) -> None:
        self._shown = value
        self._select(value)

    def widget_value(self) -> Any:
        return self.combo.currentData()


class ProcessAreaBinding(FieldBinding):
    """An editable combo over every process-area path, completing on any part of the path."""

    merges = False

    def __init__(self, field: str, label: str, widget: QComboBox) -> None:
        super().__init__(field, label, widget)
        self.combo = widget
        widget.setEditable(True)
        widget.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(widget.model(), widget)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        widget.setCompleter(completer)
        widget.lineEdit().setPlaceholderText(self.tr("Type any part of the process path"))
        widget.lineEdit().installEventFilter(self)
        widget.activated.connect(self._picked)
        completer.activated[str].connect(self._completed)
        widget.lineEdit().textEdited.connect(self._typed)
        self._stored: int | None = None

    def set_options(self, paths: Sequence[tuple[str, int]]) -> None:
        self._loading = True
        self.combo.clear()
        self.combo.addItem("", None)
        for path, area_id in paths:
            self.combo.addItem(path, area_id)
        self.set_widget_value(self._stored)
        self._loading = False

    def _typed(self, _text: str) -> None:
        if not self._loading:
            self.dirty = True

    def _picked(self, _index: int) -> None:
        if not self._loading:
            self.dirty = True
            self.flush()

    def _completed(self, text: str) -> None:
        index = self.combo.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.combo.setCurrentIndex(index)
            self._picked(index)

    def set_widget_value(self, value: Any) -> None:
        self._stored = value
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.setEditText(self.combo.itemText(max(index, 0)))
        self.combo.lineEdit().setCursorPosition(0)  # show the start of a long path

    def widget_value(self) -> Any:
        text = self.combo.currentText().strip()
        if not text:
            return None
        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.combo.itemData(index) if index > 0 else self._stored

    def flush(self) -> None:
        if self.dirty and self.widget_value() == self._stored and \
                self.combo.currentText().strip():
            # Text that names no process area: show the stored one again.
            self.dirty = False
            self.set_widget_value(self._stored)
            return
        super().flush()


class MasterDataBinding(FieldBinding):
    """A checkable list of master-data domains; each tick commits."""

    merges = False

    def __init__(self, field: str, label: str, widget: QListWidget) -> None:
        super().__init__(field, label, widget)
        self.list = widget
        widget.itemChanged.connect(self._ticked)

    def card_value(self, card: ItemCard) -> Any:
        return list(card.master_data_ids)

    def set_options(self, domains: Sequence[tuple[str, int]]) -> None:
        checked = self.widget_value()
        self._loading = True
        self.list.clear()
        for name, domain_id in domains:
            item = QListWidgetItem(name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, domain_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if domain_id in checked
                               else Qt.CheckState.Unchecked)
        self._loading = False

    def _ticked(self, _item: QListWidgetItem) -> None:
        if not self._loading:
            self.dirty = True
            self.flush()

    def set_widget_value(self, value: Any) -> None:
        chosen = set(value or [])
        for row in range(self.list.count()):
            item = self.list.item(row)
            state = (Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                     else Qt.CheckState.Unchecked)
            if item.checkState() != state:
                item.setCheckState(state)

    def widget_value(self) -> list[int]:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())
                if self.list.item(r).checkState() == Qt.CheckState.Checked]
