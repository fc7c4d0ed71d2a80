"""Design pack as a Word document, the way a consultancy hands one to a client or vendor.

Cover page, document control, items covered, one chapter per design section (with real Word list
styles), interface contracts as tables (in a landscape section, so payload tables have room) and
a traceability table from items to sections to tests. Page header and footer carry the key,
version, status and "Page X of Y". Styles come from the reference template
(resources/templates/design_pack_reference.docx), so a consultancy can restyle it in Word.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_BREAK
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Emu, Pt
from docx.table import Table

from exporters.atomic_write import atomic_output
from exporters.docx_common import (
    add_body_text,
    add_bottom_border,
    add_field,
    add_paragraph,
    add_right_tab,
    add_text,
    fill_cell,
    keep_row_whole,
    repeat_as_header,
    set_column_widths,
    set_header_row,
    shade_cell,
)
from exporters.errors import ExportInputError, ExportTemplateError
from exporters.text_safety import clean_xml_text

DEFAULT_TEMPLATE = (
    Path(__file__).resolve().parents[1] / "resources" / "templates" / "design_pack_reference.docx"
)
REQUIRED_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
    "List Bullet 2", "List Number", "List Number 2", "Table Text", "Table Heading",
    "Table Label", "Cover Label", "Note", "Header", "Footer", "ERP Table",
)
STATUSES = ("draft", "in review", "approved", "superseded")

_EMPTY_SECTION = "Nothing written in this section yet."
_NAVY = "1F3864"
_LABEL_FILL = "F2F2F2"
_TABLE_STYLE = "ERP Table"


@dataclass(frozen=True)
class CoveredItem:
    """A pipeline item the design pack covers."""

    key: str
    title: str
    process_area: str
    classification: str
    desired_outcome: str


@dataclass(frozen=True)
class DocSection:
    """A chapter of the pack; body text uses blank lines, "- " bullets and "1. " numbers."""

    heading: str
    body_text: str


@dataclass(frozen=True)
class ContractFieldDoc:
    """One payload field of an interface contract."""

    name: str
    data_type: str
    length: str
    required: bool
    validation_rule: str
    example: str
    source_field: str
    target_field: str


@dataclass(frozen=True)
class ContractDoc:
    """An interface contract: endpoints, timing, transport, error handling and payload."""

    key: str
    title: str
    version: str
    source_system: str
    target_system: str
    direction: str
    trigger: str
    frequency: str
    transport: str
    response_format: str
    error_handling: str
    retry_policy: str
    idempotency_key: str
    duplicate_handling: str
    late_messages: str
    partial_failures: str
    fields: tuple[ContractFieldDoc, ...]


@dataclass(frozen=True)
class TraceRow:
    """Item -> design section -> tests, one row of the traceability table."""

    item_key: str
    item_title: str
    section: str
    test_keys: tuple[str, ...]


@dataclass(frozen=True)
class DesignPackDoc:
    """One version of a design pack, with every text already formatted for display."""

    key: str
    title: str
    version: str
    status: str  # one of STATUSES
    approval_owner: str
    approved_at: str | None
    project_name: str
    client_name: str
    erp_product: str
    change_summary: str
    generated_at: str
    items: tuple[CoveredItem, ...]
    sections: tuple[DocSection, ...]
    interface_contracts: tuple[ContractDoc, ...]
    traceability: tuple[TraceRow, ...]


def write_design_pack_docx(
    pack: DesignPackDoc, target: Path, *, template: Path | None = None
) -> Path:
    """Write the design pack to `target` (atomically) and return the path.

    `template` defaults to the reference template shipped in resources/templates.
    """
    if pack.status.casefold() not in STATUSES:
        raise ExportInputError(
            f"Design pack {pack.key} has status {pack.status!r}; expected one of "
            f"{', '.join(STATUSES)}."
        )
    document = _open_template(template or DEFAULT_TEMPLATE)
    _set_properties(document, pack)
    _write_cover(document, pack)
    _write_control(document, pack)
    _write_items(document, pack)
    for chapter in pack.sections:
        add_paragraph(document, chapter.heading, "Heading 1")
        add_body_text(document, chapter.body_text, empty_note=_EMPTY_SECTION)
    _write_contracts(document, pack)
    _write_traceability(document, pack)
    for section in document.sections:
        _write_header_footer(section, pack)
    target = Path(target)
    with atomic_output(target) as temp:
        document.save(str(temp))
    return target


def _open_template(path: Path) -> DocxDocument:
    """Load the template and empty its body; refuse one that lacks a style the writer uses."""
    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ExportTemplateError(
            f"The Word template {path} cannot be used ({error}). Restore it from the "
            "installation or regenerate it with resources/templates/make_reference_template.py.",
            path=path,
        ) from error
    names = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise ExportTemplateError(
            f"The Word template {path} lacks the styles {', '.join(missing)}. Add them in Word "
            "or start from resources/templates/design_pack_reference.docx.",
            path=path,
        )
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep the page setup, drop any sample content
            body.remove(child)
    return document


def _set_properties(document: DocxDocument, pack: DesignPackDoc) -> None:
    properties = document.core_properties
    properties.title = clean_xml_text(f"{pack.key} {pack.title}")[:255]
    properties.subject = clean_xml_text(f"Design pack version {pack.version}")[:255]
    properties.author = "ERP Pipeline Studio"
    properties.comments = ""
    properties.keywords = clean_xml_text(f"{pack.key}; {pack.project_name}")[:255]


def _label_value_table(document: DocxDocument, pairs: list[tuple[str, str]],
                       widths: tuple[float, ...]) -> Table:
    """Label/value pairs, grey labels; with four widths, two pairs share a row."""
    per_row = len(widths) // 2
    rows = [pairs[start:start + per_row] for start in range(0, len(pairs), per_row)]
    table: Table = document.add_table(rows=len(rows), cols=len(widths))
    table.style = _TABLE_STYLE
    set_header_row(table, has_header=False)
    for row, row_pairs in zip(table.rows, rows, strict=True):
        for index in range(per_row):
            label, value = row_pairs[index] if index < len(row_pairs) else ("", "")
            fill_cell(row.cells[2 * index], label, "Table Label")
            fill_cell(row.cells[2 * index + 1], value, "Table Text")
            if label:
                shade_cell(row.cells[2 * index], _LABEL_FILL)
        keep_row_whole(row)
    set_column_widths(table, widths)
    return table


def _grid_table(document: DocxDocument, headers: tuple[str, ...], rows: list[tuple[str, ...]],
                widths: tuple[float, ...]) -> Table:
    """A table with a navy header row repeated on every page it runs onto."""
    table: Table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = _TABLE_STYLE
    set_header_row(table, has_header=True)
    header = table.rows[0]
    repeat_as_header(header)
    for cell, text in zip(header.cells, headers, strict=True):
        fill_cell(cell, text, "Table Heading")
        shade_cell(cell, _NAVY)
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            fill_cell(cell, text, "Table Text")
        keep_row_whole(row)
    set_column_widths(table, widths)
    return table


def _text_width(section: Section) -> float:
    """Width between the margins, in centimetres."""
    page = section.page_width or Cm(21.0)
    margins = (section.left_margin or 0) + (section.right_margin or 0)
    return float(Emu(page - margins).cm)


def _short(text: str, limit: int = 70) -> str:
    """A one-line version of `text` for page headers."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _write_cover(document: DocxDocument, pack: DesignPackDoc) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True  # no header or footer on the cover
    spacer = document.add_paragraph(style="Normal")
    spacer.paragraph_format.space_before = Pt(110)
    add_paragraph(document, "Design pack", "Cover Label")
    add_paragraph(document, pack.title or pack.key, "Title")
    add_paragraph(document, f"{pack.key}  ·  Version {pack.version}  ·  {pack.status.capitalize()}",
                  "Subtitle")
    width = _text_width(section)
    _label_value_table(document, [
        ("Client", pack.client_name),
        ("Project", pack.project_name),
        ("ERP product", pack.erp_product),
        ("Status", pack.status.capitalize()),
        ("Version", pack.version),
        ("Approval owner", pack.approval_owner),
        ("Approved", pack.approved_at or "Not approved yet"),
        ("Date", pack.generated_at),
    ], (4.2, width - 4.2))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _write_control(document: DocxDocument, pack: DesignPackDoc) -> None:
    add_paragraph(document, "Document control", "Heading 1")
    width = _text_width(document.sections[-1])
    _label_value_table(document, [
        ("Document", f"{pack.key} {pack.title}"),
        ("Version", pack.version),
        ("Status", pack.status.capitalize()),
        ("Approval owner", pack.approval_owner),
        ("Approval date", pack.approved_at or "Not approved yet"),
        ("Change summary", pack.change_summary),
        ("Generated", f"{pack.generated_at} by ERP Pipeline Studio"),
    ], (4.2, width - 4.2))
    add_paragraph(
        document,
        "An approved version is frozen: any change is made in a new version of this pack.",
        "Note",
    )


