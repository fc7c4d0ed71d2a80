"""Parse a process catalogue spreadsheet into plain catalogue nodes (no database).

Two layouts are read, found by their header names in the first 30 rows of any sheet:

* the Microsoft Business Process Catalog "simple" layout: one column per level
  (End to end, Process area, Process, Scenario), every row repeating its ancestors;
* an Azure DevOps raw export: Work Item Type plus indented Title 1..Title n columns, where a
  row's parent is the nearest row above it in a shallower Title column.

Canonical id: the number as written in front of the name ("10", "10.05", "10.05.010",
"10.05.010.100"), because that is what consultants recognise. The Process Sequence ID
("10.05.000.000") is only a cross-check: it supplies the id, in the same short form, when the
name carries no usable number, a number that does not belong under the row's parent, or one
an earlier row already took. Parents come from the row's hierarchy columns (its place in the
catalogue), not from the digits, because Microsoft's own file has stale numbers in names.
A parent named in a row's columns but without a row of its own is made up from that text.
When two rows share an id, the first is kept, unless only a later one sits where its number
says (then that one is kept); the other row becomes a problem.

`problems` holds rows left out (reason starts "Row skipped:") and rows imported under the
Process Sequence ID instead of the number in their name, so the user can check both.
"""
from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from app.errors import ImportProblem, SpreadsheetFormatError
from app.importers.spreadsheet_kind import check_xlsx_readable

LEVELS: tuple[str, ...] = ("end_to_end", "area", "process", "scenario")
_LEVEL_LABELS = ("end-to-end process", "process area", "process", "scenario")
_LEVEL_BY_TYPE = {"end to end": 0, "process area": 1, "process": 2, "scenario": 3}
_HIERARCHY_HEADERS = ("end to end", "process area", "process", "scenario")
_TITLE_HEADERS = tuple(f"title {n}" for n in range(1, 10))
_SEQUENCE_HEADERS = ("process sequence id",)
_URL_HEADERS = ("microsoft learn url", "learn url", "url")
_HEADER_SCAN_ROWS = 30
_EXPECTED_COLUMNS = (
    "End to end, Process area, Process and Scenario (Microsoft Business Process Catalog), "
    "or Work Item Type with Title 1 to Title 4 (Azure DevOps export)"
)

# "10.05.010 Classify assets" -> ("10.05.010", "Classify assets"); the name must start with a
# letter so "2-way matching" is not read as number 2. Some real cells lack the space.
_NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?(?:\s+|(?=[^\W\d_])|$)(.*)$", re.DOTALL)
_SEQUENCE = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s*$")
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_PLAIN_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


@dataclass(frozen=True)
class CatalogNode:
    """One node of the catalogue tree, as read from the file."""

    catalog_id: str  # e.g. "65.20.030.100": the number written in front of the name
    name: str  # without the leading number
    level: str  # "end_to_end" | "area" | "process" | "scenario"
    parent_id: str | None  # catalog_id of the parent, None for end-to-end
    url: str  # plain URL taken from the (often HTML) URL cell, "" if none
    source_row: int  # 1-based Excel row; for a synthesised parent, the child row naming it


@dataclass(frozen=True)
class CatalogReadResult:
    """What the parse step hands to the preview and the apply step."""

    file_name: str
    sheet: str
    nodes: tuple[CatalogNode, ...]  # parents always before children
    problems: tuple[ImportProblem, ...]


@dataclass(frozen=True)
class _Layout:
    kind: str  # "simple" or "ado"
    header_row: int
    level_cols: tuple[int, ...]  # simple: one per level; ado: Title 1..n
    headers: tuple[str, ...]  # header text as written, for problem locations
    type_col: int | None
    sequence_col: int | None
    url_col: int | None


@dataclass(frozen=True)
class _Entry:
    """One catalogue row, reduced to what the tree builder needs."""

    row: int
    level: int
    text: str
    column: str
    ancestors: tuple[str | None, ...]  # cell text per ancestor level, None where unknown
    sequence: str | None
    url: str


def read_process_catalog(path: Path) -> CatalogReadResult:
    """Read a catalogue workbook; rows that cannot be used are listed in `problems`."""
    rows, sheet, layout = _load_rows(path)
    problems: list[ImportProblem] = []

    def report(row: int, column: str, reason: str) -> None:
        problems.append(ImportProblem(path.name, sheet, row, column, reason))

    read_entries = _simple_entries if layout.kind == "simple" else _ado_entries
    entries = list(read_entries(rows, layout, report))
    builder = _TreeBuilder(report, _strong_claims(entries))
    for entry in entries:
        builder.add(entry)
    problems.sort(key=lambda problem: problem.row)  # two passes report; the user reads by row
    return CatalogReadResult(path.name, sheet, builder.nodes(), tuple(problems))


