"""Convert files with LibreOffice in tests: `soffice --headless --convert-to ...`.

Each conversion uses a private, throw-away profile so parallel runs and a LibreOffice the user
has open never clash. Import it from a test as `from libreoffice import convert, soffice_path`
(pytest puts this folder on sys.path), or copy the pattern.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TIMEOUT_SECONDS = 180


def soffice_path() -> str | None:
    """The soffice executable on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """The soffice executable; skips the calling test with a clear reason when it is missing."""
    found = soffice_path()
    if found is None:
        pytest.skip("LibreOffice (soffice) is not on PATH; install libreoffice-writer-nogui "
                    "and libreoffice-calc-nogui to run the conversion checks")
    return found


def convert(source: Path, outdir: Path, target_format: str = "pdf") -> Path:
    """Convert `source` into `outdir` as `target_format` (e.g. "pdf", "xlsx"); return the file.

    Fails the test with LibreOffice's output if no non-empty file comes out.
    """
    soffice = require_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        completed = subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
             "--convert-to", target_format, "--outdir", str(outdir), str(source)],
            capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False,
        )
    extension = target_format.split(":")[0]
    result = outdir / f"{source.stem}.{extension}"
    if not result.is_file() or result.stat().st_size == 0:
        pytest.fail(
            f"LibreOffice did not convert {source.name} to {target_format} "
            f"(exit {completed.returncode}):\n{completed.stdout}\n{completed.stderr}"
        )
    return result


def pdf_text(pdf: Path) -> str:
    """The text of a PDF via poppler's pdftotext; skips when pdftotext is missing."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not on PATH")
    completed = subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True,
                               text=True, timeout=60, check=True)
    return completed.stdout
