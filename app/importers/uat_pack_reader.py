"""Read a UAT pack that testers filled in back into plain rows (parse step only, no database).

The pack is the workbook our exporter writes: a "Test steps" sheet with hidden Step ID / Case ID
columns and a hidden "Pack info" sheet. Testers rename sheets, move and insert columns, sort,
merge comment cells, add note rows and type dates in local formats, so columns are found by
header text, rows by their Step ID, and anything we cannot read with certainty becomes an
ImportProblem naming file, sheet, row and column instead of a guess.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import posixpath
import re
import uuid
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.utils.datetime import from_excel

from app.errors import AppError, ImportProblem, SpreadsheetFormatError
from app.importers.spreadsheet_kind import check_xlsx_readable

StepResult = Literal["pass", "fail", "blocked", "not_run"]
RESULT_CHOICES = "Pass, Fail, Blocked or Not run (or leave it blank)"

INFO_SHEET = "Pack info"
HEADER_SEARCH_ROWS = 30
# Header cells further right than this are not searched: the sheet's used range can reach column
# XFD (a banner merged across the row) and scanning 16,384 columns per row costs seconds.
HEADER_SEARCH_COLUMNS = 256

_STEP_ID, _CASE_ID, _CASE_KEY, _RESULT = "Step ID", "Case ID", "Test case", "Result"
_ACTUAL, _TESTER, _DATE, _DEFECT, _COMMENTS = (
    "Actual result", "Tester", "Date", "Defect", "Comments",
)
_READ_COLUMNS = (_STEP_ID, _CASE_ID, _CASE_KEY, _RESULT, _ACTUAL, _TESTER, _DATE, _DEFECT,
                 _COMMENTS)
_REQUIRED_COLUMNS = (_STEP_ID, _RESULT)
# Free text where a tester may type "=see defect 12"; Excel keeps that as a formula.
_TEXT_COLUMNS = (_ACTUAL, _TESTER, _DEFECT, _COMMENTS)
_EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                           "#ERROR!", "#SPILL!", "#CALC!", "Err:508", "Err:509"})
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW_TAG, _CELL_TAG, _FORMULA_ELEMENT = f"{_MAIN_NS}row", f"{_MAIN_NS}c", f"{_MAIN_NS}f"

_PASS = frozenset({"pass", "passed", "ok", "✓", "✔", "✅", "☑", "y", "yes"})
# A bare "x" is left out on purpose: testers tick boxes with it as often as they cross them.
_FAIL = frozenset({"fail", "failed", "✗", "✘", "✖", "❌"})
_NOT_RUN = frozenset({"", "not run", "notrun", "not tested", "not executed", "n/a", "na"})
_FAIL_PREFIX = re.compile(r"^fail(?:ed|ure)?\b")
_BLOCKED_PREFIX = re.compile(r"^blocked\b")

_TIME_SUFFIX = r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME_SUFFIX + "$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME_SUFFIX + "$")
# Day.month.year: dates written with dots are day-first wherever they are used (DIN 5008 and
# most of Europe); no country writes month-first dates with dots.
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})" + _TIME_SUFFIX + "$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[ ./-]*([a-z]+)\.?[ ./,-]*(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?[ ./-]*(\d{1,2})(?:st|nd|rd|th)?[ ./,-]*(\d{4})$")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_EARLIEST, _LATEST = dt.date(1990, 1, 1), dt.date(2099, 12, 31)


@dataclass(frozen=True)
class ParsedStepResult:
    """One step row of the pack, as the tester left it; `row` is the 1-based Excel row."""

    sheet: str
    row: int
    step_id: str  # canonical lowercase UUID
    case_id: str | None  # canonical lowercase UUID, None if the cell is blank
    case_key: str
    result: StepResult
    actual_result: str
    tester: str
    executed_on: dt.date | None
    defect_ref: str
    comments: str


@dataclass(frozen=True)
class ParsedUatPack:
    """Everything read from one pack file.

    `rows` holds only rows that read cleanly; every other row with content has at least one entry
    in `problems`. `step_count`, `exported_at` and `checksum` are passed on as written in the
    Pack info sheet so the apply step can compare them with the cycle.
    """

    file_name: str
    sha256: str
    pack_id: str
    cycle_id: str
    cycle_name: str
    version: str
    sheet_name: str
    rows: tuple[ParsedStepResult, ...]
    problems: tuple[ImportProblem, ...]
    step_count: int | None = None
    exported_at: str = ""
    checksum: str = ""


def read_uat_pack(path: Path) -> ParsedUatPack:
    """Parse the filled-in UAT pack at `path`; raise SpreadsheetFormatError if it is not one."""
    check_xlsx_readable(path)
    data = path.read_bytes()
    name = path.name
    workbook = _load(data, name)
    try:
        info = _pack_info(workbook, name)
        sheet, header_row, columns = _find_step_sheet(workbook, name)
        reader = _RowReader(name, sheet, columns, workbook.epoch, _worksheet_xml(data, sheet.title))
        rows, problems = reader.read(header_row)
    except AppError:
        raise
    except Exception as exc:  # read-only openpyxl parses lazily: a broken sheet fails here
        raise _unreadable(name, exc) from exc
    finally:
        workbook.close()
    return ParsedUatPack(
        file_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        pack_id=info["packid"],
        cycle_id=info["cycleid"],
        cycle_name=info.get("cycle", ""),
        version=info.get("version", ""),
        sheet_name=sheet.title,
        rows=tuple(rows),
        problems=tuple(problems),
        step_count=_int_or_none(info.get("stepcount", "")),
        exported_at=info.get("exportedat", ""),
        checksum=info.get("checksum", ""),
    )


def normalise_result(value: object) -> StepResult:
    """Map what testers type in the Result column to a result; ValueError says what is allowed."""
    text = cell_text(value)
    key = " ".join(re.sub(r"[\s_\-–—]+", " ", text.replace("\ufe0f", "")).split()).casefold()
    key = key.rstrip(".!")
    if isinstance(value, str) or value is None:
        if key in _PASS:
            return "pass"
        if key in _FAIL or _FAIL_PREFIX.match(key):
            return "fail"
        if _BLOCKED_PREFIX.match(key):
            return "blocked"
        if key in _NOT_RUN:
            return "not_run"
    raise ValueError(f"'{text}' is not a result; use {RESULT_CHOICES}, and put any note in "
                     "Comments")


def parse_date_cell(value: object, epoch: dt.datetime) -> dt.date | None:
    """Read a Date cell without guessing; ValueError explains how to type it instead.

    `epoch` is the workbook's date system (openpyxl's `wb.epoch`, 1900 or 1904).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return _plausible(value.date(), cell_text(value))
    if isinstance(value, dt.date):
        return _plausible(value, value.isoformat())
    if isinstance(value, str):
        return _parse_date_text(value.strip())
    problem = "is not a date"
    if isinstance(value, (dt.time, dt.timedelta)):
        problem = "is a time, not a date"
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 1:
        try:
            converted = from_excel(value, epoch=epoch)
        except (OverflowError, ValueError):
            converted = None
        if isinstance(converted, dt.datetime):
            return _plausible(converted.date(), cell_text(value))
    raise ValueError(f"'{cell_text(value)}' {problem}; type the date as YYYY-MM-DD")


