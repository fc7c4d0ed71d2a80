"""read_uat_pack on packs built in tmp_path the way testers leave them."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH
from openpyxl.worksheet.worksheet import Worksheet

from app.errors import ImportProblem, SpreadsheetFormatError
from app.importers.uat_pack_reader import (
    ParsedStepResult,
    normalise_result,
    parse_date_cell,
    read_uat_pack,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
REALDATA = REPO_ROOT.parent / "shared" / "realdata"

HEADERS = ("Step ID", "Case ID", "Test case", "Case title", "Items", "Step", "Action",
           "Expected result", "Test data", "Result", "Actual result", "Tester", "Date", "Defect",
           "Comments")
PACK_ID = str(uuid.UUID(int=0xA11CE))
CYCLE_ID = str(uuid.UUID(int=0xC1C1E))


def step_id(n: int) -> str:
    return str(uuid.UUID(int=0x5EE9_0000 + n))


def case_id(n: int) -> str:
    return str(uuid.UUID(int=0xCA5E_0000 + n))


def build_pack(path: Path, steps: int = 4, *, headers: tuple[str, ...] = HEADERS,
               sheet_title: str = "Test steps", pack_info: bool = True,
               tester: Callable[[Worksheet], None] | None = None,
               epoch: dt.datetime | None = None) -> Path:
    """A pack as the exporter lays it out (two steps per case, Result "Not run"), then `tester`
    edits the steps sheet the way a tester would before saving."""
    workbook = openpyxl.Workbook()
    instructions = workbook.active
    instructions.title = "Instructions"
    instructions["A1"] = "UAT test pack: Cycle 1"
    instructions["A3"] = "Work in the sheet \"Test steps\": one row per step."
    ws = workbook.create_sheet(sheet_title)
    ws.append(list(headers))
    for n in range(1, steps + 1):
        case = (n + 1) // 2
        values = {"Step ID": step_id(n), "Case ID": case_id(case), "Test case": f"TC-{case:03}",
                  "Case title": f"Case {case}", "Items": "REQ-1", "Step": 2 - n % 2,
                  "Action": f"Do thing {n}", "Expected result": f"Thing {n} done",
                  "Result": "Not run"}
        ws.append([values.get(h) for h in headers])
    ws.column_dimensions["A"].hidden = True
    ws.column_dimensions["B"].hidden = True
    if pack_info:
        info = workbook.create_sheet("Pack info")
        ids = [step_id(n) for n in range(1, steps + 1)]
        for row in (("Pack ID", PACK_ID), ("Cycle", "SIT cycle 2"), ("Cycle ID", CYCLE_ID),
                    ("Version", "3"), ("Exported at", "2026-11-01 09:30"), ("Step count", steps),
                    ("Checksum", hashlib.sha256("\n".join(ids).encode()).hexdigest())):
            info.append(row)
        info.sheet_state = "hidden"
    if epoch is not None:
        workbook.epoch = epoch
    if tester is not None:
        tester(ws)
    workbook.save(path)
    return path


def put(ws: Worksheet, row: int, **values: Any) -> None:
    """Set cells by header name (underscores for spaces), wherever the header row is."""
    header_row = next(r for r in range(1, 31)
                      if any(c.value == "Step ID" for c in ws[r]))
    columns = {c.value: c.column for c in ws[header_row] if c.value}
    for header, value in values.items():
        ws.cell(row=row, column=columns[header.replace("_", " ")]).value = value


def by_step(rows: tuple[ParsedStepResult, ...]) -> dict[str, ParsedStepResult]:
    return {r.step_id: r for r in rows}


def reasons(problems: tuple[ImportProblem, ...]) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.reason) for p in problems]


def test_happy_path(tmp_path: Path) -> None:
    def fill(ws: Worksheet) -> None:
        put(ws, 2, Result="Pass", Tester="Ana Costa", Date=dt.datetime(2026, 11, 5))
        put(ws, 3, Result="Fail", Actual_result="Error 500 on save", Tester="Ana Costa",
            Date=dt.date(2026, 11, 5), Defect="DEF-12", Comments="Seen twice\nsecond line")
        put(ws, 4, Result="Blocked", Comments="No test data")

    path = build_pack(tmp_path / "UAT pack SIT 2.xlsx", tester=fill)
    pack = read_uat_pack(path)

    assert pack.problems == ()
    assert (pack.file_name, pack.pack_id, pack.cycle_id, pack.cycle_name, pack.version) == (
        "UAT pack SIT 2.xlsx", PACK_ID, CYCLE_ID, "SIT cycle 2", "3")
    assert pack.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert pack.sheet_name == "Test steps"
    assert (pack.step_count, pack.exported_at) == (4, "2026-11-01 09:30")
    assert pack.checksum == hashlib.sha256(
        "\n".join(step_id(n) for n in range(1, 5)).encode()).hexdigest()
    assert [r.result for r in pack.rows] == ["pass", "fail", "blocked", "not_run"]
    assert pack.rows[1] == ParsedStepResult(
        sheet="Test steps", row=3, step_id=step_id(2), case_id=case_id(1), case_key="TC-001",
        result="fail", actual_result="Error 500 on save", tester="Ana Costa",
        executed_on=dt.date(2026, 11, 5), defect_ref="DEF-12", comments="Seen twice\nsecond line")
    assert pack.rows[0].executed_on == dt.date(2026, 11, 5)
    assert pack.rows[3] == ParsedStepResult(
        sheet="Test steps", row=5, step_id=step_id(4), case_id=case_id(2), case_key="TC-002",
        result="not_run", actual_result="", tester="", executed_on=None, defect_ref="",
        comments="")


def test_file_without_spreadsheet_extension_is_read(tmp_path: Path) -> None:
    path = build_pack(tmp_path / "pack.xlsx")
    renamed = path.rename(tmp_path / "pack from mail")
    assert len(read_uat_pack(renamed).rows) == 4


@pytest.mark.parametrize(("typed", "expected"), [
    *[(t, "pass") for t in ("pass", "Passed", "PASS", "ok", "OK", "✓", "✔", "✔️", "y", "Yes",
                            " pass ", "Passed.")],
    *[(t, "fail") for t in ("fail", "Failed", "FAIL", "fail – see note", "FAIL: xyz",
                            "Failed - wrong total", "✗", "✘")],
    *[(t, "blocked") for t in ("blocked", "Blocked", "BLOCKED - no data")],
    *[(t, "not_run") for t in ("Not run", "not run", "NOT_RUN", "not-run", "", None, "n/a",
                               "N/A", "-", "  ")],
])
def test_result_spellings(typed: object, expected: str) -> None:
    assert normalise_result(typed) == expected


@pytest.mark.parametrize("typed", ["passed with remarks", "failover ok", "done", "n", "no", 1,
                                   True, "?", "pass?", "x", "X"])
def test_results_we_do_not_guess(typed: object) -> None:
    with pytest.raises(ValueError, match="use Pass, Fail, Blocked or Not run"):
        normalise_result(typed)


def test_result_spellings_in_a_pack_and_a_bad_one(tmp_path: Path) -> None:
    typed = ["PASS", "✔", "FAIL: totals wrong", "✗", "blocked", "n/a", "-", "Done"]

    def fill(ws: Worksheet) -> None:
        for offset, value in enumerate(typed):
            put(ws, 2 + offset, Result=value)

    pack = read_uat_pack(build_pack(tmp_path / "pack.xlsx", steps=len(typed), tester=fill))
    assert [r.result for r in pack.rows] == [
        "pass", "pass", "fail", "fail", "blocked", "not_run", "not_run"]
    assert len(pack.problems) == 1
    problem = pack.problems[0]
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "pack.xlsx", "Test steps", 9, "Result")
    assert "'Done' is not a result; use Pass, Fail, Blocked or Not run" in problem.reason
    assert str(problem).startswith("pack.xlsx, sheet 'Test steps', row 9, column 'Result': ")


def test_sorted_rows_keep_their_step_ids(tmp_path: Path) -> None:
    def sort_by_result(ws: Worksheet) -> None:
        results = {1: "Pass", 2: "Fail", 3: "Blocked", 4: "Fail"}
        for n, result in results.items():
            put(ws, n + 1, Result=result)
        rows = [[c.value for c in ws[r]] for r in range(2, 6)]
        rows.sort(key=lambda values: (values[HEADERS.index("Result")], values[0]))
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values, start=1):
                ws.cell(row=r, column=c, value=value)

    pack = read_uat_pack(build_pack(tmp_path / "pack.xlsx", tester=sort_by_result))
    assert [(r.row, r.step_id, r.result) for r in pack.rows] == [
        (2, step_id(3), "blocked"), (3, step_id(2), "fail"), (4, step_id(4), "fail"),
        (5, step_id(1), "pass")]
    assert by_step(pack.rows)[step_id(4)].case_key == "TC-002"


def test_renamed_sheet_is_found_by_its_header(tmp_path: Path) -> None:
    def fill(ws: Worksheet) -> None:
        put(ws, 2, Result="Pass")

    pack = read_uat_pack(build_pack(tmp_path / "pack.xlsx", sheet_title="Ergebnisse Ana",
                                    tester=fill))
    assert pack.sheet_name == "Ergebnisse Ana"
    assert pack.rows[0].sheet == "Ergebnisse Ana"
    assert pack.rows[0].result == "pass"


def test_inserted_and_moved_columns_and_header_spelling(tmp_path: Path) -> None:
    headers = ("Priority", "Comments", "Step ID", "Action", "My notes", " RESULT ", "Case ID",
               "Test case", "actual  result", "Expected result", "Date", "Defect", "TESTER")

    def fill(ws: Worksheet) -> None:
        put(ws, 2, Priority="High", Comments="moved to A", My_notes="Pass?", Defect=12)
        ws.cell(row=2, column=6, value="Fail")  # " RESULT "
        ws.cell(row=2, column=9, value="Wrong VAT")  # "actual  result"
        ws.cell(row=2, column=13, value="Ana")  # "TESTER"
        ws.cell(row=3, column=6, value="Passt")

    pack = read_uat_pack(build_pack(tmp_path / "pack.xlsx", headers=headers, tester=fill))
    assert [(p.row, p.column) for p in pack.problems] == [(3, "RESULT")], "the sheet's own header"
    first = pack.rows[0]
    assert (first.step_id, first.case_id, first.result, first.actual_result, first.comments,
            first.tester, first.defect_ref) == (
        step_id(1), case_id(1), "fail", "Wrong VAT", "moved to A", "Ana", "12")


def test_header_moved_down_to_row_4(tmp_path: Path) -> None:
    def add_title(ws: Worksheet) -> None:
        ws.insert_rows(1, 3)
        ws["A1"] = "UAT SIT 2 — results of Ana"
        ws["C2"] = "Returned 2026-11-06"
        put(ws, 5, Result="Pass")

    pack = read_uat_pack(build_pack(tmp_path / "pack.xlsx", tester=add_title))
    assert [(r.row, r.step_id) for r in pack.rows][:2] == [(5, step_id(1)), (6, step_id(2))]
    assert pack.rows[0].result == "pass"
    assert pack.problems == ()


def test_header_below_row_30_is_not_searched(tmp_path: Path) -> None:
    def push_down(ws: Worksheet) -> None:
        ws.insert_rows(1, 30)

    with pytest.raises(SpreadsheetFormatError, match="no sheet with a 'Step ID' column"):
        read_uat_pack(build_pack(tmp_path / "pack.xlsx", tester=push_down))


def test_blank_note_and_hand_added_rows(tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        put(ws, 2, Result="Pass")
        ws.insert_rows(3, 2)  # row 3 stays blank
        put(ws, 4, Action="NOTE: environment was down on Tuesday", Comments="ask Bob")
        put(ws, 7, Result="Fail")  # old row 5 (step 3)
        last = ws.max_row + 2
        put(ws, last, Test_case="TC-002", Action="Extra check I did", Result="Fail")
        put(ws, last + 1, Step_ID="not-a-uuid", Result="Pass")
        ws.cell(row=last + 2, column=1, value="   ")  # whitespace only: blank

    path = build_pack(tmp_path / "pack.xlsx", tester=edit)
    pack = read_uat_pack(path)
    rows = {r.row: (r.step_id, r.result) for r in pack.rows}
    assert rows == {2: (step_id(1), "pass"), 5: (step_id(2), "not_run"),
                    6: (step_id(3), "not_run"), 7: (step_id(4), "fail")}
    assert [(p.row, p.column) for p in pack.problems] == [(9, "Step ID"), (10, "Step ID")]
    assert pack.problems[0].reason.startswith(
        "no Step ID: the row was added by hand or the ID was deleted")
    assert "'not-a-uuid' is not one the pack wrote" in pack.problems[1].reason


def test_merged_comment_cells(tmp_path: Path) -> None:
    def merge(ws: Worksheet) -> None:
        comments = get_column_letter(HEADERS.index("Comments") + 1)
        actual = get_column_letter(HEADERS.index("Actual result") + 1)
        tester = get_column_letter(HEADERS.index("Tester") + 1)
        put(ws, 2, Comments="Same root cause for all three", Result="Fail")
        ws.merge_cells(f"{comments}2:{comments}4")
        put(ws, 5, Actual_result="Long text spread over two columns", Result="Fail")
        ws.merge_cells(f"{actual}5:{tester}5")

    pack = read_uat_pack(build_pack(tmp_path / "pack.xlsx", tester=merge))
    assert pack.problems == ()
    assert [r.comments for r in pack.rows[:3]] == ["Same root cause for all three"] * 3
    assert pack.rows[3].actual_result == "Long text spread over two columns"
    assert pack.rows[3].tester == ""


def test_edited_case_id_is_a_problem(tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        put(ws, 2, Case_ID="TC-001", Result="Pass")
        put(ws, 3, Case_ID=None, Result="Pass")

    pack = read_uat_pack(build_pack(tmp_path / "pack.xlsx", tester=edit))
    assert [(p.row, p.column) for p in pack.problems] == [(2, "Case ID")]
    assert "Case ID 'TC-001' is not one the pack wrote" in pack.problems[0].reason
    assert by_step(pack.rows)[step_id(2)].case_id is None


def test_wrong_stored_dimension_does_not_cut_rows(tmp_path: Path) -> None:
    def fill(ws: Worksheet) -> None:
        put(ws, 5, Result="Fail")

    path = build_pack(tmp_path / "pack.xlsx", tester=fill)
    _rewrite_member(path, "xl/worksheets/sheet2.xml", lambda xml: re.sub(
        rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:O2"/>', xml))
    pack = read_uat_pack(path)
    assert [r.row for r in pack.rows] == [2, 3, 4, 5]
    assert pack.rows[3].result == "fail"


def test_broken_sheet_xml_is_reported_as_unreadable(tmp_path: Path) -> None:
    path = build_pack(tmp_path / "pack.xlsx")
    _rewrite_member(path, "xl/worksheets/sheet2.xml", lambda xml: xml[: len(xml) // 2])
    with pytest.raises(SpreadsheetFormatError, match="'pack.xlsx' could not be read as an Excel "
                                                     "workbook .*save it again as .xlsx"):
        read_uat_pack(path)


def test_1904_date_system(tmp_path: Path) -> None:
    serial_1904 = (dt.date(2026, 11, 6) - dt.date(1904, 1, 1)).days

    def fill(ws: Worksheet) -> None:
        put(ws, 2, Result="Pass", Date=dt.datetime(2026, 11, 5))
        put(ws, 3, Result="Pass", Date=serial_1904)  # number without a date format
        put(ws, 4, Result="Pass", Date="2026-11-07")

    path = build_pack(tmp_path / "mac.xlsx", tester=fill, epoch=CALENDAR_MAC_1904)
    with zipfile.ZipFile(path) as archive:
        assert b'date1904="1"' in archive.read("xl/workbook.xml")
    pack = read_uat_pack(path)
    assert pack.problems == ()
    assert [r.executed_on for r in pack.rows[:3]] == [
        dt.date(2026, 11, 5), dt.date(2026, 11, 6), dt.date(2026, 11, 7)]


def test_1900_serial_number() -> None:
    assert parse_date_cell(46331, WINDOWS_EPOCH) == dt.date(2026, 11, 5)
    assert parse_date_cell(46331.75, WINDOWS_EPOCH) == dt.date(2026, 11, 5)


@pytest.mark.parametrize(("typed", "expected"), [
    ("2026-11-05", dt.date(2026, 11, 5)),
    ("2026-11-05 14:30", dt.date(2026, 11, 5)),
    ("2026/11/05", dt.date(2026, 11, 5)),
    ("25/11/2026", dt.date(2026, 11, 25)),
    ("11/25/2026", dt.date(2026, 11, 25)),
    ("05.05.2026", dt.date(2026, 5, 5)),
    ("01.12.2026", dt.date(2026, 12, 1)),  # dotted dates are day-first (DIN 5008)
    ("5.11.2026", dt.date(2026, 11, 5)),
    ("5 Nov 2026", dt.date(2026, 11, 5)),
    ("November 5, 2026", dt.date(2026, 11, 5)),
    ("5-Sept-2026", dt.date(2026, 9, 5)),
    ("", None),
])
def test_unambiguous_text_dates(typed: str, expected: dt.date | None) -> None:
    assert parse_date_cell(typed, WINDOWS_EPOCH) == expected


@pytest.mark.parametrize(("typed", "reason"), [
    ("05/11/2026", ("'05/11/2026' could be 5 November 2026 or 11 May 2026; type the date as "
                    "YYYY-MM-DD (2026-11-05 for 5 November 2026)")),
    ("31/02/2026", "'31/02/2026' is not a real date; type the date as YYYY-MM-DD"),
    ("05/11/26", "'05/11/26' is not a date; type the date as YYYY-MM-DD"),
    ("next Tuesday", "'next Tuesday' is not a date; type the date as YYYY-MM-DD"),
    (5, "'5' is not a plausible test date (it reads as 1900-01-05); type the date as YYYY-MM-DD"),
    (dt.time(10, 30), "'10:30:00' is a time, not a date; type the date as YYYY-MM-DD"),
])
def test_dates_we_do_not_guess(typed: object, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date_cell(typed, WINDOWS_EPOCH)
    assert str(caught.value) == reason


def test_ambiguous_text_date_is_a_problem_on_the_date_column(tmp_path: Path) -> None:
    def fill(ws: Worksheet) -> None:
        put(ws, 2, Result="Pass", Date="05/11/2026")
        put(ws, 3, Result="Pass", Date="13/11/2026")

    pack = read_uat_pack(build_pack(tmp_path / "pack.xlsx", tester=fill))
    assert reasons(pack.problems) == [(2, "Date", (
        "'05/11/2026' could be 5 November 2026 or 11 May 2026; type the date as YYYY-MM-DD "
        "(2026-11-05 for 5 November 2026)"))]
    assert step_id(1) not in by_step(pack.rows), "a row with a problem is not imported"
    assert by_step(pack.rows)[step_id(2)].executed_on == dt.date(2026, 11, 13)


def test_duplicate_step_id_is_a_problem_on_the_copy(tmp_path: Path) -> None:
    def copy_row(ws: Worksheet) -> None:
        put(ws, 3, Result="Fail", Comments="first try")
        ws.append([c.value for c in ws[3]])
        put(ws, 6, Comments="second try", Result="Pass")

    pack = read_uat_pack(build_pack(tmp_path / "pack.xlsx", tester=copy_row))
    assert [(p.row, p.column) for p in pack.problems] == [(6, "Step ID")]
    assert "already on row 3" in pack.problems[0].reason
    assert by_step(pack.rows)[step_id(2)].comments == "first try"
    assert len(pack.rows) == 4


def test_text_typed_with_an_equals_sign(tmp_path: Path) -> None:
    def fill(ws: Worksheet) -> None:
        put(ws, 2, Result="Fail", Comments="=see defect 12")  # openpyxl saves it as a formula
        put(ws, 3, Result="Fail", Actual_result="=total wrong")
        literal = ws.cell(row=4, column=HEADERS.index("Comments") + 1, value="=kept as text")
        literal.data_type = "s"  # typed with a leading apostrophe

    path = build_pack(tmp_path / "pack.xlsx", tester=fill)
    # Excel itself saves what it could not evaluate with a cached #NAME? error.
    _rewrite_member(path, "xl/worksheets/sheet2.xml", lambda xml: re.sub(
        rb'(<c r="K3")([^>]*>)<f>total wrong</f><v\s*/?>(</v>)?',
        rb'\1 t="e"\2<f>total wrong</f><v>#NAME?</v>', xml))
    with zipfile.ZipFile(path) as archive:
        assert b"#NAME?" in archive.read("xl/worksheets/sheet2.xml")
    pack = read_uat_pack(path)
    assert pack.problems == ()
    assert pack.rows[0].comments == "=see defect 12"
    assert pack.rows[1].actual_result == "=total wrong"
    assert pack.rows[2].comments == "=kept as text"


def _rewrite_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(path) as source:
        contents = {info: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in contents.items():
            target.writestr(info, change(data) if info.filename == member else data)


def test_no_pack_info_sheet_is_not_one_of_our_packs(tmp_path: Path) -> None:
    path = build_pack(tmp_path / "foreign.xlsx", pack_info=False)
    with pytest.raises(SpreadsheetFormatError) as caught:
        read_uat_pack(path)
    message = str(caught.value)
    assert message.startswith("'foreign.xlsx' is not a UAT pack exported by ERP Pipeline Studio")
    assert "column mapping, which is not supported for this file" in message


def test_real_foreign_test_case_sheet_is_refused() -> None:
    path = REALDATA / "uat" / "frontaccounting_test_cases_executed.xlsx"
    if not path.is_file():
        pytest.skip(f"real data not present at {path}")
    with pytest.raises(SpreadsheetFormatError, match="is not a UAT pack exported by"):
        read_uat_pack(path)


def test_wrong_file_kind_is_reported_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "pack.xlsx"
    path.write_bytes(b"")
    with pytest.raises(SpreadsheetFormatError, match=r"is empty \(0 bytes\)"):
        read_uat_pack(path)


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda ws: ws.delete_cols(1), "no sheet with a 'Step ID' column"),
    (lambda ws: ws.cell(row=1, column=HEADERS.index("Result") + 1, value="Status"),
     "has no 'Result' column in its header row 1"),
    (lambda ws: ws.cell(row=1, column=len(HEADERS) + 1, value="comments"),
     "has two 'Comments' columns"),
    (lambda ws: ws.parent.copy_worksheet(ws), "has 2 sheets with a 'Step ID' column"),
    (lambda ws: setattr(ws.parent["Pack info"]["B1"], "value", None), "without a Pack ID"),
])
def test_damaged_packs_are_refused(tmp_path: Path, edit: Callable[[Worksheet], object],
                                   expected: str) -> None:
    path = build_pack(tmp_path / "pack.xlsx", tester=lambda ws: edit(ws) and None)
    with pytest.raises(SpreadsheetFormatError, match=re.escape(expected)):
        read_uat_pack(path)


def test_round_trip_with_the_exporter(tmp_path: Path) -> None:
    exporter = pytest.importorskip("exporters.uat_pack_xlsx")
    steps = tuple(exporter.UatStep(step_id(n), n, f"Do {n}", f"Done {n}", "")
                  for n in (1, 2))
    case = exporter.UatCase(case_id(1), "TC-001", "Order entry", ("REQ-1",), "", "Ana", steps)
    pack = exporter.UatPack(PACK_ID, "Demo", "SIT cycle 2", CYCLE_ID, "1", "2026-11-01 09:30",
                            (case,))
    path = exporter.write_uat_pack(pack, tmp_path / "exported.xlsx")
    workbook = openpyxl.load_workbook(path)
    ws = workbook[exporter.STEPS_SHEET]
    put(ws, 2, Result="Pass", Date=dt.datetime(2026, 11, 5), Comments="=see defect 12")
    workbook.save(path)

    parsed = read_uat_pack(path)
    assert parsed.problems == ()
    assert (parsed.pack_id, parsed.cycle_id, parsed.cycle_name, parsed.step_count) == (
        PACK_ID, CYCLE_ID, "SIT cycle 2", 2)
    assert parsed.checksum == exporter.uat_pack_checksum([step_id(1), step_id(2)])
    assert [(r.step_id, r.case_id, r.case_key, r.result) for r in parsed.rows] == [
        (step_id(1), case_id(1), "TC-001", "pass"), (step_id(2), case_id(1), "TC-001", "not_run")]
    assert parsed.rows[0].executed_on == dt.date(2026, 11, 5)
    assert parsed.rows[0].comments == "=see defect 12"
