"""UAT pack workbook: the fixed format the results reader relies on."""
from __future__ import annotations

import datetime
import errno
import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from exporter_samples import EMOJI_NOTE, FORMULA_LIKE, LONG_NOTE, uat_pack
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from exporters.column_fit import text_width
from exporters.errors import ExportInputError, ExportWriteError
from exporters.text_safety import EXCEL_CELL_LIMIT, utf16_length
from exporters.uat_pack_xlsx import UatPack, uat_pack_checksum, write_uat_pack

Leftovers = Callable[..., list[str]]

# The contract with the reader, spelled out rather than imported, so a change here is deliberate.
HEADERS = [
    "Step ID", "Case ID", "Test case", "Case title", "Items", "Step", "Action",
    "Expected result", "Test data", "Result", "Actual result", "Tester", "Date", "Defect",
    "Comments",
]
INFO_KEYS = ["Pack ID", "Cycle", "Cycle ID", "Version", "Exported at", "Step count", "Checksum"]


def _export(tmp_path: Path, pack: UatPack) -> Workbook:
    target = write_uat_pack(pack, tmp_path / "uat.xlsx")
    return openpyxl.load_workbook(target)


def _step_ids(pack: UatPack) -> list[str]:
    return [step.step_id for case in pack.cases for step in case.steps]


def test_sheets_order_visibility_and_active(tmp_path: Path) -> None:
    book = _export(tmp_path, uat_pack())
    assert book.sheetnames == ["Instructions", "Test steps", "Pack info"]
    assert book.active.title == "Instructions"
    assert book["Pack info"].sheet_state == "hidden"
    assert book["Test steps"].sheet_state == "visible"
    assert book.security is not None and book.security.lockStructure