def cell_text(value: object) -> str:
    """A cell value as the text a user sees, trimmed; numbers without a spurious '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def _unreadable(name: str, exc: Exception) -> SpreadsheetFormatError:
    return SpreadsheetFormatError(
        f"'{name}' could not be read as an Excel workbook ({type(exc).__name__}: {exc}); "
        "open it in Excel, save it again as .xlsx and import that file."
    )


def _load(data: bytes, name: str) -> Any:
    """Open the workbook read-only from memory: half the time and memory of a full load.

    From memory because openpyxl refuses some extensions when given a path. Read-only mode drops
    merged ranges and formula text; `_RowReader` takes both from the sheet XML instead.
    """
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (extensions, default styles); irrelevant here.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, XML, zip) on odd files.
        raise _unreadable(name, exc) from exc


def _worksheet_xml(data: bytes, title: str) -> bytes:
    """The XML of the sheet called `title`, located through the package relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        def targets(rels_path: str, base: str) -> dict[str, tuple[str, str]]:
            found = {}
            for rel in ElementTree.fromstring(archive.read(rels_path)):
                target = rel.get("Target", "")
                part = (target.lstrip("/") if target.startswith("/")
                        else posixpath.normpath(posixpath.join(base, target)))
                found[rel.get("Id", "")] = (rel.get("Type", ""), part)
            return found

        main = next(part for kind, part in targets("_rels/.rels", "").values()
                    if kind.endswith("/officeDocument"))
        folder, file = posixpath.split(main)
        sheets = targets(posixpath.join(folder, "_rels", f"{file}.rels"), folder)
        for element in ElementTree.fromstring(archive.read(main)).iter():
            if element.tag.endswith("}sheet") and element.get("name") == title:
                return archive.read(sheets[element.get(f"{_REL_NS}id", "")][1])
    raise KeyError(f"no worksheet part for sheet {title!r}")


