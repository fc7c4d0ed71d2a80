"""Run slow work (imports, exports, big reads) off the GUI thread (STYLE.md practice 9).

`TaskRunner.run(...)` puts a callable on a thread pool and calls `on_done(result)` or
`on_error(exception)` back on the GUI thread; a busy QProgressDialog appears only when the work
takes longer than half a second. Workers never touch widgets: they only run the callable and
emit one signal, which Qt queues to the GUI thread.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

#: Work shorter than this shows no progress dialog at all.
PROGRESS_DELAY_MS = 500


class _Relay(QObject):
    """Lives on the GUI thread; workers emit from theirs (task id, result or exception)."""

    finished = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], task_id: int, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._task_id = task_id
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread as it is
            self._relay.failed.emit(self._task_id, exc)
        else:
            self._relay.finished.emit(self._task_id, result)


@dataclass
class Task:
    """One piece of background work and what to do when it ends."""

    id: int
    label: str
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None]
    parent_widget: QWidget | None
    progress_dialog: QProgressDialog | None = None
    running: bool = True


class TaskRunner(QObject):
    """Runs callables on its own thread pool and delivers results on the GUI thread."""

    #: emitted when no task is running any more
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The pool is created before the relay so that, when the runner is destroyed, the pool
        # (destroyed first, waiting for its workers) outlives nothing a worker emits on.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._tasks: dict[int, Task] = {}
        self._ids = itertools.count(1)

    def run(self, work: Callable[[], Any], *, label: str,
            on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None],
            parent_widget: QWidget | None = None) -> Task:
        """Start `work` in the background; exactly one of the callbacks runs afterwards."""
        task = Task(next(self._ids), label, on_done, on_error, parent_widget)
        self._tasks[task.id] = task
        QTimer.singleShot(PROGRESS_DELAY_MS, self, lambda: self._show_progress(task))
        self._pool.start(_Job(work, task.id, self._relay))
        return task

    def _show_progress(self, task: Task) -> None:
        if not task.running:
            return
        dialog = QProgressDialog(task.label, "", 0, 0, task.parent_widget)
        dialog.setWindowTitle(self.tr("Working…"))
        dialog.setCancelButton(None)  # the work cannot be interrupted safely half-way
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.show()
        task.progress_dialog = dialog

    def _end(self, task_id: int) -> Task | None:
        task = self._tasks.pop(task_id, None)
        if task is None:
            return None
        task.running = False
        if task.progress_dialog is not None:
            task.progress_dialog.close()
            task.progress_dialog.deleteLater()
        return task

    def _finished(self, task_id: int, result: Any) -> None:
        task = self._end(task_id)
        try:
            if task is not None:
                task.on_done(result)
        finally:
            self._maybe_idle()

    def _failed(self, task_id: int, error: BaseException) -> None:
        task = self._end(task_id)
        try:
            if task is not None:
                task.on_error(error)
        finally:
            self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._tasks:
            self.idle.emit()

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the workers have finished (on close; their results are dropped)."""
        return self._pool.waitForDone(msecs)
