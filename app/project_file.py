"""Opening, creating, migrating and copying project files (one SQLite file per project).

A file is checked *read-only* before anything else touches it: a 0-byte cloud placeholder, a
text file, a renamed workbook, a truncated copy or somebody else's SQLite database is refused
with a specific message and left byte-for-byte as it was. Only `create_project` makes tables.
"""
from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.errors import ProjectFileError, UnsupportedVersionError

#: PRAGMA application_id of our files ("ERPS"), so we never mistake another SQLite file for ours.
APPLICATION_ID = 0x45525053
#: Schema version written to PRAGMA user_version; see app/migrations.py.
SCHEMA_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
PROJECT_SUFFIX = ".erpp"


@dataclass(frozen=True)
class ProjectFileInfo:
    """What a read-only look at a project file found."""

    path: Path
    schema_version: int

    @property
    def needs_migration(self) -> bool:
        return self.schema_version < SCHEMA_VERSION


def _read_only_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def _describe_non_sqlite(head: bytes, name: str) -> str:
    if head.startswith(b"PK\x03\x04"):
        return (f"'{name}' is a zip-based document (such as an Excel or Word file renamed), "
                "not an ERP Pipeline Studio project. Open it with the program that made it, or "
                "use File › New to start a project.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return (f"'{name}' is an old Microsoft Office document, not an ERP Pipeline Studio "
                "project.")
    try:
        head.decode("utf-8")
        return (f"'{name}' is a text file, not an ERP Pipeline Studio project. Choose the .erpp "
                "file of your project, or use File › New.")
    except UnicodeDecodeError:
        return f"'{name}' is not an ERP Pipeline Studio project (it is not a database file)."


def inspect_project_file(path: Path) -> ProjectFileInfo:
    """Check, without changing anything, that `path` is a project this version can open."""
    name = path.name
    if not path.exists():
        raise ProjectFileError(f"'{path}' does not exist. Check the folder, or use File › New.")
    if path.is_dir():
        raise ProjectFileError(f"'{name}' is a folder, not a project file.")
    size = path.stat().st_size
    if size == 0:
        raise ProjectFileError(
            f"'{name}' is empty (0 bytes). If it is in OneDrive, SharePoint or Dropbox, it may "
            "not be downloaded yet: make it available offline and open it again."
        )
    with path.open("rb") as handle:
        head = handle.read(100)
    if not head.startswith(SQLITE_MAGIC):
        raise ProjectFileError(_describe_non_sqlite(head, name))
    if len(head) < 100:
        raise ProjectFileError(f"'{name}' is cut short (only {size} bytes): it is damaged.")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages_in_header = int.from_bytes(head[28:32], "big")
    if page_size and pages_in_header and size < page_size * pages_in_header:
        raise ProjectFileError(
            f"'{name}' is truncated: it should hold {page_size * pages_in_header:,} bytes but "
            f"has {size:,}. It was probably copied while still syncing; copy it again or "
            "restore a backup."
        )
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise ProjectFileError(f"'{name}' cannot be opened: {exc}.") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise ProjectFileError(
                f"'{name}' is a SQLite database of another program, not an ERP Pipeline Studio "
                "project. It was not changed."
            )
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise ProjectFileError(
                f"'{name}' is damaged ({check}). Restore the latest backup of the project."
            )
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(
            f"'{name}' is damaged and cannot be read ({exc}). Restore a backup of the project."
        ) from exc
    finally:
        conn.close()
    if version > SCHEMA_VERSION:
        raise UnsupportedVersionError(
            f"'{name}' was saved by a newer version of ERP Pipeline Studio (file format "
            f"{version}; this version reads up to {SCHEMA_VERSION}). Update the app to open it. "
            "The file was not changed."
        )
    if version < 1:
        raise ProjectFileError(f"'{name}' is an unfinished project file (no schema). Create a "
                               "new project instead.")
    return ProjectFileInfo(path=path, schema_version=version)


def backup_file(source: Path, target: Path) -> None:
    """Copy a live project with SQLite's backup API (consistent even while it is open)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(_read_only_uri(source), uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    shutil.move(str(tmp), str(target))
