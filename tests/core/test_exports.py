"""Exports through the services: hostile text survives, failures keep the previous file,
and LibreOffice opens every kind of export."""
from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from app.errors import ExportError
from app.project import ProjectServices
from app.services.classification import ClassificationInput
from app.services.designs import ContractFieldInput, ContractInput
from app.services.mapping import FieldMappingInput
from app.services.testing import StepInput
from tests.exporters.libreoffice import convert, require_soffice

LONG_NOTE = "Lorem ipsum dolor sit amet. " * 1500  # 42,000 characters
HOSTILE = {
    "word_paste": "Line one\x0bline two\x07 end",
    "ffff": "bad\uffffchar",
    "emoji": "Approve 🚀 orders 👍🏽",
    "rtl": "موافقة على الطلبات الكبيرة — אישור הזמנות",
    "formula": "=HYPERLINK(\"http://evil\")",
    "plus": "+49 40 1234",
    "minus": "-negative stock",
    "at": "@mention the buyer",
}


def _hostile_project(project: ProjectServices) -> dict[str, int]:
    ids = {}
    for name, text in HOSTILE.items():
        ref = project.items.capture_item(text, desired_outcome=text, key_constraints=LONG_NOTE)
        project.classification.classify_item(ref.id, ClassificationInput(
            "interface", object_type="interface", rationale=text))
        ids[name] = ref.id
    owner = project.lookups.add_person("Anna Approver", "ERP product owner", "client")
    contract = project.designs.create_contract(ContractInput(
        title=HOSTILE["formula"], source_system=HOSTILE["rtl"], target_system="D365",
        retry_policy=LONG_NOTE, item_ids=(ids["emoji"],),
        fields=(ContractFieldInput(HOSTILE["formula"], "string", 20, True, HOSTILE["word_paste"],
                                   HOSTILE["emoji"]),)))
    pack = project.designs.create_pack(HOSTILE["emoji"], list(ids.values()),
                                       approval_owner_id=owner, contract_ids=[contract])
    project.designs.save_sections(pack, {
        "configuration_approach": f"{HOSTILE['word_paste']}\n\n- {HOSTILE['rtl']}\n"
                                  f"- {HOSTILE['formula']}\n\n1. first\n2. {LONG_NOTE}",
        "decisions": HOSTILE["ffff"]}, version="1.0", change_summary=LONG_NOTE)
    project.designs.approve_latest(pack)
    domain = project.mapping.add_domain("Customers")
    project.mapping.create_set(domain, HOSTILE["rtl"], [FieldMappingInput(
        source_field=HOSTILE["formula"], target_field="CUSTOMERACCOUNT",
        transformation=LONG_NOTE, notes=HOSTILE["at"])], version="1.0")
    case = project.testing.create_case(HOSTILE["minus"], [StepInput(
        HOSTILE["formula"], LONG_NOTE, HOSTILE["word_paste"])], item_ids=[ids["rtl"]])
    project.testing.create_cycle("UAT 1", [case])
    return ids


def _all_cells(path: Path) -> list[tuple[str, object, str]]:
    book = openpyxl.load_workbook(path)
    return [(ws.title, c.value, c.data_type) for ws in book.worksheets
            for row in ws.iter_rows() for c in row if c.value is not None]


def test_hostile_text_survives_every_export(project: ProjectServices, tmp_path: Path) -> None:
    _hostile_project(project)
    pack = project.designs.list_packs()[0]
    docx_path = project.exports.export_design_pack(pack.id, tmp_path)
    assert docx_path.name == f"{pack.key}_Approve-orders_v1.0.docx" or \
        docx_path.name.startswith(f"{pack.key}_") and docx_path.name.endswith("_v1.0.docx")
    document = docx.Document(str(docx_path))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    text = body + cells
    assert HOSTILE["rtl"] in text and HOSTILE["emoji"] in text
    assert HOSTILE["formula"] in text
    assert "\uffff" not in text and "\x07" not in text
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)
    assert any(p.style.name == "List Number" for p in document.paragraphs)

    cycle = project.testing.list_cycles()[0]
    workbooks = [project.exports.export_fitgap_register(tmp_path),
                 project.exports.export_mapping_workbook(tmp_path),
                 project.exports.export_uat_pack(cycle.id, tmp_path)]
    for path in workbooks:
        values = _all_cells(path)
        formula_cells = [v for v in values if v[2] == "f"]
        assert formula_cells == [], (path.name, formula_cells[:3])
        texts = [str(v[1]) for v in values]
        assert HOSTILE["formula"] in texts or any(HOSTILE["formula"] in t for t in texts)
        assert any(HOSTILE["rtl"] in t for t in texts) or path.name.startswith("UAT")
        assert all(len(t.encode("utf-16-le")) // 2 <= 32_767 for t in texts)
    uat_texts = [str(v[1]) for v in _all_cells(workbooks[2])]
    assert any("cut" in t and "42,000" in t for t in uat_texts)


def test_failed_export_leaves_the_previous_file_byte_identical(
        demo: ProjectServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    first = demo.exports.export_fitgap_register(out)
    before = first.read_bytes()
    import openpyxl.workbook.workbook as wbmod

    def disk_full(self: object, filename: str) -> None:
        Path(filename).write_bytes(b"half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(wbmod.Workbook, "save", disk_full)
    with pytest.raises(ExportError) as info:
        demo.exports.export_fitgap_register(out)
    assert "disk" in str(info.value).lower() or "space" in str(info.value).lower()
    assert first.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [first.name]


def test_export_into_a_missing_folder_is_refused(demo: ProjectServices, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        demo.exports.export_fitgap_register(tmp_path / "nowhere")


def test_libreoffice_converts_every_demo_export(demo: ProjectServices, tmp_path: Path) -> None:
    require_soffice()
    out = tmp_path / "out"
    out.mkdir()
    files = [demo.exports.export_design_pack(demo.designs.list_packs()[0].id, out),
             demo.exports.export_mapping_workbook(out),
             demo.exports.export_uat_pack(demo.testing.list_cycles()[0].id, out),
             demo.exports.export_fitgap_register(out)]
    pdf_dir = tmp_path / "pdf"
    pdf_dir.mkdir()
    for path in files:
        pdf = convert(path, pdf_dir)
        assert pdf.exists() and pdf.stat().st_size > 1000, path.name


def test_approved_pack_is_frozen_against_later_card_edits(demo: ProjectServices,
                                                         tmp_path: Path) -> None:
    pack = demo.designs.list_packs()[0]
    covered = next(r for r in demo.items.register_rows() if r.key == pack.item_keys[0])
    old_title = covered.title
    demo.items.update_item(covered.id, "title", "Renamed after approval")
    demo.classification.classify_item(covered.id, ClassificationInput(
        "customize", object_type="enhancement", rationale="changed later"))
    path = demo.exports.export_design_pack(pack.id, tmp_path)
    document = docx.Document(str(path))
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Renamed after approval" not in text
    assert old_title in text
    demo.designs.start_new_version(pack.id)
    draft = demo.exports.export_design_pack(pack.id, tmp_path)
    draft_text = "\n".join(c.text for t in docx.Document(str(draft)).tables
                           for r in t.rows for c in r.cells)
    assert "Renamed after approval" in draft_text
