"""Design pack Word export: structure, styles, tables, fields, hostile text, failure safety."""
from __future__ import annotations

import errno
import importlib.util
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from exporter_samples import FORMULA_LIKE, HOSTILE_CLEAN, LONG_NOTE, RTL, design_pack

from exporters.design_pack_docx import (
    DEFAULT_TEMPLATE,
    REQUIRED_STYLES,
    write_design_pack_docx,
)
from exporters.errors import ExportInputError, ExportTemplateError, ExportWriteError

Leftovers = Callable[..., list[str]]
REPO_ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, *, hostile: bool = False, status: str = "in review") -> DocxDocument:
    pack = design_pack(hostile=hostile, status=status)
    target = write_design_pack_docx(pack, tmp_path / "DP-0001.docx")
    assert target == tmp_path / "DP-0001.docx"
    return docx.Document(str(target))


def _styled(document: DocxDocument, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def test_cover_and_chapters_use_the_template_styles(tmp_path: Path) -> None:
    document = _write(tmp_path)
    assert _styled(document, "Title") == ["Order approval"]
    assert _styled(document, "Cover Label") == ["Design pack"]
    assert _styled(document, "Subtitle") == ["DP-0001  ·  Version 1.0  ·  In review"]
    assert _styled(document, "Heading 1") == [
        "Document control", "Items covered", "Configuration approach", "Security",
        "Interface contracts", "Traceability",
    ]
    assert _styled(document, "Heading 2") == ["IC-0003  Approved sales orders to WMS"]
    assert "Nothing written in this section yet." in _styled(document, "Note")


def test_body_text_becomes_real_word_lists(tmp_path: Path) -> None:
    document = _write(tmp_path)
    assert _styled(document, "List Bullet") == [
        "Orders under 10,000 EUR are approved automatically.",
        "Orders from 10,000 EUR need the sales manager.",
    ]
    numbered = [p for p in document.paragraphs if p.style is not None
                and p.style.name == "List Number"]
    assert [p.text for p in numbered] == [
        "Enable change management for sales orders.", "Create the workflow.",
        "Assign the approver roles.", "Confirm the thresholds with finance.",
        "Decide who approves when the manager is absent.",
    ]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] == num_ids[2]
    assert num_ids[3] == num_ids[4] != num_ids[0]  # the second list starts again at 1
    numbering = document.part.numbering_part.element
    for num_id in {num_ids[0], num_ids[3]}:
        start = numbering.num_having_numId(num_id).find(qn("w:lvlOverride")).find(
            qn("w:startOverride"))
        assert start.get(qn("w:val")) == "1"


def test_document_control_table_holds_version_status_and_approval(tmp_path: Path) -> None:
    document = _write(tmp_path, status="approved")
    control = document.tables[1]
    rows = {row.cells[0].text: row.cells[1].text for row in control.rows}
    assert rows["Version"] == "1.0"
    assert rows["Status"] == "Approved"
    assert rows["Approval owner"] == "Head of Sales Operations"
    assert rows["Approval date"] == "2025-03-20"
    assert rows["Change summary"] == "First version."
    assert control.style is not None and control.style.name == "ERP Table"


def test_unapproved_pack_says_so(tmp_path: Path) -> None:
    rows = {r.cells[0].text: r.cells[1].text for r in _write(tmp_path).tables[0].rows}
    assert rows["Approved"] == "Not approved yet"


def test_grid_tables_have_a_repeating_header_row(tmp_path: Path) -> None:
    document = _write(tmp_path)
    items, facts, fields, trace = document.tables[2:6]
    assert [c.text for c in items.rows[0].cells] == [
        "Key", "Title", "Process area", "Fit-gap", "Desired outcome"]
    assert [c.text for c in fields.rows[0].cells] == [
        "Field", "Type", "Length", "Required", "Validation rule", "Example", "Source field",
        "Target field"]
    assert [c.text for c in fields.rows[1].cells][:4] == ["CustomerAccount", "string", "20", "Yes"]
    assert [c.text for c in trace.rows[0].cells] == ["Item", "Title", "Design section", "Tests"]
    for table in (items, fields, trace):
        header = table.rows[0]._tr
        assert header.trPr.find(qn("w:tblHeader")) is not None
        assert table.rows[0].cells[0].paragraphs[0].style.name == "Table Heading"
        assert table.rows[1]._tr.trPr is None or \
            table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert trace.rows[1].cells[3].text == "TC-0007, TC-0008"
    assert trace.rows[2].cells[3].text == "No test linked"
    fact_cells = [c.text for row in facts.rows for c in row.cells]
    assert "Idempotency key" in fact_cells and "SalesOrderNumber" in fact_cells


