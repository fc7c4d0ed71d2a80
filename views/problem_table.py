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
                    parent: QWidget | None = None, *, stretch: int = -1,
                    wrap: bool = False) -> QTableWidget:
    """A QTableWidget for a short, static list in a dialog (STYLE.md practice 8).

    Numbers get thousands separators; `wrap` wraps long text in the stretching column (rows
    grow to fit) so a long reason is readable without hovering.
    """
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(wrap)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            is_number = isinstance(value, int) and not isinstance(value, bool)
            text = "" if value is None else f"{value:,}" if is_number else str(value)
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if is_number:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    header.setSectionResizeMode(stretch if stretch >= 0 else len(headers) - 1,
                                QHeaderView.ResizeMode.Stretch)
    if wrap:
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def problem_table(problems: Sequence[ImportProblem], parent: QWidget | None = None
                  ) -> QTableWidget:
    tr = QCoreApplication.translate
    headers = [tr("ImportDialogs", "Sheet"), tr("ImportDialogs", "Row"),
               tr("ImportDialogs", "Column"), tr("ImportDialogs", "Reason")]
    return read_only_table(headers, [(p.sheet, p.row, p.column, p.reason) for p in problems],
                           parent, wrap=True)
