"""The register panel: filter bar, card count and the table of cards."""
from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.classification import FIT_CLASSES
from app.services.items import CHOICE_FIELDS
from views.project_context import Changes, ProjectContext
from views.register_model import (
    DESIGN_REQUIRED,
    UNCLASSIFIED,
    RegisterFilter,
    RegisterTableModel,
)

#: Typing pauses this long before the register filters (keeps typing smooth on big projects).
SEARCH_DEBOUNCE_MS = 120


def area_prefixes(paths: list[str]) -> list[str]:
    """Every path and each of its ancestors, so "Order to cash" filters its whole subtree."""
    found: set[str] = set()
    for path in paths:
        parts = path.split(" › ")
        for depth in range(1, len(parts) + 1):
            found.add(" › ".join(parts[:depth]))
    return sorted(found, key=str.casefold)


class RegisterPanel(QWidget):
    """Lists the project's cards; the selected card drives the editor and the graph."""

    #: the selected card id, or None when nothing is selected
    current_item_changed = Signal(object)

    def __init__(self, ctx: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RegisterTableModel(self)
        self._current_id: int | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("registerSearch")
        self.search.setPlaceholderText(self.tr("Search cards  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search cards"))
        self.search.setToolTip(self.tr("Every word must appear in the key, title, process area, "
                                       "stage, status, class, owner, workshop or tags"))
        self.search.installEventFilter(self)

        self.stage_combo = QComboBox(self)
        self.stage_combo.addItem(self.tr("All stages"), "")
        for stage in CHOICE_FIELDS["stage"]:
            self.stage_combo.addItem(stage.capitalize(), stage)
        self.stage_combo.setAccessibleName(self.tr("Stage filter"))
        self.stage_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.stage_combo.setMinimumContentsLength(8)

        self.area_combo = QComboBox(self)
        self.area_combo.addItem(self.tr("All process areas"), "")
        self.area_combo.setAccessibleName(self.tr("Process area filter"))
        self.area_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.area_combo.setMinimumContentsLength(14)

        self.class_combo = QComboBox(self)
        self.class_combo.addItem(self.tr("All classes"), "")
        for fit_class in FIT_CLASSES:
            self.class_combo.addItem(fit_class.capitalize(), fit_class)
        self.class_combo.addItem(self.tr("Unclassified"), UNCLASSIFIED)
        self.class_combo.addItem(self.tr("Design required"), DESIGN_REQUIRED)
        self.class_combo.setAccessibleName(self.tr("Class filter"))
        self.class_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.class_combo.setMinimumContentsLength(8)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")

        self.table = QTableView(self)
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RegisterTableModel.KEY, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setAccessibleName(self.tr("Card register"))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        widths = (92, 300, 140, 72, 78, 62, 108, 110)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(RegisterTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        # Owner is one right-click away; the title gets the room on a laptop screen.
        header.setSectionHidden(RegisterTableModel.OWNER, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(6)
        self.search.setMinimumWidth(180)
        bar.addWidget(self.search, 3)
        bar.addWidget(self.stage_combo, 1)
        bar.addWidget(self.area_combo, 2)
        bar.addWidget(self.class_combo, 1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        for combo in (self.stage_combo, self.area_combo, self.class_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self._after_reset)
        self.model.layoutChanged.connect(self._after_reset)

        ctx.project_changed.connect(self._project_changed)
        ctx.changed.connect(self._on_changed)
        self.reload()

    # -- data ----------------------------------------------------------------------------
    def _project_changed(self) -> None:
        # Ids repeat across projects: card 3 of the new file is not card 3 of the old one.
        self._set_current(None)
        self.reload()

    def reload(self) -> None:
        """Read every row again (project opened, cards added or archived)."""
        services = self.ctx.services
        rows = services.items.register_rows() if services else []
        self.model.set_rows(rows)
        self._fill_areas()
        if self._current_id is not None and self._current_id not in self.model.known_ids():
            self._set_current(None)

    def _on_changed(self, changes: Changes) -> None:
        services = self.ctx.services
        if services is None:
            return
        if changes.membership:
            self.reload()
        elif changes.items:
            unknown = self.model.refresh_rows(services.items.register_rows(list(changes.items)))
            if unknown:
                self.reload()
        self._update_count()

    def _fill_areas(self) -> None:
        chosen = self.area_combo.currentData()
        self.area_combo.blockSignals(True)
        self.area_combo.clear()
        self.area_combo.addItem(self.tr("All process areas"), "")
        for path in area_prefixes(self.model.process_area_paths()):
            depth = path.count(" › ")
            self.area_combo.addItem("    " * depth + path.rsplit(" › ", 1)[-1], path)
            self.area_combo.setItemData(self.area_combo.count() - 1, path,
                                        Qt.ItemDataRole.ToolTipRole)
        index = self.area_combo.findData(chosen) if chosen else 0
        self.area_combo.setCurrentIndex(max(index, 0))
        self.area_combo.blockSignals(False)
        if chosen and index < 0:
            self.apply_filter()

    # -- filtering -----------------------------------------------------------------------
    def current_filter(self) -> RegisterFilter:
        return RegisterFilter(
            text=self.search.text(),
            stage=self.stage_combo.currentData() or "",
            process_area=self.area_combo.currentData() or "",
            fit_class=self.class_combo.currentData() or "",
        )

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())
        self._update_count()

    def clear_filters(self) -> None:
        for widget in (self.search, self.stage_combo, self.area_combo, self.class_combo):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.stage_combo, self.area_combo, self.class_combo):
            combo.setCurrentIndex(0)
        for widget in (self.search, self.stage_combo, self.area_combo, self.class_combo):
            widget.blockSignals(False)
        self.apply_filter()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_count(self) -> None:
        total = self.model.total_count()
        shown = self.model.visible_count()
        if shown == total:
            text = self.tr("{n:,} cards").format(n=total) if total != 1 else self.tr("1 card")
        else:
            text = self.tr("{shown:,} of {total:,} cards").format(shown=shown, total=total)
        self.count_label.setText(text)

    # -- selection -----------------------------------------------------------------------
    def current_item_id(self) -> int | None:
        return self._current_id

    def select_item(self, item_id: int) -> bool:
        """Select a card, clearing the filters if they hide it; False if it does not exist."""
        if item_id not in self.model.known_ids():
            self.reload()
            if item_id not in self.model.known_ids():
                return False
        if self.model.row_of(item_id) is None:
            self.clear_filters()
        self._set_current(item_id)
        return True

    def _set_current(self, item_id: int | None) -> None:
        changed = item_id != self._current_id
        self._current_id = item_id
        self._select_row_of_current()
        if changed:
            self.current_item_changed.emit(item_id)

    def _select_row_of_current(self) -> None:
        selection = self.table.selectionModel()
        row = self.model.row_of(self._current_id) if self._current_id is not None else None
        selection.blockSignals(True)
        if row is None:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        else:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        selection.blockSignals(False)
        self.table.viewport().update()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = self.model.item_id(current.row()) if current.isValid() else None
        if item_id is not None and item_id != self._current_id:
            self._current_id = item_id
            self.current_item_changed.emit(item_id)

    def _after_reset(self) -> None:
        self._select_row_of_current()
        self._update_count()

    def _column_menu(self, pos: QPoint) -> None:
        """Right-click on the header: show or hide columns (Key and Title always stay)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in range(self.model.columnCount()):
            if column in (RegisterTableModel.KEY, RegisterTableModel.TITLE):
                continue
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(
                lambda shown, c=column: header.setSectionHidden(c, not shown))
        menu.exec(header.mapToGlobal(pos))
        menu.deleteLater()

    # -- keyboard ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self.apply_filter()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.apply_filter()
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                if self._current_id is None and self.model.visible_count():
                    self._set_current(self.model.item_id(0))
                return True
        return super().eventFilter(watched, event)
