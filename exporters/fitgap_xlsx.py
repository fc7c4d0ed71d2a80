"""Fit-gap register workbook: a summary for the steering committee and the full register.

"Summary" (first): counts per classification (configure / customize / interface / unclassified)
and of items needing design, then the same per process area as a small heat map. "Register": one
row per item with its current fit-gap decision, drop-downs on class, design required, object type
and priority, a frozen header and filters.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from openpyxl.formatting.rule import CellIsRule, ColorScaleRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exporters.column_fit import fit_columns
from exporters.xlsx_common import (
    FONT_NAME,
    HEADER_STYLE,
    NUMBER_STYLE,
    SUBTITLE_FONT,
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

SUMMARY_SHEET = "Summary"
REGISTER_SHEET = "Register"
CLASSES: tuple[str, ...] = ("configure", "customize", "interface", "unclassified")
DEFAULT_PRIORITIES: tuple[str, ...] = ("Must", "Should", "Could", "Won't")
DEFAULT_OBJECT_TYPES: tuple[str, ...] = (
    "Report", "Interface", "Conversion", "Enhancement", "Form", "Workflow",
)
REGISTER_HEADERS: tuple[str, ...] = (
    "Key", "Title", "Process area", "Class", "Design required", "Object type", "Rationale",
    "Priority", "Stage", "Status", "Effort band", "Decided by", "Decided at",
)

_WIDTHS = (11, 34, 24, 13, 10, 13, 40, 10, 11, 12, 10, 18, 16)
# Title and rationale wrap; every other column grows to fit its longest word (REQ-0001 never
# breaks).
_PROSE = frozenset({"Title", "Rationale"})
_COLUMNS = tuple(Column(h, w, prose=h in _PROSE)
                 for h, w in zip(REGISTER_HEADERS, _WIDTHS, strict=True))
_CLASS_COLOURS = {  # light fill, dark text: the same colours as the app's fit-gap board
    "configure": ("C6EFCE", "006100"),
    "customize": ("FFEB9C", "9C5700"),
    "interface": ("DDEBF7", "1F4E78"),
}
_NO_AREA = "(no process area)"


@dataclass(frozen=True)
class FitGapEntry:
    """One item with its current fit-gap decision (empty classification means unclassified)."""

    key: str
    title: str
    process_area: str
    classification: str
    design_required: bool
    object_type: str
    rationale: str
    priority: str
    stage: str
    status: str
    effort_band: str
    decided_by: str
    decided_at: str


@dataclass(frozen=True)
class FitGapRegister:
    """Everything the fit-gap workbook shows; picklists default to MoSCoW and RICEFW."""

    project_name: str
    generated_at: str
    entries: tuple[FitGapEntry, ...]
    priorities: tuple[str, ...] = DEFAULT_PRIORITIES
    object_types: tuple[str, ...] = DEFAULT_OBJECT_TYPES


def class_of(entry: FitGapEntry) -> str:
    """The entry's class as the workbook counts it: one of CLASSES."""
    value = entry.classification.strip().casefold()
    return value if value in CLASSES else "unclassified"


def write_fitgap_register(reg: FitGapRegister, target: Path) -> Path:
    """Write the fit-gap register to `target` atomically and return the path."""
    cut_log = CutLog()
    workbook = new_workbook(f"Fit-gap register {reg.project_name}")
    summary = add_sheet(workbook, SUMMARY_SHEET)
    register = add_sheet(workbook, REGISTER_SHEET)
    _write_register(register, reg, cut_log)
    _write_summary(summary, reg, cut_log)
    workbook.active = 0
    return save_workbook(workbook, target)


def _write_register(ws: Worksheet, reg: FitGapRegister, cut_log: CutLog) -> None:
    rows = [(
        entry.key, entry.title, entry.process_area, class_of(entry),
        yes_no(entry.design_required), entry.object_type, entry.rationale, entry.priority,
        entry.stage, entry.status, entry.effort_band, entry.decided_by, entry.decided_at,
    ) for entry in reg.entries]
    columns = fit_columns(_COLUMNS, rows)
    write_header(ws, columns)
    last_row = 1
    for values in rows:
        last_row = append_row(ws, columns, values, cut_log)
    end = last_row + 200  # room for rows a reader adds
    add_list_validation(ws, f"D2:D{end}", CLASSES, title="Class",
                        prompt="configure, customize, interface or unclassified.")
    add_list_validation(ws, f"E2:E{end}", ("Yes", "No"), title="Design required",
                        prompt="Yes if the item needs a design pack before build.")
    add_list_validation(ws, f"F2:F{end}", reg.object_types, title="Object type",
                        prompt="The kind of object a gap needs (RICEFW).")
    add_list_validation(ws, f"H2:H{end}", reg.priorities, title="Priority",
                        prompt="MoSCoW priority.")
    for name, (fill, font) in _CLASS_COLOURS.items():
        ws.conditional_formatting.add(f"D2:D{end}", CellIsRule(
            operator="equal", formula=[f'"{name}"'],
            fill=PatternFill("solid", fgColor=fill, bgColor=fill), font=Font(color=font)))
    finish_table(ws, columns, last_row)
    ws.freeze_panes = "C2"  # key and title stay in view


