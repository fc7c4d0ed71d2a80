"""The register's filter bar and the graph tab, driven like a user would."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.views.small_project import SmallProject
from views.app_window import GRAPH_TAB, REGISTER_TAB, MainWindow
from views.register_model import UNCLASSIFIED, RegisterTableModel


def _visible_keys(window: MainWindow) -> list[str]:
    model = window.register.model
    return [model.index(r, RegisterTableModel.KEY).data() for r in range(model.rowCount())]


def test_typing_filters_after_a_pause_and_combos_narrow_it(
        qtbot: Any, open_window: MainWindow) -> None:
    window = open_window
    register = window.register
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.register.table.setFocus()
    qtbot.keyClick(window.register.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert register.search.hasFocus()
    qtbot.keyClicks(register.search, "approve")
    assert len(_visible_keys(window)) == 5  # debounced: not filtered on each key
    qtbot.waitUntil(lambda: _visible_keys(window) == ["REQ-0001", "REQ-0002", "REQ-0005"])
    assert register.count_label.text() == "3 of 5 cards"
    register.class_combo.setCurrentIndex(register.class_combo.findData("configure"))
    assert _visible_keys(window) == ["REQ-0002"]
    assert register.count_label.text() == "1 of 5 cards"
    register.class_combo.setCurrentIndex(register.class_combo.findData(UNCLASSIFIED))
    assert _visible_keys(window) == ["REQ-0005"]
    # Escape clears the search; the class filter stays.
    qtbot.keyClick(register.search, Qt.Key.Key_Escape)
    assert _visible_keys(window) == ["REQ-0004", "REQ-0005"]
    register.area_combo.setCurrentIndex(register.area_combo.findData("Order to cash › Invoicing"))
    assert _visible_keys(window) == ["REQ-0005"]


def test_selection_survives_sorting_and_drives_the_editor(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    table = window.register.table
    table.selectRow(2)
    assert window.editor.card.key == "REQ-0003"
    table.sortByColumn(RegisterTableModel.TITLE, Qt.SortOrder.AscendingOrder)
    row = table.currentIndex().row()
    assert table.model().index(row, RegisterTableModel.KEY).data() == "REQ-0003"
    assert window.editor.card.key == "REQ-0003"


def test_a_card_hidden_by_the_filter_is_revealed_when_selected(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    window.register.search.setText("purchase")
    window.register.apply_filter()
    assert _visible_keys(window) == ["REQ-0002"]
    window.select_item(small_project.cards["REQ-0004"])
    assert window.register.search.text() == ""
    assert window.register.current_item_id() == small_project.cards["REQ-0004"]


def test_graph_tab_highlights_the_selection_and_picks_cards(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    cards = small_project.cards
    window.select_item(cards["REQ-0001"])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.graph.drawing_shown, timeout=5000):
        qtbot.keyClick(window.register.table, Qt.Key.Key_2,
                       Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == GRAPH_TAB
    view = window.graph.view
    assert view.node_rect(cards["REQ-0001"]) is not None
    assert view.node_rect(cards["REQ-0002"]) is None  # no links: not drawn
    assert view.highlighted_id() == cards["REQ-0001"]

    view.item_activated.emit(cards["REQ-0003"])  # a click on a node
    assert window.register.current_item_id() == cards["REQ-0003"]
    assert window.editor.card.key == "REQ-0003"
    assert view.highlighted_id() == cards["REQ-0003"]

    # A new link while the graph is showing redraws it.
    window.select_item(cards["REQ-0005"])
    with qtbot.waitSignal(window.graph.drawing_shown, timeout=5000):
        window.edits.add_dependency(cards["REQ-0005"], "REQ-0005", cards["REQ-0003"],
                                    "REQ-0003", "data", "")
    assert view.node_rect(cards["REQ-0005"]) is not None
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == REGISTER_TAB


def test_status_bar_shows_path_counts_and_save_state(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    assert window.path_label.text() == str(small_project.path)
    assert window.counts_label.text() == "5 cards · 3 classified"
    assert window.save_label.text() == "All changes saved"
    window.cards.new_card()
    assert window.counts_label.text() == "6 cards · 3 classified"
