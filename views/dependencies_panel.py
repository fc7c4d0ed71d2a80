"""What a card depends on and what depends on it; add, remove, and jump along the links."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.items import DependencyLink, ItemCard

DEPENDENCY_ID_ROLE = Qt.ItemDataRole.UserRole
OTHER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DependenciesPanel(QWidget):
    """Two lists, "Depends on" and "Required by"; double-click jumps to the other card."""

    add_requested = Signal()
    #: (dependency id, label for the undo step)
    remove_requested = Signal(int, str)
    #: another card was asked for (double-click or Return)
    item_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key = ""
        self.depends_on_list = self._make_list(self.tr("Depends on"))
        self.required_by_list = self._make_list(self.tr("Required by"))
        self.depends_on_title = QLabel(self)
        self.required_by_title = QLabel(self)
        for title in (self.depends_on_title, self.required_by_title):
            title.setObjectName("sectionTitle")

        self.add_button = QPushButton(self.tr("Add dependency…"), self)
        self.add_button.setToolTip(self.tr("This card depends on another one (Ctrl+D)"))
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setToolTip(self.tr("Remove the selected link (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        hint = QLabel(self.tr("Double-click a card to open it."), self)
        hint.setObjectName("hintLabel")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(buttons)
        layout.addWidget(self.depends_on_title)
        layout.addWidget(self.depends_on_list, 1)
        layout.addWidget(self.required_by_title)
        layout.addWidget(self.required_by_list, 1)
        layout.addWidget(hint)
        self._editable = True
        self._show_counts(0, 0)

    def _make_list(self, name: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setAccessibleName(name)
        widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        widget.setAlternatingRowColors(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        widget.itemActivated.connect(self._activated)
        widget.itemSelectionChanged.connect(lambda w=widget: self._selection_changed(w))
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), widget)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        return widget

    def _show_counts(self, depends_on: int, required_by: int) -> None:
        self.depends_on_title.setText(self.tr("Depends on ({n:,})").format(n=depends_on))
        self.required_by_title.setText(self.tr("Required by ({n:,})").format(n=required_by))

    def show_card(self, card: ItemCard | None) -> None:
        self._key = card.key if card is not None else ""
        self._fill(self.depends_on_list, card.depends_on if card else (),
                   self.tr("Depends on nothing yet."))
        self._fill(self.required_by_list, card.required_by if card else (),
                   self.tr("No card depends on this one."))
        self._show_counts(len(card.depends_on) if card else 0,
                          len(card.required_by) if card else 0)
        self.remove_button.setEnabled(False)

    def _fill(self, widget: QListWidget, links: Sequence[DependencyLink], empty: str) -> None:
        widget.clear()
        for link in links:
            item = QListWidgetItem(f"{link.other_key}  ({link.kind})  {link.other_title}", widget)
            item.setData(DEPENDENCY_ID_ROLE, link.dependency_id)
            item.setData(OTHER_ID_ROLE, link.other_id)
            tip = f"{link.other_key} — {link.other_title}\n{self.tr('Kind')}: {link.kind}"
            if link.note:
                tip += f"\n{self.tr('Note')}: {link.note}"
            item.setToolTip(tip)
        if not links:
            item = QListWidgetItem(empty, widget)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def _selection_changed(self, widget: QListWidget) -> None:
        if widget.selectedItems():
            other = (self.required_by_list if widget is self.depends_on_list
                     else self.depends_on_list)
            other.blockSignals(True)
            other.clearSelection()
            other.blockSignals(False)
        self.remove_button.setEnabled(self._editable and self._selected() is not None)

    def _selected(self) -> tuple[QListWidget, QListWidgetItem] | None:
        for widget in (self.depends_on_list, self.required_by_list):
            items = widget.selectedItems()
            if items and items[0].data(DEPENDENCY_ID_ROLE) is not None:
                return widget, items[0]
        return None

    def remove_selected(self) -> None:
        selected = self._selected()
        if selected is None or not self._editable:
            return
        widget, item = selected
        other_key = item.text().split()[0]
        if widget is self.depends_on_list:
            label = f"{self._key} → {other_key}"
        else:
            label = f"{other_key} → {self._key}"
        self.remove_requested.emit(int(item.data(DEPENDENCY_ID_ROLE)), label)

    def _activated(self, item: QListWidgetItem) -> None:
        other_id = item.data(OTHER_ID_ROLE)
        if other_id is not None:
            self.item_requested.emit(int(other_id))

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and self._selected() is not None)
