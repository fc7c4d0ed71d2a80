"""Fixtures for the exporter tests."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def leftovers() -> Callable[[Path], list[str]]:
    """Names of files in a folder other than the expected ones: temp files an export left."""
    def find(folder: Path, *expected: str) -> list[str]:
        return sorted(p.name for p in folder.iterdir() if p.name not in expected)
    return find
