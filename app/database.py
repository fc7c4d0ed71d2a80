"""The open project's database: engine, connection pragmas, sessions and migrations.

Journal mode is DELETE (the classic rollback journal), not WAL, on purpose: with WAL, committed
data lives in the -wal file until a checkpoint, so a plain copy of the .erpp file taken while the
app is open (by a user, OneDrive or a backup tool) would miss recent edits. With DELETE, every
commit is in the main file when commit returns, and synchronous=FULL makes it survive power loss.
Our write rate (a few edits a second at most) does not need WAL's concurrency.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool, QueuePool

from app.audit import install_audit_trail
from app.errors import ProjectFileError, ProjectNotWritableError, ReadOnlyProjectError
from app.migrations import migrate_file
from app.project_file import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    backup_file,
    inspect_project_file,
)
from app.project_lock import ProjectLock, current_user
from models import Base, Project


def _make_engine(path: Path, read_only: bool) -> Engine:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}"

    def connect() -> sqlite3.Connection:
        # mode=rw never creates a missing file, so a vanished project cannot be recreated empty.
        return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=5)

    # Connections are pooled: opening one costs a schema parse and the pragmas below, about
    # as much as the commit itself. Between transactions a pooled connection holds no lock
    # (rollback-journal mode), so other programs can still read and copy the file.
    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=QueuePool,
                           pool_size=2, max_overflow=4, pool_pre_ping=False)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cur.execute("PRAGMA journal_mode=DELETE")  # see the module docstring
            cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    return engine


class ProjectDatabase:
    """One open project file: hands out sessions (one unit of work per user action)."""

    def __init__(self, path: Path, *, read_only: bool = False, actor: str | None = None) -> None:
        self.path = path
        self.read_only = read_only
        self.actor = actor or current_user()
        self.engine = _make_engine(path, read_only)
        self._factory = sessionmaker(self.engine, expire_on_commit=False,
                                     info={"actor": self.actor})
        install_audit_trail(self._factory)
        self._lock: ProjectLock | None = None

    # -- lifecycle -----------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, actor: str | None = None,
             on_migrate: Callable[[Path], None] | None = None) -> ProjectDatabase:
        """Open an existing project; refuse anything that is not one, migrate older ones."""
        info = inspect_project_file(path)
        lock: ProjectLock | None = None
        if not read_only:
            if not os.access(path, os.W_OK):
                raise ProjectNotWritableError(
                    f"'{path.name}' is read-only on disk. Open it read-only, or copy it to a "
                    "folder you can write to.")
            lock = ProjectLock(path)
            lock.acquire()
            if info.needs_migration:
                try:
                    backup = migrate_file(path, info.schema_version)
                except BaseException:
                    lock.release()
                    raise
                if on_migrate:
                    on_migrate(backup)
        elif info.needs_migration:
            raise ProjectFileError(f"'{path.name}' uses an older file format and must be "
                                   "upgraded once; open it normally (not read-only) first.")
        db = cls(path, read_only=read_only, actor=actor)
        db._lock = lock
        return db

    @classmethod
    def create(cls, path: Path, *, name: str, client: str = "", erp_product: str = "",
               actor: str | None = None, overwrite: bool = False) -> ProjectDatabase:
        """Create a new project file (the only way tables are ever created)."""
        if path.exists() and not overwrite:
            raise ProjectFileError(f"'{path.name}' already exists. Choose another name, or "
                                   "open it with File › Open.")
        if not path.parent.is_dir():
            raise ProjectFileError(f"The folder '{path.parent}' does not exist.")
        tmp = path.with_name(f".{path.name}.creating")
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp)
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
        engine = create_engine(f"sqlite+pysqlite:///{tmp}", poolclass=NullPool)

        @event.listens_for(engine, "connect")
        def _fk(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
            dbapi_conn.execute("PRAGMA foreign_keys=ON")

        Base.metadata.create_all(engine)
        factory = sessionmaker(engine, info={"actor": actor or current_user()})
        install_audit_trail(factory)
        with factory.begin() as session:
            session.add(Project(name=name, client=client, erp_product=erp_product,
                                settings={}))
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
        engine.dispose()
        os.replace(tmp, path)
        return cls.open(path, actor=actor)

    def close(self) -> None:
        """Release the file: dispose connections and remove our lock."""
        self.engine.dispose()
        if self._lock:
            self._lock.release()
            self._lock = None

    def save_as(self, target: Path) -> ProjectDatabase:
        """Copy the project to `target` (backup API) and return it opened; this one is closed."""
        if target.resolve() == self.path.resolve():
            return self
        backup_file(self.path, target)
        new_db = ProjectDatabase.open(target, actor=self.actor)
        self.close()
        return new_db


    # -- units of work -------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action that changes data: committed on success, rolled back on error."""
        if self.read_only:
            raise ReadOnlyProjectError(
                f"'{self.path.name}' is open read-only; nothing was changed. Reopen it normally "
                "once the other user has closed it."
            )
        try:
            with self._factory.begin() as session:
                yield session
        except OperationalError as exc:
            raise ProjectFileError(
                f"'{self.path.name}' could not be written ({exc.orig}). Nothing was changed; "
                "check the disk and whether another program is holding the file."
            ) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work."""
        with self._factory() as session:
            yield session

    def project(self) -> Project:
        """The project row (detached; read its plain fields only)."""
        with self.read() as session:
            return session.execute(select(Project)).scalar_one()
