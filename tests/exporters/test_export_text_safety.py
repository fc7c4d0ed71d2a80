"""Text safety: XML-illegal characters, Excel's cell limit, sheet titles, file names."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

import pytest
from exporter_samples import EMOJI_NOTE, HOSTILE, HOSTILE_CLEAN, LONG_NOTE, RTL

from exporters.text_safety import (
    EXCEL_CELL_LIMIT,
    clean_xml_text,
    cut_marker,
    looks_like_formula,
    safe_cell_text,
    safe_filename_part,
    safe_sheet_title,
    utf16_length,
)


def test_clean_xml_text_drops_every_illegal_control_character() -> None:
    for code in range(0x20):
        ch = chr(code)
        cleaned = clean_xml_text(f"a{ch}b")
        if ch in "\t\n\r":
            assert cleaned == f"a{ch}b"
        elif ch == "\x0b":
            assert cleaned == "a\nb"  # Word's manual line break stays a line break
        else:
            assert cleaned == "ab", hex(code)


def test_clean_xml_text_keeps_emoji_rtl_and_plain_text_untouched() -> None:
    text = f"Plain, 😀👍🏽, {RTL}, שלום, tab\there\r\nend"
    assert clean_xml_text(text) == text
    assert clean_xml_text(HOSTILE) == HOSTILE_CLEAN


def test_clean_xml_text_removes_noncharacters_and_lone_surrogates() -> None:
    assert clean_xml_text("a\ufffeb\uffffc") == "abc"
    assert clean_xml_text("lone \ud800 high and \udc00 low") == "lone  high and  low"


def test_clean_xml_text_joins_a_split_surrogate_pair() -> None:
    assert clean_xml_text("smile \ud83d\ude00!") == "smile 😀!"


def test_cleaned_text_parses_as_xml() -> None:
    cleaned = clean_xml_text("".join(chr(c) for c in range(0x30)) + "\ud800\uffff" + HOSTILE)
    element = ET.fromstring(f"<a>{escape(cleaned)}</a>")
    assert element.text is not None and "😀" in element.text
    cleaned.encode("utf-8")  # no lone surrogate left: strict UTF-8 encoding succeeds


def test_utf16_length_counts_emoji_twice() -> None:
    assert utf16_length("abc") == 3
    assert utf16_length("😀") == 2
    assert utf16_length(RTL) == len(RTL)


def test_short_cell_text_is_kept_whole() -> None:
    safe = safe_cell_text("hello")
    assert (safe.text, safe.was_cut, safe.cut_characters) == ("hello", False, 0)


def test_text_at_the_limit_is_not_cut_and_one_more_unit_is() -> None:
    assert not safe_cell_text("x" * EXCEL_CELL_LIMIT).was_cut
    cut = safe_cell_text("x" * (EXCEL_CELL_LIMIT + 1))
    assert cut.was_cut and utf16_length(cut.text) <= EXCEL_CELL_LIMIT


def test_long_note_is_cut_with_a_visible_marker() -> None:
    safe = safe_cell_text(LONG_NOTE)
    assert safe.was_cut
    assert safe.original_length == 40_000
    assert utf16_length(safe.text) <= EXCEL_CELL_LIMIT
    assert safe.text.endswith(cut_marker(40_000, safe.shown_length))
    assert "40,000 characters in the project" in safe.text
    assert safe.text.startswith(LONG_NOTE[: safe.shown_length])
    assert safe.cut_characters == 40_000 - safe.shown_length
    assert safe.shown_length > 32_000  # the marker costs little


def test_emoji_note_is_cut_by_utf16_units_without_splitting_an_emoji() -> None:
    safe = safe_cell_text(EMOJI_NOTE)  # 20,000 characters, 40,000 UTF-16 units
    assert safe.was_cut
    assert utf16_length(safe.text) <= EXCEL_CELL_LIMIT
    shown = safe.text[: safe.shown_length]
    assert shown == "😀" * safe.shown_length
    safe.text.encode("utf-8")


def test_cell_text_is_cleaned_before_measuring() -> None:
    safe = safe_cell_text(HOSTILE)
    assert safe.text == HOSTILE_CLEAN and not safe.was_cut


def test_cut_reports_the_length_the_user_typed_not_the_cleaned_one() -> None:
    # Word's cell marks and NULs are dropped from the cell, but the project still holds them.
    typed = ("Check the order\x07\x00 " * 3_000)[:40_001]
    assert len(typed) == 40_001 and len(clean_xml_text(typed)) < 36_000
    safe = safe_cell_text(typed)
    assert safe.was_cut and safe.original_length == 40_001
    assert "[…cut: 40,001 characters in the project," in safe.text
    assert safe.text.endswith(cut_marker(40_001, safe.shown_length))
    assert safe.cut_characters == 40_001 - safe.shown_length


def test_dropping_control_characters_alone_is_not_a_cut() -> None:
    safe = safe_cell_text("a\x07b\x00c")
    assert safe.text == "abc" and not safe.was_cut
    assert (safe.original_length, safe.shown_length) == (5, 3)


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-1", "@x", "\t=1", "\r=1"])
def test_formula_like_text_is_flagged_and_left_unchanged(text: str) -> None:
    assert looks_like_formula(text)
    safe = safe_cell_text(text)
    assert safe.formula_like and safe.text == text  # no apostrophe or other change


def test_plain_text_is_not_formula_like() -> None:
    assert not safe_cell_text("Total = 3").formula_like


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Customers", "Customers"),
        ("Vendors/Suppliers: [EU]", "Vendors-Suppliers EU"),
        ("What*?", "What"),
        ("   ", "Sheet"),
        ("", "Sheet"),
        ("'Quoted'", "Quoted"),
        ("History", "History (2)"),
        ("history", "history (2)"),
        ("A" * 40, "A" * 31),
        ("Line\nbreak\ttab", "Line break tab"),
        ("Bad\x00\x07name", "Badname"),
    ],
)
def test_safe_sheet_title_follows_excel_rules(name: str, expected: str) -> None:
    assert safe_sheet_title(name, set()) == expected


def test_safe_sheet_title_is_unique_ignoring_case_and_leaves_taken_alone() -> None:
    taken = {"Customers", "customers (2)"}
    title = safe_sheet_title("CUSTOMERS", taken)
    assert title == "CUSTOMERS (3)"
    assert taken == {"Customers", "customers (2)"}


def test_safe_sheet_title_keeps_the_suffix_within_31_characters() -> None:
    long_name = "Master data domain with a very long name"
    first = safe_sheet_title(long_name, set())
    second = safe_sheet_title(long_name, {first})
    assert first == "Master data domain with a very"  # cut at 31, trailing space dropped
    assert len(second) <= 31
    assert second.endswith(" (2)") and second.casefold() != first.casefold()


def test_safe_sheet_title_counts_emoji_as_two() -> None:
    title = safe_sheet_title("😀" * 20, set())
    assert utf16_length(title) <= 31 and title == "😀" * 15


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Order approval", "Order-approval"),
        ("v1.0", "v1.0"),
        ("Orders: <EU>/\"US\" | *?", "Orders-EU-US"),
        ("  trailing dots...  ", "trailing-dots"),
        ("CON", "CON_"),
        ("nul.txt", "nul.txt_"),
        ("", "untitled"),
        ("😀😀", "untitled"),
        (RTL, "مرحبا-بالعالم"),
        ("Bad\x00\x07name", "Badname"),
    ],
)
def test_safe_filename_part(text: str, expected: str) -> None:
    assert safe_filename_part(text) == expected


def test_safe_filename_part_builds_a_design_pack_file_name() -> None:
    name = "_".join((safe_filename_part("DP-0001"), safe_filename_part("Order approval"),
                     safe_filename_part("v1.0"))) + ".docx"
    assert name == "DP-0001_Order-approval_v1.0.docx"


def test_safe_filename_part_limits_length() -> None:
    assert len(safe_filename_part("word " * 50, max_length=20)) <= 20
