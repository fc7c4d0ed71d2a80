"""Imports and exports from the File menu: off the GUI thread, previewed, reported."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from tests.views.conftest import Shown, answer_dialog
from views.app_window import MainWindow
from views.catalog_import_dialog import CatalogImportDialog
from views.uat_import_dialog import UatImportDialog

REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"


def _last_title(shown: list[Shown]) -> str:
    return shown[-1].title if shown else ""


def _patch_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(folder)))


def _patch_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def _choose_first(monkeypatch: pytest.MonkeyPatch, offered: list[list[str]],
                  pick: int = 0) -> None:
    def get_item(_parent: Any, _title: str, _label: str, items: list[str], *args: Any,
                 **kwargs: Any) -> tuple[str, bool]:
        offered.append(list(items))
        return items[pick], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))


def _fill_as_tester(pack: Path, target: Path) -> None:
    book = openpyxl.load_workbook(pack)
    ws = book["Test steps"]
    header = [c.value for c in ws[1]]
    col = {h: header.index(h) + 1 for h in header if h}
    ws.cell(2, col["Result"]).value = "Pass"
    ws.cell(2, col["Tester"]).value = "Tina Tester"
    ws.cell(2, col["Date"]).value = date(2026, 11, 20)
    ws.cell(3, col["Result"]).value = "Fail"
    ws.cell(3, col["Actual result"]).value = "Order was accepted without a customer reference"
    ws.cell(3, col["Tester"]).value = "Tina Tester"
    ws.cell(4, col["Step ID"]).value = "not-a-step"
    ws.cell(4, col["Result"]).value = "Pass"
    book.save(target)


def test_uat_pack_out_and_results_back_in(
        qtbot: Any, demo_window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, message_boxes: list[Shown]) -> None:
    window = demo_window
    services = window.ctx.services
    assert services is not None
    cycles = services.testing.list_cycles()
    offered: list[list[str]] = []
    _choose_first(monkeypatch, offered, pick=next(i for i, c in enumerate(cycles)
                                                  if c.step_count))
    out = tmp_path / "out"
    out.mkdir()
    _patch_folder(monkeypatch, out)
    with qtbot.waitSignal(window.transfers.finished, timeout=20000):
        window.main_actions.export_uat_pack.trigger()
    packs = list(out.glob("*.xlsx"))
    assert len(packs) == 1
    if len(cycles) > 1:
        assert len(offered) == 1 and len(offered[0]) == len(cycles)
    done = message_boxes[-1]
    assert (done.kind, done.title) == ("exec", "Export finished")
    assert packs[0].name in done.text
    assert packs[0].name in window.statusBar().currentMessage()
    assert window.recent.export_dir() == str(out)

    filled = tmp_path / "filled.xlsx"
    _fill_as_tester(packs[0], filled)
    _patch_open(monkeypatch, filled)
    seen: dict[str, Any] = {}

    def review(dialog: UatImportDialog) -> None:
        seen["changes"] = dialog.changes_table.rowCount()
        seen["defects"] = dialog.defects_table.rowCount()
        seen["problems"] = [dialog.problems_table.item(r, c).text()
                            for r in range(dialog.problems_table.rowCount()) for c in range(4)]
        seen["summary"] = dialog.summary_text()
        dialog.apply_button.click()

    before = window.register.model.total_count()
    answer_dialog(qtbot, UatImportDialog, review)
    with qtbot.waitSignal(window.transfers.finished, timeout=20000):
        window.main_actions.import_uat.trigger()  # the preview
    qtbot.waitUntil(lambda: _last_title(message_boxes) == "UAT results imported",
                    timeout=20000)
    assert seen["changes"] == 2 and seen["defects"] == 1
    assert "4" in seen["problems"] and any("not-a-step" in t or "Step ID" in t
                                           for t in seen["problems"])
    assert seen["summary"].startswith("2 results to update, 1 defect to create")
    result = message_boxes[-1]
    assert result.kind == "information"
    assert result.text.startswith("2 results updated, 1 defect created (DEF-")
    assert "→ REQ-" in result.text
    # The new support item is in the register straight away.
    assert window.register.model.total_count() == before + 1
    support_key = result.text.rsplit("→ ", 1)[1].rstrip(")")
    assert support_key in {window.register.model.register_row(i).key
                           for i in window.register.model.known_ids()}


def test_a_file_that_is_not_a_pack_is_refused_with_its_reason(
        qtbot: Any, demo_window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, message_boxes: list[Shown]) -> None:
    notes = tmp_path / "results.csv"
    notes.write_text("Step ID,Result\n1,Pass\n", encoding="utf-8")
    _patch_open(monkeypatch, notes)
    with qtbot.waitSignal(demo_window.transfers.finished, timeout=20000):
        demo_window.main_actions.import_uat.trigger()
    assert message_boxes[-1].kind == "warning"
    assert "results.csv" in message_boxes[-1].text


def test_fitgap_register_export(qtbot: Any, demo_window: MainWindow, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch,
                                message_boxes: list[Shown]) -> None:
    _patch_folder(monkeypatch, tmp_path)
    with qtbot.waitSignal(demo_window.transfers.finished, timeout=20000):
        demo_window.main_actions.export_fitgap.trigger()
    files = list(tmp_path.glob("*.xlsx"))
    assert len(files) == 1
    book = openpyxl.load_workbook(files[0], read_only=True)
    text = " ".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                    for v in row if v is not None)
    book.close()
    first = demo_window.register.model.register_row(min(demo_window.register.model.known_ids()))
    assert first.key in text
    assert message_boxes[-1].title == "Export finished"


def test_design_pack_and_mapping_exports_offer_a_choice(
        qtbot: Any, demo_window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, message_boxes: list[Shown]) -> None:
    services = demo_window.ctx.services
    assert services is not None
    offered: list[list[str]] = []
    _choose_first(monkeypatch, offered)
    _patch_folder(monkeypatch, tmp_path)
    with qtbot.waitSignal(demo_window.transfers.finished, timeout=30000):
        demo_window.main_actions.export_design_pack.trigger()
    assert list(tmp_path.glob("*.docx"))
    with qtbot.waitSignal(demo_window.transfers.finished, timeout=30000):
        demo_window.main_actions.export_mapping.trigger()
    assert list(tmp_path.glob("*.xlsx"))
    packs, sets = services.designs.list_packs(), services.mapping.list_sets()
    expected = [len(packs)] if len(packs) > 1 else []
    expected += [len(sets) + 1] if len(sets) > 1 else []
    assert [len(o) for o in offered] == expected
    assert [m.title for m in message_boxes[-2:]] == ["Export finished", "Export finished"]


def test_process_catalogue_import(qtbot: Any, open_window: MainWindow, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch,
                                  message_boxes: list[Shown]) -> None:
    catalog = tmp_path / "catalog.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["End to end", "Process area", "Process", "Scenario"])
    ws.append(["10 Acquire to dispose", "10.05 Define asset strategy",
               "10.05.010 Classify assets", None])
    ws.append(["10 Acquire to dispose", "10.05 Define asset strategy",
               "10.05.020 Plan asset budgets", None])
    book.save(catalog)
    _patch_open(monkeypatch, catalog)
    seen: dict[str, Any] = {}

    def review(dialog: CatalogImportDialog) -> None:
        seen["new"] = dialog.preview.new_nodes
        seen["apply"] = dialog.apply_button.isEnabled()
        dialog.apply_button.click()

    answer_dialog(qtbot, CatalogImportDialog, review)
    with qtbot.waitSignal(open_window.transfers.finished, timeout=20000):
        open_window.main_actions.import_catalog.trigger()
    qtbot.waitUntil(lambda: _last_title(message_boxes) == "Process catalogue imported",
                    timeout=20000)
    assert seen == {"new": 4, "apply": True}
    assert message_boxes[-1].text == "4 process areas added."
    # The editor's process-area list offers the new nodes at once.
    paths = [open_window.editor.area_combo.itemText(i)
             for i in range(open_window.editor.area_combo.count())]
    assert "Acquire to dispose › Define asset strategy › Classify assets" in paths


def test_real_order_to_cash_catalogue_preview(qtbot: Any, open_window: MainWindow,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    source = REALDATA / "fitgap" / "d365_bpc_order_to_cash_full_export_may2025.xlsx"
    if not source.exists():
        pytest.skip(f"real catalogue {source.name} not found (shared/realdata sits beside "
                    "the checkout)")
    _patch_open(monkeypatch, source)
    seen: dict[str, Any] = {}

    def review(dialog: CatalogImportDialog) -> None:
        seen["levels"] = [dialog.levels_table.item(r, 1).text()
                          for r in range(dialog.levels_table.rowCount())]
        seen["new"] = dialog.preview.new_nodes
        dialog.reject()

    answer_dialog(qtbot, CatalogImportDialog, review, timeout_ms=60000)
    with qtbot.waitSignal(open_window.transfers.finished, timeout=60000):
        open_window.main_actions.import_catalog.trigger()
    assert seen["new"] > 50
    assert int(seen["levels"][0]) >= 1
