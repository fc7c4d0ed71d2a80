"""Tells a second instance who holds a project: a small lock file next to the project file.

SQLite's own locks last only for a transaction, and we commit every edit, so they cannot
say "Anna has this open on her laptop since 09:12". The lock file can, and it is removed on close.
A lock left behind by a crashed app on this machine (its process is gone) is taken over.
"""
from __future__ import annotations

import getpass
import json
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.errors import ProjectInUseError


@dataclass(frozen=True)
class LockHolder:
    """Who holds a project file open, as written in its lock file."""

    user: str
    machine: str
    pid: int
    since: str
    token: str


def lock_path_for(project_path: Path) -> Path:
    """The lock file of a project: hidden, next to it, named after it."""
    return project_path.with_name(f".~lock.{project_path.name}#")


def current_user() -> str:
    """The operating-system user name, used for locks and the audit trail."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database in some containers
        return os.environ.get("USER", "unknown")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(project_path: Path) -> LockHolder | None:
    """The holder recorded in the lock file, or None when there is no readable lock."""
    path = lock_path_for(project_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(
            user=str(data["user"]), machine=str(data["machine"]), pid=int(data["pid"]),
            since=str(data["since"]), token=str(data["token"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


class ProjectLock:
    """Holds the lock file of one open project for as long as it is open read-write."""

    def __init__(self, project_path: Path) -> None:
        self.project_path = project_path
        self.path = lock_path_for(project_path)
        self.token = str(uuid.uuid4())
        self._held = False

    def acquire(self) -> None:
        """Take the lock, or raise ProjectInUseError naming who holds it."""
        holder = read_lock(self.project_path)
        if holder is not None and not self._is_stale(holder):
            raise ProjectInUseError(
                f"'{self.project_path.name}' is open in another window: {holder.user} on "
                f"{holder.machine} since {holder.since}. Open it read-only, or ask them to "
                "close it.",
                user=holder.user, machine=holder.machine, since=holder.since,
            )
        if holder is not None or (self.path.exists() and holder is None):
            self.path.unlink(missing_ok=True)  # stale or unreadable: the holder is gone
        record = {
            "user": current_user(),
            "machine": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "token": self.token,
        }
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            # Another instance won the race between our check and our create.
            self.acquire()
            return
        except OSError:
            # A read-only folder cannot hold a lock; the project itself decides what happens.
            return
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(record, handle)
        self._held = True

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        if not self._held:
            return
        holder = read_lock(self.project_path)
        if holder is not None and holder.token == self.token:
            self.path.unlink(missing_ok=True)
        self._held = False

    @staticmethod
    def _is_stale(holder: LockHolder) -> bool:
        return holder.machine == socket.gethostname() and not _process_alive(holder.pid)
