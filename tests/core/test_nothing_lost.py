"""Nothing lost: a process killed (SIGKILL) mid-capture leaves an intact file holding every
card whose commit had returned, and the next open takes over its stale lock."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.project import ProjectServices

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_at_random_points_loses_no_committed_card(tmp_path: Path) -> None:
    path = tmp_path / "workshop.erpp"
    ProjectServices.create(path, name="Kill test").close()
    rng = random.Random(7)
    committed: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, str(HERE / "capture_until_killed.py"),
                                 str(path)], stdout=subprocess.PIPE, text=True, env=env)
        assert proc.stdout is not None
        wanted = rng.randint(1, 25)
        seen: list[str] = []
        deadline = time.monotonic() + 60
        while len(seen) < wanted and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line.strip())
        time.sleep(rng.random() * 0.02)  # land inside a later transaction, not between
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert seen, "the capture process did not start"
        committed.extend(seen)

        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {k for (k,) in conn.execute("SELECT key FROM item")}
        constraints = dict(conn.execute("SELECT key, key_constraints FROM item"))
        conn.close()
        missing = [k for k in committed if k not in stored]
        assert missing == []
        # The edit printed with the key was committed before the print, so it is there too.
        assert all(constraints[k].startswith("constraint ") for k in seen)
    services = ProjectServices.open(path)  # the dead process's lock is taken over
    keys = [r.key for r in services.items.register_rows()]
    services.close()
    assert len(keys) == len(set(keys)) >= len(committed)