def _write_items(document: DocxDocument, pack: DesignPackDoc) -> None:
    add_paragraph(document, "Items covered", "Heading 1")
    if not pack.items:
        add_paragraph(document, "This version covers no items yet.", "Note")
        return
    width = _text_width(document.sections[-1])
    _grid_table(
        document,
        ("Key", "Title", "Process area", "Fit-gap", "Desired outcome"),
        [(i.key, i.title, i.process_area, i.classification, i.desired_outcome)
         for i in pack.items],
        (2.0, 4.4, 3.0, 2.2, width - 11.6),
    )


# In reading order of a two-pairs-per-row table: source beside target, trigger beside frequency.
_CONTRACT_FACTS = (
    ("Source system", "source_system"), ("Target system", "target_system"),
    ("Direction", "direction"), ("Transport", "transport"),
    ("Trigger", "trigger"), ("Frequency", "frequency"),
    ("Response format", "response_format"), ("Idempotency key", "idempotency_key"),
    ("Error handling", "error_handling"), ("Retry policy", "retry_policy"),
    ("Duplicate handling", "duplicate_handling"), ("Late messages", "late_messages"),
    ("Partial failures", "partial_failures"),
)
_FIELD_HEADERS = ("Field", "Type", "Length", "Required", "Validation rule", "Example",
                  "Source field", "Target field")


