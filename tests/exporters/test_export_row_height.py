"""Row heights of table rows: the one-line shortcut must give what counting lines gives."""
from __future__ import annotations

import math

import pytest

from exporters.xlsx_common import MAX_ROW_HEIGHT, estimate_row_height

_LINE = 14.5


def _counted(texts: list[tuple[str, float]]) -> float:
    """The estimate spelled out: lines per paragraph at about 1.15 characters per width unit."""
    lines = 1
    for text, width in texts:
        per_line = max(1, int(width * 1.15 - 4))
        lines = max(lines, sum(max(1, math.ceil(len(p) / per_line)) for p in text.split("\n")))
    return min(MAX_ROW_HEIGHT, lines * _LINE + 4)


# Width 34 holds 35 characters a line, width 11 holds 8, width 2 holds 1 (the minimum).
@pytest.mark.parametrize("texts", [
    [("x" * 35, 34)],
    [("x" * 36, 34)],
    [("x" * 8, 11), ("y" * 9, 11)],
    [("short\nsecond line", 34)],
    [("\n", 34)],
    [("", 34)],
    [("ab", 2)],
    [("x" * 20_000, 34)],
])
def test_estimate_matches_counted_lines(texts: list[tuple[str, float]]) -> None:
    assert estimate_row_height(texts) == _counted(texts)


def test_one_line_and_two_lines() -> None:
    assert estimate_row_height([("x" * 35, 34)]) == _LINE + 4
    assert estimate_row_height([("x" * 36, 34)]) == 2 * _LINE + 4
    assert estimate_row_height([("a\nb", 34)]) == 2 * _LINE + 4
