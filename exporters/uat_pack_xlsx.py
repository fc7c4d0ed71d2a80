"""UAT test pack workbook: business testers fill it in, the app reads the results back.

The layout is a contract with the UAT results reader; change it only together with the reader.

- "Instructions" (first, active): how to fill in, what the pack is, the cases in it.
- "Test steps": header in row 1 with `STEP_HEADERS`; one row per step. Columns A and B hold the
  step and case UUIDs and are hidden; A-I are locked (the script), J-O are for the tester; the
  sheet is protected without a password and still lets testers filter and sort. A re-export
  fills J-O with the results recorded so far (`UatStep.result` and the fields after it).
- "Pack info" (hidden, protected): key/value rows `PACK_INFO_KEYS` from row 1, including the
  checksum of the ordered step IDs (`uat_pack_checksum`), so the reader can tell whether rows were
  added, removed or reordered.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.worksheet import Worksheet

from exporters.column_fit import fit_columns
from exporters.errors import ExportInputError
from exporters.text_safety import safe_cell_text
from exporters.xlsx_common import (
    FONT_NAME,
    INPUT_DATE_STYLE,
    INPUT_STYLE,
    SCRIPT_NUMBER_STYLE,
    SCRIPT_STYLE,
    SUBTITLE_FONT,
    TEXT_STYLE,
    TITLE_FONT,
    CellValue,
    Column,
    CutLog,
    add_list_validation,
    add_sheet,
    append_row,
    estimate_row_height,
    finish_table,
    new_workbook,
    save_workbook,
    write_header,
    write_key_values,
    write_row,
    write_text,
    write_value,
)

INSTRUCTIONS_SHEET = "Instructions"
STEPS_SHEET = "Test steps"
PACK_INFO_SHEET = "Pack info"

STEP_HEADERS: tuple[str, ...] = (
    "Step ID", "Case ID", "Test case", "Case title", "Items", "Step", "Action",
    "Expected result", "Test data", "Result", "Actual result", "Tester", "Date", "Defect",
    "Comments",
)
RESULT_VALUES: tuple[str, ...] = ("Pass", "Fail", "Blocked", "Not run")
DEFAULT_RESULT = "Not run"
PACK_INFO_KEYS: tuple[str, ...] = (
    "Pack ID", "Cycle", "Cycle ID", "Version", "Exported at", "Step count", "Checksum",
)

_WIDTHS = (38, 38, 11, 26, 13, 6, 34, 34, 20, 11, 30, 14, 12, 11, 24)
_STYLES = (
    (SCRIPT_STYLE,) * 5 + (SCRIPT_NUMBER_STYLE,) + (SCRIPT_STYLE,) * 3
    + (INPUT_STYLE,) * 3 + (INPUT_DATE_STYLE,) + (INPUT_STYLE,) * 2
)
_PROSE = frozenset({"Case title", "Action", "Expected result", "Actual result", "Comments"})
_COLUMNS = tuple(
    Column(header, width, style, prose=header in _PROSE)
    for header, width, style in zip(STEP_HEADERS, _WIDTHS, _STYLES, strict=True)
)
_RESULT_COLUMN = "J"
_CASE_TITLE_COLUMN = STEP_HEADERS.index("Case title") + 1

_RESULT_STYLES = {
    "Pass": ("C6EFCE", "006100"),
    "Fail": ("FFC7CE", "9C0006"),
    "Blocked": ("FFEB9C", "9C5700"),
}


@dataclass(frozen=True)
class UatStep:
    """One step of a test case: what to do, what should happen, with which data.

    The fields from `result` on are the results recorded so far, so a re-exported pack shows
    them; a fresh pack leaves them at their defaults. `result` is one of `RESULT_VALUES`.
    """

    step_id: str
    number: int
    action: str
    expected: str
    test_data: str
    result: str = DEFAULT_RESULT
    actual_result: str = ""
    tester_name: str = ""
    executed_on: dt.date | None = None
    defect: str = ""
    comments: str = ""


@dataclass(frozen=True)
class UatCase:
    """A test case in the pack, with the items it covers and its ordered steps."""

    case_id: str
    key: str
    title: str
    item_keys: tuple[str, ...]
    preconditions: str
    tester: str
    steps: tuple[UatStep, ...]


@dataclass(frozen=True)
class UatPack:
    """Everything the UAT pack workbook shows; IDs are UUID strings the reader matches on."""

    pack_id: str
    project_name: str
    cycle_name: str
    cycle_id: str
    version: str
    exported_at: str
    cases: tuple[UatCase, ...]


def uat_pack_checksum(step_ids: Sequence[str]) -> str:
    """SHA-256 (hex) of the ordered step IDs joined by "\\n": changes if rows come or go."""
    return hashlib.sha256("\n".join(step_ids).encode("utf-8")).hexdigest()


def _check_ids(pack: UatPack) -> list[str]:
    """The ordered step IDs; raises when an ID is not a UUID or is used twice."""
    def check(value: str, what: str) -> None:
        try:
            uuid.UUID(value)
        except (ValueError, AttributeError, TypeError):
            raise ExportInputError(
                f"The {what} {value!r} is not a UUID; the pack cannot be read back without it."
            ) from None

    for value, what in ((pack.pack_id, "pack ID"), (pack.cycle_id, "cycle ID")):
        check(value, what)
    step_ids: list[str] = []
    seen_cases: set[str] = set()
    for case in pack.cases:
        check(case.case_id, f"case ID of {case.key}")
        if case.case_id in seen_cases:
            raise ExportInputError(f"Test case {case.key} appears twice in the pack.")
        seen_cases.add(case.case_id)
        for step in case.steps:
            check(step.step_id, f"step ID of {case.key} step {step.number}")
            step_ids.append(step.step_id)
            if step.result not in RESULT_VALUES:
                raise ExportInputError(
                    f"Step {step.number} of {case.key} has the result {step.result!r}; a pack "
                    f"can only show {', '.join(RESULT_VALUES)}."
                )
    if len(set(step_ids)) != len(step_ids):
        raise ExportInputError("Two steps in the pack share a step ID; every step needs its own.")
    return step_ids


def write_uat_pack(pack: UatPack, target: Path) -> Path:
    """Write the UAT pack workbook to `target` atomically and return the path."""
    step_ids = _check_ids(pack)
    cut_log = CutLog()
    workbook = new_workbook(f"UAT test pack {pack.cycle_name} {pack.version}")
    instructions = add_sheet(workbook, INSTRUCTIONS_SHEET)
    steps_sheet = add_sheet(workbook, STEPS_SHEET)
    info = add_sheet(workbook, PACK_INFO_SHEET)

    _write_steps(steps_sheet, pack, cut_log)
    _write_pack_info(info, pack, step_ids)
    _write_instructions(instructions, pack, len(step_ids), cut_log)

    workbook.active = 0
    workbook.security = WorkbookProtection(lockStructure=True)  # keep sheet names the reader needs
    return save_workbook(workbook, target)


def _step_values(case: UatCase, step: UatStep) -> tuple[CellValue, ...]:
    """One row of "Test steps". The Tester column stays empty unless the step names its tester:
    the case's assigned tester is only a plan (it is listed on the Instructions sheet).

    Empty tester fields are None, so they get no cell: the input column's style (unlocked, same
    alignment) covers them, and a fresh 20,000-step pack writes 80,000 fewer cells.
    """
    return (
        step.step_id, case.case_id, case.key, case.title, ", ".join(case.item_keys), step.number,
        step.action, step.expected, step.test_data, step.result, step.actual_result or None,
        step.tester_name or None, step.executed_on, step.defect or None, step.comments or None,
    )


def _write_steps(ws: Worksheet, pack: UatPack, cut_log: CutLog) -> None:
    rows = [(case, index, _step_values(case, step))
            for case in pack.cases for index, step in enumerate(case.steps)]
    columns = fit_columns(_COLUMNS, (values for _, _, values in rows))
    write_header(ws, columns)
    row = 1
    for case, index, values in rows:
        row = append_row(ws, columns, values, cut_log)
        if index == 0 and case.preconditions.strip():
            note = safe_cell_text(f"Preconditions:\n{case.preconditions}", limit=30_000)
            comment = Comment(note.text, "ERP Pipeline Studio", width=320, height=160)
            ws.cell(row=row, column=_CASE_TITLE_COLUMN).comment = comment
    last_row = max(row, 2)
    ws.column_dimensions["A"].hidden = True
    ws.column_dimensions["B"].hidden = True
    add_list_validation(
        ws, f"{_RESULT_COLUMN}2:{_RESULT_COLUMN}{last_row}", RESULT_VALUES,
        title="Result", prompt="Pass, Fail, Blocked or Not run.",
    )
    # One rule per value and nothing else on these cells: LibreOffice applies only the first
    # matching rule of overlapping ranges, so a decorative rule here would hide the colours.
    for value, (fill, font) in _RESULT_STYLES.items():
        ws.conditional_formatting.add(
            f"{_RESULT_COLUMN}2:{_RESULT_COLUMN}{last_row}",
            CellIsRule(operator="equal", formula=[f'"{value}"'],
                       fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                       font=Font(color=font, bold=True)),
        )
    finish_table(ws, columns, last_row)
    ws.freeze_panes = "E2"  # keep test case and title in view while entering results
    protection = ws.protection
    protection.sheet = True  # no password: it guards against slips, not people
    protection.autoFilter = False  # False means "allowed" in openpyxl's protection flags
    protection.sort = False
    protection.formatColumns = False
    protection.formatRows = False


def _write_pack_info(ws: Worksheet, pack: UatPack, step_ids: list[str]) -> None:
    values: tuple[str | int, ...] = (
        pack.pack_id, pack.cycle_name, pack.cycle_id, pack.version, pack.exported_at,
        len(step_ids), uat_pack_checksum(step_ids),
    )
    for row, (key, value) in enumerate(zip(PACK_INFO_KEYS, values, strict=True), start=1):
        write_text(ws, row, 1, key)
        write_value(ws, row, 2, value)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 70
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


_HOW_TO = (
    (
        'Work in the sheet "Test steps": one row per step. Follow the Action with the Test data '
        "and compare what happens with the Expected result."
    ),
    (
        "Set Result from the drop-down: Pass, Fail, Blocked or Not run. A new pack starts every "
        "step as Not run; a pack exported again shows the results recorded so far."
    ),
    (
        "For Fail or Blocked, write what happened in Actual result and, if you logged one, the "
        "defect number in Defect."
    ),
    "Fill in Tester (your name) and Date (for example 2025-03-14). Use Comments for anything else.",
    (
        "The grey columns are the test script: they are locked, do not change them. Do not insert, "
        "delete or move rows or columns, and do not rename sheets: the import matches rows by "
        "hidden IDs."
    ),
    (
        "You may filter and sort. Preconditions of a case are in the note on its Case title cell "
        "and in the list below."
    ),
    "Save as .xlsx (in Google Sheets: File > Download > Microsoft Excel) and send the file back.",
)
_RESULT_MEANING = (
    ("Pass", "The step did what the expected result says."),
    ("Fail", "The result differs from the expected result: describe it in Actual result."),
    ("Blocked", "The step could not be run (missing data, access, earlier failure): say why."),
    ("Not run", "Not tested yet."),
)


_CASE_LIST_COLUMNS = (Column("Test case", 22), Column("Details", 100))


def _write_instructions(ws: Worksheet, pack: UatPack, step_count: int, cut_log: CutLog) -> None:
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 100
    write_text(ws, 1, 1, f"UAT test pack: {pack.cycle_name}").font = TITLE_FONT
    ws.row_dimensions[1].height = 24
    row = write_key_values(ws, 3, (
        ("Project", pack.project_name),
        ("Test cycle", pack.cycle_name),
        ("Pack version", pack.version),
        ("Exported at", pack.exported_at),
        ("Test cases", len(pack.cases)),
        ("Test steps", step_count),
    ), cut_log, wrap_width=100)

    row += 1
    write_text(ws, row, 1, "How to fill in").font = SUBTITLE_FONT
    for number, text in enumerate(_HOW_TO, start=1):
        row += 1
        write_text(ws, row, 2, f"{number}.  {text}").style = TEXT_STYLE
        ws.row_dimensions[row].height = estimate_row_height([(text, 100)])

    row += 2
    write_text(ws, row, 1, "Result values").font = SUBTITLE_FONT
    for value, meaning in _RESULT_MEANING:
        row += 1
        cell = write_text(ws, row, 1, value)
        if value in _RESULT_STYLES:
            fill, font = _RESULT_STYLES[value]
            cell.fill = PatternFill("solid", fgColor=fill)
            cell.font = Font(name=FONT_NAME, color=font, bold=True)
        write_text(ws, row, 2, meaning)

    row += 2
    write_text(ws, row, 1, "Test cases in this pack").font = SUBTITLE_FONT
    for case in pack.cases:
        row += 1
        lines = [case.title]
        if case.item_keys:
            lines.append(f"Items: {', '.join(case.item_keys)}")
        if case.tester.strip():
            lines.append(f"Assigned tester: {case.tester}")
        if case.preconditions.strip():
            lines.append(f"Preconditions: {case.preconditions}")
        lines.append(f"Steps: {len(case.steps)}")
        write_row(ws, row, _CASE_LIST_COLUMNS, (case.key, "\n".join(lines)), cut_log)

    if cut_log.notes:
        row += 2
        write_text(ws, row, 1, "Text cut to fit").font = SUBTITLE_FONT
        for sentence in cut_log.describe():
            row += 1
            write_text(ws, row, 2, f"{sentence} The full text is in the project.")
    ws.sheet_view.showGridLines = False
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
