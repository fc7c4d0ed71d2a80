"""Keyboard-only use: the shortcuts a facilitator relies on during a live workshop."""
from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from app.project import ProjectServices
from tests.views.small_project import SmallProject
from views.app_window import GRAPH_TAB, REGISTER_TAB, MainWindow
from views.card_editor import FITGAP_TAB

CTRL = Qt.KeyboardModifier.ControlModifier


def _activate(qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_shortcuts_move_between_register_graph_and_editor(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    _activate(qtbot, window)
    window.select_item(small_project.cards["REQ-0002"])
    window.register.table.setFocus()
    qtbot.keyClick(window.register.table, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)
    assert window.editor.title_edit.hasFocus()
    assert window.editor.title_edit.selectedText() == "Approve purchase orders by amount"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, CTRL)
    assert window.tabs.currentIndex() == GRAPH_TAB
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, CTRL)
    assert window.tabs.currentIndex() == REGISTER_TAB
    assert window.register.table.hasFocus()
    qtbot.keyClick(window.register.table, Qt.Key.Key_K, CTRL)
    assert window.editor.tabs.currentIndex() == FITGAP_TAB
    assert window.editor.classification_panel.class_combo.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, CTRL)
    assert window.register.search.hasFocus()
    # Down from the search field goes to the list; arrows then walk the cards.
    qtbot.keyClick(window.register.search, Qt.Key.Key_Down)
    assert window.register.table.hasFocus()
    qtbot.keyClick(window.register.table, Qt.Key.Key_Down)
    assert window.editor.card.key == "REQ-0003"


def test_tab_order_in_the_editor_follows_the_form(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    _activate(qtbot, window)
    window.select_item(small_project.cards["REQ-0001"])
    editor = window.editor
    editor.focus_title()
    order = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [editor.stage_combo, editor.status_combo, editor.priority_combo,
                     editor.owner_combo, editor.requester_combo, editor.source_combo,
                     editor.workshop_combo]


def test_new_workshop_becomes_the_current_one_for_new_cards(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda *a, **k: ("Procure-to-pay deep dive", True)))
    window = open_window
    window.main_actions.new_workshop.trigger()
    assert window.workshop_picker.currentText().endswith("Procure-to-pay deep dive")
    # The card editor's workshop list knows it too.
    workshops = [window.editor.workshop_combo.itemText(i)
                 for i in range(window.editor.workshop_combo.count())]
    assert "Procure-to-pay deep dive" in workshops
    new_id = window.cards.new_card()
    qtbot.keyClicks(window.editor.title_edit, "Vendor bank details need dual control")
    window.editor.flush()
    services = ProjectServices.open(small_project.path, read_only=True)
    try:
        row = services.items.register_rows([new_id])[0]
        assert (row.title, row.workshop) == ("Vendor bank details need dual control",
                                             "Procure-to-pay deep dive")
    finally:
        services.close()


def test_undo_first_commits_what_is_being_typed(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    item_id = small_project.cards["REQ-0004"]
    window.select_item(item_id)
    tags: QLineEdit = window.editor.tags_edit
    tags.setFocus()
    qtbot.keyClicks(tags, "data-migration")
    assert window.undo_stack.count() == 0  # still typing: nothing committed yet
    window.main_actions.undo.trigger()  # e.g. the toolbar button, focus stays in the field
    services = ProjectServices.open(small_project.path, read_only=True)
    try:
        assert services.items.card(item_id).tags == ""
    finally:
        services.close()
    assert window.undo_stack.canRedo()
    assert window.main_actions.redo.text() == "&Redo Edit tags of REQ-0004"
