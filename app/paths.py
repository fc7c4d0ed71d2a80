"""Where the app finds its bundled resources and keeps per-user files."""
from __future__ import annotations

import os
from pathlib import Path


def resources_dir() -> Path:
    """The top-level `resources/` folder shipped next to the packages."""
    return Path(__file__).resolve().parents[1] / "resources"


def user_data_dir() -> Path:
    """Per-user folder for the demo project and similar files (XDG on Linux)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "erp-pipeline-studio"
