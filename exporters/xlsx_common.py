"""Helpers the workbook writers share: safe cells, header rows, widths, drop-downs, saving.

Every string goes in through `write_text`, which cleans it, cuts it to Excel's limit with a visible
marker and stores it as a string cell: openpyxl would otherwise store text starting with "=" as a
formula. Drop-down lists use explicit list formulas ("Yes,No"), which Excel, LibreOffice and Google
Sheets all keep; lists that cannot be written that way go to a hidden "Lists" sheet.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exporters.atomic_write import atomic_output
from exporters.text_safety import safe_cell_text, safe_sheet_title

CellValue = str | int | float | bool | dt.date | None

ACCENT = "1F3864"  # dark navy, the same as the Word template's headings
FONT_NAME = "Calibri"  # LibreOffice shows its metric twin, Carlito: same line breaks
BODY_FONT = Font(name=FONT_NAME, size=11)
TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True, color=ACCENT)
SUBTITLE_FONT = Font(name=FONT_NAME, size=12, bold=True, color=ACCENT)
LABEL_FONT = Font(name=FONT_NAME, size=11, bold=True)
LOCKED_GREY = "E7E6E6"  # grey: "part of the script, do not edit"

# Named cell styles: one lookup per cell instead of hashing fonts, fills and borders for every
# cell (50,000-step packs), and the styles show up by name in Excel's and LibreOffice's galleries.
HEADER_STYLE = "ERP header"
TEXT_STYLE = "ERP text"
NUMBER_STYLE = "ERP number"
SCRIPT_STYLE = "ERP script"  # grey and locked: the part of a sheet a reader must not change
SCRIPT_NUMBER_STYLE = "ERP script number"
INPUT_STYLE = "ERP input"  # unlocked: where a reader writes
INPUT_DATE_STYLE = "ERP input date"
DATE_FORMAT = "yyyy-mm-dd"


def _named_styles() -> list[NamedStyle]:
    top_wrap = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)
    grey = PatternFill("solid", fgColor=LOCKED_GREY)
    return [
        NamedStyle(
            HEADER_STYLE,
            font=Font(name=FONT_NAME, size=11, bold=True, color="FFFFFF"),
            fill=PatternFill("solid", fgColor=ACCENT),
            alignment=Alignment(wrap_text=True, vertical="center"),
        ),
        NamedStyle(TEXT_STYLE, font=BODY_FONT, alignment=top_wrap),
        NamedStyle(
            NUMBER_STYLE, font=BODY_FONT, alignment=Alignment(vertical="top", horizontal="center")
        ),
        NamedStyle(SCRIPT_STYLE, font=BODY_FONT, alignment=top_wrap, fill=grey),
        NamedStyle(
            SCRIPT_NUMBER_STYLE,
            font=BODY_FONT,
            alignment=Alignment(vertical="top", horizontal="center"),
            fill=grey,
        ),
        NamedStyle(INPUT_STYLE, font=BODY_FONT, alignment=top_wrap, protection=unlocked),
        NamedStyle(
            INPUT_DATE_STYLE,
            font=BODY_FONT,
            alignment=Alignment(vertical="top", horizontal="left"),
            protection=unlocked,
            number_format=DATE_FORMAT,
        ),
    ]


#: Excel's largest row height, in points.
MAX_ROW_HEIGHT = 409.0
_LINE_HEIGHT = 14.5  # points per line of 11 pt Calibri/Carlito
_LIST_FORMULA_LIMIT = 255  # Excel's limit on an explicit list formula
LISTS_SHEET = "Lists"


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: header text, width (Excel character units), cell style.

    `prose` marks running text (descriptions, notes): it wraps at its designed width, while other
    columns are widened to fit their longest word (see `exporters.column_fit`).
    """

    header: str
    width: float
    style: str = TEXT_STYLE
    prose: bool = False

    @property
    def wraps(self) -> bool:
        """True when the column's text wraps, so long text makes the row taller."""
        return self.style in {TEXT_STYLE, SCRIPT_STYLE, INPUT_STYLE}


@dataclass(frozen=True)
class CutNote:
    """A cell whose text was cut to fit Excel's limit."""

    sheet: str
    cell: str
    original_length: int
    shown_length: int


@dataclass
class CutLog:
    """Collects the cells whose text was cut, so a writer can list them for the reader."""

    notes: list[CutNote] = field(default_factory=list)

    def describe(self) -> list[str]:
        """One sentence per cut cell, for an About or Instructions sheet."""
        return [
            f"{note.sheet}!{note.cell}: {note.original_length:,} characters in the project, "
            f"the first {note.shown_length:,} shown."
            for note in self.notes
        ]


