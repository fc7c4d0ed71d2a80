"""Fit-gap register workbook: summary counts, register rows, drop-downs."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from exporter_samples import FORMULA_LIKE, HOSTILE_CLEAN, fitgap_register
from openpyxl import Workbook

from exporters.column_fit import text_width
from exporters.fitgap_xlsx import REGISTER_HEADERS, FitGapRegister, write_fitgap_register
from exporters.text_safety import EXCEL_CELL_LIMIT, utf16_length


def _export(tmp_path: Path, *, hostile: bool = False) -> Workbook:
    target = write_fitgap_register(fitgap_register(hostile=hostile), tmp_path / "fitgap.xlsx")
    return openpyxl.load_workbook(target)


def _rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_summary_counts_per_class_and_design(tmp_path: Path) -> None:
    book = _export(tmp_path)
    assert book.sheetnames == ["Summary", "Register"]
    rows = _rows(book["Summary"])
    by_label = {row[0]: list(row[1:5]) for row in rows if row[0] is not None}
    assert by_label["Items"][0] == 6 and by_label["Design required"][0] == 3
    assert by_label["configure"] == [3, 0.5, 1, None]  # "Configure" counts as configure
    assert by_label["customize"][:3] == [1, pytest.approx(1 / 6), 1]
    assert by_label["interface"][0] == 1 and by_label["unclassified"][0] == 1
    assert by_label["Total"] == [6, 1.0, 3, None]


def test_summary_per_process_area(tmp_path: Path) -> None:
    rows = _rows(_export(tmp_path)["Summary"])
    start = [r[0] for r in rows].index("Process area")
    assert rows[start][:7] == ["Process area", "Configure", "Customize", "Interface",
                               "Unclassified", "Total", "Design required"]
    areas = {r[0]: r[1:7] for r in rows[start + 1:] if r[0]}
    assert list(areas) == ["Order to cash", "Procure to pay", "(no process area)"]
    assert areas["Order to cash"] == [1, 1, 1, 0, 3, 2]
    assert areas["Procure to pay"] == [1, 0, 0, 1, 2, 0]
    assert areas["(no process area)"] == [1, 0, 0, 0, 1, 1]


def test_register_rows_drop_downs_and_layout(tmp_path: Path) -> None:
    sheet = _export(tmp_path)["Register"]
    assert [c.value for c in sheet[1]] == list(REGISTER_HEADERS)
    assert sheet.max_row == 7
    assert [c.value for c in sheet[3]][:6] == ["REQ-0002", "Requirement 2", "Order to cash",
                                                "customize", "Yes", "Report"]
    assert sheet["D6"].value == "unclassified" and sheet["D7"].value == "configure"
    validations = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert validations == {
        "D2:D207": '"configure,customize,interface,unclassified"',
        "E2:E207": '"Yes,No"',
        "F2:F207": '"Report,Interface,Conversion,Enhancement,Form,Workflow"',
        "H2:H207": '"Must,Should,Could,Won\'t"',
    }
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == "A1:M7"


def test_hostile_text_in_the_register(tmp_path: Path) -> None:
    sheet = _export(tmp_path, hostile=True)["Register"]
    assert sheet["B2"].value == f"Requirement 1 {HOSTILE_CLEAN} {FORMULA_LIKE[0]}"
    assert sheet["B2"].data_type == "s"
    long_title = sheet["B8"].value
    assert utf16_length(long_title) <= EXCEL_CELL_LIMIT and "…cut:" in long_title


def test_picklists_that_do_not_fit_a_formula_go_to_a_hidden_sheet(tmp_path: Path) -> None:
    register = replace(fitgap_register(), priorities=("Must, now", "Should", "Could"))
    book = openpyxl.load_workbook(write_fitgap_register(register, tmp_path / "f.xlsx"))
    assert book["Lists"].sheet_state == "hidden"
    sheet = book["Register"]
    (priority,) = [v for v in sheet.data_validations.dataValidation if str(v.sqref) == "H2:H207"]
    assert priority.formula1 == "'Lists'!$A$1:$A$3"
    assert [c.value for c in book["Lists"]["A"]] == ["Must, now", "Should", "Could"]


def _many_areas() -> FitGapRegister:
    """60 process areas: the heat map runs onto a second printed page."""
    base = fitgap_register()
    entries = tuple(replace(base.entries[n % 6], key=f"REQ-{n:06d}-EU",
                            process_area=f"{n:02d}.10 Process area number {n}")
                    for n in range(1, 61))
    return replace(base, entries=entries)


def test_heat_map_and_register_repeat_their_header_on_each_printed_page(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_fitgap_register(_many_areas(), tmp_path / "f.xlsx"))
    summary = book["Summary"]
    header_row = next(row for row in range(1, summary.max_row + 1)
                      if summary.cell(row=row, column=1).value == "Process area")
    assert summary.print_title_rows == f"${header_row}:${header_row}"
    assert book["Register"].print_title_rows == "$1:$1"


def test_keys_and_other_identifier_columns_never_break(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_fitgap_register(_many_areas(), tmp_path / "f.xlsx"))
    widths = book["Register"].column_dimensions
    assert widths["A"].width >= text_width("REQ-000060-EU") + 1  # wider than the designed 11
    assert widths["B"].width == 34 and widths["G"].width == 40  # title and rationale wrap
    unclassified = book["Summary"].column_dimensions["E"].width
    assert unclassified >= text_width("Unclassified") + 1  # the bold header word fits
