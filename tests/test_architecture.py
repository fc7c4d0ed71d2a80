"""The layering of DESIGN.md §4 is checked by import-linter's contracts in pyproject.toml."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([lint, "--no-cache"], cwd=REPO, capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_app_models_exporters_never_import_qt() -> None:
    """A second, dependency-free guard: no Qt import text in the Qt-free layers."""
    offenders = [
        str(path.relative_to(REPO))
        for layer in ("app", "models", "exporters")
        for path in (REPO / layer).rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
