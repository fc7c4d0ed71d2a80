"""Where a support card came from, and the small things a user test found: plurals, thousands
separators, the catalogue preview's two kinds of problems, long titles showing their start."""
from __future__ import annotations

import dataclasses
import html
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt

from app.errors import ImportProblem
from app.project import ProjectServices
from tests.views.conftest import Shown, answer_dialog
from tests.views.small_project import SmallProject
from tests.views.test_transfers import _fill_as_tester, _patch_open
from views.app_window import MainWindow, build_main_window
from views.catalog_import_dialog import CatalogImportDialog
from views.project_context import Changes


def make_defect_support_card(services: ProjectServices, work: Path) -> tuple[str, str]:
    """Run a UAT round trip with one failed step; (defect key, support card key)."""
    cycle = next(c for c in services.testing.list_cycles() if c.step_count)
    work.mkdir(exist_ok=True)
    pack = services.exports.export_uat_pack(cycle.id, work)
    filled = work / "filled.xlsx"
    _fill_as_tester(pack, filled)
    outcome = services.uat_import.apply(services.uat_import.preview(filled))
    return outcome.defect_keys[0], outcome.support_item_keys[0]


def test_support_card_shows_its_defect_and_links_to_the_affected_cards(
        qtbot: Any, demo_window: MainWindow, tmp_path: Path) -> None:
    window = demo_window
    services = window.ctx.services
    assert services is not None
    defect_key, support_key = make_defect_support_card(services, tmp_path / "uat")
    rows = {r.key: r.id for r in services.items.register_rows()}
    origin = services.items.card(rows[support_key]).defects[0]
    assert origin.key == defect_key and origin.source_item_keys

    window.ctx.notify(Changes(membership=True, dependencies=True))  # as the UAT import does
    window.select_item(rows[support_key])
    label = window.editor.origin_label
    assert label.isVisible()
    text = label.text()
    assert f"From <b>{defect_key}</b>" in text
    assert html.escape(f"{origin.case_key} step {origin.step_number} in {origin.cycle_name}") \
        in text
    first = origin.source_item_keys[0]
    assert f'<a href="item:{first}">{first}</a>' in text
    assert defect_key in label.toolTip() and origin.title in label.toolTip()

    label.linkActivated.emit(f"item:{first}")  # a click on the affected card's key
    assert window.editor.card is not None and window.editor.card.key == first
    assert not window.editor.origin_label.isVisible()  # an ordinary card has no origin line


def test_status_bar_says_1_card(qtbot: Any, tmp_path: Path, settings: QSettings,
                                message_boxes: list[Shown]) -> None:
    services = ProjectServices.create(tmp_path / "one.erpp", name="One")
    services.items.capture_item("Only card")
    window = build_main_window(services, settings=settings)
    qtbot.addWidget(window)
    assert window.counts_label.text() == "1 card · 0 classified"
    window.close()


def test_title_shows_its_start_after_loading_and_leaving_the_field(
        qtbot: Any, open_window: MainWindow, small_project: SmallProject) -> None:
    window = open_window
    title = window.editor.title_edit
    title.setFixedWidth(120)  # narrower than the title
    window.select_item(small_project.cards["REQ-0001"])
    assert title.cursorPosition() == 0
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " now")
    assert title.cursorPosition() == len(title.text())
    window.register.table.setFocus()
    qtbot.waitUntil(window.register.table.hasFocus)
    assert title.text().endswith("credit limit now")
    assert title.cursorPosition() == 0
    title.setCursorPosition(5)
    window.select_item(small_project.cards["REQ-0002"])
    window.select_item(small_project.cards["REQ-0001"])  # same text again: still the start
    assert title.cursorPosition() == 0


def test_catalogue_preview_separates_skipped_rows_from_notes_and_groups_thousands(
        qtbot: Any, open_window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, message_boxes: list[Shown]) -> None:
    catalog = tmp_path / "catalog.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["End to end", "Process area", "Process", "Scenario"])
    for n in range(1, 1001):
        ws.append(["10 Acquire to dispose", "10.05 Define asset strategy",
                   f"10.05.{n:04d} Asset process {n}", None])
    ws.append(["10 Acquire to dispose", "10.05 Define asset strategy", "10.05.9999", None])
    book.save(catalog)
    _patch_open(monkeypatch, catalog)
    seen: dict[str, Any] = {}

    def review(dialog: CatalogImportDialog) -> None:
        try:
            seen["summary"] = dialog.summary_label.text()
            seen["tabs"] = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
            reason = dialog.skipped_table.item(0, 3)
            seen["skipped"] = reason.text() if reason else ""
            seen["tip"] = reason.toolTip() if reason else ""
            seen["wraps"] = dialog.skipped_table.wordWrap()
            seen["levels"] = [dialog.levels_table.item(r, 1).text()
                              for r in range(dialog.levels_table.rowCount())]
        finally:
            dialog.apply_button.click()  # never leave the modal dialog open

    answer_dialog(qtbot, CatalogImportDialog, review, timeout_ms=30000)
    with qtbot.waitSignal(open_window.transfers.finished, timeout=30000):
        open_window.main_actions.import_catalog.trigger()
    qtbot.waitUntil(lambda: message_boxes[-1].title == "Process catalogue imported"
                    if message_boxes else False, timeout=30000)
    assert "1,002 new nodes will be added" in seen["summary"]
    assert "1 row skipped, 0 imported with a note." in seen["summary"]
    assert seen["tabs"] == ["Skipped rows (1)", "Imported with a note (0)"]
    assert seen["skipped"].startswith("Row skipped:") and seen["tip"] == seen["skipped"]
    assert seen["wraps"]
    assert "1,000" in seen["levels"]
    assert message_boxes[-1].text == "1,002 process areas added."

    # A note (imported under a corrected number) goes to the second tab.
    preview = open_window.ctx.require().catalog.preview(catalog)
    note = ImportProblem(catalog.name, "Sheet", 7, "Process", "Imported as 10.05.0007: the "
                         "number in the name belongs to another process area.")
    dialog = CatalogImportDialog(dataclasses.replace(
        preview, problems=(*preview.problems, note)), open_window)
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(i) for i in range(2)] == ["Skipped rows (1)",
                                                          "Imported with a note (1)"]
    assert dialog.notes_table.item(0, 3).text() == note.reason
    assert dialog.notes_table.item(0, 1).text() == "7"
