"""UAT pack out, filled in by a tester, back in: results, defects, support items, idempotence."""
from __future__ import annotations

import hashlib
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.errors import SpreadsheetFormatError
from app.project import ProjectServices


def _export_pack(demo: ProjectServices, out: Path) -> tuple[Path, str]:
    cycle = next(c for c in demo.testing.list_cycles() if c.step_count)
    return demo.exports.export_uat_pack(cycle.id, out), cycle.name


def _fill_as_tester(pack: Path, target: Path) -> None:
    """What a business tester does: results in their own words, a comment starting with '='."""
    book = openpyxl.load_workbook(pack)
    ws = book["Test steps"]
    header = [c.value for c in ws[1]]
    col = {h: header.index(h) + 1 for h in header if h}
    ws.cell(2, col["Result"]).value = "passed"
    ws.cell(2, col["Tester"]).value = "Tina Tester"
    ws.cell(2, col["Date"]).value = date(2026, 11, 20)
    ws.cell(3, col["Result"]).value = "Fail"
    ws.cell(3, col["Actual result"]).value = "Order was accepted without a customer reference"
    comment = ws.cell(3, col["Comments"])
    comment.value = "=see screenshot in mail"
    comment.data_type = "s"  # Excel stores what the tester typed after an apostrophe as text
    ws.cell(3, col["Tester"]).value = "Tina Tester"
    ws.cell(4, col["Result"]).value = "OK"
    ws.cell(5, col["Result"]).value = "FAIL: credit block not shown"
    ws.title = "My results"  # testers rename sheets
    book.save(target)


def test_filled_pack_gives_results_and_defects_once(demo: ProjectServices,
                                                    tmp_path: Path) -> None:
    pack, cycle_name = _export_pack(demo, tmp_path)
    filled = tmp_path / "filled.xlsx"
    _fill_as_tester(pack, filled)
    before = {r.key for r in demo.items.register_rows()}

    preview = demo.uat_import.preview(filled)
    assert preview.cycle_name == cycle_name
    assert sorted(c.new_result for c in preview.changes) == ["Fail", "Fail", "Pass", "Pass"]
    assert len(preview.defects_to_create) == 2
    assert "customer reference" in preview.defects_to_create[0].title
    outcome = demo.uat_import.apply(preview)
    assert outcome.results_changed == 4
    assert outcome.defect_keys == ("DEF-0001", "DEF-0002")

    after = {r.key: r for r in demo.items.register_rows()}
    new_keys = set(after) - before
    assert new_keys == set(outcome.support_item_keys)
    support = after[outcome.support_item_keys[0]]
    assert support.stage == "support"
    assert len(set(outcome.support_item_keys)) == 2
    card = demo.items.card(support.id)
    assert "=see screenshot in mail" in card.rationale  # the '=' text stayed text

    again = demo.uat_import.preview(filled)
    assert not again.has_changes and again.unchanged_count >= 4
    assert demo.uat_import.apply(again).results_changed == 0
    assert {r.key for r in demo.items.register_rows()} == set(after)


def _bad_spreadsheets(tmp_path: Path, realdata_xls: Path | None) -> dict[str, Path]:
    files = {}
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    files["0 bytes"] = empty
    lock = tmp_path / "~$results.xlsx"
    lock.write_bytes(b"\x05Tina Tester" + b"\x00" * 150)
    files["lock file"] = lock
    csv = tmp_path / "results.csv"
    csv.write_text("Step ID,Result\n1,Pass\n", encoding="utf-8")
    files["text"] = csv
    ods = tmp_path / "results.ods"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    files["OpenDocument"] = ods
    if realdata_xls is not None:
        files["97-2003"] = realdata_xls
    return files


def test_wrong_files_get_a_clear_message_and_change_nothing(demo: ProjectServices,
                                                            tmp_path: Path) -> None:
    from tests.core.conftest import REALDATA

    xls = REALDATA / "uat" / "qtest_regression_testcase_export.xls"
    digest_before = hashlib.sha256(demo.path.read_bytes()).hexdigest()
    for word, path in _bad_spreadsheets(tmp_path, xls if xls.exists() else None).items():
        with pytest.raises(SpreadsheetFormatError) as info:
            demo.uat_import.preview(path)
        message = str(info.value)
        assert path.name in message, message
        assert word.lower() in message.lower(), (word, message)
    foreign = tmp_path / "foreign.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Test", "Status"])
    book.save(foreign)
    with pytest.raises(SpreadsheetFormatError, match="foreign.xlsx"):
        demo.uat_import.preview(foreign)
    assert hashlib.sha256(demo.path.read_bytes()).hexdigest() == digest_before


