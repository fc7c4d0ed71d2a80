"""What the window shows with no project open: new, open, and the recent projects."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from views.recent_files import RecentFiles


class StartPage(QWidget):
    """A calm first screen; every button has a menu shortcut as well."""

    new_requested = Signal()
    open_requested = Signal()
    recent_requested = Signal(object)  # Path

    def __init__(self, recent: RecentFiles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.recent = recent
        card = QFrame(self)
        card.setObjectName("startCard")
        title = QLabel(self.tr("ERP Pipeline Studio"), card)
        title.setObjectName("startTitle")
        subtitle = QLabel(self.tr("From workshop notes to tested, released ERP changes — in "
                                  "one project file."), card)
        subtitle.setObjectName("startSubtitle")
        subtitle.setWordWrap(True)
        new_button = QPushButton(self.tr("New project…"), card)
        new_button.setObjectName("primaryButton")
        new_button.setToolTip(self.tr("Ctrl+Shift+N"))
        new_button.clicked.connect(self.new_requested)
        open_button = QPushButton(self.tr("Open project…"), card)
        open_button.setToolTip(self.tr("Ctrl+O"))
        open_button.clicked.connect(self.open_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(open_button)
        buttons.addStretch(1)
        recent_title = QLabel(self.tr("Recent projects"), card)
        recent_title.setObjectName("sectionTitle")
        self.recent_list = QListWidget(card)
        self.recent_list.setObjectName("recentList")
        self.recent_list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addWidget(recent_title)
        layout.addWidget(self.recent_list, 1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card.setMinimumWidth(560)
        card.setMaximumWidth(720)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row, 4)
        outer.addStretch(1)

    def refresh(self) -> None:
        self.recent_list.clear()
        for path in self.recent.paths():
            item = QListWidgetItem(f"{path.stem}\n{path.parent}", self.recent_list)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            if not path.exists():
                item.setForeground(Qt.GlobalColor.gray)
        if not self.recent_list.count():
            item = QListWidgetItem(self.tr("No recent projects yet."), self.recent_list)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def _activated(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value:
            self.recent_requested.emit(Path(value))
