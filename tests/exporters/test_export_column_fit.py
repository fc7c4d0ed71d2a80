"""Column widths: identifiers never break mid-word, prose keeps its width and wraps."""
from __future__ import annotations

import pytest

from exporters.column_fit import MAX_FIT_WIDTH, fit_columns, text_width
from exporters.xlsx_common import NUMBER_STYLE, Column, estimate_row_height


def test_text_width_follows_calibri_metrics() -> None:
    assert text_width("0000") == pytest.approx(4.0)  # the unit is the digit "0"
    assert text_width("WWWW") > text_width("0000") > text_width("iiii")
    assert text_width("ADDRESSCOUNTRYREGIONID") > len("ADDRESSCOUNTRYREGIONID")  # capitals
    assert text_width("😀") == pytest.approx(2.0)  # emoji and CJK take two columns
    assert text_width("x" * 1_000, limit=50) < 52  # stops counting past the limit


def test_identifier_column_grows_to_its_longest_word() -> None:
    columns = (Column("Target field", 20), Column("Notes", 34, prose=True))
    rows = [("CUSTOMERACCOUNT", "Key of the customer."),
            ("ADDRESSCOUNTRYREGIONID", "A note that is long enough to wrap over several lines.")]
    field, notes = fit_columns(columns, rows)
    assert field.width >= text_width("ADDRESSCOUNTRYREGIONID") + 1  # room for cell margins
    assert field.width <= text_width("ADDRESSCOUNTRYREGIONID") + 3  # and not much more
    assert notes == columns[1]  # prose wraps at its designed width


def test_designed_width_is_the_minimum_and_headers_count() -> None:
    columns = (Column("Key", 11), Column("Unclassified", 8, NUMBER_STYLE))
    key, unclassified = fit_columns(columns, [("REQ-0001", 3)])
    assert key.width == 11  # REQ-0001 already fits
    assert unclassified.width >= text_width("Unclassified") + 1  # bold header word fits


def test_words_in_multi_word_values_are_kept_whole() -> None:
    (area,) = fit_columns((Column("Process area", 10),),
                          [("Order to cash > Intercompanyinvoicing",)])
    assert area.width >= text_width("Intercompanyinvoicing") + 1


def test_prose_column_with_only_single_words_is_widened() -> None:
    (notes,) = fit_columns((Column("Notes", 10, prose=True),), [("CustCustomerV3Entity",), (None,)])
    assert notes.width >= text_width("CustCustomerV3Entity") + 1


def test_width_is_capped_and_longer_words_wrap() -> None:
    word = "CREDITCARDADDRESSVERIFICATIONISAUTHORIZATIONVOIDEDONFAILURE"
    (field,) = fit_columns((Column("Target field", 20),), [(word,)])
    assert field.width == MAX_FIT_WIDTH
    forty = "ISEXCLUDEDFROMINTERESTCHARGECALCULATIONS"  # 40 capitals still fit whole
    (field,) = fit_columns((Column("Target field", 20),), [(forty,)])
    assert text_width(forty) + 1 <= field.width <= MAX_FIT_WIDTH
    (wide,) = fit_columns((Column("Title", 60),), [(word,)])
    assert wide.width == 60  # a column designed wider than the cap keeps its width


def test_row_height_allows_for_text_that_just_wraps() -> None:
    one_line = estimate_row_height([("Manage time", 34)])
    # 38 characters of running text need two lines in a 34-unit column (seen in LibreOffice).
    assert estimate_row_height([("55.70 Manage compensation and benefits", 34)]) > one_line
