"""Fit-gap register workbook: summary counts, register rows, drop-downs."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from exporter_samples import FORMULA_LIKE, HOSTILE_CLEAN, fitgap_register
from openpyxl import Workbook

from exporters.fitgap_xlsx import REGISTER_HEADERS, write_fitgap_register
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
