"""Setting up a project from the GUI: people, master-data domains, and who gets credited."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog

from app.project import ProjectServices
from models import MasterDataDomain
from tests.views.conftest import Shown, answer_dialog
from tests.views.small_project import SmallProject
from views.app_window import MainWindow, build_main_window
from views.card_fields import ADD_ENTRY
from views.people_dialogs import DomainForm, DomainsDialog, PeopleDialog, PersonForm
from views.user_name import SETTING, account_name, display_name


def _stored(path: Path) -> ProjectServices:
    return ProjectServices.open(path, read_only=True)


def _fill_person(qtbot: Any, name: str, role: str = "", organisation: str = "") -> Any:
    def fill(form: PersonForm) -> None:
        qtbot.keyClicks(form.name_edit, name)
        form.role_edit.setText(role)
        form.organisation_edit.setText(organisation)
        qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)  # Enter adds
    return answer_dialog(qtbot, PersonForm, fill)


def _pick_add_entry(combo: Any) -> None:
    index = combo.findData(ADD_ENTRY)
    assert index == combo.count() - 1  # offered at the end of the list
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_people_dialog_adds_a_person_with_the_keyboard(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    seen: dict[str, Any] = {}

    def use(dialog: PeopleDialog) -> None:
        seen["before"] = dialog.table.rowCount()
        _fill_person(qtbot, "Dana Scully", "Finance lead", "Client")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter on the list opens "Add person…"
        seen["rows"] = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        selected = dialog.table.selectedItems()
        seen["selected"] = selected[0].text() if selected else ""
        seen["count"] = dialog.count_label.text()
        dialog.accept()

    answer_dialog(qtbot, PeopleDialog, use)
    window.main_actions.people.trigger()
    assert seen["before"] == 3
    assert seen["rows"] == ["Anna Berg", "Ben Ortiz", "Chloe Ng", "Dana Scully"]
    assert seen["selected"] == "Dana Scully" and seen["count"] == "4 people"
    services = _stored(small_project.path)
    try:
        dana = next(p for p in services.lookups.people() if p.name == "Dana Scully")
        assert (dana.role, dana.organisation) == ("Finance lead", "Client")
    finally:
        services.close()
    # Every person picker offers the newcomer at once.
    assert window.editor.owner_combo.findData(dana.id) > 0
    assert window.editor.classification_panel.decided_by_combo.findData(dana.id) > 0


def test_domains_dialog_adds_a_domain_with_owner_and_approver(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    seen: dict[str, Any] = {}

    def fill(form: DomainForm) -> None:
        qtbot.keyClicks(form.name_edit, "Released products")
        form.owner_combo.setCurrentIndex(form.owner_combo.findData(small_project.people["ben"]))
        form.approver_combo.setCurrentIndex(
            form.approver_combo.findData(small_project.people["anna"]))
        qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)

    def use(dialog: DomainsDialog) -> None:
        answer_dialog(qtbot, DomainForm, fill)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        seen["rows"] = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        seen["people"] = {dialog.table.item(r, 0).text(): (dialog.table.item(r, 1).text(),
                                                          dialog.table.item(r, 2).text())
                          for r in range(dialog.table.rowCount())}
        dialog.accept()

    answer_dialog(qtbot, DomainsDialog, use)
    window.main_actions.domains.trigger()
    assert seen["rows"] == ["Customers", "Items", "Released products", "Vendors"]
    services = _stored(small_project.path)
    try:
        names = {p.id: p.name for p in services.lookups.people()}
        assert seen["people"]["Released products"] == (names[small_project.people["ben"]],
                                                       names[small_project.people["anna"]])
        with services.db.read() as s:
            domain = s.query(MasterDataDomain).filter_by(name="Released products").one()
            assert (domain.owner_id, domain.approver_id) == (small_project.people["ben"],
                                                              small_project.people["anna"])
    finally:
        services.close()
    listed = [window.editor.master_data_list.item(r).text()
              for r in range(window.editor.master_data_list.count())]
    assert "Released products" in listed


def test_add_person_from_the_owner_picker_selects_and_stores_them(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    item_id = small_project.cards["REQ-0004"]
    window.select_item(item_id)
    _fill_person(qtbot, "Erik Lund", "Master-data steward", "Client")
    _pick_add_entry(window.editor.owner_combo)
    services = _stored(small_project.path)
    try:
        erik = next(p.id for p in services.lookups.people() if p.name == "Erik Lund")
        assert services.items.card(item_id).owner_id == erik
    finally:
        services.close()
    assert window.editor.owner_combo.currentData() == erik
    assert window.undo_stack.undoText() == "Edit owner of REQ-0004"

    # Cancelling the dialog leaves the stored owner shown and changes nothing.
    def cancel(form: PersonForm) -> None:
        form.reject()
    answer_dialog(qtbot, PersonForm, cancel)
    _pick_add_entry(window.editor.requester_combo)
    assert window.editor.requester_combo.currentData() is None
    assert window.undo_stack.count() == 1


def test_add_person_from_decided_by_credits_the_decision_to_them(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    item_id = small_project.cards["REQ-0005"]
    window.select_item(item_id)
    panel = window.editor.classification_panel
    _fill_person(qtbot, "Farah Khan", "Controller", "Client")
    _pick_add_entry(panel.decided_by_combo)
    assert panel.decided_by_combo.currentText() == "Farah Khan"
    panel.record_button.click()
    services = _stored(small_project.path)
    try:
        assert services.items.card(item_id).classification.decided_by == "Farah Khan"
    finally:
        services.close()


def test_new_decision_is_mine_in_the_current_workshop_not_the_previous_deciders(
        qtbot: Any, tmp_path: Path, small_project: SmallProject, settings: QSettings,
        message_boxes: list[Shown], monkeypatch: pytest.MonkeyPatch) -> None:
    settings.setValue(SETTING, "Dana Scully")
    window = build_main_window(None, settings=settings)
    qtbot.addWidget(window)
    window.show()
    assert window.files.open_path(small_project.path)  # opened with the user's name as actor
    item_id = small_project.cards["REQ-0001"]  # decided by Anna, in no workshop
    window.select_item(item_id)
    panel = window.editor.classification_panel
    assert "by Anna Berg" in panel.current_label.text()
    assert panel.decided_by_combo.currentData() is None
    assert panel.decided_by_combo.currentText() == "(me: Dana Scully)"
    assert panel.decided_in_combo.currentData() == small_project.workshop_id
    assert window.workshop_picker.workshop_id() == small_project.workshop_id

    panel.class_combo.setCurrentIndex(panel.class_combo.findData("configure"))
    panel.record_button.click()
    services = _stored(small_project.path)
    try:
        current = services.items.card(item_id).classification
        assert (current.fit_class, current.decided_by, current.decided_by_id,
                current.decided_in_id) == ("configure", "Dana Scully", None,
                                           small_project.workshop_id)
    finally:
        services.close()
    assert "by Dana Scully" in panel.current_label.text()
    assert "in O2C fit-to-standard" in panel.current_label.text()

    # Edit › Your name… changes who is credited from now on (the project is reopened).
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("Fox Mulder", True)))
    window.main_actions.your_name.trigger()
    assert settings.value(SETTING) == "Fox Mulder"
    assert window.editor.card is not None and window.editor.card.id == item_id
    assert panel.decided_by_combo.currentText() == "(me: Fox Mulder)"
    panel.class_combo.setCurrentIndex(panel.class_combo.findData("customize"))
    panel.rationale_edit.setPlainText("Needs a second approver")
    panel.record_button.click()
    services = _stored(small_project.path)
    try:
        assert services.items.card(item_id).classification.decided_by == "Fox Mulder"
    finally:
        services.close()
    window.close()


def test_display_name_defaults_to_the_account_name(settings: QSettings) -> None:
    assert display_name(settings) == account_name() != ""
    settings.setValue(SETTING, "  Anna Berg ")
    assert display_name(settings) == "Anna Berg"
