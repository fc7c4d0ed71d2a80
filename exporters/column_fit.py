"""Column widths that keep identifiers whole when a sheet is shown or printed.

Excel and LibreOffice break a word that is wider than its column in the middle
("CustCustomerV3Entit|y"). Every column that is not prose is therefore made as wide as its
longest word (up to `MAX_FIT_WIDTH`), so keys, object and field names never break and text wraps
only at spaces. Prose columns (descriptions, notes, transformations) keep their designed width and
wrap; they are widened only when every value in them is a single word. Widths are measured with
the advance widths of Calibri (its metric twin Carlito in LibreOffice), in Excel's column unit:
the width of the digit "0".
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace

from exporters.xlsx_common import CellValue, Column, yes_no

#: The widest (Excel column units) a column grows to fit its longest word: room for a 40-letter
#: upper-case field name such as ISEXCLUDEDFROMINTERESTCHARGECALCULATION. Longer words wrap.
MAX_FIT_WIDTH = 45.0

# Inner cell margins and the grid line, plus a little slack for the renderer's rounding.
_PADDING = 1.6
_HEADER_FACTOR = 1.07  # bold Calibri is about 7 % wider than regular

# Advance widths of 11 pt Calibri / Carlito relative to the digit "0", grouped to one decimal.
_ASCII_GROUPS = {
    0.45: " '",
    0.5: ",.:;Iijl",
    0.6: "!()-J[]`f{}",
    0.7: "rt",
    0.8: '"/L\\csz',
    0.9: "?FSZagkvxy|",
    1.0: "#$*+0123456789<=>EKPTXY^_bdehnopqu~",
    1.1: "ABCRV",
    1.2: "DGH",
    1.3: "&NOQU",
    1.4: "%w",
    1.6: "m",
    1.7: "M",
    1.8: "@W",
}
_CHAR_WIDTH = {ch: width for width, chars in _ASCII_GROUPS.items() for ch in chars}
_OTHER_WIDTH = 1.15  # accented Latin, Greek, Cyrillic, Arabic, Hebrew: about an uppercase letter
_WIDE_WIDTH = 2.0  # CJK and emoji take two columns


def _char_width(ch: str) -> float:
    known = _CHAR_WIDTH.get(ch)
    if known is not None:
        return known
    if unicodedata.combining(ch):
        return 0.0
    if unicodedata.east_asian_width(ch) in {"W", "F"}:
        return _WIDE_WIDTH
    return _OTHER_WIDTH


def text_width(text: str, *, limit: float = math.inf) -> float:
    """Width of `text` on one line in Excel column units; stops counting once past `limit`."""
    total = 0.0
    for ch in text:
        total += _char_width(ch)
        if total > limit:
            break
    return total


def _as_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def fit_columns(
    columns: Sequence[Column],
    rows: Iterable[Sequence[CellValue]],
    *,
    cap: float = MAX_FIT_WIDTH,
) -> tuple[Column, ...]:
    """`columns` with widths grown so that no word in them breaks, up to `cap`.

    A column that is not prose, or whose values are all single words, gets at least the width of
    its longest word (header included, in bold); its designed width is the minimum. Prose columns
    with sentences in them are left as designed: they wrap.
    """
    count = len(columns)
    widest = [max((text_width(word) for word in column.header.split()), default=0.0)
              * _HEADER_FACTOR for column in columns]
    multi_word = [False] * count
    seen: list[dict[str, float]] = [{} for _ in range(count)]
    for values in rows:
        for index in range(min(count, len(values))):
            text = _as_text(values[index])
            words = text.split()
            if len(words) > 1:
                multi_word[index] = True
            if widest[index] >= cap:
                continue  # already as wide as allowed; only the single-word flag still matters
            known = seen[index]
            for word in words:
                if word not in known:
                    known[word] = text_width(word, limit=cap)
                widest[index] = max(widest[index], known[word])
    fitted: list[Column] = []
    for index, column in enumerate(columns):
        if column.prose and multi_word[index]:
            fitted.append(column)
            continue
        needed = math.ceil((min(widest[index], cap) + _PADDING) * 2) / 2  # to half a unit
        needed = min(needed, max(cap, column.width))
        fitted.append(replace(column, width=needed) if needed > column.width else column)
    return tuple(fitted)