# --- reading the workbook -----------------------------------------------------------------


def _load_rows(path: Path) -> tuple[list[tuple[object, ...]], str, _Layout]:
    """Open read-only with cached formula values; every openpyxl failure becomes ours."""
    check_xlsx_readable(path)  # says what the file is (.xls, CSV, lock file...) if not .xlsx
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, ParseError) as exc:
        raise SpreadsheetFormatError(
            f"'{path.name}' could not be opened as an Excel workbook ({exc}); open it in Excel, "
            "save it again as .xlsx and import that copy."
        ) from exc
    try:
        for ws in wb.worksheets:
            ws.reset_dimensions()  # dimensions written by some tools are wrong; read all rows
            top = list(ws.iter_rows(min_row=1, max_row=_HEADER_SCAN_ROWS, values_only=True))
            layout = _find_header(top)
            if layout is None:
                continue
            width = 1 + max(
                c for c in (*layout.level_cols, layout.type_col, layout.sequence_col,
                            layout.url_col) if c is not None
            )
            rows = list(ws.iter_rows(min_row=layout.header_row + 1, max_col=width,
                                     values_only=True))
            return rows, ws.title, layout
    except (zipfile.BadZipFile, KeyError, ValueError, ParseError, OSError) as exc:
        raise SpreadsheetFormatError(
            f"'{path.name}' is damaged and could not be read ({exc}); open it in Excel, save it "
            "again as .xlsx and import that copy."
        ) from exc
    finally:
        wb.close()
    raise SpreadsheetFormatError(
        f"'{path.name}' does not look like a process catalogue: no sheet has a header row "
        f"(in its first {_HEADER_SCAN_ROWS} rows) with the columns {_EXPECTED_COLUMNS}."
    )


def _find_header(top: Sequence[tuple[object, ...]]) -> _Layout | None:
    """The first row naming either layout's columns (case and punctuation ignored)."""
    for index, row in enumerate(top, start=1):
        where: dict[str, int] = {}
        for i, value in enumerate(row):
            where.setdefault(_norm(value), i)  # the first of two same-named columns wins
        if all(h in where for h in _HIERARCHY_HEADERS):
            kind, level_cols = "simple", tuple(where[h] for h in _HIERARCHY_HEADERS)
        elif "work item type" in where and all(h in where for h in _TITLE_HEADERS[:4]):
            kind, level_cols = "ado", tuple(where[h] for h in _TITLE_HEADERS if h in where)
        else:
            continue
        return _Layout(
            kind=kind,
            header_row=index,
            level_cols=level_cols,
            headers=tuple("" if v is None else str(v).strip() for v in row),
            type_col=where.get("work item type"),
            sequence_col=next((where[h] for h in _SEQUENCE_HEADERS if h in where), None),
            url_col=next((where[h] for h in _URL_HEADERS if h in where), None),
        )
    return None


# --- turning rows into entries ------------------------------------------------------------

_ReportFn = Callable[[int, str, str], None]


def _simple_entries(
    rows: list[tuple[object, ...]], layout: _Layout, report: _ReportFn
) -> Iterator[_Entry]:
    """One entry per catalogue row; ancestors are the cells to the left of the row's own."""
    for row_no, row in enumerate(rows, start=layout.header_row + 1):
        cells = [_text(_cell(row, c)) for c in layout.level_cols]
        kind = _norm(_cell(row, layout.type_col))
        if kind:
            if kind not in _LEVEL_BY_TYPE:
                report(row_no, layout.headers[layout.type_col or 0],
                       f"Row skipped: work item type '{_text(_cell(row, layout.type_col))}' is "
                       "not End to end, Process area, Process or Scenario.")
                continue
            level = _LEVEL_BY_TYPE[kind]
        else:
            filled = [i for i, c in enumerate(cells) if c]
            if not filled:
                if any(_text(v) for v in row):
                    report(row_no, "", "Row skipped: the End to end, Process area, Process and "
                                       "Scenario cells are all empty, so the row has no name.")
                continue
            level = filled[-1]
        column = layout.headers[layout.level_cols[level]]
        text = cells[level]
        if not text:
            report(row_no, column, f"Row skipped: the '{column}' cell is empty, so this "
                                   f"{_LEVEL_LABELS[level]} has no name.")
            continue
        yield _Entry(row_no, level, text, column, tuple(cells[:level]),
                     _text(_cell(row, layout.sequence_col)),
                     _extract_url(_cell(row, layout.url_col)))