def _formula_texts(xml: bytes) -> dict[tuple[int, int], str]:
    """{(row, column): "=formula"} of every formula cell in the sheet XML."""
    found: dict[tuple[int, int], str] = {}
    for _, element in ElementTree.iterparse(io.BytesIO(xml)):
        if element.tag == _ROW_TAG:
            element.clear()  # keep memory flat on big sheets
        elif element.tag == _CELL_TAG:
            formula = element.find(_FORMULA_ELEMENT)
            reference = element.get("r")
            if formula is not None and formula.text and reference:
                found[coordinate_to_tuple(reference)] = "=" + formula.text
    return found


def _norm(text: object) -> str:
    return "".join(cell_text(text).split()).casefold()


def _not_a_pack(name: str, missing: str) -> SpreadsheetFormatError:
    return SpreadsheetFormatError(
        f"'{name}' is not a UAT pack exported by ERP Pipeline Studio ({missing}). A spreadsheet "
        "from another tool needs a column mapping, which is not supported for this file; export "
        "a UAT pack from the test cycle and enter the results in it."
    )


def _pack_info(workbook: Any, name: str) -> dict[str, str]:
    """Key/value pairs of the hidden Pack info sheet, keys normalised ("Pack ID" -> "packid")."""
    sheet = next((ws for ws in workbook.worksheets if _norm(ws.title) == _norm(INFO_SHEET)), None)
    if sheet is None:
        raise _not_a_pack(name, f"it has no '{INFO_SHEET}' sheet")
    sheet.reset_dimensions()  # some writers store a wrong used range; read every row
    info: dict[str, str] = {}
    for values in sheet.iter_rows(max_col=20, values_only=True):
        cells = [v for v in values if cell_text(v)]
        if len(cells) >= 2:
            info.setdefault(_norm(cells[0]), cell_text(cells[1]))
    for key, label in (("packid", "Pack ID"), ("cycleid", "Cycle ID")):
        if not info.get(key):
            raise SpreadsheetFormatError(
                f"'{name}' has a '{INFO_SHEET}' sheet without a {label}; the hidden sheet was "
                "edited. Export the pack again from the test cycle and copy the results into it."
            )
    return info


def _find_step_sheet(workbook: Any, name: str) -> tuple[Any, int, dict[str, tuple[int, str]]]:
    """The one sheet whose header row has "Step ID", that row, and {column name: (index, text)}."""
    found: list[tuple[Any, int, dict[str, tuple[int, str]]]] = []
    wanted = {_norm(c): c for c in _READ_COLUMNS}
    for ws in workbook.worksheets:
        if _norm(ws.title) == _norm(INFO_SHEET):
            continue
        rows = ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, max_col=HEADER_SEARCH_COLUMNS,
                            values_only=True)
        for row_number, values in enumerate(rows, start=1):
            headers = [_norm(v) for v in values]
            if _norm(_STEP_ID) not in headers:
                continue
            columns: dict[str, tuple[int, str]] = {}
            for index, (header, value) in enumerate(zip(headers, values, strict=True), start=1):
                column = wanted.get(header)
                if column is None:
                    continue
                if column in columns:
                    raise SpreadsheetFormatError(
                        f"'{name}', sheet '{ws.title}' has two '{column}' columns "
                        f"({columns[column][1]!r} and {cell_text(value)!r} in row {row_number}); "
                        "delete or rename one and import again."
                    )
                columns[column] = (index, cell_text(value))
            found.append((ws, row_number, columns))
            break
    if not found:
        raise SpreadsheetFormatError(
            f"'{name}' has a '{INFO_SHEET}' sheet but no sheet with a '{_STEP_ID}' column in its "
            f"first {HEADER_SEARCH_ROWS} rows; the hidden {_STEP_ID} column was deleted or its "
            "header changed. Export the pack again and copy the results into it."
        )
    if len(found) > 1:
        titles = ", ".join(f"'{ws.title}'" for ws, _, _ in found)
        raise SpreadsheetFormatError(
            f"'{name}' has {len(found)} sheets with a '{_STEP_ID}' column ({titles}); keep the "
            "one with the results, delete the other copies and import again."
        )
    sheet, header_row, columns = found[0]
    for column in _REQUIRED_COLUMNS:
        if column not in columns:
            raise SpreadsheetFormatError(
                f"'{name}', sheet '{sheet.title}' has no '{column}' column in its header row "
                f"{header_row}; put the header '{column}' back above that column."
            )
    return sheet, header_row, columns


