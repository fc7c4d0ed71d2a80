"""Upgrades older project files, one schema version at a time, after taking a backup.

Version 1 is the first format. A new version adds a function to `MIGRATIONS` that takes
a connection at version N and leaves it at N+1 (SQLite needs table rebuilds for most ALTERs;
the constraint naming convention in models/base.py gives them stable names).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from app import project_file
from app.errors import ProjectFileError

Migration = Callable[[sqlite3.Connection], None]

#: from-version -> step that upgrades a file from that version to the next one.
MIGRATIONS: dict[int, Migration] = {}


def backup_path_for(path: Path, version: int) -> Path:
    """Where the pre-migration copy of a file goes: next to it, named after the old version."""
    return path.with_name(f"{path.stem}.before-format-{version}{path.suffix}")


def migrate_file(path: Path, from_version: int) -> Path:
    """Back the file up, then apply every step up to the current version in one transaction.

    Returns the backup's path. On any failure the file is left at its old version.
    """
    target = project_file.SCHEMA_VERSION
    missing = [v for v in range(from_version, target) if v not in MIGRATIONS]
    if missing:
        raise ProjectFileError(
            f"'{path.name}' uses file format {from_version}, which this version cannot upgrade. "
            "Open it with an older version and save it again."
        )
    backup = backup_path_for(path, from_version)
    project_file.backup_file(path, backup)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN IMMEDIATE")
        for version in range(from_version, target):
            MIGRATIONS[version](conn)
        conn.execute(f"PRAGMA user_version={target}")
        conn.execute("COMMIT")
    except Exception as exc:
        conn.execute("ROLLBACK")
        raise ProjectFileError(
            f"Upgrading '{path.name}' failed ({exc}); it was left unchanged. A copy is at "
            f"'{backup.name}'."
        ) from exc
    finally:
        conn.close()
    return backup