def new_workbook(title: str) -> Workbook:
    """An empty workbook (no default sheet) whose properties name the app and the document."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "ERP Pipeline Studio"
    workbook.properties.title = safe_cell_text(title, limit=255).text
    for style in _named_styles():
        workbook.add_named_style(style)
    return workbook


def add_sheet(workbook: Workbook, name: str) -> Worksheet:
    """Add a sheet whose title follows Excel's rules and is unique in the workbook."""
    title = safe_sheet_title(name, set(workbook.sheetnames))
    return workbook.create_sheet(title)


def write_text(
    ws: Worksheet, row: int, column: int, text: str, cut_log: CutLog | None = None
) -> Cell:
    """Write `text` as a string cell, cleaned and cut to Excel's limit; never a formula."""
    cell: Cell = ws.cell(row=row, column=column)
    cell.value = _safe_value(text, cut_log, ws.title, cell.coordinate)
    cell.data_type = "s"  # openpyxl turns "=..." into a formula; a user's text is never one
    return cell


def write_value(
    ws: Worksheet, row: int, column: int, value: CellValue, cut_log: CutLog | None = None
) -> Cell:
    """Write a value: text safely, True/False as "Yes"/"No", numbers and dates as such, None empty.

    A date keeps the cell's date format if it has one, else gets "yyyy-mm-dd".
    """
    if isinstance(value, str):
        return write_text(ws, row, column, value, cut_log)
    cell: Cell = ws.cell(row=row, column=column)
    if isinstance(value, bool):
        cell.value = "Yes" if value else "No"
        cell.data_type = "s"
    elif value is not None:
        cell.value = value
    return cell


def yes_no(flag: bool) -> str:
    """The text a workbook shows for a flag."""
    return "Yes" if flag else "No"


def write_header(ws: Worksheet, columns: Sequence[Column], row: int = 1) -> None:
    """Write a styled header row, set the column widths and give each column its style.

    The column style is what Excel and LibreOffice apply to cells that are still empty, so an
    empty input column stays unlocked and a date typed into the Date column shows as a date.
    """
    named = {style.name: style for style in ws.parent._named_styles}
    for index, column in enumerate(columns, start=1):
        write_text(ws, row, index, column.header).style = HEADER_STYLE
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        style = named[column.style]
        dimension.alignment = style.alignment
        dimension.protection = style.protection
        dimension.number_format = style.number_format
    ws.row_dimensions[row].height = max(
        _LINE_HEIGHT * 1.4, estimate_row_height([(c.header, c.width) for c in columns])
    )


def _safe_value(value: CellValue, cut_log: CutLog | None, sheet: str, where: str) -> CellValue:
    if value == "":
        return value  # nothing to clean: the empty tester cells of a fresh UAT pack
    if isinstance(value, str):
        safe = safe_cell_text(value)
        if safe.was_cut and cut_log is not None:
            cut_log.notes.append(CutNote(sheet, where, safe.original_length, safe.shown_length))
        return safe.text
    if isinstance(value, bool):
        return yes_no(value)
    return value


# Style arrays of the named styles, per workbook: a bound named style's array never changes.
_STYLE_ARRAYS: WeakKeyDictionary[Workbook, dict[str, StyleArray]] = WeakKeyDictionary()


def _style_arrays(workbook: Workbook, columns: Sequence[Column]) -> list[StyleArray]:
    # openpyxl has no public handle on a bound named style's array; copying it is what
    # `cell.style = name` does, minus a search through the workbook's styles for every cell.
    known = _STYLE_ARRAYS.setdefault(workbook, {})
    arrays: list[StyleArray] = []
    for column in columns:
        array = known.get(column.style)
        if array is None:
            named = {style.name: style for style in workbook._named_styles}
            array = known[column.style] = named[column.style].as_tuple()
        arrays.append(array)
    return arrays


def append_row(
    ws: Worksheet,
    columns: Sequence[Column],
    values: Sequence[CellValue],
    cut_log: CutLog | None = None,
) -> int:
    """Append one table row below the last one and return its number.

    Each value is written safely in its column's named style and the row is made tall enough for
    its wrapped text. Empty values get no cell: the column style set by `write_header` covers
    them (an empty input cell stays unlocked). This is the fast path for big sheets.
    """
    arrays = _style_arrays(ws.parent, columns)
    title = ws.title
    row: int = ws._current_row + 1  # where `ws.append` puts the row
    cells: list[Cell | None] = []
    texts: list[tuple[str, float]] = []
    for index, column in enumerate(columns):
        raw = values[index] if index < len(values) else None
        if raw is None:
            cells.append(None)
            continue
        value = _safe_value(raw, cut_log, title, f"{get_column_letter(index + 1)}{row}")
        if isinstance(value, str):
            cell = Cell(ws, style_array=StyleArray(arrays[index]))
            # safe_cell_text has cleaned and cut the text, so Cell's own check is skipped;
            # "s" keeps a user's text from ever being a formula.
            cell._value = value
            cell.data_type = "s"
            if column.wraps:
                texts.append((value, column.width))
        else:
            cell = Cell(ws, value=value, style_array=StyleArray(arrays[index]))
        cells.append(cell)
    ws.append(cells)
    if not cells:
        return int(ws.max_row)
    height = estimate_row_height(texts)
    if height > _LINE_HEIGHT + 3:
        ws.row_dimensions[row].height = height
    return row


