"""The measured figures: each returns a value and, where one exists, a reference."""
from __future__ import annotations

import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

Figure = dict[str, Any]


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] if len(samples) >= 20 else max(samples)


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def open_project(project: Path) -> Figure:
    """Open the file and show the register (model filled, table shown, events processed)."""
    from PySide6.QtWidgets import QApplication, QTableView

    from app.project import ProjectServices
    from views.register_model import RegisterTableModel

    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    services = ProjectServices.open(project)
    model = RegisterTableModel()
    model.set_rows(services.items.register_rows())
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 800)
    view.show()
    app.processEvents()
    elapsed = time.perf_counter() - start
    view.close()
    services.close()
    return {"value": elapsed, "reference": None, "reference_is": "", "unit": "s"}


def filter_keystroke(project: Path) -> Figure:
    """p95 of one keystroke's filtering of the 10,000-row register, in the model."""
    from PySide6.QtWidgets import QApplication

    from app.project import ProjectServices
    from views.register_model import RegisterFilter, RegisterTableModel

    QApplication.instance() or QApplication([])
    services = ProjectServices.open(project, read_only=True)
    model = RegisterTableModel()
    model.set_rows(services.items.register_rows())
    services.close()
    samples = []
    for word in ("approve large", "reconcile bank", "web orders 12", "credit", "post vendor"):
        for n in range(1, len(word) + 1):
            start = time.perf_counter()
            model.set_filter(RegisterFilter(text=word[:n]))
            samples.append((time.perf_counter() - start) * 1000)
        model.set_filter(RegisterFilter())
    return {"value": _p95(samples), "reference": None, "reference_is": "", "unit": "ms"}


def capture_commit(project: Path, work: Path) -> Figure:
    """p95 of capturing a card until it is durable; reference: one raw insert + commit."""
    from app.project import ProjectServices

    copy = work / "capture.erpp"
    shutil.copyfile(project, copy)
    services = ProjectServices.open(copy)
    samples = []
    for i in range(60):
        elapsed, _ = _timed(lambda i=i: services.items.capture_item(f"Benchmark card {i}"))
        samples.append(elapsed * 1000)
    services.close()
    raw = work / "raw.sqlite"
    raw.unlink(missing_ok=True)
    conn = sqlite3.connect(raw)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, key TEXT, title TEXT)")
    conn.commit()
    ref = []
    for i in range(60):
        start = time.perf_counter()
        conn.execute("INSERT INTO item (key, title) VALUES (?, ?)", (f"K{i}", f"Card {i}"))
        conn.commit()
        ref.append((time.perf_counter() - start) * 1000)
    conn.close()
    return {"value": _p95(samples), "reference": _p95(ref),
            "reference_is": "raw sqlite3 insert + commit", "unit": "ms"}


def _openpyxl_read_seconds(path: Path) -> float:
    """Time openpyxl's read-only read of every cell value of `path` (the reference)."""
    start = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    book.close()
    return time.perf_counter() - start


def _write_only_copy(source: Path, target: Path) -> float:
    """Time openpyxl write-only of the same cells as `source` (its first data sheet)."""
    book = openpyxl.load_workbook(source, read_only=True)
    sheets = [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)])
              for ws in book.worksheets]
    book.close()
    start = time.perf_counter()
    out = openpyxl.Workbook(write_only=True)
    for title, rows in sheets:
        ws = out.create_sheet(title)
        for row in rows:
            ws.append(row)
    out.save(target)
    return time.perf_counter() - start


def export_fitgap(project: Path, work: Path) -> Figure:
    from app.project import ProjectServices

    services = ProjectServices.open(project, read_only=True)
    elapsed, path = _timed(lambda: services.exports.export_fitgap_register(work))
    services.close()
    return {"value": elapsed, "reference": _write_only_copy(path, work / "ref_fitgap.xlsx"),
            "reference_is": "openpyxl write-only, same cells", "unit": "s"}


def export_uat_pack(project: Path, work: Path) -> tuple[Figure, Path]:
    from app.project import ProjectServices

    services = ProjectServices.open(project, read_only=True)
    cycle = services.testing.list_cycles()[0]
    elapsed, path = _timed(lambda: services.exports.export_uat_pack(cycle.id, work))
    services.close()
    return ({"value": elapsed, "reference": _write_only_copy(path, work / "ref_uat.xlsx"),
             "reference_is": "openpyxl write-only, same cells", "unit": "s"}, path)


def import_uat(project: Path, pack: Path, work: Path) -> Figure:
    """Fill 10,000 step rows of the pack as testers would, then preview and apply it."""
    from app.project import ProjectServices

    book = openpyxl.load_workbook(pack)
    ws = book["Test steps"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in ("Result", "Actual result", "Tester")}
    for n, row in enumerate(range(2, 10_002)):
        ws.cell(row, col["Result"]).value = "Fail" if n % 50 == 0 else "Pass"
        ws.cell(row, col["Actual result"]).value = f"Observed {n}"
        ws.cell(row, col["Tester"]).value = "Bench Tester"
    filled = work / "filled.xlsx"
    book.save(filled)
    copy = work / "import.erpp"
    shutil.copyfile(project, copy)
    services = ProjectServices.open(copy)
    start = time.perf_counter()
    preview = services.uat_import.preview(filled)
    services.uat_import.apply(preview)
    elapsed = time.perf_counter() - start
    services.close()
    return {"value": elapsed, "reference": _openpyxl_read_seconds(filled),
            "reference_is": "openpyxl read of the same file", "unit": "s",
            "rows": len(preview.parsed.rows)}


CATALOGUE = (Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "fitgap"
             / "d365_business_process_catalog_simple_may2025.xlsx")


def catalog_import(work: Path) -> Figure | None:
    """Load Microsoft's 4,217-row catalogue into a new project; reference: openpyxl's
    read-only read of the same file."""
    from app.project import ProjectServices

    if not CATALOGUE.exists():
        return None
    services = ProjectServices.create(work / "catalogue.erpp", name="Catalogue")
    elapsed, _ = _timed(lambda: services.catalog.import_file(CATALOGUE))
    services.close()
    return {"value": elapsed, "reference": _openpyxl_read_seconds(CATALOGUE),
            "reference_is": "openpyxl read of the same file", "unit": "s"}


def run_all(project: Path, cache: Path) -> dict[str, Figure]:
    """Every figure of issue 2, in a scratch folder."""
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        work = Path(tmp)
        figures = {
            "open_project_s": open_project(project),
            "filter_keystroke_ms": filter_keystroke(project),
            "capture_commit_ms": capture_commit(project, work),
            "export_fitgap_s": export_fitgap(project, work),
        }
        uat, pack = export_uat_pack(project, work)
        figures["export_uat_pack_s"] = uat
        figures["import_uat_s"] = import_uat(project, pack, work)
        catalogue = catalog_import(work)
        if catalogue is not None:  # the real catalogue lives in ../shared, beside the checkout
            figures["catalog_import_s"] = catalogue
        return figures
