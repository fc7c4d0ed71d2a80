"""Fixtures for GUI tests: a small real project in tmp_path, settings in a temp ini file, and
message boxes / file dialogs that never block (they record what they would have shown)."""
from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.project import ProjectServices
from tests.views.small_project import SmallProject, build_small_project
from views.app_window import MainWindow, build_main_window

#: Qt's offscreen platform (used headless) warns on every window with a layout and on every
#: popup (completer lists); it is noise from the test platform, not from the app, so only these
#: exact messages are let through.
OFFSCREEN_NOISE = (r"^This plugin does not support "
                   r"(propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)$")
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def small_project(tmp_path: Path) -> SmallProject:
    return build_small_project(tmp_path / "contoso.erpp")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo project, built once per session; tests open copies of it."""
    from app.demo import build_demo_project

    return build_demo_project(tmp_path_factory.mktemp("views-demo") / "demo.erpp")


@pytest.fixture
def demo_window(qtbot: Any, demo_template: Path, tmp_path: Path, settings: QSettings,
                message_boxes: list[Shown]) -> Iterator[MainWindow]:
    """The main window over a fresh copy of the demo project."""
    path = tmp_path / "demo.erpp"
    shutil.copyfile(demo_template, path)
    window = build_main_window(ProjectServices.open(path), settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def answer_dialog(qtbot: Any, kind: type[QWidget], act: Callable[[Any], None],
                  timeout_ms: int = 10000) -> QTimer:
    """Act on the next modal dialog of type `kind` once it is open (even in a nested loop)."""
    timer = QTimer()
    started = time.monotonic()

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            timer.stop()
            act(dialog)
        elif time.monotonic() - started > timeout_ms / 1000:
            timer.stop()

    timer.timeout.connect(poll)
    timer.start(20)
    return timer


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@dataclass
class Shown:
    """What a patched QMessageBox was asked to show."""

    kind: str
    title: str
    text: str


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[Shown]:
    """Record QMessageBox.warning/critical/information/question calls instead of blocking.

    A question is answered with the button stored in `answers` (default: Yes).
    """
    shown: list[Shown] = []

    def recorder(kind: str, result: Any) -> Any:
        def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            shown.append(Shown(kind, title, text))
            return result
        return show

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind,
                            staticmethod(recorder(kind, QMessageBox.StandardButton.Ok)))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(recorder("question", QMessageBox.StandardButton.Yes)))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(
        Shown("exec", self.windowTitle(), self.text())) or 0)
    return shown


@pytest.fixture
def open_window(qtbot: Any, small_project: SmallProject, settings: QSettings,
                message_boxes: list[Shown]) -> Iterator[MainWindow]:
    """The main window over the small project, built exactly as main.py builds it."""
    window = build_main_window(ProjectServices.open(small_project.path), settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
