"""The project file: only New creates one; bad files are refused untouched; locks; versions."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
import zipfile
from datetime import UTC
from pathlib import Path

import pytest

from app import migrations, project_file
from app.database import ProjectDatabase
from app.errors import (
    ProjectFileError,
    ProjectInUseError,
    ReadOnlyProjectError,
    UnsupportedVersionError,
)
from app.project import ProjectServices
from app.project_lock import lock_path_for


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_project(path: Path) -> None:
    ProjectServices.create(path, name="P").close()


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of not-a-project file, with a word its message must contain."""
    files: dict[str, tuple[Path, str]] = {}
    empty = tmp_path / "placeholder.erpp"
    empty.write_bytes(b"")
    files["empty"] = (empty, "0 bytes")
    text = tmp_path / "notes.erpp"
    text.write_text("Meeting notes\nnot a database\n", encoding="utf-8")
    files["text"] = (text, "text file")
    xlsx = tmp_path / "renamed.erpp"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    files["xlsx"] = (xlsx, "zip")
    good = tmp_path / "good.erpp"
    _make_project(good)
    truncated = tmp_path / "truncated.erpp"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    files["truncated"] = (truncated, "truncated")
    other = tmp_path / "other.erpp"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    files["unrelated"] = (other, "another program")
    header_only = tmp_path / "header.erpp"
    header_only.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    files["header"] = (header_only, "cut short")
    return files


@pytest.mark.parametrize("kind", ["empty", "text", "xlsx", "truncated", "unrelated", "header"])
def test_bad_files_are_refused_and_left_untouched(tmp_path: Path, kind: str) -> None:
    path, word = _bad_files(tmp_path)[kind]
    before = _digest(path)
    with pytest.raises(ProjectFileError) as info:
        ProjectServices.open(path)
    assert word in str(info.value)
    assert path.name in str(info.value)
    assert _digest(path) == before
    assert not lock_path_for(path).exists()
    if kind == "unrelated":
        tables = sqlite3.connect(path).execute(
            "SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        assert tables == [("t",)]


def test_missing_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nope.erpp"
    with pytest.raises(ProjectFileError, match="does not exist"):
        ProjectServices.open(path)
    assert not path.exists()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "p.erpp"
    _make_project(path)
    with pytest.raises(ProjectFileError, match="already exists"):
        ProjectServices.create(path, name="again")


def test_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.erpp"
    _make_project(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={project_file.SCHEMA_VERSION + 1}")
    conn.close()
    before = _digest(path)
    with pytest.raises(UnsupportedVersionError, match="newer version"):
        ProjectServices.open(path)
    assert _digest(path) == before


def test_older_version_is_migrated_after_a_backup(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.erpp"
    _make_project(path)

    def add_column(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE project ADD COLUMN phase TEXT DEFAULT 'explore'")

    monkeypatch.setattr(project_file, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, add_column)
    backups: list[Path] = []
    db = ProjectDatabase.open(path, on_migrate=backups.append)
    db.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert conn.execute("SELECT phase FROM project").fetchone()[0] == "explore"
    conn.close()
    assert backups and backups[0].exists()
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()


def test_failed_migration_leaves_file_at_old_version(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.erpp"
    _make_project(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE project ADD COLUMN phase TEXT")
        raise RuntimeError("disk full")

    monkeypatch.setattr(project_file, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, broken)
    with pytest.raises(ProjectFileError, match="left unchanged"):
        ProjectDatabase.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(project)")]
    assert "phase" not in columns
    conn.close()
    assert not lock_path_for(path).exists()


def test_second_instance_is_told_who_holds_it_and_can_read(tmp_path: Path) -> None:
    path = tmp_path / "shared.erpp"
    first = ProjectServices.create(path, name="Shared")
    first.items.capture_item("Approve large orders")
    with pytest.raises(ProjectInUseError) as info:
        ProjectServices.open(path)
    err = info.value
    assert err.user and err.machine and err.since
    assert err.user in str(err) and err.machine in str(err) and "read-only" in str(err)
    reader = ProjectServices.open(path, read_only=True)
    assert [r.title for r in reader.items.register_rows()] == ["Approve large orders"]
    with pytest.raises(ReadOnlyProjectError):
        reader.items.capture_item("Not allowed")
    reader.close()
    first.close()
    ProjectServices.open(path).close()  # free again once the holder closed it


def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "p.erpp"
    _make_project(path)
    import json
    import socket
    lock_path_for(path).write_text(json.dumps({
        "user": "ghost", "machine": socket.gethostname(), "pid": 2**22 + 12345,
        "since": "yesterday", "token": "x"}), encoding="utf-8")
    ProjectServices.open(path).close()


def test_foreign_keys_are_enforced(project: ProjectServices) -> None:
    with project.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    raw = project.db.engine.raw_connection()
    try:
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute("INSERT INTO dependency (uuid, item_id, depends_on_id, kind, note, "
                        "created_at, updated_at) VALUES ('u', 998, 999, 'data', '', "
                        "'2026-01-01', '2026-01-01')")
            raw.commit()
    finally:
        raw.close()


def test_plain_copy_while_open_holds_every_commit(project: ProjectServices,
                                                  tmp_path: Path) -> None:
    with project.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    project.items.capture_item("Credit check on web orders")
    copy = tmp_path / "copy.erpp"
    shutil.copyfile(project.path, copy)  # what OneDrive or a user would do
    assert not Path(str(project.path) + "-wal").exists()
    conn = sqlite3.connect(copy)
    titles = [r[0] for r in conn.execute("SELECT title FROM item")]
    conn.close()
    assert titles == ["Credit check on web orders"]


def test_timestamps_are_utc_and_aware(project: ProjectServices) -> None:
    ref = project.items.capture_item("Time check")
    card = project.items.card(ref.id)
    assert card.created_at.tzinfo is not None
    assert card.created_at.utcoffset() == UTC.utcoffset(None)


def test_save_as_continues_in_the_copy(project: ProjectServices, tmp_path: Path) -> None:
    project.items.capture_item("Before save as")
    target = tmp_path / "copy" / "renamed.erpp"
    moved = project.save_as(target)
    moved.items.capture_item("After save as")
    assert [r.title for r in moved.items.register_rows()] == ["Before save as", "After save as"]
    moved.close()
    original = ProjectServices.open(tmp_path / "test.erpp")
    assert [r.title for r in original.items.register_rows()] == ["Before save as"]
    original.close()
