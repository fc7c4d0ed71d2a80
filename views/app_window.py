"""The main window and `build_main_window`, the one composition function main.py and tests use.

MainWindow only composes: the register, the graph, the card editor, the status bar; file work
lives in ProjectFiles, imports/exports in Transfers, card commands in CardCommands, menus and
shortcuts in main_actions.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
)

from app.project import ProjectServices
from views.card_commands import CardCommands, WorkshopPicker
from views.card_editor import FITGAP_TAB, CardEditor
from views.graph_panel import GraphPanel
from views.main_actions import (
    MainActions,
    ShortcutsDialog,
    build_actions,
    build_menus,
    build_toolbar,
)
from views.people_dialogs import DomainsDialog, PeopleDialog
from views.project_context import Changes, ProjectContext
from views.project_files import ProjectFiles
from views.recent_files import RecentFiles
from views.register_view import RegisterPanel
from views.start_page import StartPage
from views.style import icon, install_style
from views.tasks import TaskRunner
from views.transfers import Transfers
from views.undo_commands import UndoableEdits
from views.user_name import ask_display_name, display_name

APP_NAME = "ERP Pipeline Studio"
REGISTER_TAB, GRAPH_TAB = 0, 1
START_PAGE, WORKSPACE = 0, 1


class MainWindow(QMainWindow):
    """Register | Dependency graph on the left, the selected card on the right."""

    def __init__(self, ctx: ProjectContext, settings: QSettings, *,
                 open_project: Callable[..., ProjectServices],
                 create_project: Callable[..., ProjectServices]) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.ctx = ctx
        ctx.setParent(self)
        self.settings = settings
        self.recent = RecentFiles(settings)
        self.runner = TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        self.edits = UndoableEdits(ctx, self.undo_stack)
        self.recent_menu: QMenu | None = None
        self.export_menu: QMenu | None = None

        self.register = RegisterPanel(ctx, self)
        self.graph = GraphPanel(ctx, self.runner, self.recent, self)
        self.editor = CardEditor(ctx, self.edits, self)
        self.workshop_picker = WorkshopPicker(ctx, self)
        self.files = ProjectFiles(self, ctx, self.recent, open_project=open_project,
                                  create_project=create_project,
                                  before_change=self.editor.flush,
                                  actor=self.user_name)
        self.transfers = Transfers(self, ctx, self.runner, self.recent)
        self.cards = CardCommands(self, ctx, self.edits, self.register, self.editor,
                                  self.workshop_picker)
        self.editor.set_my_name(self.user_name())
        self.editor.set_current_workshop(self.workshop_picker.workshop_id)
        self.workshop_picker.currentIndexChanged.connect(
            self.editor.classification_panel.current_workshop_changed)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.register, icon("register"), self.tr("Register"))
        self.tabs.addTab(self.graph, icon("graph"), self.tr("Dependency graph"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("workspace")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.start_page = StartPage(self.recent, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)

        self.main_actions: MainActions = build_actions(self)
        build_menus(self, self.main_actions)
        self.toolbar = build_toolbar(self, self.main_actions)
        self.addToolBar(self.toolbar)
        self._build_status_bar()

        self.start_page.new_requested.connect(self.files.new_project)
        self.start_page.open_requested.connect(self.files.open_dialog)
        self.start_page.recent_requested.connect(self.files.open_recent)
        self.register.current_item_changed.connect(self._item_selected)
        self.graph.item_activated.connect(self.select_item)
        self.editor.item_requested.connect(self.select_item)
        for source in (self.files, self.transfers, self.cards, self.graph):
            source.message.connect(self.show_message)
        ctx.project_changed.connect(self._project_changed)
        ctx.changed.connect(self._on_changed)
        ctx.error_reported.connect(self.show_error)
        self.setWindowIcon(icon("app"))
        self._default_size()
        self._restore_layout()
        self._project_changed()

    # -- status bar ----------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.path_label = QLabel(self)
        self.path_label.setObjectName("pathLabel")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long path must not widen the window; it is elided by the layout instead.
        self.path_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.counts_label = QLabel(self)
        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveLabel")
        bar.addPermanentWidget(self.path_label, 1)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.save_label)

    def _update_status(self) -> None:
        services = self.ctx.services
        if services is None:
            for label in (self.path_label, self.counts_label, self.save_label):
                label.clear()
            return
        summary = services.summary()
        self.path_label.setText(str(summary.path))
        self.path_label.setToolTip(str(summary.path))
        cards = (self.tr("1 card") if summary.item_count == 1
                 else self.tr("{n:,} cards").format(n=summary.item_count))
        self.counts_label.setText(self.tr("{cards} · {classified:,} classified").format(
            cards=cards, classified=summary.classified_count))
        if summary.read_only:
            self.save_label.setText(self.tr("Read-only"))
            self.save_label.setProperty("state", "readonly")
        else:
            self.save_label.setText(self.tr("All changes saved"))
            self.save_label.setProperty("state", "saved")
        self.save_label.style().unpolish(self.save_label)
        self.save_label.style().polish(self.save_label)

    # -- the user, people and domains --------------------------------------------------
    def user_name(self) -> str:
        """Who is credited for decisions and changes (Edit › Your name…)."""
        return display_name(self.settings)

    def ask_user_name(self) -> None:
        """Edit › Your name…; an open project is reopened so the new name is recorded."""
        self.editor.flush()
        if ask_display_name(self.settings, self) is None:
            return
        name = self.user_name()
        self.editor.set_my_name(name)
        item_id = self.editor.card.id if self.editor.card is not None else None
        if self.ctx.services is not None and self.files.reopen() and item_id is not None:
            self.register.select_item(item_id)
        self.show_message(self.tr("New decisions and changes are now recorded as {name}.")
                          .format(name=name))

    def show_people(self) -> None:
        dialog = PeopleDialog(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()

    def show_domains(self) -> None:
        dialog = DomainsDialog(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Not changed"), text)

    # -- project state -------------------------------------------------------------------
    def _project_changed(self) -> None:
        self.undo_stack.clear()
        services = self.ctx.services
        self.setWindowFilePath(str(services.path) if services is not None else "")
        self.toolbar.setVisible(services is not None)
        if services is None:
            self.setWindowTitle(APP_NAME)
            self.pages.setCurrentIndex(START_PAGE)
        else:
            name = services.summary().name
            suffix = self.tr(" [read-only]") if services.read_only else ""
            self.setWindowTitle(f"{name}{suffix} — {APP_NAME}")
            self.pages.setCurrentIndex(WORKSPACE)
            first = self.register.model.item_id(0)
            if first is not None and self.register.current_item_id() is None:
                self.register.select_item(first)  # never open on an empty editor
        self._update_status()
        self._update_actions()

    def _on_changed(self, changes: Changes) -> None:
        if changes.membership or changes.items:
            self._update_status()
        self._update_actions()

    def _update_actions(self) -> None:
        a = self.main_actions
        is_open = self.ctx.is_open
        editable = self.ctx.editable
        has_card = self.editor.card is not None
        for action in (a.save_as, a.close_project, a.export_design_pack, a.export_mapping,
                       a.export_uat_pack, a.export_fitgap, a.find, a.show_register,
                       a.show_graph, a.focus_register):
            action.setEnabled(is_open)
        for action in (a.people, a.domains):
            action.setEnabled(is_open)
        for action in (a.import_catalog, a.import_uat, a.new_card, a.new_workshop):
            action.setEnabled(editable)
        for action in (a.rename, a.classify, a.add_dependency, a.archive):
            action.setEnabled(editable and has_card)
        if self.export_menu is not None:
            self.export_menu.setEnabled(is_open)

    # -- selection -----------------------------------------------------------------------
    def _item_selected(self, item_id: int | None) -> None:
        self.editor.show_item(item_id)
        self.graph.highlight(item_id)
        self._update_actions()

    def select_item(self, item_id: int) -> None:
        """Select a card everywhere (register, editor, graph)."""
        if not self.register.select_item(item_id):
            self.show_message(self.tr("That card is no longer in the register."))

    def show_register(self) -> None:
        self.tabs.setCurrentIndex(REGISTER_TAB)
        self.register.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_graph(self) -> None:
        self.tabs.setCurrentIndex(GRAPH_TAB)
        self.graph.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_register(self) -> None:
        self.show_register()

    def classify_current(self) -> None:
        if self.editor.card is None:
            return
        self.editor.show_tab(FITGAP_TAB)
        self.editor.classification_panel.class_combo.setFocus(
            Qt.FocusReason.ShortcutFocusReason)

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.main_actions, self)
        dialog.exec()
        dialog.deleteLater()

    # -- layout and closing ------------------------------------------------------------
    def _default_size(self) -> None:
        """1360×820, or 94 % of a smaller screen, before any remembered geometry applies."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1360, 820
        if screen is not None and screen.width() > 0:
            width = min(width, int(screen.width() * 0.94))
            height = min(height, int(screen.height() * 0.94))
        self.resize(width, height)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([820, 470])
        header = self.settings.value("window/register_columns")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.register.table.horizontalHeader().restoreState(header)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Commit what is typed, wait for background work, release the project file."""
        self.editor.flush()
        self.runner.wait()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/register_columns",
                               self.register.table.horizontalHeader().saveState())
        self.settings.sync()
        self.ctx.replace(None)
        super().closeEvent(event)


def build_main_window(services: ProjectServices | None, *, settings: QSettings | None = None,
                      open_project: Callable[..., ProjectServices] = ProjectServices.open,
                      create_project: Callable[..., ProjectServices] = ProjectServices.create,
                      ) -> MainWindow:
    """The main window over `services` (None: the start page).

    `open_project(path, read_only=..., actor=...)` and `create_project(path, name=...,
    client=..., erp_product=..., actor=...)` are how the window opens and creates files (actor:
    the user's display name); tests may pass their own.
    The window owns the project from now on and closes it when the window closes.
    """
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_style(app)
    if settings is None:
        settings = QSettings(APP_NAME, APP_NAME)
    ctx = ProjectContext(None)
    window = MainWindow(ctx, settings, open_project=open_project,
                        create_project=create_project)
    if services is not None:
        ctx.replace(services)
        window.recent.add(services.path)
    return window