def _ado_entries(
    rows: list[tuple[object, ...]], layout: _Layout, report: _ReportFn
) -> Iterator[_Entry]:
    """Entries from an indented export; non-catalogue rows only shape the indentation."""
    stack: list[tuple[int | None, str]] = []  # per Title column: (level or None, text)
    for row_no, row in enumerate(rows, start=layout.header_row + 1):
        titles = [_text(_cell(row, c)) for c in layout.level_cols]
        depth = next((i for i, t in enumerate(titles) if t), None)
        kind = _norm(_cell(row, layout.type_col))
        level = _LEVEL_BY_TYPE.get(kind)
        if depth is None:
            if level is not None:
                report(row_no, "", f"Row skipped: every Title cell is empty, so this "
                                   f"{_LEVEL_LABELS[level]} has no name.")
            continue
        text = titles[depth]
        del stack[depth:]
        stack.extend([(None, "")] * (depth - len(stack)))
        stack.append((level, text))
        if level is None:
            if not kind:
                report(row_no, layout.headers[layout.type_col or 0],
                       f"Row skipped: '{text}' has no Work Item Type, so its level is unknown.")
            continue  # Configuration deliverable, Workshop, Task...: not catalogue nodes
        ancestors: list[str | None] = [None] * level
        for anc_level, anc_text in stack[:depth]:
            if anc_level is not None and anc_level < level:
                ancestors[anc_level] = anc_text
        yield _Entry(row_no, level, text, layout.headers[layout.level_cols[depth]],
                     tuple(ancestors), _text(_cell(row, layout.sequence_col)),
                     _extract_url(_cell(row, layout.url_col)))


# --- building the tree --------------------------------------------------------------------


class _TreeBuilder:
    """Turns entries into nodes: one id per node, parents before children, no orphans."""

    def __init__(self, report: _ReportFn, claims: dict[str, int]) -> None:
        self._report = report
        self._claims = claims
        self._nodes: list[CatalogNode] = []  # reading order; a parent may follow its child
        self._by_id: dict[str, CatalogNode] = {}
        self._synthesised: set[str] = set()  # parents made up from a child's columns
        self._id_by_text: dict[tuple[int, str], str] = {}

    def add(self, entry: _Entry) -> None:
        number, name = _split_number(entry.text)
        if not name:
            self._report(entry.row, entry.column, f"Row skipped: '{entry.text}' has a number "
                                                  f"but no name for the {_label(entry)}.")
            return
        sequence = _sequence_id(entry.sequence, entry.level)
        parent_id = self._parent(entry, entry.level - 1, (number, sequence))
        if parent_id == "":
            return
        catalog_id = self._choose_id(entry, number, sequence, parent_id, name)
        if catalog_id is None:
            return
        node = CatalogNode(catalog_id, name, LEVELS[entry.level], parent_id, entry.url, entry.row)
        placeholder = self._by_id.get(catalog_id)
        if placeholder is not None:  # synthesised from a child seen earlier: the real row wins
            self._nodes[self._nodes.index(placeholder)] = node
            self._synthesised.discard(catalog_id)
        else:
            self._nodes.append(node)
        self._by_id[catalog_id] = node
        self._id_by_text.setdefault((entry.level, _key(entry.text)), catalog_id)

    def nodes(self) -> tuple[CatalogNode, ...]:
        """Nodes in reading order, each parent moved before its first child if needed."""
        done: set[str] = set()
        out: list[CatalogNode] = []

        def emit(node: CatalogNode) -> None:
            if node.catalog_id not in done:
                done.add(node.catalog_id)
                if node.parent_id is not None:
                    emit(self._by_id[node.parent_id])
                out.append(node)

        for node in self._nodes:
            emit(node)
        return tuple(out)

    def _parent(
        self, entry: _Entry, level: int, own: tuple[str | None, str | None]
    ) -> str | None:
        """Id of the ancestor at `level`, synthesised from the row if no row defined it yet.

        Returns None above the top level and "" (after reporting) when it cannot be found.
        """
        if level < 0:
            return None
        text = entry.ancestors[level]
        if text:
            known = self._id_by_text.get((level, _key(text)))
            if known is not None:
                return known
            number, name = _split_number(text)
            if number is not None and _depth(number) == level + 1:
                if number not in self._by_id:
                    grand = self._parent(entry, level - 1, own)
                    if grand == "":
                        return ""
                    synthesised = CatalogNode(number, name or number, LEVELS[level], grand, "",
                                              entry.row)
                    self._nodes.append(synthesised)
                    self._by_id[number] = synthesised
                    self._synthesised.add(number)
                self._id_by_text[(level, _key(text))] = number
                return number
        # The cell is empty (e.g. a formula without a cached value): use the row's own number.
        for candidate in own:
            if candidate is not None:
                prefix = ".".join(candidate.split(".")[: level + 1])
                if _depth(prefix) == level + 1 and prefix in self._by_id:
                    return prefix
        label = _LEVEL_LABELS[level]
        what = (f"its {label} '{text}' has no {label} number" if text
                else f"the {label} it belongs to is not named on this row")
        self._report(entry.row, "", f"Row skipped: {what}, and no earlier row gives it.")
        return ""

    def _choose_id(
        self, entry: _Entry, number: str | None, sequence: str | None,
        parent_id: str | None, name: str,
    ) -> str | None:
        """The name's number when it fits; else the Process Sequence ID; else a problem."""
        valid = number if number is not None and _depth(number) == entry.level + 1 else None

        def fits(candidate: str | None) -> bool:
            return candidate is not None and (
                parent_id is None or candidate.startswith(parent_id + "."))

        def holder(candidate: str) -> int | None:
            """Row that owns `candidate` already, or will because its number fits its place."""
            taken = self._by_id.get(candidate)
            if taken is not None and candidate not in self._synthesised:
                return taken.source_row
            claimant = self._claims.get(candidate, entry.row)
            return None if fits(candidate) or claimant == entry.row else claimant

        def available(candidate: str | None) -> bool:
            return candidate is not None and holder(candidate) is None

        if fits(valid) and available(valid):
            return valid
        if available(sequence) and (fits(sequence) or valid is None):
            if number is not None:
                if valid is None:
                    why = f"is not a {_label(entry)} number"
                elif not available(valid):
                    why = f"is already used by row {holder(valid)}"
                else:
                    why = f"does not belong under {parent_id}"
                self._report(entry.row, entry.column,
                             f"The number {number} in '{entry.text}' {why}; imported as "
                             f"{sequence} from the Process Sequence ID.")
            return sequence
        if available(valid):
            return valid  # numbered outside its parent; the hierarchy columns decide the place
        taken_id = valid or sequence
        if taken_id is None:
            self._report(entry.row, entry.column,
                         f"Row skipped: '{entry.text}' has no {_label(entry)} number and the "
                         "Process Sequence ID gives none either.")
            return None
        other = holder(taken_id)
        first = self._by_id.get(taken_id)
        if first is not None and first.source_row == other:
            kept = f"row {other} ('{first.name}'); the first row is kept."
        else:
            kept = f"row {other}, whose place matches the number; that row is kept."
        self._report(entry.row, entry.column,
                     f"Row skipped: catalogue id {taken_id} ('{name}') is also used by {kept}")
        return None