def test_blank_or_not_run_never_erases_an_earlier_result(demo: ProjectServices,
                                                         tmp_path: Path) -> None:
    """Two testers fill in copies of one pack; the second file must not wipe the first."""
    pack, _ = _export_pack(demo, tmp_path)
    first, second = tmp_path / "anna.xlsx", tmp_path / "ben.xlsx"
    for target, row, result, who in ((first, 2, "Fail", "Anna"), (second, 3, "Pass", "Ben")):
        book = openpyxl.load_workbook(pack)
        ws = book["Test steps"]
        header = [c.value for c in ws[1]]
        ws.cell(row, header.index("Result") + 1).value = result
        ws.cell(row, header.index("Tester") + 1).value = who
        ws.cell(row, header.index("Actual result") + 1).value = f"{who} saw this"
        book.save(target)
    demo.uat_import.apply(demo.uat_import.preview(first))
    preview = demo.uat_import.preview(second)
    assert [(c.old_result, c.new_result) for c in preview.changes] == [("Not run", "Pass")]
    assert preview.defects_to_create == ()
    demo.uat_import.apply(preview)
    import sqlite3

    conn = sqlite3.connect(demo.path)
    rows = sorted(conn.execute("SELECT result, tester, actual_result FROM test_result"))
    conn.close()
    assert rows == [("fail", "Anna", "Anna saw this"), ("pass", "Ben", "Ben saw this")]


def test_re_exported_pack_shows_results_so_far(demo: ProjectServices, tmp_path: Path) -> None:
    first = tmp_path / "first"
    first.mkdir()
    pack, _ = _export_pack(demo, first)
    filled = tmp_path / "filled.xlsx"
    _fill_as_tester(pack, filled)
    demo.uat_import.apply(demo.uat_import.preview(filled))
    second = tmp_path / "second"
    second.mkdir()
    again, _ = _export_pack(demo, second)
    assert again.name.endswith("_v2.xlsx")
    ws = openpyxl.load_workbook(again)["Test steps"]
    header = [c.value for c in ws[1]]
    col = {h: header.index(h) for h in header if h}
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=5)]
    assert [r[col["Result"]] for r in rows] == ["Pass", "Fail", "Pass", "Fail"]
    assert rows[1][col["Actual result"]] == "Order was accepted without a customer reference"
    assert rows[1][col["Defect"]] == "DEF-0001"
    assert rows[0][col["Tester"]] == "Tina Tester"


def _fill(pack: Path, target: Path, rows: dict[int, dict[str, object]],
          tester_down: str = "") -> None:
    book = openpyxl.load_workbook(pack)
    ws = book["Test steps"]
    header = [c.value for c in ws[1]]
    if tester_down:
        for r in range(2, ws.max_row + 1):
            ws.cell(r, header.index("Tester") + 1).value = tester_down
    for row, values in rows.items():
        for name, value in values.items():
            ws.cell(row, header.index(name) + 1).value = value
    book.save(target)


def test_a_copy_with_the_tester_typed_down_reattributes_nothing(demo: ProjectServices,
                                                                tmp_path: Path) -> None:
    pack, _ = _export_pack(demo, tmp_path)
    petra, jonas = tmp_path / "petra.xlsx", tmp_path / "jonas.xlsx"
    _fill(pack, petra, {2: {"Result": "Fail", "Tester": "Petra A", "Actual result": "Wrong price",
                            "Defect": "JIRA-17"}})
    _fill(pack, jonas, {3: {"Result": "Pass"}}, tester_down="Jonas B")
    demo.uat_import.apply(demo.uat_import.preview(petra))
    preview = demo.uat_import.preview(jonas)
    assert [(c.old_result, c.new_result, c.tester) for c in preview.changes] == [
        ("Not run", "Pass", "Jonas B")]
    demo.uat_import.apply(preview)

    retest_dir = tmp_path / "retest"
    retest_dir.mkdir()
    retest, _ = _export_pack(demo, retest_dir)
    filled = tmp_path / "retest.xlsx"
    _fill(retest, filled, {2: {"Result": "Pass", "Tester": "Petra A", "Actual result": None,
                               "Defect": None}})
    demo.uat_import.apply(demo.uat_import.preview(filled))
    import sqlite3

    conn = sqlite3.connect(demo.path)
    rows = sorted(conn.execute("SELECT result, tester, actual_result, defect_ref "
                               "FROM test_result"))
    conn.close()
    assert rows == [("pass", "Jonas B", "", ""), ("pass", "Petra A", "", "")]

    stale = demo.uat_import.preview(petra)  # Petra's old file again, after the retest
    assert [(c.old_result, c.new_result) for c in stale.changes] == [("Pass", "Fail")]
    assert any("already imported" in w for w in stale.warnings)
    assert any("v2 was exported later" in w for w in stale.warnings)


def test_notes_without_a_result_are_reported_not_lost_silently(demo: ProjectServices,
                                                              tmp_path: Path) -> None:
    pack, _ = _export_pack(demo, tmp_path)
    filled = tmp_path / "notes.xlsx"
    _fill(pack, filled, {2: {"Comments": "could not log in"}})
    preview = demo.uat_import.preview(filled)
    assert not preview.changes
    assert [p.row for p in preview.problems] == [2]
    assert "notes but no result" in preview.problems[0].reason
