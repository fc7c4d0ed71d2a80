"""Data-mapping workbook: one sheet per domain, drop-downs, safe text, cut notes."""
from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from exporter_samples import (
    EMOJI_NOTE,
    FORMULA_LIKE,
    HOSTILE_CLEAN,
    LONG_NOTE,
    mapping_book,
    mapping_row,
)
from openpyxl import Workbook

from exporters.column_fit import MAX_FIT_WIDTH, text_width
from exporters.errors import ExportWriteError
from exporters.mapping_xlsx import (
    MAPPING_HEADERS,
    MappingRow,
    MappingSetSheet,
    MappingWorkbook,
    write_mapping_workbook,
)
from exporters.text_safety import EXCEL_CELL_LIMIT, utf16_length

Leftovers = Callable[..., list[str]]


def _export(tmp_path: Path, *, hostile: bool = False) -> Workbook:
    target = write_mapping_workbook(mapping_book(hostile=hostile), tmp_path / "mapping.xlsx")
    return openpyxl.load_workbook(target)


def test_one_sheet_per_domain_after_about(tmp_path: Path) -> None:
    book = _export(tmp_path)
    assert book.sheetnames == ["About", "Customers", "Vendors-Suppliers EU"]
    assert book.active.title == "About"


def test_mapping_sheet_header_rows_and_values(tmp_path: Path) -> None:
    sheet = _export(tmp_path)["Customers"]
    assert [c.value for c in sheet[1]] == list(MAPPING_HEADERS)
    assert sheet.max_row == 3
    first = [c.value for c in sheet[2]]
    assert first == ["SAP ECC", "KNA1", "KUNNR", "CustomersV3", "CUSTOMERACCOUNT",
                     "Strip leading zeros", None, "Yes", None, "Yes", "C-######", 20,
                     "Key of the customer."]
    second = [c.value for c in sheet[3]]
    assert second[7] == "No" and second[9] == "No" and second[11] is None
    assert sheet["L2"].data_type == "n"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:M3"
    assert sheet.column_dimensions["F"].width == 34
    assert sheet["A1"].font.bold