def test_contracts_sit_in_a_landscape_section(tmp_path: Path) -> None:
    sections = _write(tmp_path).sections
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert sections[1].page_width > sections[1].page_height


def test_header_and_footer_carry_key_version_and_page_numbers(tmp_path: Path) -> None:
    document = _write(tmp_path)
    first = document.sections[0]
    assert first.different_first_page_header_footer  # the cover has no header
    for section in document.sections:
        assert "DP-0001" in section.header.paragraphs[0].text
        assert "Version 1.0" in section.header.paragraphs[0].text
        footer_xml = section.footer.paragraphs[0]._p.xml
        instructions = [e.text.strip() for e in section.footer.paragraphs[0]._p.iter(
            qn("w:instrText"))]
        assert instructions == ["PAGE", "NUMPAGES"]
        assert "Page " in section.footer.paragraphs[0].text and 'fldCharType="end"' in footer_xml


def test_document_properties_name_the_pack(tmp_path: Path) -> None:
    properties = _write(tmp_path).core_properties
    assert properties.title == "DP-0001 Order approval"
    assert properties.author == "ERP Pipeline Studio"


def test_hostile_text_survives_cleaned_and_whole(tmp_path: Path) -> None:
    document = _write(tmp_path, hostile=True)
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    everything = "\n".join(texts)
    for bad in ("\x00", "\x07", "\x0b", "\uffff"):
        assert bad not in everything
    assert f"Order approval {HOSTILE_CLEAN}" in _styled(document, "Title")
    assert FORMULA_LIKE[0] in texts  # a paragraph holding exactly "=SUM(A1:A3)"
    assert LONG_NOTE in texts  # Word has no cell limit: the whole 40,000 characters
    assert any(t.endswith(LONG_NOTE) for t in texts)  # the change summary, in full
    rtl = [p for p in document.paragraphs if p.text == RTL]
    assert rtl and rtl[0]._p.pPr.find(qn("w:bidi")) is not None
    assert rtl[0].style.name == "List Bullet"
    assert all(run.font.rtl for run in rtl[0].runs)


def test_bad_status_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    target = tmp_path / "pack.docx"
    target.write_bytes(b"previous export")
    with pytest.raises(ExportInputError, match="status 'frozen'"):
        write_design_pack_docx(design_pack(status="frozen"), target)
    assert target.read_bytes() == b"previous export"


def test_failed_save_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leftovers: Leftovers
) -> None:
    target = tmp_path / "pack.docx"
    write_design_pack_docx(design_pack(), target)
    before = target.read_bytes()

    def disk_full(self: object, path: str) -> None:
        Path(path).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(DocxDocument, "save", disk_full)
    with pytest.raises(ExportWriteError, match="disk is full"):
        write_design_pack_docx(design_pack(status="approved"), target)
    assert target.read_bytes() == before
    assert leftovers(tmp_path, "pack.docx") == []


def test_missing_or_broken_template_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ExportTemplateError, match="cannot be used"):
        write_design_pack_docx(design_pack(), tmp_path / "a.docx",
                               template=tmp_path / "missing.docx")
    broken = tmp_path / "broken.docx"
    broken.write_text("not a zip")
    with pytest.raises(ExportTemplateError, match="cannot be used"):
        write_design_pack_docx(design_pack(), tmp_path / "a.docx", template=broken)
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))  # python-docx's default: no "Table Text", no "ERP Table"
    with pytest.raises(ExportTemplateError, match="Table Text") as caught:
        write_design_pack_docx(design_pack(), tmp_path / "a.docx", template=plain)
    assert "ERP Table" in str(caught.value)
    assert not (tmp_path / "a.docx").exists()


def _template_script() -> ModuleType:
    script = REPO_ROOT / "resources" / "templates" / "make_reference_template.py"
    spec = importlib.util.spec_from_file_location("make_reference_template", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_template_matches_its_generator(tmp_path: Path) -> None:
    regenerated = _template_script().build_template(tmp_path / "fresh.docx")
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as committed, zipfile.ZipFile(regenerated) as fresh:
        assert committed.read("word/styles.xml") == fresh.read("word/styles.xml"), (
            "resources/templates/design_pack_reference.docx is stale: run "
            "resources/templates/make_reference_template.py and commit the result")
    names = {s.name for s in docx.Document(str(DEFAULT_TEMPLATE)).styles}
    assert set(REQUIRED_STYLES) <= names


def test_writer_accepts_a_template_passed_in(tmp_path: Path) -> None:
    template = _template_script().build_template(tmp_path / "custom.docx")
    target = write_design_pack_docx(design_pack(), tmp_path / "out.docx", template=template)
    assert _styled(docx.Document(str(target)), "Title") == ["Order approval"]
