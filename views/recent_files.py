"""The Open Recent list and other remembered places, kept in QSettings.

Tests pass a QSettings on a temporary ini file, so they never touch the user's real list.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 10
_RECENT_KEY = "files/recent"
_EXPORT_DIR_KEY = "files/export_dir"
_IMPORT_DIR_KEY = "files/import_dir"
_PROJECT_DIR_KEY = "files/project_dir"


def _as_list(value: object) -> list[str]:
    # QSettings returns a str for a one-element list and None when unset (ini backend).
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]  # type: ignore[attr-defined]


class RecentFiles:
    """Most recent first, at most MAX_RECENT, without duplicates."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def paths(self) -> list[Path]:
        return [Path(p) for p in _as_list(self.settings.value(_RECENT_KEY))]

    def _store(self, paths: list[Path]) -> None:
        self.settings.setValue(_RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])
        self.settings.sync()

    def add(self, path: Path) -> None:
        path = path.resolve()
        self._store([path, *(p for p in self.paths() if p != path)])

    def remove(self, path: Path) -> None:
        self._store([p for p in self.paths() if p != path])

    def prune_missing(self) -> list[Path]:
        """Drop files that no longer exist; returns what was dropped."""
        paths = self.paths()
        missing = [p for p in paths if not p.exists()]
        if missing:
            self._store([p for p in paths if p.exists()])
        return missing

    def clear(self) -> None:
        self._store([])

    # -- remembered folders --------------------------------------------------------------
    def _folder(self, key: str) -> str:
        value = self.settings.value(key)
        if isinstance(value, str) and value and Path(value).is_dir():
            return value
        recent = self.paths()
        return str(recent[0].parent) if recent else str(Path.home())

    def _remember(self, key: str, folder: Path) -> None:
        self.settings.setValue(key, str(folder))
        self.settings.sync()

    def export_dir(self) -> str:
        return self._folder(_EXPORT_DIR_KEY)

    def remember_export_dir(self, folder: Path) -> None:
        self._remember(_EXPORT_DIR_KEY, folder)

    def import_dir(self) -> str:
        return self._folder(_IMPORT_DIR_KEY)

    def remember_import_dir(self, folder: Path) -> None:
        self._remember(_IMPORT_DIR_KEY, folder)

    def project_dir(self) -> str:
        return self._folder(_PROJECT_DIR_KEY)

    def remember_project_dir(self, folder: Path) -> None:
        self._remember(_PROJECT_DIR_KEY, folder)
