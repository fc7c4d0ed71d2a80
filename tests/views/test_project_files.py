"""File menu: bad files, a project in use, recent files, new project, save as, close."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from app.project import ProjectServices
from tests.views.conftest import Shown
from tests.views.small_project import SmallProject, build_small_project
from views.app_window import MainWindow, build_main_window
from views.new_project_dialog import NewProjectDialog
from views.recent_files import RecentFiles


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "is empty (0 bytes)"),
    (b"Customer,Amount\nContoso,12\n", "is a text file"),
])
def test_a_bad_file_shows_the_reason_and_keeps_the_current_project(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject, tmp_path: Path,
        message_boxes: list[Shown], monkeypatch: pytest.MonkeyPatch,
        content: bytes, expected: str) -> None:
    bad = tmp_path / "bad.erpp"
    bad.write_bytes(content)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(bad), "")))
    title = open_window.windowTitle()
    open_window.main_actions.open_project.trigger()
    assert [m.kind for m in message_boxes] == ["critical"]
    assert expected in message_boxes[0].text and "bad.erpp" in message_boxes[0].text
    assert open_window.ctx.services is not None
    assert open_window.ctx.services.path == small_project.path
    assert open_window.windowTitle() == title == "Contoso Finance — ERP Pipeline Studio"
    assert bad.read_bytes() == content  # refused files are never touched
    # The current project is still usable.
    assert open_window.cards.new_card() is not None


def test_a_project_in_use_offers_read_only_and_disables_editing(
        qtbot: Any, small_project: SmallProject, settings: QSettings,
        message_boxes: list[Shown]) -> None:
    holder = ProjectServices.open(small_project.path)  # "another window" holds the lock
    try:
        window = build_main_window(None, settings=settings)
        qtbot.addWidget(window)
        assert window.files.open_path(small_project.path)
        assert [m.kind for m in message_boxes] == ["question"]
        assert "open it read-only?" in message_boxes[0].text
        assert "is open in another window" in message_boxes[0].text
        services = window.ctx.services
        assert services is not None and services.read_only
        assert window.windowTitle() == "Contoso Finance [read-only] — ERP Pipeline Studio"
        assert window.save_label.text() == "Read-only"
        window.select_item(small_project.cards["REQ-0001"])
        editor = window.editor
        assert editor.card is not None
        assert not editor.is_editable()
        assert editor.title_edit.isReadOnly()
        assert not editor.stage_combo.isEnabled()
        assert not editor.classification_panel.record_button.isEnabled()
        assert not editor.dependencies_panel.add_button.isEnabled()
        assert not window.main_actions.new_card.isEnabled()
        assert not window.main_actions.import_uat.isEnabled()
        assert not window.workshop_picker.isEnabled()
        assert window.editor.read_only_label.isVisibleTo(window.editor)
        assert window.cards.new_card() is None
        window.close()
    finally:
        holder.close()


def test_declining_read_only_keeps_the_start_page(
        qtbot: Any, small_project: SmallProject, settings: QSettings,
        message_boxes: list[Shown], monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    holder = ProjectServices.open(small_project.path)
    try:
        window = build_main_window(None, settings=settings)
        qtbot.addWidget(window)
        assert not window.files.open_path(small_project.path)
        assert window.ctx.services is None
        assert window.windowTitle() == "ERP Pipeline Studio"
    finally:
        holder.close()


def test_recent_files_are_remembered_capped_and_pruned(
        qtbot: Any, tmp_path: Path, settings: QSettings, message_boxes: list[Shown]) -> None:
    paths = []
    for n in range(12):
        path = tmp_path / f"p{n}.erpp"
        ProjectServices.create(path, name=f"P{n}").close()
        paths.append(path)
    window = build_main_window(None, settings=settings)
    qtbot.addWidget(window)
    for path in paths:
        assert window.files.open_path(path)
    recent = RecentFiles(QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert recent.paths() == [p.resolve() for p in reversed(paths)][:10]

    window.files.close_project()
    paths[11].unlink()
    menu = QMenu()
    window.files.fill_recent_menu(menu)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert len(texts) == 9 + 1  # nine projects and "Clear list"
    assert "p11.erpp" not in " ".join(texts)
    assert "no longer found" in window.statusBar().currentMessage()
    # A file that vanishes after the menu was built is reported when chosen.
    paths[10].unlink()
    assert not window.files.open_recent(paths[10].resolve())
    assert message_boxes[-1].kind == "information" and "p10.erpp" in message_boxes[-1].text
    assert paths[10].resolve() not in window.recent.paths()
    window.close()


def test_new_project_through_the_dialog(
        qtbot: Any, tmp_path: Path, settings: QSettings, message_boxes: list[Shown]) -> None:
    window = build_main_window(None, settings=settings)
    qtbot.addWidget(window)
    window.recent.remember_project_dir(tmp_path)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewProjectDialog)
        qtbot.keyClicks(dialog.name_edit, "Fabrikam / Order to cash")
        qtbot.keyClicks(dialog.client_edit, "Fabrikam")
        dialog.product_combo.setCurrentText("SAP S/4HANA")
        assert dialog.path_edit.text() == str(tmp_path / "Fabrikam Order to cash.erpp")
        dialog.accept()

    QTimer.singleShot(0, fill)
    window.main_actions.new_project.trigger()
    services = window.ctx.services
    assert services is not None
    assert services.path == tmp_path / "Fabrikam Order to cash.erpp"
    assert window.windowTitle() == "Fabrikam / Order to cash — ERP Pipeline Studio"
    assert window.counts_label.text() == "0 cards · 0 classified"
    assert window.save_label.text() == "All changes saved"
    window.close()
    reopened = ProjectServices.open(tmp_path / "Fabrikam Order to cash.erpp")
    try:
        assert reopened.summary().client == "Fabrikam"
        assert reopened.db.project().erp_product == "SAP S/4HANA"
    finally:
        reopened.close()


def test_new_project_dialog_refuses_an_existing_file(qtbot: Any, tmp_path: Path) -> None:
    (tmp_path / "Taken.erpp").write_bytes(b"x")
    dialog = NewProjectDialog(str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Taken")
    dialog.accept()
    assert dialog.result() == 0 and "already exists" in dialog.error_label.text()


def test_save_as_continues_in_the_copy(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "copies" / "contoso-v2"
    copy.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(copy), "")))
    open_window.main_actions.save_as.trigger()
    target = copy.with_name("contoso-v2.erpp")
    assert open_window.ctx.services.path == target
    assert open_window.path_label.text() == str(target)
    assert open_window.windowFilePath() == str(target)
    open_window.cards.new_card()
    open_window.close()
    for path, expected in ((small_project.path, 5), (target, 6)):
        services = ProjectServices.open(path)
        try:
            assert len(services.items.register_rows()) == expected
        finally:
            services.close()


def test_close_shows_the_start_page_and_releases_the_file(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    open_window.main_actions.close_project.trigger()
    assert open_window.ctx.services is None
    assert open_window.windowTitle() == "ERP Pipeline Studio"
    assert open_window.pages.currentWidget() is open_window.start_page
    assert not open_window.main_actions.new_card.isEnabled()
    ProjectServices.open(small_project.path).close()  # no longer locked


def test_project_change_clears_the_undo_stack(
        qtbot: Any, open_window: MainWindow, tmp_path: Path) -> None:
    open_window.cards.new_card()
    assert open_window.undo_stack.count() == 1
    other = build_small_project(tmp_path / "other.erpp")
    assert open_window.files.open_path(other.path)
    assert open_window.undo_stack.count() == 0


def test_open_read_only_on_request(qtbot: Any, small_project: SmallProject,
                                   settings: QSettings, message_boxes: list[Shown]) -> None:
    window = build_main_window(None, settings=settings)
    qtbot.addWidget(window)
    assert window.files.open_path_read_only(small_project.path)
    assert message_boxes == []  # nobody holds it: no question needed
    assert window.ctx.read_only
    assert window.windowTitle() == "Contoso Finance [read-only] — ERP Pipeline Studio"
    window.close()


def test_opening_another_project_shows_its_own_first_card(
        qtbot: Any, open_window: MainWindow, tmp_path: Path) -> None:
    window = open_window
    window.select_item(1)
    other = tmp_path / "other.erpp"
    services = ProjectServices.create(other, name="Other")
    services.items.capture_item("Only card of the other project")
    services.close()
    assert window.files.open_path(other)
    assert window.editor.card is not None
    assert window.editor.card.title == "Only card of the other project"
    assert window.register.current_item_id() == window.editor.card.id