def _strong_claims(entries: Sequence[_Entry]) -> dict[str, int]:
    """First row per id whose number sits under its parent's number (for duplicate ids)."""
    claims: dict[str, int] = {}
    for entry in entries:
        number = _split_number(entry.text)[0]
        if number is None or _depth(number) != entry.level + 1:
            continue
        if entry.level > 0:
            parent = _split_number(entry.ancestors[entry.level - 1] or "")[0]
            if parent is None or not number.startswith(parent + "."):
                continue
        claims.setdefault(number, entry.row)
    return claims


# --- small helpers ------------------------------------------------------------------------


def _cell(row: tuple[object, ...], col: int | None) -> object:
    return row[col] if col is not None and col < len(row) else None


def _text(value: object) -> str:
    """Cell value as trimmed text; whole floats lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _norm(value: object) -> str:
    """Header or type text compared loosely: 'End-to-end ' == 'end to end'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", _text(value).casefold()).split())


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _label(entry: _Entry) -> str:
    return _LEVEL_LABELS[entry.level]


def _depth(catalog_id: str) -> int:
    return len(catalog_id.split("."))


def _split_number(text: str) -> tuple[str | None, str]:
    """'10.05.010 Classify  assets' -> ('10.05.010', 'Classify assets')."""
    match = _NUMBERED.match(text)
    if match is None:
        return None, " ".join(text.split())
    name = match.group(2).lstrip(" -\u2013\u2014:")
    return match.group(1), " ".join(name.split())


def _sequence_id(value: str | None, level: int) -> str | None:
    """'10.05.000.000' -> '10.05' for an area; None unless the unused groups are zeros."""
    match = _SEQUENCE.match(value or "")
    if match is None:
        return None
    parts = match.group(1).split(".")
    if len(parts) <= level or any(p.strip("0") for p in parts[level + 1:]):
        return None
    return ".".join(parts[: level + 1])


def _extract_url(value: object) -> str:
    """The link target of an HTML cell like '<div><a href="...">...</a></div>', or a bare URL."""
    text = _text(value)
    if not text:
        return ""
    match = _HREF.search(text) or _PLAIN_URL.search(text)
    if match is None:
        return ""
    return html.unescape(match.group(1) if match.re is _HREF else match.group(0)).strip()