def write_row(
    ws: Worksheet,
    row: int,
    columns: Sequence[Column],
    values: Sequence[CellValue],
    cut_log: CutLog | None = None,
) -> None:
    """Write one row at `row` like `append_row` does; for small tables placed anywhere."""
    texts: list[tuple[str, float]] = []
    for index, column in enumerate(columns, start=1):
        value = values[index - 1] if index <= len(values) else None
        cell = write_value(ws, row, index, value, cut_log)
        cell.style = column.style
        if column.wraps and isinstance(cell.value, str):
            texts.append((cell.value, column.width))
    height = estimate_row_height(texts)
    if height > _LINE_HEIGHT + 3:
        ws.row_dimensions[row].height = height


def finish_table(ws: Worksheet, columns: Sequence[Column], last_row: int) -> None:
    """Freeze the header, add a filter over the table and set up printing (landscape, fit width)."""
    ws.freeze_panes = "A2"
    last_column = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last_column}{max(last_row, 2)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddFooter.right.text = "&A"


def estimate_row_height(texts: Iterable[tuple[str, float]]) -> float:
    """Points needed to show wrapped texts in columns of the given widths (capped at Excel's max).

    Excel does not fit row heights when it opens a file, so the writer sets them; the estimate
    errs on the generous side: about 1.15 characters of running text per width unit, less the
    room a line loses by wrapping before a word that does not fit.
    """
    lines = 1
    for text, width in texts:
        per_line = max(1, int(width * 1.15 - 4))
        if len(text) <= per_line and "\n" not in text:
            continue  # one line, like most cells of a big sheet: no need to split
        needed = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, needed)
    return min(MAX_ROW_HEIGHT, lines * _LINE_HEIGHT + 4)


def add_list_validation(
    ws: Worksheet,
    cell_range: str,
    values: Sequence[str],
    *,
    title: str,
    prompt: str,
) -> DataValidation:
    """Add a drop-down of `values` to `cell_range` that rejects anything else.

    The list is written as an explicit formula ("Yes,No") when it fits Excel's 255-character limit
    and no value holds a comma or quote; otherwise it goes to a hidden "Lists" sheet.
    """
    clean = [safe_cell_text(value, limit=255).text for value in values]
    explicit = '"' + ",".join(clean) + '"'
    if len(explicit) <= _LIST_FORMULA_LIMIT and not any(("," in v or '"' in v) for v in clean):
        formula = explicit
    else:
        formula = _list_on_hidden_sheet(ws, clean)
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=title[:32],
        error=f"Choose one of: {', '.join(clean)}"[:255],
        promptTitle=title[:32],
        prompt=prompt[:255],
    )
    ws.add_data_validation(validation)
    validation.add(cell_range)
    return validation


def _list_on_hidden_sheet(ws: Worksheet, values: Sequence[str]) -> str:
    workbook = ws.parent
    if LISTS_SHEET in workbook.sheetnames:
        lists = workbook[LISTS_SHEET]
    else:
        lists = workbook.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
    column = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value is not None else 1
    for row, value in enumerate(values, start=1):
        write_text(lists, row, column, value)
    letter = get_column_letter(column)
    return f"{quote_sheetname(lists.title)}!${letter}$1:${letter}${len(values)}"


def write_key_values(
    ws: Worksheet,
    start_row: int,
    pairs: Sequence[tuple[str, CellValue]],
    cut_log: CutLog | None,
    *,
    wrap_width: float | None = None,
) -> int:
    """Write label/value rows in columns A and B; return the next free row.

    Values run on into the empty cells to their right, unless `wrap_width` (the width of column
    B) is given: then they wrap and the row grows to fit.
    """
    row = start_row
    for label, value in pairs:
        write_text(ws, row, 1, label).font = LABEL_FONT
        cell = write_value(ws, row, 2, value, cut_log)
        cell.alignment = Alignment(
            wrap_text=wrap_width is not None, vertical="top", horizontal="left"
        )
        if wrap_width is not None and isinstance(cell.value, str):
            ws.row_dimensions[row].height = estimate_row_height([(cell.value, wrap_width)])
        row += 1
    return row


def save_workbook(workbook: Workbook, target: Path) -> Path:
    """Save atomically: `target` ends up as the complete new workbook or stays as it was."""
    target = Path(target)
    with atomic_output(target) as temp:
        workbook.save(temp)
    return target