def test_steps_sheet_header_and_one_row_per_step(tmp_path: Path) -> None:
    pack = uat_pack(cases=3, steps=2)
    sheet = _export(tmp_path, pack)["Test steps"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.max_row == 1 + 6
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == _step_ids(pack)
    assert [r[1] for r in rows] == [c.case_id for c in pack.cases for _ in c.steps]
    first = rows[0]
    case, step = pack.cases[0], pack.cases[0].steps[0]
    assert first[2:10] == (case.key, case.title, "REQ-0042, REQ-0051", 1, step.action,
                           step.expected, step.test_data, "Not run")
    assert all(r[9] == "Not run" for r in rows)
    assert all(v is None for r in rows for v in r[10:])


def test_id_columns_hidden_and_result_validation(tmp_path: Path) -> None:
    sheet = _export(tmp_path, uat_pack(cases=2, steps=3))["Test steps"]
    assert sheet.column_dimensions["A"].hidden and sheet.column_dimensions["B"].hidden
    assert not sheet.column_dimensions["C"].hidden
    validations = sheet.data_validations.dataValidation
    assert len(validations) == 1
    result = validations[0]
    assert result.type == "list"
    assert result.formula1 == '"Pass,Fail,Blocked,Not run"'
    assert str(result.sqref) == "J2:J7"
    assert result.showErrorMessage


def test_protection_locks_the_script_and_frees_the_tester_columns(tmp_path: Path) -> None:
    sheet = _export(tmp_path, uat_pack())["Test steps"]
    protection = sheet.protection
    assert protection.sheet
    assert not protection.password
    assert protection.autoFilter is False and protection.sort is False  # allowed
    for column in "ABCDEFGHI":
        assert sheet[f"{column}2"].protection.locked, column
    assert not sheet["J2"].protection.locked
    for column in "KLMNO":  # empty input cells take the column's style: unlocked
        assert not sheet.column_dimensions[column].protection.locked, column
    assert sheet.column_dimensions["M"].number_format == "yyyy-mm-dd"
    assert sheet["C2"].fill.fgColor.rgb.endswith("E7E6E6")  # grey: do not edit


def test_sheet_conveniences_frozen_filtered_formatted_unmerged(tmp_path: Path) -> None:
    book = _export(tmp_path, uat_pack(cases=2, steps=2))
    sheet = book["Test steps"]
    assert sheet.freeze_panes == "E2"
    assert sheet.auto_filter.ref == "A1:O5"
    rules = {rule.formula[0]: rule for cf in sheet.conditional_formatting
             for rule in cf.rules if rule.type == "cellIs"}
    assert set(rules) == {'"Pass"', '"Fail"', '"Blocked"'}
    assert [str(cf.sqref) for cf in sheet.conditional_formatting] == ["J2:J5"]
    for ws in book.worksheets:
        assert not ws.merged_cells.ranges


def test_pack_info_rows_and_checksum(tmp_path: Path) -> None:
    pack = uat_pack(cases=2, steps=2)
    info = _export(tmp_path, pack)["Pack info"]
    rows = {row[0]: row[1] for row in info.iter_rows(values_only=True)}
    assert list(rows) == INFO_KEYS
    ids = _step_ids(pack)
    expected = hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()
    assert rows == {
        "Pack ID": pack.pack_id, "Cycle": "UAT cycle 1", "Cycle ID": pack.cycle_id,
        "Version": "1.0", "Exported at": "2025-03-14 10:22", "Step count": 4,
        "Checksum": expected,
    }
    assert info.protection.sheet


def test_checksum_is_sha256_of_ids_joined_by_newline() -> None:
    assert uat_pack_checksum(["a", "b"]) == hashlib.sha256(b"a\nb").hexdigest()
    assert uat_pack_checksum(["a", "b"]) != uat_pack_checksum(["b", "a"])


def test_instructions_explain_and_name_the_pack(tmp_path: Path) -> None:
    sheet = _export(tmp_path, uat_pack(cases=2))["Instructions"]
    text = "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
    for expected in ("UAT test pack: UAT cycle 1", "Contoso D365 rollout", "Pass, Fail, Blocked",
                     "grey columns", "2025-03-14 10:22", "TC-0001", "Preconditions: Customer"):
        assert expected in text


def test_preconditions_are_a_note_on_the_first_step(tmp_path: Path) -> None:
    sheet = _export(tmp_path, uat_pack(cases=1, steps=2))["Test steps"]
    assert sheet["D2"].comment is not None
    assert "User has the Sales clerk role." in sheet["D2"].comment.text
    assert sheet["D3"].comment is None


def test_formula_like_and_long_text_stay_text(tmp_path: Path) -> None:
    pack = uat_pack(cases=3, steps=2, hostile=True)
    sheet = _export(tmp_path, pack)["Test steps"]
    data = {cell.value: cell for cell in sheet["I"][1:]}
    for text in FORMULA_LIKE:
        if text in {s.test_data for c in pack.cases for s in c.steps}:
            assert data[text].data_type == "s"
    last = sheet.max_row
    action, expected = sheet[f"G{last}"].value, sheet[f"H{last}"].value
    assert utf16_length(action) <= EXCEL_CELL_LIMIT and "40,000 characters" in action
    assert utf16_length(expected) <= EXCEL_CELL_LIMIT
    assert f"{len(EMOJI_NOTE):,} characters in the project" in expected
    instructions = "\n".join(str(v) for row in _export(tmp_path, pack)["Instructions"]
                             .iter_rows(values_only=True) for v in row if v)
    assert f"Test steps!G{last}" in instructions  # the cut is listed for the reader
    assert LONG_NOTE[:100] in action


def test_empty_pack_still_has_the_format(tmp_path: Path) -> None:
    pack = replace(uat_pack(), cases=())
    book = _export(tmp_path, pack)
    assert [c.value for c in book["Test steps"][1]] == HEADERS
    info = {r[0]: r[1] for r in book["Pack info"].iter_rows(values_only=True)}
    assert info["Step count"] == 0 and info["Checksum"] == hashlib.sha256(b"").hexdigest()


def test_duplicate_or_malformed_ids_are_refused(tmp_path: Path) -> None:
    pack = uat_pack(cases=1, steps=2)
    case = pack.cases[0]
    twin = replace(case.steps[1], step_id=case.steps[0].step_id)
    duplicate = replace(pack, cases=(replace(case, steps=(case.steps[0], twin)),))
    target = tmp_path / "uat.xlsx"
    target.write_bytes(b"previous pack")
    with pytest.raises(ExportInputError, match="share a step ID"):
        write_uat_pack(duplicate, target)
    bad = replace(pack, cases=(replace(case, steps=(replace(case.steps[0], step_id="42"),)),))
    with pytest.raises(ExportInputError, match="not a UUID"):
        write_uat_pack(bad, target)
    with pytest.raises(ExportInputError, match="appears twice"):
        write_uat_pack(replace(pack, cases=(case, case)), target)
    assert target.read_bytes() == b"previous pack"


def test_failed_save_keeps_the_previous_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leftovers: Leftovers
) -> None:
    target = tmp_path / "uat.xlsx"
    write_uat_pack(uat_pack(), target)
    before = target.read_bytes()

    def disk_full(self: Workbook, path: object) -> None:
        Path(str(path)).write_bytes(b"PK\x03\x04 partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "save", disk_full)
    with pytest.raises(ExportWriteError, match="disk is full"):
        write_uat_pack(uat_pack(), target)
    assert target.read_bytes() == before
    assert leftovers(tmp_path, "uat.xlsx") == []


def test_crash_inside_the_writer_keeps_the_previous_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leftovers: Leftovers
) -> None:
    target = tmp_path / "uat.xlsx"
    write_uat_pack(uat_pack(), target)
    before = target.read_bytes()
    original = Worksheet.add_data_validation

    def broken(self: Worksheet, validation: object) -> None:
        raise RuntimeError("writer bug")

    monkeypatch.setattr(Worksheet, "add_data_validation", broken)
    with pytest.raises(RuntimeError, match="writer bug"):
        write_uat_pack(uat_pack(), target)
    monkeypatch.setattr(Worksheet, "add_data_validation", original)
    assert target.read_bytes() == before
    assert leftovers(tmp_path, "uat.xlsx") == []