def _new_section(document: DocxDocument, landscape: bool) -> Section:
    section: Section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False
    width, height = section.page_width or Cm(21.0), section.page_height or Cm(29.7)
    short, long = min(width, height), max(width, height)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    return section


def _write_contracts(document: DocxDocument, pack: DesignPackDoc) -> None:
    if not pack.interface_contracts:
        return
    section = _new_section(document, landscape=True)
    width = _text_width(section)
    add_paragraph(document, "Interface contracts", "Heading 1")
    for contract in pack.interface_contracts:
        add_paragraph(document, f"{contract.key}  {contract.title}", "Heading 2")
        add_paragraph(document, f"Contract version {contract.version}", "Note")
        _label_value_table(
            document,
            [(label, str(getattr(contract, name))) for label, name in _CONTRACT_FACTS],
            (3.6, width / 2 - 3.6, 3.6, width / 2 - 3.6),
        )
        add_paragraph(document, "Payload fields", "Heading 3")
        if not contract.fields:
            add_paragraph(document, "No payload fields are defined yet.", "Note")
            continue
        fixed = (3.6, 2.3, 1.5, 1.7, 0.0, 3.0, 4.3, 4.3)
        widths = tuple(w or width - sum(fixed) for w in fixed)
        _grid_table(
            document,
            _FIELD_HEADERS,
            [(f.name, f.data_type, f.length, "Yes" if f.required else "No", f.validation_rule,
              f.example, f.source_field, f.target_field) for f in contract.fields],
            widths,
        )
    _new_section(document, landscape=False)


def _write_traceability(document: DocxDocument, pack: DesignPackDoc) -> None:
    add_paragraph(document, "Traceability", "Heading 1")
    if not pack.traceability:
        add_paragraph(document, "No traceability links are recorded for this version.", "Note")
        return
    width = _text_width(document.sections[-1])
    table = _grid_table(
        document,
        ("Item", "Title", "Design section", "Tests"),
        [(r.item_key, r.item_title, r.section, ", ".join(r.test_keys)) for r in pack.traceability],
        (2.0, 5.6, 4.6, width - 12.2),
    )
    for row, trace in zip(table.rows[1:], pack.traceability, strict=True):
        if not trace.test_keys:  # a gap the reader must see
            fill_cell(row.cells[3], "No test linked", "Table Text", italic=True)


def _write_header_footer(section: Section, pack: DesignPackDoc) -> None:
    """Key and title left, version and status right; date left, "Page X of Y" right."""
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    width = Cm(_text_width(section))
    header = section.header.paragraphs[0]
    header.style = "Header"
    add_text(header, f"{pack.key}  {_short(pack.title)}")
    header.add_run("\t")
    add_text(header, f"Version {pack.version}  ·  {pack.status.capitalize()}")
    add_right_tab(header, width)
    add_bottom_border(header)
    footer = section.footer.paragraphs[0]
    footer.style = "Footer"
    add_text(footer, f"{_short(pack.client_name, 50)}  ·  {pack.generated_at}")
    footer.add_run("\tPage ")
    add_field(footer, "PAGE")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES")
    add_right_tab(footer, width)
