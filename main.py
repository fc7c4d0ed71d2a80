"""ERP Pipeline Studio's composition root.

`python main.py COMMAND ...` runs a command-line command (see `python main.py --help`) without
loading Qt; anything else opens the window: on PROJECT, on the demo (`--demo`), or on the last
project (the demo on the very first launch).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP_NAME = "ERP Pipeline Studio"


def _parse_gui_args(argv: list[str]) -> argparse.Namespace:
    from app.cli import COMMANDS

    parser = argparse.ArgumentParser(
        prog="python main.py",
        description=f"Open {APP_NAME}. Commands without a window: {', '.join(COMMANDS)} "
                    "(python main.py COMMAND --help).")
    parser.add_argument("project", nargs="?", type=Path, help="project file (.erpp) to open")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo project")
    parser.add_argument("--read-only", action="store_true", help="open without editing")
    return parser.parse_args(argv)


def run_gui(argv: list[str]) -> int:
    """Build the application and the main window, open the start project, run the loop."""
    args = _parse_gui_args(argv)
    if sys.platform.startswith("linux") and not any(
            os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        print("error: no display found; the window needs a desktop session. Without one, use "
              "a command (python main.py --help lists them).", file=sys.stderr)
        return 2
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.startup import ensure_demo_project, initial_project
    from views.app_window import build_main_window
    from views.recent_files import RecentFiles

    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    settings = QSettings(APP_NAME, APP_NAME)
    window = build_main_window(None, settings=settings)
    window.show()
    start = (ensure_demo_project() if args.demo
             else initial_project(args.project, RecentFiles(settings).paths()))
    if args.read_only:
        window.files.open_path_read_only(start)
    else:
        window.files.open_path(start)
    return app.exec()


def main(argv: list[str] | None = None) -> int:
    """Dispatch: a known command goes to the CLI, everything else opens the window."""
    argv = sys.argv[1:] if argv is None else argv
    from app.cli import COMMANDS, run

    if argv and argv[0] in COMMANDS:
        return run(argv)
    first = argv[0] if argv else ""
    if first and not first.startswith("-") and Path(first).suffix != ".erpp" \
            and not Path(first).exists():
        print(f"error: '{first}' is neither a command nor a project file. Commands: "
              f"{', '.join(COMMANDS)}; to open a project, give its .erpp file.",
              file=sys.stderr)
        return 2
    return run_gui(argv)


if __name__ == "__main__":
    raise SystemExit(main())
