"""Editing through the GUI reaches the project file, and Ctrl+Z takes it back out."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.project import ProjectServices
from tests.views.conftest import Shown
from tests.views.small_project import SmallProject
from views.app_window import MainWindow
from views.card_fields import COMMIT_DELAY_MS
from views.dependency_dialog import AddDependencyDialog


def _stored_card(path: Path, item_id: int) -> Any:
    services = ProjectServices.open(path, read_only=True)
    try:
        return services.items.card(item_id)
    finally:
        services.close()


def _press(qtbot: Any, window: MainWindow, key: Qt.Key,
           modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.ControlModifier,
           target: QWidget | None = None) -> None:
    """A key press where a user would make it: on the focused widget of the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(target or QApplication.focusWidget() or window, key, modifier)


def _leave_field(qtbot: Any, window: MainWindow) -> None:
    window.register.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.register.table.hasFocus)


def test_card_captured_with_ctrl_n_is_in_the_file_after_reopening(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    window.register.table.setFocus()
    _press(qtbot, window, Qt.Key.Key_N)
    title = window.editor.title_edit
    qtbot.waitUntil(title.hasFocus)
    assert window.editor.card is not None and window.editor.card.key == "REQ-0006"
    assert window.register.current_item_id() == window.editor.card.id
    qtbot.keyClicks(title, "Three-way match for imported goods")
    _leave_field(qtbot, window)
    window.close()

    services = ProjectServices.open(small_project.path)
    try:
        rows = {r.key: r for r in services.items.register_rows()}
        assert rows["REQ-0006"].title == "Three-way match for imported goods"
        assert rows["REQ-0006"].workshop == "O2C fit-to-standard"
        # The workshop's process area came along with the capture.
        assert rows["REQ-0006"].process_area_id == small_project.areas["sales"]
    finally:
        services.close()


def test_field_edit_persists_and_ctrl_z_undoes_it(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    item_id = small_project.cards["REQ-0004"]
    window.select_item(item_id)
    outcome = window.editor.outcome_edit
    outcome.setFocus()
    qtbot.waitUntil(outcome.hasFocus)
    qtbot.keyClicks(outcome, "One customer record per VAT number")
    _leave_field(qtbot, window)
    assert _stored_card(small_project.path, item_id).desired_outcome == \
        "One customer record per VAT number"

    _press(qtbot, window, Qt.Key.Key_Z)
    assert _stored_card(small_project.path, item_id).desired_outcome == ""
    assert outcome.toPlainText() == ""
    _press(qtbot, window, Qt.Key.Key_Y)
    assert _stored_card(small_project.path, item_id).desired_outcome == \
        "One customer record per VAT number"


def test_typing_is_on_disk_within_a_second_and_one_visit_is_one_undo_step(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    item_id = small_project.cards["REQ-0005"]
    window.select_item(item_id)
    rationale = window.editor.rationale_edit
    rationale.setFocus()
    qtbot.waitUntil(rationale.hasFocus)
    qtbot.keyClicks(rationale, "Auditors")
    qtbot.wait(COMMIT_DELAY_MS + 150)  # a pause in typing, still in the field
    assert _stored_card(small_project.path, item_id).rationale == "Auditors"
    qtbot.keyClicks(rationale, " asked for it")
    _leave_field(qtbot, window)
    assert _stored_card(small_project.path, item_id).rationale == "Auditors asked for it"
    assert window.undo_stack.count() == 1  # the two commits of one visit merged
    window.undo_stack.undo()
    assert _stored_card(small_project.path, item_id).rationale == ""


def test_stage_and_owner_commit_when_picked(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    item_id = small_project.cards["REQ-0002"]
    window.select_item(item_id)
    editor = window.editor
    editor.stage_combo.setCurrentIndex(editor.stage_combo.findData("design"))
    editor.stage_combo.activated.emit(editor.stage_combo.currentIndex())
    editor.owner_combo.setCurrentIndex(editor.owner_combo.findData(small_project.people["ben"]))
    editor.owner_combo.activated.emit(editor.owner_combo.currentIndex())
    card = _stored_card(small_project.path, item_id)
    assert (card.stage, card.owner_id) == ("design", small_project.people["ben"])
    row = window.register.model.row_of(item_id)
    assert window.register.model.index(row, 3).data() == "design"  # the register row followed
    window.undo_stack.undo()
    window.undo_stack.undo()
    card = _stored_card(small_project.path, item_id)
    assert (card.stage, card.owner_id) == ("intake", None)


def test_empty_title_is_refused_and_the_old_one_shown_again(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject,
        message_boxes: list[Shown]) -> None:
    window = open_window
    item_id = small_project.cards["REQ-0001"]
    window.select_item(item_id)
    title = window.editor.title_edit
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    _leave_field(qtbot, window)
    assert [m.kind for m in message_boxes] == ["warning"]
    assert "needs a title" in message_boxes[0].text
    assert title.text() == "Approve sales orders above the credit limit"
    assert window.undo_stack.count() == 0


def test_classification_persists_and_undo_restores_the_previous_one(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    item_id = small_project.cards["REQ-0002"]
    window.select_item(item_id)
    _press(qtbot, window, Qt.Key.Key_K)  # Classify…
    panel = window.editor.classification_panel
    qtbot.waitUntil(panel.class_combo.hasFocus)
    panel.class_combo.setCurrentIndex(panel.class_combo.findData("customize"))
    panel.design_check.setChecked(True)
    panel.object_combo.setCurrentIndex(panel.object_combo.findData("workflow"))
    panel.rationale_edit.setPlainText("Approval limits differ per legal entity")
    panel.decided_by_combo.setCurrentIndex(
        panel.decided_by_combo.findData(small_project.people["anna"]))
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)

    current = _stored_card(small_project.path, item_id).classification
    assert (current.fit_class, current.design_required, current.object_type,
            current.decided_by) == ("customize", True, "workflow", "Anna Berg")
    assert panel.history_list.item(0).text().startswith(
        "configure → customize by Anna Berg on ")
    assert panel.history_list.item(0).text().endswith(": Approval limits differ per legal entity")
    row = window.register.model.row_of(item_id)
    class_cell = window.register.model.index(row, 6)
    assert class_cell.data() == "customize"
    assert class_cell.data(Qt.ItemDataRole.ToolTipRole) == "customize; design required"

    previous_id = _stored_card(small_project.path, item_id).classification_history[1].id
    window.undo_stack.undo()
    card = _stored_card(small_project.path, item_id)
    # The undone decision leaves no trace in the history; the previous one is current again.
    assert [(r.id, r.fit_class, r.is_current) for r in card.classification_history] == \
        [(previous_id, "configure", True)]
    assert [panel.history_list.item(r).text() for r in range(panel.history_list.count())] \
        == [panel.history_line(card.classification_history[0], None)]
    assert "customize" not in panel.history_list.item(0).text()

    window.undo_stack.redo()
    card = _stored_card(small_project.path, item_id)
    assert [(r.fit_class, r.is_current) for r in card.classification_history] == \
        [("customize", True), ("configure", False)]
    assert (card.classification.rationale, card.classification.decided_by) == \
        ("Approval limits differ per legal entity", "Anna Berg")
    window.undo_stack.undo()  # undo after redo withdraws the re-recorded decision
    card = _stored_card(small_project.path, item_id)
    assert [r.id for r in card.classification_history] == [previous_id]
    assert card.classification.is_current


def test_refused_classification_shows_why_and_pushes_nothing(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject,
        message_boxes: list[Shown]) -> None:
    window = open_window
    item_id = small_project.cards["REQ-0004"]
    window.select_item(item_id)
    panel = window.editor.classification_panel
    panel.class_combo.setCurrentIndex(panel.class_combo.findData("interface"))
    panel.rationale_edit.clear()
    panel.record_button.click()
    assert len(message_boxes) == 1 and "needs a rationale" in message_boxes[0].text
    assert _stored_card(small_project.path, item_id).classification is None
    assert window.undo_stack.count() == 0


def _drive_dependency_dialog(qtbot: Any, search: str, kind: str = "data") -> list[str]:
    """Answer the next Add dependency dialog; returns the matches it listed."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AddDependencyDialog)
        qtbot.keyClicks(dialog.search, search)
        seen.extend(dialog.matches.item(r).text() for r in range(dialog.matches.count()))
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    return seen


def test_dependency_added_through_the_dialog_persists_and_undo_removes_it(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    cards = small_project.cards
    window.select_item(cards["REQ-0005"])
    seen = _drive_dependency_dialog(qtbot, "purchase approve", "security")
    _press(qtbot, window, Qt.Key.Key_D, target=window.register.table)
    assert seen == ["REQ-0002   Approve purchase orders by amount"]

    card = _stored_card(small_project.path, cards["REQ-0005"])
    assert [(d.other_key, d.kind) for d in card.depends_on] == [("REQ-0002", "security")]
    panel = window.editor.dependencies_panel
    assert panel.depends_on_list.item(0).text() == \
        "REQ-0002  (security)  Approve purchase orders by amount"

    _press(qtbot, window, Qt.Key.Key_Z, target=window.register.table)
    assert _stored_card(small_project.path, cards["REQ-0005"]).depends_on == ()
    assert panel.depends_on_list.item(0).data(Qt.ItemDataRole.UserRole) is None


def test_removing_a_dependency_is_undoable(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    cards = small_project.cards
    window.select_item(cards["REQ-0001"])
    panel = window.editor.dependencies_panel
    panel.required_by_list.setCurrentRow(0)  # REQ-0003 depends on REQ-0001
    panel.remove_button.click()
    assert _stored_card(small_project.path, cards["REQ-0001"]).required_by == ()
    window.undo_stack.undo()
    links = _stored_card(small_project.path, cards["REQ-0001"]).required_by
    assert [(d.other_key, d.kind) for d in links] == [("REQ-0003", "data")]


def test_cycle_is_refused_with_its_path_and_changes_nothing(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject,
        message_boxes: list[Shown]) -> None:
    window = open_window
    cards = small_project.cards
    window.select_item(cards["REQ-0004"])  # REQ-0003 → REQ-0001 → REQ-0004 already
    _drive_dependency_dialog(qtbot, "REQ-0003")
    window.editor.add_dependency()
    assert len(message_boxes) == 1
    assert message_boxes[0].kind == "warning"
    assert "REQ-0004 → REQ-0003 → REQ-0001 → REQ-0004" in message_boxes[0].text
    assert _stored_card(small_project.path, cards["REQ-0004"]).depends_on == ()
    assert window.undo_stack.count() == 0


def test_double_click_on_a_dependency_jumps_to_that_card(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    cards = small_project.cards
    window.select_item(cards["REQ-0003"])
    panel = window.editor.dependencies_panel
    panel.depends_on_list.itemActivated.emit(panel.depends_on_list.item(0))
    assert window.register.current_item_id() == cards["REQ-0001"]
    assert window.editor.card.key == "REQ-0001"


def test_new_card_undo_archives_and_redo_restores(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    new_id = window.cards.new_card()
    assert new_id is not None
    assert window.register.model.total_count() == 6
    window.undo_stack.undo()
    assert window.register.model.total_count() == 5
    assert window.editor.card is None
    window.undo_stack.redo()
    assert window.register.model.total_count() == 6
    # Keys are never reused: the next card gets a fresh key.
    window.cards.new_card()
    assert window.editor.card.key == "REQ-0007"


def test_process_area_accepts_a_known_path_and_reverts_unknown_text(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    item_id = small_project.cards["REQ-0004"]
    window.select_item(item_id)
    combo = window.editor.area_combo
    assert combo.completer().filterMode() == Qt.MatchFlag.MatchContains
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "voic")  # any part of the path
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == \
        ["Order to cash › Invoicing"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert _stored_card(small_project.path, item_id).process_area_id == \
        small_project.areas["invoicing"]

    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Nowhere in particular")
    _leave_field(qtbot, window)
    assert combo.currentText() == "Order to cash › Invoicing"
    assert _stored_card(small_project.path, item_id).process_area_id == \
        small_project.areas["invoicing"]
    window.undo_stack.undo()
    assert _stored_card(small_project.path, item_id).process_area_id == \
        small_project.areas["o2c"]


def test_master_data_ticks_commit_one_by_one(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    item_id = small_project.cards["REQ-0004"]
    window.select_item(item_id)
    domains = window.editor.master_data_list
    names = [domains.item(r).text() for r in range(domains.count())]
    assert names == ["Customers", "Items", "Vendors"]
    domains.item(0).setCheckState(Qt.CheckState.Checked)
    domains.item(2).setCheckState(Qt.CheckState.Checked)
    assert _stored_card(small_project.path, item_id).master_data == ("Customers", "Vendors")
    window.undo_stack.undo()
    assert _stored_card(small_project.path, item_id).master_data == ("Customers",)
