"""The register model: qtmodeltester, filtering in the model, sorting, single-row refresh."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.project import ProjectServices
from tests.views.small_project import SmallProject
from views.register_model import (
    DESIGN_REQUIRED,
    UNCLASSIFIED,
    RegisterFilter,
    RegisterTableModel,
)


def _keys(model: RegisterTableModel) -> list[str]:
    return [model.data(model.index(r, RegisterTableModel.KEY)) for r in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester: Any, small_project: SmallProject) -> None:
    services = ProjectServices.open(small_project.path)
    try:
        model = RegisterTableModel()
        model.set_rows(services.items.register_rows())
        qtmodeltester.check(model)
        model.set_filter(RegisterFilter(text="approve"))
        qtmodeltester.check(model)
        model.sort(RegisterTableModel.TITLE, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model)
    finally:
        services.close()


def test_filter_words_and_class(small_project: SmallProject) -> None:
    services = ProjectServices.open(small_project.path)
    try:
        model = RegisterTableModel()
        model.set_rows(services.items.register_rows())
        assert model.rowCount() == 5
        model.set_filter(RegisterFilter(text="approve"))
        assert _keys(model) == ["REQ-0001", "REQ-0002", "REQ-0005"]
        model.set_filter(RegisterFilter(text="approve", fit_class="configure"))
        assert _keys(model) == ["REQ-0002"]
        model.set_filter(RegisterFilter(text="approve", fit_class=UNCLASSIFIED))
        assert _keys(model) == ["REQ-0005"]
        model.set_filter(RegisterFilter(fit_class=DESIGN_REQUIRED))
        assert _keys(model) == ["REQ-0003"]
        # Every word must match, in any field: "credit" alone finds two cards.
        model.set_filter(RegisterFilter(text="Credit APPROVE notes"))
        assert _keys(model) == ["REQ-0005"]
        # A process area matches itself and everything below it.
        model.set_filter(RegisterFilter(process_area="Order to cash"))
        assert _keys(model) == ["REQ-0001", "REQ-0003", "REQ-0004", "REQ-0005"]
        model.set_filter(RegisterFilter(stage="design"))
        assert _keys(model) == []
        assert model.total_count() == 5
    finally:
        services.close()


def test_sort_by_class_and_title(small_project: SmallProject) -> None:
    services = ProjectServices.open(small_project.path)
    try:
        model = RegisterTableModel()
        model.set_rows(services.items.register_rows())
        model.sort(RegisterTableModel.CLASS, Qt.SortOrder.AscendingOrder)
        # classified first (configure, customize, interface), then unclassified in key order
        assert _keys(model) == ["REQ-0002", "REQ-0001", "REQ-0003", "REQ-0004", "REQ-0005"]
        model.sort(RegisterTableModel.TITLE, Qt.SortOrder.AscendingOrder)
        titles = [model.data(model.index(r, RegisterTableModel.TITLE))
                  for r in range(model.rowCount())]
        assert titles == sorted(titles, key=str.casefold)
        model.sort(RegisterTableModel.KEY, Qt.SortOrder.DescendingOrder)
        assert _keys(model)[0] == "REQ-0005"
    finally:
        services.close()


def test_refresh_rows_updates_one_row(qtbot: Any, small_project: SmallProject) -> None:
    services = ProjectServices.open(small_project.path)
    try:
        model = RegisterTableModel()
        model.set_rows(services.items.register_rows())
        target = small_project.cards["REQ-0004"]
        services.items.update_item(target, "title", "Clean up customer and vendor data")
        with qtbot.waitSignal(model.dataChanged) as blocker:
            unknown = model.refresh_rows(services.items.register_rows([target]))
        assert unknown == []
        row = model.row_of(target)
        assert blocker.args[0].row() == row == blocker.args[1].row()
        assert model.data(model.index(row, RegisterTableModel.TITLE)) == \
            "Clean up customer and vendor data"
    finally:
        services.close()
