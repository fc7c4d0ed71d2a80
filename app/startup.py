"""Which project the window opens at launch: the one asked for, the last one, or the demo."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.demo import build_demo_project
from app.paths import user_data_dir

DEMO_FILE_NAME = "ERP Pipeline Studio demo.erpp"


def demo_project_path() -> Path:
    """Where the demo project is kept for this user."""
    return user_data_dir() / DEMO_FILE_NAME


def ensure_demo_project(path: Path | None = None) -> Path:
    """The demo project, built on first use; an existing demo (with the user's edits) is kept."""
    target = path or demo_project_path()
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        build_demo_project(target)
    return target


def initial_project(explicit: Path | None, recent: Iterable[str | Path]) -> Path:
    """The project to open at launch: the argument, else the most recent existing one,
    else the demo (built on the very first launch)."""
    if explicit is not None:
        return explicit
    for candidate in recent:
        path = Path(candidate)
        if path.is_file():
            return path
    return ensure_demo_project()
