"""The one place where exported text is made safe.

Users paste anything: Word's vertical tabs and cell marks, control characters, emoji, right-to-left
scripts, 40,000-character notes, text that starts with "=". Word and Excel files are XML 1.0, which
cannot hold most control characters; Excel cells hold at most 32,767 UTF-16 code units; sheet titles
and file names have rules of their own. Every writer goes through these functions so the rules live
in one module and are tested once.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

#: Excel's limit on the text in one cell, counted in UTF-16 code units (an emoji counts as two).
EXCEL_CELL_LIMIT = 32_767

#: Excel's limit on a sheet title, in characters (UTF-16 code units, to be safe with emoji).
SHEET_TITLE_LIMIT = 31

# Characters XML 1.0 cannot carry. Tab, LF and CR are legal; every surrogate left in a Python str
# after pairing is a lone one (an emoji is a single code point in Python).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")

# Text a spreadsheet program could take for a formula if it were typed or pasted as-is
# (OWASP's list for CSV injection). In xlsx we always store strings as strings, which is enough.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_SHEET_TITLE_SLASH = re.compile(r"[/\\]")  # "Vendors/Suppliers" -> "Vendors-Suppliers"
_SHEET_TITLE_BAD = re.compile(r"[\[\]:*?]")
_WHITESPACE = re.compile(r"\s+")
_RESERVED_SHEET_TITLES = frozenset({"history"})  # Excel reserves it for change tracking

_WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)


def _join_surrogate_pair(match: re.Match[str]) -> str:
    pair = match.group(0)
    high, low = pair[0], pair[1]
    return chr(0x10000 + ((ord(high) - 0xD800) << 10) + (ord(low) - 0xDC00))


def clean_xml_text(text: str) -> str:
    """Return `text` without the characters XML 1.0 cannot hold, keeping everything else.

    Word's vertical tab (its manual line break when pasted) becomes "\\n"; Word's cell mark
    (\\x07) and other control characters are dropped. A surrogate pair that arrived as two code
    points is joined into the character it stands for; a lone surrogate is dropped. Tab, newline
    and carriage return, emoji and right-to-left text pass through untouched.
    """
    if not _XML_ILLEGAL.search(text):
        return text
    text = text.replace("\x0b", "\n")
    if _SURROGATE_PAIR.search(text):
        text = _SURROGATE_PAIR.sub(_join_surrogate_pair, text)
    return _XML_ILLEGAL.sub("", text)


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units, the unit of Excel's limits."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf16_prefix(text: str, units: int) -> str:
    """The longest prefix of `text` that fits in `units` UTF-16 code units, never half an emoji."""
    if len(text) == utf16_length(text):
        return text[:units]
    kept = 0
    for index, ch in enumerate(text):
        kept += 2 if ord(ch) > 0xFFFF else 1
        if kept > units:
            return text[:index]
    return text


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet program could read `text` as a formula if it were typed in."""
    return text.startswith(_FORMULA_PREFIXES)


@dataclass(frozen=True)
class CellText:
    """Text ready for one Excel cell, and what had to be cut to get it there.

    `text` is what goes in the cell. `original_length` counts the characters (code points) of the
    text as the user typed it, before cleaning: that is what the project holds. `shown_length`
    counts the characters of it the cell shows. `was_cut` is True only when the cell had to be
    cut to fit; dropping control characters alone does not count as a cut.
    """

    text: str
    original_length: int
    shown_length: int
    formula_like: bool
    was_cut: bool = False

    @property
    def cut_characters(self) -> int:
        """How many characters of the project's text the cell leaves out (dropped ones too)."""
        return self.original_length - self.shown_length


def cut_marker(original_length: int, shown_length: int) -> str:
    """The visible note appended to text that was cut to fit a cell."""
    return f" […cut: {original_length:,} characters in the project, {shown_length:,} shown]"


def safe_cell_text(text: str, *, limit: int = EXCEL_CELL_LIMIT) -> CellText:
    """Clean `text` for an Excel cell and cut it to Excel's cell limit, saying so in the cell.

    The limit counts UTF-16 code units (an emoji takes two). Text that is cut keeps as much as fits
    together with a marker such as " […cut: 40,000 characters in the project, 32,700 shown]", so
    the file itself tells the reader that the rest is in the project. The caller must still store
    the result as a string cell (see `exporters.xlsx_common.write_text`), never as a formula.
    """
    cleaned = clean_xml_text(text)
    original = len(text)  # as typed: the note must match what the user sees in the app
    formula_like = looks_like_formula(cleaned)
    if utf16_length(cleaned) <= limit:
        return CellText(cleaned, original, len(cleaned), formula_like)
    # Reserve room for the longest marker this text can get (shown_length < original_length).
    budget = limit - utf16_length(cut_marker(original, original))
    if budget < 1:
        raise ValueError(f"A cell limit of {limit} leaves no room for the cut marker.")
    kept = _utf16_prefix(cleaned, budget)
    return CellText(
        kept + cut_marker(original, len(kept)), original, len(kept), formula_like, was_cut=True
    )


def _casefolded(names: AbstractSet[str]) -> set[str]:
    return {name.casefold() for name in names}


def safe_sheet_title(name: str, taken: AbstractSet[str]) -> str:
    """A valid Excel sheet title made from `name` and unique among `taken`.

    Excel's rules: at most 31 characters, none of [ ] : * ? / \\, not blank, no apostrophe at either
    end, not "History", unique ignoring case. Slashes become "-", the other characters are
    dropped. A clash gets " (2)", " (3)"... `taken` is not changed: add the result yourself.
    """
    title = clean_xml_text(name)
    title = _SHEET_TITLE_BAD.sub("", _SHEET_TITLE_SLASH.sub("-", title))
    title = _WHITESPACE.sub(" ", title).strip().strip("'").strip()
    if not title:
        title = "Sheet"
    used = _casefolded(taken) | _RESERVED_SHEET_TITLES
    base = _utf16_prefix(title, SHEET_TITLE_LIMIT).rstrip().rstrip("'")
    if base.casefold() not in used:
        return base
    number = 2
    while True:
        suffix = f" ({number})"
        stem = _utf16_prefix(title, SHEET_TITLE_LIMIT - len(suffix)).rstrip().rstrip("'")
        candidate = f"{stem}{suffix}"
        if candidate.casefold() not in used:
            return candidate
        number += 1


def _filename_char(ch: str) -> str:
    if ch.isalnum() or ch in "-_." or unicodedata.category(ch).startswith("M"):
        return ch
    return "-"


def safe_filename_part(text: str, *, max_length: int = 60) -> str:
    """Turn `text` into a piece of a file name that works on Windows, macOS and Linux.

    Spaces and punctuation become "-" ("Order approval" -> "Order-approval"), letters of any script,
    digits, "-", "_" and "." are kept, runs of "-" collapse, and the result never ends in a dot or
    names a Windows device (CON, NUL...). Empty input gives "untitled".
    """
    cleaned = unicodedata.normalize("NFC", clean_xml_text(text))
    part = "".join(_filename_char(ch) for ch in cleaned)
    part = re.sub(r"-{2,}", "-", part).strip("-._ ")
    part = part[:max_length].rstrip("-._ ")
    if not part:
        return "untitled"
    if part.split(".")[0].casefold() in _WINDOWS_DEVICE_NAMES:
        part = f"{part}_"
    return part
