"""Data-mapping workbook: one sheet per master-data domain, for the migration team and the vendor.

"About" comes first: project, generation time, the mapping sets with version and status, and a
note of every cell whose text had to be cut to fit Excel. Each mapping sheet has its header in
row 1 (frozen, filtered) and Yes/No drop-downs on "Required" and "Unique key".
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exporters.column_fit import fit_columns
from exporters.xlsx_common import (
    HEADER_STYLE,
    NUMBER_STYLE,
    SUBTITLE_FONT,
    TEXT_STYLE,
    TITLE_FONT,
    Column,
    CutLog,
    add_list_validation,
    add_sheet,
    append_row,
    finish_table,
    new_workbook,
    save_workbook,
    write_header,
    write_key_values,
    write_row,
    write_text,
    yes_no,
)

ABOUT_SHEET = "About"
MAPPING_HEADERS: tuple[str, ...] = (
    "Source system", "Source object", "Source field", "Target object", "Target field",
    "Transformation", "Default value", "Required", "Allowed values", "Unique key", "Format",
    "Max length", "Notes",
)
YES_NO: tuple[str, ...] = ("Yes", "No")

_WIDTHS = (14, 16, 18, 18, 20, 34, 14, 10, 22, 10, 14, 10, 34)
# Running text wraps at its designed width; every other column grows to fit its longest word, so
# object and field names such as ADDRESSCOUNTRYREGIONID never break in the middle.
_PROSE = frozenset({"Transformation", "Allowed values", "Notes"})
_COLUMNS = tuple(
    Column(header, width, NUMBER_STYLE if header == "Max length" else TEXT_STYLE,
           prose=header in _PROSE)
    for header, width in zip(MAPPING_HEADERS, _WIDTHS, strict=True)
)
_SET_COLUMNS = (Column("Sheet", 22), Column("Mapping set", 34, prose=True), Column("Version", 12),
                Column("Status", 14), Column("Rows", 10, NUMBER_STYLE), Column("Domain", 20))
_REQUIRED = "H"
_UNIQUE = "J"
_MAX_LENGTH = "L"


@dataclass(frozen=True)
class MappingRow:
    """One field mapping with its quality rules."""

    source_system: str
    source_object: str
    source_field: str
    target_object: str
    target_field: str
    transformation: str
    default_value: str
    required: bool
    allowed_values: str
    unique_key: bool
    value_format: str
    max_length: int | None
    notes: str


@dataclass(frozen=True)
class MappingSetSheet:
    """A versioned mapping set of one master-data domain; becomes one sheet."""

    domain: str
    set_name: str
    version: str
    status: str
    rows: tuple[MappingRow, ...]


@dataclass(frozen=True)
class MappingWorkbook:
    """Everything the mapping workbook shows."""

    project_name: str
    generated_at: str
    sets: tuple[MappingSetSheet, ...]


def write_mapping_workbook(book: MappingWorkbook, target: Path) -> Path:
    """Write the mapping workbook to `target` atomically and return the path."""
    cut_log = CutLog()
    workbook = new_workbook(f"Data mapping {book.project_name}")
    about = add_sheet(workbook, ABOUT_SHEET)
    titles = [_write_set(add_sheet(workbook, mapping_set.domain), mapping_set, cut_log)
              for mapping_set in book.sets]
    _write_about(about, book, titles, cut_log)
    workbook.active = 0
    return save_workbook(workbook, target)


def _write_set(ws: Worksheet, mapping_set: MappingSetSheet, cut_log: CutLog) -> str:
    rows = [(
        row.source_system, row.source_object, row.source_field, row.target_object,
        row.target_field, row.transformation, row.default_value, yes_no(row.required),
        row.allowed_values, yes_no(row.unique_key), row.value_format, row.max_length,
        row.notes,
    ) for row in mapping_set.rows]
    columns = fit_columns(_COLUMNS, rows)
    write_header(ws, columns)
    last_row = 1
    for values in rows:
        last_row = append_row(ws, columns, values, cut_log)
    # Validations reach a little below the data, so rows a reader adds get the drop-downs too.
    end = max(last_row, 1) + 200
    add_list_validation(ws, f"{_REQUIRED}2:{_REQUIRED}{end}", YES_NO,
                        title="Required", prompt="Yes if the target needs a value in every record.")
    add_list_validation(ws, f"{_UNIQUE}2:{_UNIQUE}{end}", YES_NO,
                        title="Unique key", prompt="Yes if the field identifies the record.")
    length = DataValidation(
        type="whole", operator="between", formula1="1", formula2="32767", allow_blank=True,
        showErrorMessage=True, errorTitle="Max length",
        error="Enter a whole number of characters, or leave it empty.",
    )
    ws.add_data_validation(length)
    length.add(f"{_MAX_LENGTH}2:{_MAX_LENGTH}{end}")
    finish_table(ws, columns, last_row)
    ws.oddHeader.left.text = "&A"
    ws.oddHeader.right.text = f"Version {mapping_set.version}".replace("&", "&&")
    return str(ws.title)


def _write_about(ws: Worksheet, book: MappingWorkbook, titles: list[str], cut_log: CutLog) -> None:
    set_rows = [(title, mapping_set.set_name, mapping_set.version, mapping_set.status,
                 len(mapping_set.rows), mapping_set.domain)
                for mapping_set, title in zip(book.sets, titles, strict=True)]
    columns = fit_columns(_SET_COLUMNS, set_rows)
    for letter, column in zip("ABCDEF", columns, strict=True):
        ws.column_dimensions[letter].width = column.width
    write_text(ws, 1, 1, "Data mapping workbook").font = TITLE_FONT
    ws.row_dimensions[1].height = 24
    row = write_key_values(ws, 3, (
        ("Project", book.project_name),
        ("Generated at", book.generated_at),
        ("Mapping sets", len(book.sets)),
    ), cut_log)
    row += 1
    write_text(ws, row, 1, "Mapping sets").font = SUBTITLE_FONT
    row += 1
    for index, column in enumerate(columns, start=1):
        write_text(ws, row, index, column.header).style = HEADER_STYLE
    for values in set_rows:
        row += 1
        write_row(ws, row, columns, values, cut_log)
    if not book.sets:
        row += 1
        write_text(ws, row, 1, "This workbook holds no mapping sets.")
    row += 2
    write_text(ws, row, 1, "Text cut to fit Excel").font = SUBTITLE_FONT
    notes = cut_log.describe()
    if not notes:
        row += 1
        write_text(ws, row, 1, "None: every text is shown in full.")
    for sentence in notes:
        row += 1
        write_text(ws, row, 1, f"{sentence} Excel holds at most 32,767 characters in a cell; "
                               "the full text is in the project.")
    ws.sheet_view.showGridLines = False
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
