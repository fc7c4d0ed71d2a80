"""The command line: same services, documented exit codes, no display needed."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl

from app.cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, EXIT_PROJECT, EXIT_USAGE, run

REPO = Path(__file__).resolve().parents[2]


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_demo_export_and_check(tmp_path: Path, demo_template: Path) -> None:
    project = tmp_path / "demo.erpp"
    shutil.copyfile(demo_template, project)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    written = {}
    for kind in ("design-pack", "mapping", "uat-pack", "fitgap"):
        code, out, err = _run("export", kind, str(project), "--out", str(out_dir))
        assert code == EXIT_OK, err
        written[kind] = [Path(line) for line in out.splitlines()]
    pack = written["design-pack"][0]
    assert pack.name == "DP-0001_" + pack.name.split("_", 1)[1]
    assert pack.name.endswith("_v1.0.docx")
    assert any("DP-0001" in p.text for p in docx.Document(str(pack)).paragraphs)
    for kind in ("mapping", "uat-pack", "fitgap"):
        for path in written[kind]:
            assert openpyxl.load_workbook(path).sheetnames
    code, out, _ = _run("check", str(project))
    assert code == EXIT_FINDINGS  # the demo keeps some cards unclassified on purpose
    assert "unclassified" in out


def test_import_uat_dry_run_changes_nothing_and_bad_input_exit_codes(
        tmp_path: Path, demo_template: Path) -> None:
    project = tmp_path / "demo.erpp"
    shutil.copyfile(demo_template, project)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    _, out, _ = _run("export", "uat-pack", str(project), "--out", str(out_dir))
    pack = Path(out.splitlines()[0])
    book = openpyxl.load_workbook(pack)
    ws = book["Test steps"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("Result") + 1).value = "Fail"
    ws.cell(2, header.index("Actual result") + 1).value = "Rejected"
    book.save(pack)
    before = project.read_bytes()
    code, out, _ = _run("import-uat", str(project), str(pack), "--dry-run")
    assert code == EXIT_OK and "Dry run" in out
    assert project.read_bytes() == before
    code, out, _ = _run("import-uat", str(project), str(pack))
    assert code == EXIT_OK and "DEF-0001" in out
    code, out, _ = _run("import-uat", str(project), str(pack))
    assert code == EXIT_OK and "0 result(s) updated" in out

    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    code, _, err = _run("import-uat", str(project), str(text))
    assert code == EXIT_INPUT and "notes.txt" in err
    code, _, err = _run("check", str(text))
    assert code == EXIT_PROJECT and "not an ERP Pipeline Studio project" in err
    code, _, _ = _run("frobnicate")
    assert code == EXIT_USAGE


def test_main_py_runs_commands_without_a_display(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    target = tmp_path / "d.erpp"
    result = subprocess.run([sys.executable, str(REPO / "main.py"), "demo", str(target)],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    result = subprocess.run([sys.executable, str(REPO / "main.py"), "check", str(target)],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == EXIT_FINDINGS, result.stderr
    assert "cards" in result.stdout


def test_reading_commands_work_while_the_project_is_open(tmp_path: Path,
                                                         demo_template: Path) -> None:
    from app.project import ProjectServices

    project = tmp_path / "demo.erpp"
    shutil.copyfile(demo_template, project)
    holder = ProjectServices.open(project)  # the window has it open
    try:
        code, out, _ = _run("check", str(project))
        assert code == EXIT_FINDINGS and "cards" in out
        out_dir = tmp_path / "out"
        out_dir.mkdir()
        code, out, err = _run("export", "fitgap", str(project), "--out", str(out_dir))
        assert code == EXIT_OK and "read-only" in err
        assert Path(out.strip()).exists()
        code, _, err = _run("import-catalog", str(project), str(project))
        assert code == EXIT_PROJECT and "open in another window" in err
    finally:
        holder.close()


def test_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    for argv in (["bogus"], ["chek", "good.erpp"]):
        result = subprocess.run([sys.executable, str(REPO / "main.py"), *argv],
                                capture_output=True, text=True, timeout=60, check=False,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert result.returncode == EXIT_USAGE, result.stderr
        assert "neither a command nor a project file" in result.stderr


def test_window_without_a_display_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, str(REPO / "main.py")], capture_output=True,
                            text=True, env=env, timeout=60, check=False)
    assert result.returncode == EXIT_USAGE
    assert "no display found" in result.stderr