_CLASS_COLUMNS = (Column("Class", 34), Column("Items", 12, NUMBER_STYLE),
                  Column("Share", 12, NUMBER_STYLE), Column("Design required", 12, NUMBER_STYLE))
_AREA_COLUMNS = (Column("Process area", 34),) + tuple(
    Column(name.capitalize(), 12, NUMBER_STYLE) for name in CLASSES
) + (Column("Total", 10, NUMBER_STYLE), Column("Design required", 15, NUMBER_STYLE))


def _area_rows(entries: tuple[FitGapEntry, ...]) -> list[tuple[str, int, int, int, int, int, int]]:
    """Per process area: counts per class, total and design required; "(no process area)" last."""
    counts: dict[str, Counter[str]] = {}
    for entry in entries:
        area = entry.process_area.strip() or _NO_AREA
        counts.setdefault(area, Counter())[class_of(entry)] += 1
        counts[area]["design"] += 1 if entry.design_required else 0
    rows = []
    for area in sorted(counts, key=lambda name: (name == _NO_AREA, name.casefold())):
        tally = counts[area]
        configure, customize, interface, unclassified = (tally[name] for name in CLASSES)
        rows.append((area, configure, customize, interface, unclassified,
                     sum(tally[n] for n in CLASSES), tally["design"]))
    return rows


def _write_summary(ws: Worksheet, reg: FitGapRegister, cut_log: CutLog) -> None:
    area_rows = _area_rows(reg.entries)
    class_columns = fit_columns(_CLASS_COLUMNS, [(name,) for name in CLASSES])
    area_columns = fit_columns(_AREA_COLUMNS, area_rows)
    for index, column in enumerate(area_columns):
        width = column.width
        if index < len(class_columns):
            width = max(width, class_columns[index].width)
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    write_text(ws, 1, 1, "Fit-gap register").font = TITLE_FONT
    ws.row_dimensions[1].height = 24
    entries = reg.entries
    design = sum(1 for e in entries if e.design_required)
    row = write_key_values(ws, 3, (
        ("Project", reg.project_name),
        ("Generated at", reg.generated_at),
        ("Items", len(entries)),
        ("Design required", design),
    ), cut_log)

    row += 1
    write_text(ws, row, 1, "By classification").font = SUBTITLE_FONT
    row += 1
    by_class = Counter(class_of(e) for e in entries)
    design_by_class = Counter(class_of(e) for e in entries if e.design_required)
    _header(ws, row, class_columns)
    for name in CLASSES:
        row += 1
        share = by_class[name] / len(entries) if entries else 0.0
        write_row(ws, row, class_columns, (name, by_class[name], share, design_by_class[name]))
        ws.cell(row=row, column=3).number_format = "0%"
        if name in _CLASS_COLOURS:
            fill, font = _CLASS_COLOURS[name]
            cell = ws.cell(row=row, column=1)
            cell.fill = PatternFill("solid", fgColor=fill)
            cell.font = Font(name=FONT_NAME, color=font, bold=True)
    row += 1
    write_row(ws, row, class_columns, ("Total", len(entries), 1.0 if entries else 0.0, design))
    ws.cell(row=row, column=3).number_format = "0%"
    for index in range(1, 5):
        ws.cell(row=row, column=index).font = Font(name=FONT_NAME, bold=True)

    row += 2
    write_text(ws, row, 1, "By process area").font = SUBTITLE_FONT
    row += 1
    _header(ws, row, area_columns)
    # The heat map can run over several printed pages: repeat its header row on each of them.
    ws.print_title_rows = f"{row}:{row}"
    first = row + 1
    for values in area_rows:
        row += 1
        write_row(ws, row, area_columns, values, cut_log)
    if area_rows:
        ws.conditional_formatting.add(f"B{first}:E{row}", ColorScaleRule(
            start_type="num", start_value=0, start_color="FFFFFF",
            end_type="max", end_color="8EA9DB"))
    else:
        row += 1
        write_text(ws, row, 1, "No items yet.")
    ws.sheet_view.showGridLines = False
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _header(ws: Worksheet, row: int, columns: tuple[Column, ...]) -> None:
    for index, column in enumerate(columns, start=1):
        write_text(ws, row, index, column.header).style = HEADER_STYLE
    ws.row_dimensions[row].height = 30
