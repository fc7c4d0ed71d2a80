"""Imports (process catalogue, UAT results) and exports (Word and Excel), run off the GUI thread.

Each follows the importer contract (parse → preview → apply): the file is read in the background,
the preview dialog shows what would change, and Apply runs in the background too.
"""
from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from app.errors import AppError
from app.project import ProjectServices
from views.catalog_import_dialog import CatalogImportDialog
from views.project_context import Changes, ProjectContext
from views.recent_files import RecentFiles
from views.tasks import TaskRunner
from views.uat_import_dialog import UatImportDialog, outcome_text


class Transfers(QObject):
    """The Import and Export menu commands of the main window."""

    #: a line for the status bar
    message = Signal(str)
    #: an import or export finished (successfully or not); tests wait on it
    finished = Signal()

    def __init__(self, window: QWidget, ctx: ProjectContext, runner: TaskRunner,
                 places: RecentFiles) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.runner = runner
        self.places = places

    # -- plumbing ------------------------------------------------------------------------
    def _run(self, services: ProjectServices, work: Callable[[], Any], label: str,
             on_done: Callable[[Any], None]) -> None:
        def done(result: Any) -> None:
            try:
                if self.ctx.services is services:  # else the project was closed meanwhile
                    on_done(result)
            finally:
                self.finished.emit()

        def failed(error: BaseException) -> None:
            try:
                self._show_failure(error)
            finally:
                self.finished.emit()

        self.runner.run(work, label=label, on_done=done, on_error=failed,
                        parent_widget=self.window)

    def _show_failure(self, error: BaseException) -> None:
        if isinstance(error, AppError):
            QMessageBox.warning(self.window, self.tr("Nothing was changed"), str(error))
            return
        traceback.print_exception(error)
        QMessageBox.critical(self.window, self.tr("Unexpected error"), self.tr(
            "Something went wrong that the app did not expect ({error}). Nothing was changed; "
            "please report this.").format(error=f"{type(error).__name__}: {error}"))

    def _pick_spreadsheet(self, title: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, title, self.places.import_dir(),
            self.tr("Excel workbooks (*.xlsx *.xlsm);;All files (*)"))
        if not name:
            return None
        path = Path(name)
        self.places.remember_import_dir(path.parent)
        return path

    # -- imports -------------------------------------------------------------------------
    def import_uat_results(self) -> None:
        services = self.ctx.services
        if services is None or not self.ctx.editable:
            return
        path = self._pick_spreadsheet(self.tr("Import UAT results"))
        if path is None:
            return
        self._run(services, lambda: services.uat_import.preview(path),
                  self.tr("Reading {name}…").format(name=path.name),
                  lambda preview: self._review_uat(services, preview))

    def _review_uat(self, services: ProjectServices, preview: Any) -> None:
        dialog = UatImportDialog(preview, self.window)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if accepted:
            self._run(services, lambda: services.uat_import.apply(preview),
                      self.tr("Applying {name}…").format(name=preview.file_name),
                      self._uat_applied)

    def _uat_applied(self, outcome: Any) -> None:
        self.ctx.notify(Changes(membership=True, dependencies=True))
        text = outcome_text(outcome)
        self.message.emit(text)
        QMessageBox.information(self.window, self.tr("UAT results imported"), text)

    def import_process_catalog(self) -> None:
        services = self.ctx.services
        if services is None or not self.ctx.editable:
            return
        path = self._pick_spreadsheet(self.tr("Import process catalogue"))
        if path is None:
            return
        self._run(services, lambda: services.catalog.preview(path),
                  self.tr("Reading {name}…").format(name=path.name),
                  lambda preview: self._review_catalog(services, preview))

    def _review_catalog(self, services: ProjectServices, preview: Any) -> None:
        dialog = CatalogImportDialog(preview, self.window)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if accepted:
            self._run(services, lambda: services.catalog.apply(preview),
                      self.tr("Adding process areas…"), self._catalog_applied)

    def _catalog_applied(self, added: int) -> None:
        self.ctx.notify(Changes(lookups=True))
        text = (self.tr("1 process area added.") if added == 1
                else self.tr("{n:,} process areas added.").format(n=added))
        self.message.emit(text)
        QMessageBox.information(self.window, self.tr("Process catalogue imported"), text)

    # -- exports -------------------------------------------------------------------------
    def _choose(self, title: str, label: str, options: Sequence[str]) -> int | None:
        """Index of the chosen option; no question when there is only one."""
        if len(options) == 1:
            return 0
        text, ok = QInputDialog.getItem(self.window, title, label, list(options), 0, False)
        if not ok or text not in options:
            return None
        return list(options).index(text)

    def _choose_folder(self, title: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self.window, title, self.places.export_dir())
        if not folder:
            return None
        self.places.remember_export_dir(Path(folder))
        return Path(folder)

    def _export(self, services: ProjectServices, what: str,
                work: Callable[[Path], Path]) -> None:
        folder = self._choose_folder(self.tr("Export {what} to folder").format(what=what))
        if folder is None:
            return
        self._run(services, lambda: work(folder), self.tr("Writing the {what}…").format(
            what=what), self._exported)

    def _exported(self, path: Path) -> None:
        self.message.emit(self.tr("Exported {name} to {folder}").format(
            name=path.name, folder=path.parent))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export finished"),
                          self.tr("Saved <b>{name}</b><br>in {folder}").format(
                              name=path.name, folder=path.parent),
                          QMessageBox.StandardButton.Close, self.window)
        open_button = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        box.deleteLater()

    def export_design_pack(self) -> None:
        services = self.ctx.services
        if services is None:
            return
        packs = services.designs.list_packs()
        if not packs:
            QMessageBox.information(self.window, self.tr("Nothing to export"),
                                    self.tr("This project has no design packs yet."))
            return
        labels = [self.tr("{key} — {title} (version {version}, {status})").format(
            key=p.key, title=p.title, version=p.version or "–", status=p.status or "–")
            for p in packs]
        index = self._choose(self.tr("Export design pack"), self.tr("Design pack:"), labels)
        if index is None:
            return
        pack = packs[index]
        self._export(services, self.tr("design pack {key}").format(key=pack.key),
                     lambda folder: services.exports.export_design_pack(pack.id, folder))

    def export_mapping_workbook(self) -> None:
        services = self.ctx.services
        if services is None:
            return
        sets = services.mapping.list_sets()
        if not sets:
            QMessageBox.information(self.window, self.tr("Nothing to export"),
                                    self.tr("This project has no data-mapping sets yet."))
            return
        labels = [self.tr("All mapping sets ({n:,})").format(n=len(sets))] if len(sets) > 1 else []
        labels += [self.tr("{key} — {name} ({domain}, version {version})").format(
            key=m.key, name=m.name, domain=m.domain, version=m.version) for m in sets]
        index = self._choose(self.tr("Export mapping workbook"), self.tr("Mapping set:"), labels)
        if index is None:
            return
        set_ids = None if len(sets) > 1 and index == 0 else [
            sets[index - 1 if len(sets) > 1 else index].id]
        self._export(services, self.tr("mapping workbook"),
                     lambda folder: services.exports.export_mapping_workbook(folder, set_ids))

    def export_uat_pack(self) -> None:
        services = self.ctx.services
        if services is None:
            return
        cycles = services.testing.list_cycles()
        if not cycles:
            QMessageBox.information(self.window, self.tr("Nothing to export"),
                                    self.tr("This project has no test cycles yet."))
            return
        labels = [self.tr("{name} ({cases:,} cases, {steps:,} steps)").format(
            name=c.name, cases=c.case_count, steps=c.step_count) for c in cycles]
        index = self._choose(self.tr("Export UAT test pack"), self.tr("Test cycle:"), labels)
        if index is None:
            return
        cycle = cycles[index]
        self._export(services, self.tr("UAT test pack"),
                     lambda folder: services.exports.export_uat_pack(cycle.id, folder))

    def export_fitgap_register(self) -> None:
        services = self.ctx.services
        if services is None:
            return
        self._export(services, self.tr("fit-gap register"),
                     services.exports.export_fitgap_register)
