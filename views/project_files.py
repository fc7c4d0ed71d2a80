"""File menu work: new, open (with the in-use and bad-file cases), recent files, save as, close.

A project that fails to open never replaces the current one: the new file is opened first and
the old one is closed only after that succeeded.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from app.errors import AppError, ProjectInUseError
from app.project import ProjectServices
from views.new_project_dialog import PROJECT_SUFFIX, NewProjectDialog
from views.project_context import ProjectContext
from views.recent_files import RecentFiles

OpenProject = Callable[..., ProjectServices]
CreateProject = Callable[..., ProjectServices]


class ProjectFiles(QObject):
    """Opens, creates, copies and closes project files for the main window."""

    #: a line for the status bar
    message = Signal(str)

    def __init__(self, window: QWidget, ctx: ProjectContext, recent: RecentFiles, *,
                 open_project: OpenProject, create_project: CreateProject,
                 before_change: Callable[[], None], actor: Callable[[], str]) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.recent = recent
        self._open_project = open_project
        self._create_project = create_project
        self._before_change = before_change
        self._actor = actor  # the user's display name, credited for what they change

    def _file_filter(self) -> str:
        return self.tr("ERP Pipeline Studio projects (*.erpp);;All files (*)")

    def _switch(self, services: ProjectServices | None, *, close_previous: bool = True) -> None:
        self._before_change()  # commit what is typed into the old project first
        self.ctx.replace(services, close_previous=close_previous)
        if services is not None:
            self.recent.add(services.path)
            self.recent.remember_project_dir(services.path.parent)

    # -- new -----------------------------------------------------------------------------
    def new_project(self) -> bool:
        dialog = NewProjectDialog(self.recent.project_dir(), self.window)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            request = dialog.request()
        finally:
            dialog.deleteLater()
        try:
            services = self._create_project(request.path, name=request.name,
                                            client=request.client,
                                            erp_product=request.erp_product,
                                            actor=self._actor())
        except AppError as exc:
            QMessageBox.critical(self.window, self.tr("Project not created"), str(exc))
            return False
        self._switch(services)
        self.message.emit(self.tr("Created {name}").format(name=request.path.name))
        return True

    # -- open ----------------------------------------------------------------------------
    def open_dialog(self) -> bool:
        name, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open project"),
                                              self.recent.project_dir(), self._file_filter())
        return self.open_path(Path(name)) if name else False

    def is_current(self, path: Path) -> bool:
        services = self.ctx.services
        return services is not None and services.path.resolve() == path.resolve()

    def open_path(self, path: Path) -> bool:
        """Open `path`; on any refusal say why and keep the current project."""
        path = path.expanduser()
        if self.is_current(path):
            self.message.emit(self.tr("{name} is already open.").format(name=path.name))
            return True
        try:
            services = self._open_project(path, read_only=False, actor=self._actor())
        except ProjectInUseError as exc:
            answer = QMessageBox.question(
                self.window, self.tr("Project in use"),
                self.tr("{reason}\n\nDo you want to open it read-only?").format(reason=exc),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes:
                return False
            try:
                services = self._open_project(path, read_only=True, actor=self._actor())
            except AppError as again:
                QMessageBox.critical(self.window, self.tr("Cannot open project"), str(again))
                return False
        except AppError as exc:
            QMessageBox.critical(self.window, self.tr("Cannot open project"), str(exc))
            return False
        self._switch(services)
        self.message.emit(self.tr("Opened {name}").format(name=path.name))
        return True

    def open_path_read_only(self, path: Path) -> bool:
        """Open `path` without editing (File › Open read-only, `main.py --read-only`)."""
        path = path.expanduser()
        if self.is_current(path) and self.ctx.read_only:
            return True
        try:
            services = self._open_project(path, read_only=True, actor=self._actor())
        except AppError as exc:
            QMessageBox.critical(self.window, self.tr("Cannot open project"), str(exc))
            return False
        self._switch(services)
        self.message.emit(self.tr("Opened {name} read-only").format(name=path.name))
        return True

    # -- recent files --------------------------------------------------------------------
    def fill_recent_menu(self, menu: QMenu) -> None:
        """Rebuild Open Recent (called as the menu opens); missing files are dropped."""
        menu.clear()
        missing = self.recent.prune_missing()
        if missing:
            names = ", ".join(p.name for p in missing)
            self.message.emit(self.tr("Removed from Open Recent (no longer found): {names}")
                              .format(names=names))
        paths = self.recent.paths()
        for number, path in enumerate(paths, start=1):
            action = QAction(f"&{number % 10}  {path.name}   —   {path.parent}", menu)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
            menu.addAction(action)
        if not paths:
            empty = menu.addAction(self.tr("No recent projects"))
            empty.setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(self.tr("Clear list"), self.recent.clear)

    def open_recent(self, path: Path) -> bool:
        if not path.exists():
            self.recent.remove(path)
            QMessageBox.information(
                self.window, self.tr("Project not found"),
                self.tr("'{path}' no longer exists, so it was removed from Open Recent. If it "
                        "was moved, open it with File › Open.").format(path=path))
            return False
        return self.open_path(path)

    # -- save as and close ---------------------------------------------------------------
    def save_as(self) -> bool:
        services = self.ctx.services
        if services is None:
            return False
        suggestion = services.path.with_name(services.path.stem + self.tr(" copy") +
                                             PROJECT_SUFFIX)
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save project as"),
                                              str(suggestion), self._file_filter())
        if not name:
            return False
        target = NewProjectDialog.with_suffix(Path(name))
        if self.is_current(target):
            return False
        self._before_change()
        try:
            new_services = services.save_as(target)
        except AppError as exc:
            QMessageBox.critical(self.window, self.tr("Copy not saved"), str(exc))
            return False
        except OSError as exc:
            QMessageBox.critical(self.window, self.tr("Copy not saved"), self.tr(
                "'{name}' could not be written ({error}). Choose another folder.").format(
                    name=target.name, error=exc.strerror or exc))
            return False
        self._switch(new_services, close_previous=False)  # save_as closed the old one
        self.message.emit(self.tr("Saved a copy as {name}; you are now working in it.").format(
            name=target.name))
        return True

    def reopen(self) -> bool:
        """Reopen the current project (after the user's name changed, so it is credited).

        The file lock is ours, so the project is closed first; if it then fails to open, the
        window shows the start page and says why.
        """
        services = self.ctx.services
        if services is None:
            return False
        path, read_only = services.path, services.read_only
        self._before_change()
        services.close()
        try:
            reopened = self._open_project(path, read_only=read_only, actor=self._actor())
        except AppError as exc:
            self.ctx.replace(None, close_previous=False)
            QMessageBox.critical(self.window, self.tr("Cannot open project"), str(exc))
            return False
        self.ctx.replace(reopened, close_previous=False)
        return True

    def close_project(self) -> None:
        if self.ctx.services is not None:
            self._switch(None)
