"""Word building blocks python-docx has no API for: safe text, RTL, fields, table details, lists.

Text goes in only through `add_text`/`add_paragraph`, which clean it with `clean_xml_text`, turn
line breaks into Word line breaks and mark right-to-left paragraphs as such.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from exporters.text_safety import clean_xml_text

#: Rows with more text than this may break across pages; shorter rows are kept whole.
_KEEP_ROW_WHOLE_LIMIT = 1_500


def docx_text(text: str) -> str:
    """Text as Word will hold it: XML-safe, with every line ending as "\\n"."""
    return clean_xml_text(text).replace("\r\n", "\n").replace("\r", "\n")


def is_right_to_left(text: str) -> bool:
    """True when the first letter with a strong direction is right-to-left (Arabic, Hebrew...)."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


# Child order of w:pPr and w:tblPr in the WordprocessingML schema (ECMA-376 part 1, 17.3.1.26
# and 17.4.60): Word refuses a document whose children are out of this order.
_CHILD_ORDER = {
    qn("w:pPr"): (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
        "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
        "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
        "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
        "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
    ),
    qn("w:tblPr"): (
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription", "w:tblPrChange",
    ),
}


def _insert_in_order(parent: BaseOxmlElement, element: BaseOxmlElement, tag: str) -> None:
    """Insert `element` (replacing one with the same tag) where the schema wants it."""
    sequence = _CHILD_ORDER[parent.tag]
    successors = sequence[sequence.index(tag) + 1:]
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    parent.insert_element_before(element, *successors)


def set_right_to_left(paragraph: Paragraph) -> None:
    """Lay the paragraph out right to left (Word's "bidi" paragraph and "rtl" runs)."""
    ppr = paragraph._p.get_or_add_pPr()
    _insert_in_order(ppr, OxmlElement("w:bidi"), "w:bidi")
    for run in paragraph.runs:
        run.font.rtl = True


