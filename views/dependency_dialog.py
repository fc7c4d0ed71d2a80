"""Pick the card the current one depends on, by typing part of its key or title."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.dependencies import DEPENDENCY_KINDS
from app.services.items import RegisterRow

#: More matches than this are not listed; typing more narrows them down.
MAX_MATCHES = 200


@dataclass(frozen=True)
class DependencyChoice:
    depends_on_id: int
    depends_on_key: str
    kind: str
    note: str


class AddDependencyDialog(QDialog):
    """"REQ-0003 depends on …": search field, matching cards, kind and note."""

    def __init__(self, rows: Sequence[RegisterRow], item_id: int, key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add dependency"))
        self.setObjectName("addDependencyDialog")
        self._rows = [r for r in rows if r.id != item_id]
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Type a key or words of the title"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.matches = QListWidget(self)
        self.matches.setAccessibleName(self.tr("Matching cards"))
        self.matches.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.matches.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.kind_combo = QComboBox(self)
        for kind in DEPENDENCY_KINDS:
            self.kind_combo.addItem(kind.capitalize(), kind)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(self.tr("Why (optional)"))
        self.info = QLabel(self)
        self.info.setObjectName("hintLabel")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        heading = QLabel(self.tr("<b>{key}</b> depends on:").format(key=key), self)
        form = QFormLayout()
        form.addRow(self.tr("&Kind"), self.kind_combo)
        form.addRow(self.tr("&Note"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.search)
        layout.addWidget(self.matches, 1)
        layout.addWidget(self.info)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, 460)

        self.search.textChanged.connect(self._refill)
        self.matches.currentItemChanged.connect(self._update_ok)
        self.matches.itemActivated.connect(lambda _item: self.accept())
        self._refill()

    def _refill(self) -> None:
        words = self.search.text().lower().split()
        found = [r for r in self._rows if all(w in r.search_text for w in words)]
        self.matches.clear()
        for row in found[:MAX_MATCHES]:
            item = QListWidgetItem(f"{row.key}   {row.title}", self.matches)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, row.key)
            item.setToolTip(row.process_area or row.title)
        if found:
            self.matches.setCurrentRow(0)
        if len(found) > MAX_MATCHES:
            self.info.setText(self.tr("Showing {shown:,} of {total:,} matches; type more to narrow "
                                      "them down.").format(shown=MAX_MATCHES, total=len(found)))
        elif not found:
            self.info.setText(self.tr("No card matches."))
        else:
            self.info.setText(self.tr("{n:,} matching").format(n=len(found)))
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.matches.currentItem() is not None)

    def choice(self) -> DependencyChoice | None:
        item = self.matches.currentItem()
        if item is None:
            return None
        return DependencyChoice(int(item.data(Qt.ItemDataRole.UserRole)),
                                str(item.data(Qt.ItemDataRole.UserRole + 1)),
                                self.kind_combo.currentData(), self.note_edit.text().strip())

    def accept(self) -> None:
        if self.choice() is not None:
            super().accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down in the search field move through the matches without leaving it.
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = min(max(self.matches.currentRow() + step, 0), self.matches.count() - 1)
            self.matches.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)