def test_yes_no_drop_downs_read_back(tmp_path: Path) -> None:
    sheet = _export(tmp_path)["Customers"]
    lists = {str(v.sqref): v for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert set(lists) == {"H2:H203", "J2:J203"}
    for validation in lists.values():
        assert validation.formula1 == '"Yes,No"'
        assert validation.showErrorMessage and validation.allow_blank
    (length,) = [v for v in sheet.data_validations.dataValidation if v.type == "whole"]
    assert str(length.sqref) == "L2:L203" and length.formula1 == "1"


def test_about_sheet_lists_project_and_sets(tmp_path: Path) -> None:
    about = _export(tmp_path)["About"]
    values = [[c for c in row] for row in about.iter_rows(values_only=True)]
    flat = [v for row in values for v in row if v is not None]
    assert "Contoso D365 rollout" in flat and "2025-03-14 10:22" in flat
    assert ["Customers", "Customer master", "2.0", "approved", 2, "Customers"] in [
        row[:6] for row in values]
    assert "None: every text is shown in full." in flat


def test_hostile_sheet_names_are_valid_and_unique(tmp_path: Path) -> None:
    names = _export(tmp_path, hostile=True).sheetnames
    assert names == ["About", "Customers", "Vendors-Suppliers EU", "History (2)",
                     "CUSTOMERS (2)", "A very long master data domain"]
    assert all(len(n) <= 31 for n in names)


def test_hostile_text_round_trips_and_formulas_stay_text(tmp_path: Path) -> None:
    sheet = _export(tmp_path, hostile=True)["Customers"]
    notes = {sheet.cell(row=r, column=13).value: sheet.cell(row=r, column=13)
             for r in range(2, sheet.max_row + 1)}
    assert HOSTILE_CLEAN in notes
    for text in FORMULA_LIKE:
        assert text in notes, text
        assert notes[text].data_type == "s"
    assert sheet["F4"].value == FORMULA_LIKE[0] and sheet["F4"].data_type == "s"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_long_text_is_cut_with_a_marker_and_listed_on_about(tmp_path: Path) -> None:
    book = _export(tmp_path, hostile=True)
    sheet = book["Customers"]
    long_cell, emoji_cell = sheet["M5"].value, sheet["M6"].value
    assert long_cell.startswith(LONG_NOTE[:1000])
    assert "[…cut: 40,000 characters in the project" in long_cell
    assert utf16_length(long_cell) <= EXCEL_CELL_LIMIT
    assert emoji_cell.startswith("😀") and utf16_length(emoji_cell) <= EXCEL_CELL_LIMIT
    assert f"{len(EMOJI_NOTE):,} characters in the project" in emoji_cell
    about = [v for row in book["About"].iter_rows(values_only=True) for v in row if v]
    cut_notes = [v for v in about if isinstance(v, str) and v.startswith("Customers!")]
    assert len(cut_notes) == 2
    assert cut_notes[0].startswith("Customers!M5: 40,000 characters in the project")


def test_failed_save_keeps_the_previous_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leftovers: Leftovers
) -> None:
    target = tmp_path / "mapping.xlsx"
    write_mapping_workbook(mapping_book(), target)
    before = target.read_bytes()

    def disk_full(self: Workbook, path: object) -> None:
        Path(str(path)).write_bytes(b"PK partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "save", disk_full)
    with pytest.raises(ExportWriteError, match="disk is full"):
        write_mapping_workbook(mapping_book(hostile=True), target)
    assert target.read_bytes() == before
    assert leftovers(tmp_path, "mapping.xlsx") == []


def _book_with(row: MappingRow) -> MappingWorkbook:
    return MappingWorkbook("Contoso D365 rollout", "2025-03-14 10:22", (
        MappingSetSheet("Customers", "Customer master", "2.0", "approved", (mapping_row(), row)),
    ))


def test_long_identifiers_get_columns_wide_enough_not_to_break(tmp_path: Path) -> None:
    row = replace(mapping_row("Load after the address book; " * 20),
                  source_object="ADRC_LEGACYADDRESSES", target_object="CustCustomerV3Entity",
                  target_field="ADDRESSCOUNTRYREGIONID",
                  transformation="Look up the ISO country code in the region table " * 3)
    target = write_mapping_workbook(_book_with(row), tmp_path / "mapping.xlsx")
    widths = {letter: dim.width for letter, dim in
              openpyxl.load_workbook(target)["Customers"].column_dimensions.items()}
    for letter, word in (("B", "ADRC_LEGACYADDRESSES"), ("D", "CustCustomerV3Entity"),
                         ("E", "ADDRESSCOUNTRYREGIONID")):
        assert widths[letter] >= text_width(word) + 1, letter  # the whole word fits
        assert widths[letter] <= MAX_FIT_WIDTH
    assert widths["E"] > 20  # wider than the designed 20 that broke ADDRESSCOUNTRYREGI|ONID
    assert widths["F"] == 34 and widths["I"] == 22 and widths["M"] == 34  # prose wraps


def test_every_mapping_sheet_repeats_its_header_row_on_each_printed_page(
    tmp_path: Path,
) -> None:
    book = _export(tmp_path, hostile=True)
    for name in book.sheetnames[1:]:
        assert book[name].print_title_rows == "$1:$1", name


def test_cut_note_counts_the_text_as_the_user_typed_it(tmp_path: Path) -> None:
    typed = ("Check the order\x07\x00 " * 3_000)[:40_001]  # Word cell marks, dropped on export
    target = write_mapping_workbook(_book_with(mapping_row(typed)), tmp_path / "mapping.xlsx")
    book = openpyxl.load_workbook(target)
    assert "[…cut: 40,001 characters in the project," in book["Customers"]["M3"].value
    about = [v for row in book["About"].iter_rows(values_only=True) for v in row
             if isinstance(v, str) and v.startswith("Customers!")]
    assert len(about) == 1 and about[0].startswith("Customers!M3: 40,001 characters in the project")
