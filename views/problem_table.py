"""A small read-only table of rows an importer could not use (sheet, row, column, reason)."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.errors import ImportProblem


def read_only_table(headers: Sequence[str], rows: Sequence[Sequence[object]],
                    parent: QWidget | None = None, *, stretch: int = -1) -> QTableWidget:
    """A QTableWidget for a short, static list in a dialog (STYLE.md practice 8)."""
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setToolTip(item.text())
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    header.setSectionResizeMode(stretch if stretch >= 0 else len(headers) - 1,
                                QHeaderView.ResizeMode.Stretch)
    return table


def problem_table(problems: Sequence[ImportProblem], parent: QWidget | None = None
                  ) -> QTableWidget:
    tr = QCoreApplication.translate
    headers = [tr("ImportDialogs", "Sheet"), tr("ImportDialogs", "Row"),
               tr("ImportDialogs", "Column"), tr("ImportDialogs", "Reason")]
    return read_only_table(headers, [(p.sheet, p.row, p.column, p.reason) for p in problems],
                           parent)