# Results a re-export carries: (result, actual result, tester, date, defect, comments).
_RESULTS = (
    ("Pass", "", "Ana Tester", datetime.date(2025, 3, 14), "", "Checked on a copy 😀"),
    ("Fail", "=see defect 12", "Bo Lee", datetime.date(2025, 3, 15), "DEF-0012", "+1 retest"),
    ("Blocked", "No test customer مرحبا", "", None, "@ops", "-waiting for data"),
)


def _pack_with_results() -> UatPack:
    """Three cases of three steps; the first three steps carry results, the rest do not."""
    pack = uat_pack(cases=3, steps=3)
    first, *others = pack.cases
    steps = tuple(
        replace(step, result=result, actual_result=actual, tester_name=tester, executed_on=day,
                defect=defect, comments=comments)
        for step, (result, actual, tester, day, defect, comments)
        in zip(first.steps, _RESULTS, strict=True)
    )
    return replace(pack, cases=(replace(first, steps=steps), *others))


def test_results_so_far_fill_the_tester_columns(tmp_path: Path) -> None:
    sheet = _export(tmp_path, _pack_with_results())["Test steps"]
    for row, (result, actual, tester, day, defect, comments) in enumerate(_RESULTS, start=2):
        cells = {letter: sheet[f"{letter}{row}"] for letter in "JKLMNO"}
        assert cells["J"].value == result
        for letter, text in (("K", actual), ("L", tester), ("N", defect), ("O", comments)):
            assert cells[letter].value == (text or None), (letter, row)
            if text:
                assert cells[letter].data_type == "s", (letter, row)  # "=..." stays text
        date_cell = cells["M"]
        if day is None:
            assert date_cell.value is None
        else:
            assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"
            assert isinstance(date_cell.value, datetime.datetime)
            assert date_cell.value.date() == day
        # Filled-in cells stay editable (empty ones take the column's unlocked style).
        assert not any(c.protection.locked for c in cells.values() if c.value is not None)
    # Steps without results look like a fresh pack; the case's assigned tester is not a result.
    untouched = list(sheet.iter_rows(min_row=5, values_only=True))
    assert len(untouched) == 6
    assert all(r[9] == "Not run" and all(v is None for v in r[10:]) for r in untouched)
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_results_read_back_identically_by_the_uat_reader(tmp_path: Path) -> None:
    from app.importers.uat_pack_reader import read_uat_pack  # the reader is the real contract

    pack = _pack_with_results()
    parsed = read_uat_pack(write_uat_pack(pack, tmp_path / "uat.xlsx"))
    assert parsed.problems == ()
    assert parsed.pack_id == pack.pack_id and parsed.step_count == 9
    by_step = {row.step_id: row for row in parsed.rows}
    codes = {"Pass": "pass", "Fail": "fail", "Blocked": "blocked", "Not run": "not_run"}
    for case in pack.cases:
        for step in case.steps:
            row = by_step[step.step_id]
            assert (row.result, row.actual_result, row.tester, row.executed_on, row.defect_ref,
                    row.comments) == (codes[step.result], step.actual_result, step.tester_name,
                                      step.executed_on, step.defect, step.comments)
            assert row.case_id == case.case_id and row.case_key == case.key
    assert by_step[pack.cases[0].steps[1].step_id].actual_result == "=see defect 12"


def test_a_result_the_pack_cannot_show_is_refused(tmp_path: Path) -> None:
    pack = uat_pack(cases=1, steps=1)
    case = pack.cases[0]
    bad = replace(pack, cases=(replace(case, steps=(replace(case.steps[0], result="pass"),)),))
    with pytest.raises(ExportInputError, match="Pass, Fail, Blocked, Not run"):
        write_uat_pack(bad, tmp_path / "uat.xlsx")
    assert not (tmp_path / "uat.xlsx").exists()


def test_steps_sheet_prints_its_header_on_every_page_and_keys_fit(tmp_path: Path) -> None:
    pack = uat_pack(cases=2, steps=2)
    first = pack.cases[0]
    long_key = replace(first, key="TC-2025-000123-EU",
                       steps=(replace(first.steps[0], test_data="CUST-000123-DE/SO-2025-000045"),))
    sheet = _export(tmp_path, replace(pack, cases=(long_key, pack.cases[1])))["Test steps"]
    assert sheet.print_title_rows == "$1:$1"
    widths = sheet.column_dimensions
    assert widths["C"].width >= text_width("TC-2025-000123-EU") + 1
    assert widths["I"].width >= text_width("CUST-000123-DE/SO-2025-000045") + 1
    assert widths["G"].width == 34 and widths["H"].width == 34  # action and expected wrap