class _RowReader:
    """Turns the rows under the header into ParsedStepResult or ImportProblem."""

    def __init__(self, file_name: str, sheet: Any, columns: dict[str, tuple[int, str]],
                 epoch: dt.datetime, xml: bytes) -> None:
        self._file = file_name
        self._sheet = sheet
        self._columns = columns
        self._epoch = epoch
        indexes = [index for index, _ in columns.values()]
        self._first_col, self._last_col = min(indexes), max(indexes)
        self._covered: dict[tuple[int, int], int] = {}
        self._top_values: dict[tuple[int, int], Any] = {}
        for match in _MERGE_REF.finditer(xml):
            # A tester who merges a comment over three steps means it for all three; a merge that
            # starts in a column to the left belongs to that column, so it is not copied here.
            min_col, min_row, _, max_row = range_boundaries(match.group(1).decode("ascii"))
            if min_col in indexes:
                self._top_values[(min_row, min_col)] = None
                for row in range(min_row + 1, max_row + 1):
                    self._covered[(row, min_col)] = min_row
        # The tester typed "=see defect 12"; Excel keeps it as a formula whose cached value is an
        # error (or none, if openpyxl wrote it). The formula text is what they typed.
        text_columns = {columns[c][0] for c in _TEXT_COLUMNS if c in columns}
        self._formulas = {
            cell: text for cell, text in _formula_texts(xml).items() if cell[1] in text_columns
        } if _FORMULA_TAG.search(xml) else {}

    def read(self, header_row: int) -> tuple[list[ParsedStepResult], list[ImportProblem]]:
        rows: list[ParsedStepResult] = []
        problems: list[ImportProblem] = []
        first_row_of: dict[str, int] = {}
        self._sheet.reset_dimensions()  # a wrong stored used range must not cut rows off
        lines = self._sheet.iter_rows(min_row=header_row + 1, min_col=self._first_col,
                                      max_col=self._last_col, values_only=True)
        for row_number, values in enumerate(lines, start=header_row + 1):
            cells = {column: self._value(row_number, index, values)
                     for column, (index, _) in self._columns.items()}
            if all(not cell_text(v) for v in cells.values()):
                continue
            parsed, found = self._parse(row_number, cells, first_row_of)
            problems.extend(found)
            if parsed is not None:
                rows.append(parsed)
        return rows, problems

    def _value(self, row: int, col: int, values: tuple[Any, ...]) -> Any:
        top = self._covered.get((row, col))
        if top is not None:
            return self._top_values.get((top, col))
        value = values[col - self._first_col] if values else None
        if value is None or (isinstance(value, str) and value in _EXCEL_ERRORS):
            value = self._formulas.get((row, col), value)
        if (row, col) in self._top_values:
            self._top_values[(row, col)] = value
        return value

    def _problem(self, row: int, column: str, reason: str) -> ImportProblem:
        header = self._columns[column][1] if column in self._columns else column
        return ImportProblem(self._file, self._sheet.title, row, header, reason)

    def _parse(self, row: int, cells: dict[str, Any], first_row_of: dict[str, int],
               ) -> tuple[ParsedStepResult | None, list[ImportProblem]]:
        raw_step = cell_text(cells[_STEP_ID])
        raw_result = cell_text(cells[_RESULT])
        step_id = _uuid_or_none(raw_step)
        if step_id is None:
            if not raw_result:
                return None, []  # a note or heading the tester added: nothing to import
            reason = ("no Step ID: the row was added by hand or the ID was deleted; enter "
                      "results only on rows of the exported pack" if not raw_step else
                      f"Step ID '{raw_step}' is not one the pack wrote (it was edited); "
                      "export the pack again or restore the ID")
            return None, [self._problem(row, _STEP_ID, reason)]
        problems: list[ImportProblem] = []
        if step_id in first_row_of:
            problems.append(self._problem(
                row, _STEP_ID, f"this step is already on row {first_row_of[step_id]} (the row "
                "was copied); keep one of the two rows and delete the other"))
        else:
            first_row_of[step_id] = row
        raw_case = cell_text(cells.get(_CASE_ID))
        case_id = _uuid_or_none(raw_case)
        if raw_case and case_id is None:
            problems.append(self._problem(
                row, _CASE_ID, f"Case ID '{raw_case}' is not one the pack wrote (it was edited); "
                "export the pack again or restore the ID"))
        result: StepResult = "not_run"
        try:
            result = normalise_result(cells[_RESULT])
        except ValueError as exc:
            problems.append(self._problem(row, _RESULT, str(exc)))
        executed_on = None
        try:
            executed_on = parse_date_cell(cells.get(_DATE), self._epoch)
        except ValueError as exc:
            problems.append(self._problem(row, _DATE, str(exc)))
        if problems:
            return None, problems
        return ParsedStepResult(
            sheet=self._sheet.title, row=row, step_id=step_id, case_id=case_id,
            case_key=cell_text(cells.get(_CASE_KEY)), result=result,
            actual_result=cell_text(cells.get(_ACTUAL)), tester=cell_text(cells.get(_TESTER)),
            executed_on=executed_on, defect_ref=cell_text(cells.get(_DEFECT)),
            comments=cell_text(cells.get(_COMMENTS)),
        ), []


