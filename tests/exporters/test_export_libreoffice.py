"""Every export opens in LibreOffice: converted to PDF, and the UAT pack survives a save in Calc.

Business testers fill UAT packs in LibreOffice as often as in Excel, so the pack is also saved
back to .xlsx by LibreOffice and the reader's contract (headers, hidden IDs, drop-down,
protection, text cells) is checked on that file.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from exporter_samples import FORMULA_LIKE, design_pack, fitgap_register, mapping_book, uat_pack
from libreoffice import convert, pdf_text, require_soffice
from openpyxl.worksheet.worksheet import Worksheet

from exporters.design_pack_docx import write_design_pack_docx
from exporters.fitgap_xlsx import write_fitgap_register
from exporters.mapping_xlsx import write_mapping_workbook
from exporters.uat_pack_xlsx import uat_pack_checksum, write_uat_pack

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")  # openpyxl on LibreOffice files

EXPORTS: dict[str, Callable[[Path], Path]] = {
    "design_pack.docx": lambda p: write_design_pack_docx(design_pack(hostile=True), p),
    "mapping.xlsx": lambda p: write_mapping_workbook(mapping_book(hostile=True), p),
    "uat_pack.xlsx": lambda p: write_uat_pack(uat_pack(hostile=True), p),
    "fitgap.xlsx": lambda p: write_fitgap_register(fitgap_register(hostile=True), p),
}


def _hidden(sheet: Worksheet, column: int) -> bool:
    """LibreOffice writes A:B as one <col min=1 max=2>, which openpyxl files under "A" only."""
    return any(d.hidden and d.min <= column <= d.max for d in sheet.column_dimensions.values())


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_export_converts_to_pdf(name: str, tmp_path: Path) -> None:
    require_soffice()
    source = EXPORTS[name](tmp_path / name)
    pdf = convert(source, tmp_path / "pdf")
    assert pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")


def test_formula_like_text_shows_as_text_in_libreoffice(tmp_path: Path) -> None:
    require_soffice()
    source = write_mapping_workbook(mapping_book(hostile=True), tmp_path / "mapping.xlsx")
    text = pdf_text(convert(source, tmp_path / "pdf"))
    assert "=SUM(A1:A3)" in text  # evaluated, it would read 0
    assert "=HYPERLINK" in text


def test_uat_pack_survives_a_save_in_libreoffice(tmp_path: Path) -> None:
    require_soffice()
    pack = uat_pack(cases=2, steps=3, hostile=True)
    source = write_uat_pack(pack, tmp_path / "uat.xlsx")
    resaved = convert(source, tmp_path / "out", "xlsx:Calc MS Excel 2007 XML")
    book = openpyxl.load_workbook(resaved)
    assert book.sheetnames == ["Instructions", "Test steps", "Pack info"]
    assert book["Pack info"].sheet_state == "hidden"
    steps = book["Test steps"]
    assert [c.value for c in steps[1]][:10] == [
        "Step ID", "Case ID", "Test case", "Case title", "Items", "Step", "Action",
        "Expected result", "Test data", "Result"]
    ids = [steps.cell(row=r, column=1).value for r in range(2, steps.max_row + 1)]
    assert ids == [s.step_id for c in pack.cases for s in c.steps]
    info = {r[0]: r[1] for r in book["Pack info"].iter_rows(values_only=True)}
    assert info["Checksum"] == uat_pack_checksum(ids)
    assert _hidden(steps, 1) and _hidden(steps, 2) and not _hidden(steps, 3)
    assert steps.protection.sheet and not steps["J2"].protection.locked
    assert steps["C2"].protection.locked
    (result,) = [v for v in steps.data_validations.dataValidation if v.type == "list"]
    assert result.formula1 == '"Pass,Fail,Blocked,Not run"'
    for row in steps.iter_rows(min_row=2, min_col=9, max_col=9):
        cell = row[0]
        if cell.value in FORMULA_LIKE:
            assert cell.data_type == "s", cell.value
