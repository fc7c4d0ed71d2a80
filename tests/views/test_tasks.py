"""TaskRunner: work runs off the GUI thread; results and errors come back on it."""
from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtWidgets import QWidget

from app.errors import ExportError
from views.tasks import PROGRESS_DELAY_MS, TaskRunner


def test_result_is_delivered_on_the_gui_thread(qtbot: Any) -> None:
    runner = TaskRunner()
    gui_thread = threading.get_ident()
    seen: dict[str, Any] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["callback"] = threading.get_ident()

    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.run(work, label="Counting…", on_done=done, on_error=lambda e: None)
    assert seen["result"] == 42
    assert seen["worker"] != gui_thread
    assert seen["callback"] == gui_thread
    assert not runner.busy


def test_an_exception_is_delivered_not_raised(qtbot: Any) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def work() -> None:
        raise ExportError("The folder is read-only; choose another one.")

    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.run(work, label="Exporting…", on_done=lambda r: None, on_error=errors.append)
    assert len(errors) == 1 and isinstance(errors[0], ExportError)
    assert str(errors[0]) == "The folder is read-only; choose another one."


def test_progress_shows_only_for_slow_work(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner()
    quick = runner.run(lambda: None, label="Quick", on_done=lambda r: None,
                       on_error=lambda e: None, parent_widget=parent)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert quick.progress_dialog is None

    release = threading.Event()
    slow = runner.run(lambda: release.wait(10), label="Reading the workbook…",
                      on_done=lambda r: None, on_error=lambda e: None, parent_widget=parent)
    started = time.monotonic()
    qtbot.waitUntil(lambda: slow.progress_dialog is not None, timeout=5000)
    assert time.monotonic() - started >= PROGRESS_DELAY_MS / 1000 * 0.9
    assert slow.progress_dialog.labelText() == "Reading the workbook…"
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    runner.wait()