def _uuid_or_none(text: str) -> str | None:
    if not text:
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def _int_or_none(text: str) -> int | None:
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _plausible(day: dt.date, shown: str) -> dt.date:
    if not _EARLIEST <= day <= _LATEST:
        raise ValueError(f"'{shown}' is not a plausible test date (it reads as "
                         f"{day.isoformat()}); type the date as YYYY-MM-DD")
    return day


def _make_date(year: int, month: int, day: int, shown: str) -> dt.date:
    try:
        made = dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"'{shown}' is not a real date; type the date as YYYY-MM-DD") from exc
    return _plausible(made, shown)


def _month(word: str) -> int | None:
    if len(word) < 3:
        return None
    matches = [i for i, month in enumerate(_MONTHS, start=1) if month.startswith(word)
               or (word == "sept" and month == "september")]
    return matches[0] if len(matches) == 1 else None


def _parse_date_text(text: str) -> dt.date:
    lowered = " ".join(text.split()).casefold()
    if match := _ISO_DATE.match(lowered):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, text)
    if match := _DOTTED_DATE.match(lowered):
        day, month, year = (int(g) for g in match.groups()[:3])
        return _make_date(year, month, day, text)
    if match := _NUMERIC_DATE.match(lowered):
        first, second, year = (int(g) for g in match.groups()[:3])
        if first <= 12 and second <= 12 and first != second:
            as_dmy, as_mdy = dt.date(year, second, first), dt.date(year, first, second)
            raise ValueError(
                f"'{text}' could be {_spoken(as_dmy)} or {_spoken(as_mdy)}; type the date as "
                f"YYYY-MM-DD ({as_dmy.isoformat()} for {_spoken(as_dmy)})")
        day, month = (first, second) if first > 12 or first == second else (second, first)
        return _make_date(year, month, day, text)
    for pattern, day_group, month_group in ((_DAY_MONTH_YEAR, 1, 2), (_MONTH_DAY_YEAR, 2, 1)):
        if match := pattern.match(lowered):
            month_number = _month(match.group(month_group))
            if month_number is not None:
                return _make_date(int(match.group(3)), month_number,
                                  int(match.group(day_group)), text)
    raise ValueError(f"'{text}' is not a date; type the date as YYYY-MM-DD")


def _spoken(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1].capitalize()} {day.year}"
