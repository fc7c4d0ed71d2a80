"""Generate design_pack_reference.docx, the Word template the design pack writer starts from.

Run it after changing a style here, and commit the generated .docx with it:

    .venv/bin/python resources/templates/make_reference_template.py

It starts from python-docx's default template and adjusts it: A4 pages, Calibri text (LibreOffice
shows its metric twin Carlito, so lines break in the same places), navy headings, list styles with
tighter spacing, and the paragraph and table styles the writer uses ("Table Text", "Table Heading",
"Table Label", "Cover Label", "Note", table style "ERP Table"). A consultancy can restyle the
generated file in Word and keep the style names: the writer only refers to styles by name.
"""
from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

TEMPLATE = Path(__file__).resolve().parent / "design_pack_reference.docx"

BODY_FONT = "Calibri"
COMPLEX_SCRIPT_FONT = "Arial"  # Calibri has no Arabic or Hebrew; Arial has both
NAVY = RGBColor(0x1F, 0x38, 0x64)
BLUE = RGBColor(0x2E, 0x74, 0xB5)
TEXT = RGBColor(0x26, 0x26, 0x26)
GREY = RGBColor(0x59, 0x59, 0x59)
BORDER_HEX = "BFBFBF"
NAVY_HEX = "1F3864"


def _set_fonts(rpr_parent: OxmlElement) -> None:
    """Name the fonts explicitly (no theme fonts), so Word and LibreOffice agree."""
    rpr = rpr_parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_parent.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(slot), BODY_FONT)
    fonts.set(qn("w:cs"), COMPLEX_SCRIPT_FONT)


def _paragraph_style(document: DocxDocument, name: str, base: str = "Normal") -> ParagraphStyle:
    styles = document.styles
    if name in [style.name for style in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
    assert isinstance(style, ParagraphStyle)
    return style


def _style_text(
    style: ParagraphStyle,
    *,
    size: float,
    color: RGBColor = TEXT,
    bold: bool = False,
    before: float = 0,
    after: float = 6,
    line: float = 1.1,
) -> None:
    style.font.size = Pt(size)
    style.font.color.rgb = color
    style.font.bold = bold
    style.font.italic = False
    _set_fonts(style.element)
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = line


def _remove_child(parent: OxmlElement, tag: str) -> None:
    for child in parent.findall(qn(tag)):
        parent.remove(child)


def _doc_defaults(document: DocxDocument) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    _set_fonts(rpr_default)


def _headings(document: DocxDocument) -> None:
    for name, size, color, before, after in (
        ("Heading 1", 16, NAVY, 18, 8),
        ("Heading 2", 13, BLUE, 14, 6),
        ("Heading 3", 11, NAVY, 10, 4),
    ):
        style = _paragraph_style(document, name)
        _style_text(style, size=size, color=color, bold=True, before=before, after=after, line=1.0)
        style.paragraph_format.keep_with_next = True
    heading_1 = document.styles["Heading 1"].element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"),
                       ("w:color", NAVY_HEX)):
        bottom.set(qn(key), value)
    border.append(bottom)
    _remove_child(heading_1, "w:pBdr")
    heading_1.append(border)


def _title_styles(document: DocxDocument) -> None:
    title = _paragraph_style(document, "Title")
    _style_text(title, size=30, color=NAVY, bold=True, after=10, line=1.0)
    _remove_child(title.element.get_or_add_pPr(), "w:pBdr")
    subtitle = _paragraph_style(document, "Subtitle")
    _style_text(subtitle, size=14, color=GREY, after=24)
    _remove_child(subtitle.element.get_or_add_pPr(), "w:numPr")
    _remove_child(subtitle.element.get_or_add_rPr(), "w:spacing")  # no letter-spacing
    cover_label = _paragraph_style(document, "Cover Label")
    _style_text(cover_label, size=11, color=BLUE, bold=True, after=6)
    cover_label.font.all_caps = True


def _body_styles(document: DocxDocument) -> None:
    _style_text(_paragraph_style(document, "Normal"), size=10.5, after=6, line=1.15)
    for name in ("List Bullet", "List Bullet 2", "List Number", "List Number 2"):
        style = _paragraph_style(document, name)
        _style_text(style, size=10.5, after=3, line=1.15)
    note = _paragraph_style(document, "Note")
    _style_text(note, size=10, color=GREY, before=4, after=6)
    note.font.italic = True
    for name in ("Header", "Footer"):
        style = _paragraph_style(document, name)
        _style_text(style, size=8.5, color=GREY, after=0, line=1.0)
        # Letter-size tab stops from the default template; the writer sets its own per section.
        _remove_child(style.element.get_or_add_pPr(), "w:tabs")


def _table_styles(document: DocxDocument) -> None:
    _style_text(_paragraph_style(document, "Table Text"), size=9.5, after=2, line=1.0)
    heading = _paragraph_style(document, "Table Heading", base="Table Text")
    _style_text(heading, size=9.5, color=RGBColor(0xFF, 0xFF, 0xFF), bold=True, after=2, line=1.0)
    label = _paragraph_style(document, "Table Label", base="Table Text")
    _style_text(label, size=9.5, color=NAVY, bold=True, after=2, line=1.0)
    _erp_table_style(document)


def _border_set(tag: str, sides: tuple[str, ...], color: str) -> OxmlElement:
    borders = OxmlElement(tag)
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"),
                           ("w:color", color)):
            edge.set(qn(key), value)
        borders.append(edge)
    return borders


def _erp_table_style(document: DocxDocument) -> None:
    """"ERP Table": thin grey grid, roomy cell margins, white-on-navy first row."""
    if "ERP Table" in [style.name for style in document.styles]:
        return
    style = document.styles.add_style("ERP Table", WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    element = style.element
    tbl_pr = OxmlElement("w:tblPr")
    tbl_pr.append(_border_set(
        "w:tblBorders", ("top", "left", "bottom", "right", "insideH", "insideV"), BORDER_HEX
    ))
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 40), ("left", 90), ("bottom", 40), ("right", 90)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.append(margins)
    element.append(tbl_pr)
    first_row = OxmlElement("w:tblStylePr")
    first_row.set(qn("w:type"), "firstRow")
    run = OxmlElement("w:rPr")
    run.append(OxmlElement("w:b"))
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "FFFFFF")
    run.append(color)
    first_row.append(run)
    # No tblHeader here: LibreOffice would repeat the first row of label/value tables too. The
    # writer marks real header rows as repeating itself.
    tc_pr = OxmlElement("w:tcPr")
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", NAVY_HEX)):
        shading.set(qn(key), value)
    tc_pr.append(shading)
    first_row.append(tc_pr)
    element.append(first_row)


def _page_setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = Cm(2.5)
    section.bottom_margin = Cm(2.2)
    section.header_distance = Cm(1.1)
    section.footer_distance = Cm(1.0)


def build_template(target: Path = TEMPLATE) -> Path:
    """Write the reference template to `target` and return it."""
    document = Document()
    _doc_defaults(document)
    _body_styles(document)
    _headings(document)
    _title_styles(document)
    _table_styles(document)
    _page_setup(document)
    properties = document.core_properties
    properties.title = "Design pack"
    properties.author = "ERP Pipeline Studio"
    properties.comments = "Reference template for design pack exports."
    # Fixed dates: regenerating the template without a style change gives the same file.
    properties.created = properties.modified = datetime(2025, 1, 1, tzinfo=UTC)
    properties.revision = 1
    document.save(str(target))
    return target


if __name__ == "__main__":
    print(build_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