def add_text(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """Append safe text as a run; "\\n" becomes a line break, "\\t" a tab."""
    run = paragraph.add_run(docx_text(text))
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if is_right_to_left(paragraph.text):
        set_right_to_left(paragraph)


def add_paragraph(
    container: DocxDocument | _Cell, text: str, style: str, *, italic: bool = False
) -> Paragraph:
    """Add a paragraph in `style` holding safe text."""
    paragraph = container.add_paragraph(style=style)
    add_text(paragraph, text, italic=italic)
    return paragraph


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """Append a field such as PAGE or NUMPAGES; `placeholder` shows until Word updates it."""
    def fld_char(kind: str) -> BaseOxmlElement:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(fld_char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(fld_char("end"))


def add_right_tab(paragraph: Paragraph, position: Length) -> None:
    """A right-aligned tab stop, for "left text<TAB>right text" headers and footers."""
    paragraph.paragraph_format.tab_stops.add_tab_stop(position, WD_TAB_ALIGNMENT.RIGHT)


def add_bottom_border(paragraph: Paragraph, color: str = "BFBFBF") -> None:
    """A thin rule under the paragraph (page header)."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", color)):
        bottom.set(qn(key), value)
    border.append(bottom)
    _insert_in_order(ppr, border, "w:pBdr")


def shade_cell(cell: _Cell, fill: str) -> None:
    """Give a cell a background colour (direct formatting, honoured by Word and LibreOffice)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    tc_pr.append(shading)


def repeat_as_header(row: _Row) -> None:
    """Repeat the row at the top of each page the table runs onto, and never split it."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    tr_pr.append(OxmlElement("w:tblHeader"))


def keep_row_whole(row: _Row) -> None:
    """Keep a short row on one page; long rows may still break, or Word would clip them."""
    if sum(len(cell.text) for cell in row.cells) <= _KEEP_ROW_WHOLE_LIMIT:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def set_column_widths(table: Table, widths_cm: Sequence[float]) -> None:
    """Fix the column widths (Word reads the cells, LibreOffice the grid: set both)."""
    table.autofit = False  # a fixed layout: long words wrap instead of widening the table
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(sum(int(Cm(w).twips) for w in widths_cm)))
    total.set(qn("w:type"), "dxa")
    _insert_in_order(table._tbl.tblPr, total, "w:tblW")
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=True):
        grid_col.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def fill_cell(cell: _Cell, text: str, style: str, *, italic: bool = False) -> Paragraph:
    """Put safe text into a fresh cell's first paragraph in `style`."""
    paragraph: Paragraph = cell.paragraphs[0]
    paragraph.style = style
    add_text(paragraph, text, italic=italic)
    return paragraph


def restart_numbering(document: DocxDocument, style: str, start: int = 1) -> int:
    """A new numbering instance for the list style, counting from `start`; returns its numId.

    Every "List Number" paragraph shares one numbering, so a second list would go on from where
    the first ended. Pointing each list's paragraphs at its own instance restarts it.
    """
    style_ppr = document.styles[style].element.pPr
    num_id = style_ppr.numPr.numId.val
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return int(num.numId)


def use_numbering(paragraph: Paragraph, num_id: int) -> None:
    """Make a list paragraph count in the numbering instance `num_id`."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def align(paragraph: Paragraph, where: str) -> None:
    """Align a paragraph: "left", "center" or "right"."""
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[where]


def set_header_row(table: Table, has_header: bool) -> None:
    """Tell Word whether the table style's first-row look applies (off for label/value tables)."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        _insert_in_order(table._tbl.tblPr, look, "w:tblLook")
    flags = {"firstRow": has_header, "lastRow": False, "firstColumn": False,
             "lastColumn": False, "noHBand": True, "noVBand": True}
    bits = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100,
            "noHBand": 0x200, "noVBand": 0x400}
    for name, on in flags.items():
        look.set(qn(f"w:{name}"), "1" if on else "0")
    look.set(qn("w:val"), f"{sum(bits[n] for n, on in flags.items() if on):04X}")


# Body text: paragraphs separated by blank lines; "- " bullets, "1. " numbered items; two or more
# leading spaces nest one level ("List Bullet 2", "List Number 2").
_BULLET = re.compile(r"^(?P<indent>\s*)[-•*]\s+(?P<text>.*)$")
_NUMBER = re.compile(r"^(?P<indent>\s*)(?P<number>\d{1,4})[.)]\s+(?P<text>.*)$")


@dataclass(frozen=True)
class BodyBlock:
    """One paragraph of body text: plain, bullet or numbered, its nesting level and its text."""

    kind: str  # "paragraph", "bullet" or "number"
    level: int  # 1 or 2
    text: str
    number: int = 0  # the number the author typed, for numbered items


def parse_body_text(text: str) -> list[BodyBlock]:
    """Split body text into paragraphs and list items.

    A line that is not a list item continues the item or paragraph above it (kept as a line
    break), so text pasted with hard line breaks stays together.
    """
    blocks: list[BodyBlock] = []
    previous_blank = True
    for line in docx_text(text).split("\n"):
        if not line.strip():
            previous_blank = True
            continue
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if bullet:
            level = 2 if len(bullet["indent"].expandtabs(4)) >= 2 else 1
            blocks.append(BodyBlock("bullet", level, bullet["text"]))
        elif number:
            level = 2 if len(number["indent"].expandtabs(4)) >= 2 else 1
            blocks.append(BodyBlock("number", level, number["text"], int(number["number"])))
        elif blocks and not previous_blank:
            last = blocks[-1]
            blocks[-1] = BodyBlock(last.kind, last.level, f"{last.text}\n{line}", last.number)
        else:
            blocks.append(BodyBlock("paragraph", 1, line))
        previous_blank = False
    return blocks


_LIST_STYLES = {
    ("bullet", 1): "List Bullet", ("bullet", 2): "List Bullet 2",
    ("number", 1): "List Number", ("number", 2): "List Number 2",
}


def add_body_text(document: DocxDocument, text: str, *, empty_note: str) -> None:
    """Write body text as Word paragraphs in the real list styles; numbered lists restart.

    A numbered list starts again when the author types "1." or after a plain paragraph;
    otherwise it goes on (items separated by blank lines or bullets stay one list).
    """
    blocks = parse_body_text(text)
    if not blocks:
        add_paragraph(document, empty_note, "Note")
        return
    numbering: dict[int, int] = {}  # level -> numId of the list in progress
    for block in blocks:
        if block.kind == "paragraph":
            add_paragraph(document, block.text, "Normal")
            numbering.clear()
            continue
        style = _LIST_STYLES[(block.kind, block.level)]
        paragraph = add_paragraph(document, block.text, style)
        if block.kind == "number":
            if block.level not in numbering or block.number == 1:
                numbering[block.level] = restart_numbering(document, style, max(block.number, 1))
            use_numbering(paragraph, numbering[block.level])
        elif block.level == 1:
            numbering.pop(2, None)  # a new top-level bullet ends a nested numbered list
