"""The main window's actions, menus and toolbar, kept out of the window class itself."""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QToolBar, QToolButton, QVBoxLayout, QWidget

from views.problem_table import read_only_table
from views.style import icon

if TYPE_CHECKING:
    from views.app_window import MainWindow


@dataclass
class MainActions:
    """Every command of the main window, so tests and menus share one object per command."""

    new_project: QAction
    open_project: QAction
    save_as: QAction
    close_project: QAction
    import_catalog: QAction
    import_uat: QAction
    export_design_pack: QAction
    export_mapping: QAction
    export_uat_pack: QAction
    export_fitgap: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    people: QAction
    domains: QAction
    your_name: QAction
    new_card: QAction
    rename: QAction
    classify: QAction
    add_dependency: QAction
    archive: QAction
    new_workshop: QAction
    show_register: QAction
    show_graph: QAction
    focus_register: QAction
    shortcuts: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _action(window: QWidget, text: str, slot: object, shortcuts: tuple[str, ...] = (),
            tip: str = "", icon_name: str = "") -> QAction:
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if icon_name:
        action.setIcon(icon(icon_name))
    tip = tip or text.replace("&", "").rstrip("…")
    if shortcuts:
        tip += f"  ({QKeySequence(shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)  # shortcuts work even while the menu bar is hidden
    return action


def _stack_action(w: MainWindow, redo: bool) -> QAction:
    """Undo or Redo, named after the step ("Undo Edit title of REQ-0003").

    Unlike QUndoStack.createUndoAction, it first commits what is typed in the editor, so the
    latest typing is the step that is undone.
    """
    stack = w.undo_stack
    base = _tr("&Redo") if redo else _tr("&Undo")
    shortcuts = ("Ctrl+Shift+Z", "Ctrl+Y") if redo else ("Ctrl+Z",)

    def run() -> None:
        w.editor.flush()
        if redo:
            stack.redo()
        else:
            stack.undo()

    action = _action(w, base, run, shortcuts, icon_name="redo" if redo else "undo")

    def refresh() -> None:
        step = stack.redoText() if redo else stack.undoText()
        action.setText(f"{base} {step}" if step else base)
        action.setToolTip(action.text().replace("&", ""))
        if redo:
            action.setEnabled(stack.canRedo())
        else:  # typing not yet committed is undoable too
            action.setEnabled(stack.canUndo() or w.editor.has_pending_edit())

    stack.indexChanged.connect(refresh)
    w.editor.pending_edit.connect(refresh)
    stack.canUndoChanged.connect(refresh)
    stack.canRedoChanged.connect(refresh)
    refresh()
    return action


def build_actions(w: MainWindow) -> MainActions:
    undo = _stack_action(w, redo=False)
    redo = _stack_action(w, redo=True)
    files, transfers, cards = w.files, w.transfers, w.cards
    return MainActions(
        new_project=_action(w, _tr("&New project…"), files.new_project, ("Ctrl+Shift+N",)),
        open_project=_action(w, _tr("&Open…"), files.open_dialog, ("Ctrl+O",),
                             icon_name="open"),
        save_as=_action(w, _tr("Save &As…"), files.save_as, ("Ctrl+Shift+S",),
                        _tr("Copy the project to a new file and continue there")),
        close_project=_action(w, _tr("&Close"), files.close_project, ("Ctrl+W",)),
        import_catalog=_action(w, _tr("Import process &catalogue…"),
                               transfers.import_process_catalog),
        import_uat=_action(w, _tr("Import &UAT results…"), transfers.import_uat_results,
                           ("Ctrl+Shift+U",)),
        export_design_pack=_action(w, _tr("&Design pack (Word)…"),
                                   transfers.export_design_pack),
        export_mapping=_action(w, _tr("&Mapping workbook (Excel)…"),
                               transfers.export_mapping_workbook),
        export_uat_pack=_action(w, _tr("&UAT test pack (Excel)…"), transfers.export_uat_pack),
        export_fitgap=_action(w, _tr("&Fit-gap register (Excel)…"),
                              transfers.export_fitgap_register, ("Ctrl+Shift+E",)),
        quit=_action(w, _tr("&Quit"), w.close, ("Ctrl+Q",)),
        undo=undo,
        redo=redo,
        find=_action(w, _tr("&Find cards"), w.register.focus_search, ("Ctrl+F",),
                     _tr("Search the register"), "search"),
        people=_action(w, _tr("&People…"), w.show_people, (),
                       _tr("Who requests, owns and decides: list and add people")),
        domains=_action(w, _tr("&Master-data domains…"), w.show_domains, (),
                        _tr("The master-data domains cards can affect: list and add")),
        your_name=_action(w, _tr("Your &name…"), w.ask_user_name, (),
                          _tr("The name your decisions and changes are recorded under")),
        new_card=_action(w, _tr("&New card"), cards.new_card, ("Ctrl+N",),
                         _tr("Capture a new card into the current workshop"), "new-card"),
        rename=_action(w, _tr("&Rename"), w.editor.focus_title, ("F2",),
                       _tr("Edit the title of the selected card")),
        classify=_action(w, _tr("&Classify…"), w.classify_current, ("Ctrl+K",),
                         _tr("Record a fit-gap decision for the selected card"), "classify"),
        add_dependency=_action(w, _tr("Add &dependency…"), w.editor.add_dependency,
                               ("Ctrl+D",), _tr("The selected card depends on another one"),
                               "link"),
        archive=_action(w, _tr("&Archive card"), cards.archive_card, ("Ctrl+Del",),
                        _tr("Remove the card from the register (undo brings it back)")),
        new_workshop=_action(w, _tr("New &workshop…"), cards.new_workshop, ("Ctrl+Shift+W",),
                             _tr("Start a workshop; new cards are captured into it"),
                             "workshop"),
        show_register=_action(w, _tr("&Register"), w.show_register, ("Ctrl+1",),
                              icon_name="register"),
        show_graph=_action(w, _tr("Dependency &graph"), w.show_graph, ("Ctrl+2",),
                           icon_name="graph"),
        focus_register=_action(w, _tr("Go to the card &list"), w.focus_register, ("Ctrl+L",)),
        shortcuts=_action(w, _tr("&Keyboard shortcuts"), w.show_shortcuts, ("F1",)),
    )


def build_menus(w: MainWindow, a: MainActions) -> None:
    bar = w.menuBar()
    file_menu = bar.addMenu(_tr("&File"))
    file_menu.addActions([a.new_project, a.open_project])
    recent = file_menu.addMenu(_tr("Open &Recent"))
    recent.aboutToShow.connect(lambda: w.files.fill_recent_menu(recent))
    w.recent_menu = recent
    file_menu.addActions([a.save_as, a.close_project])
    file_menu.addSeparator()
    file_menu.addActions([a.import_catalog, a.import_uat])
    export = file_menu.addMenu(_tr("&Export"))
    export.addActions([a.export_design_pack, a.export_mapping, a.export_uat_pack,
                       a.export_fitgap])
    w.export_menu = export
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit = bar.addMenu(_tr("&Edit"))
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addAction(a.find)
    edit.addSeparator()
    edit.addActions([a.people, a.domains])
    edit.addSeparator()
    edit.addAction(a.your_name)

    card = bar.addMenu(_tr("&Card"))
    card.addActions([a.new_card, a.rename, a.classify, a.add_dependency])
    card.addSeparator()
    card.addAction(a.archive)
    card.addSeparator()
    card.addAction(a.new_workshop)

    view = bar.addMenu(_tr("&View"))
    view.addActions([a.show_register, a.show_graph, a.focus_register])

    help_menu = bar.addMenu(_tr("&Help"))
    help_menu.addAction(a.shortcuts)


def build_toolbar(w: MainWindow, a: MainActions) -> QToolBar:
    bar = QToolBar(_tr("Main toolbar"), w)
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setIconSize(QSize(18, 18))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.addAction(a.new_card)
    bar.addAction(a.add_dependency)
    bar.addAction(a.classify)
    bar.addSeparator()
    bar.addAction(a.undo)
    bar.addAction(a.redo)
    bar.addSeparator()
    label = QLabel(_tr("Current workshop:"), bar)
    label.setObjectName("toolbarLabel")
    label.setBuddy(w.workshop_picker)
    bar.addWidget(label)
    bar.addWidget(w.workshop_picker)
    bar.addAction(a.new_workshop)
    for action in (a.undo, a.redo, a.new_workshop):
        button = bar.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    return bar


class ShortcutsDialog(QDialog):
    """Help › Keyboard shortcuts: every action with a shortcut, read from the actions."""

    def __init__(self, actions: MainActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = []
        for action in actions.all():
            keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                             for s in action.shortcuts())
            if keys:
                rows.append((action.text().replace("&", "").rstrip("…"), keys))
        rows += [(self.tr("Fit graph / zoom in / zoom out"), "Ctrl+0, Ctrl++, Ctrl+-"),
                 (self.tr("Record decision (in the Fit-gap tab)"), "Ctrl+Return")]
        table = read_only_table([self.tr("Command"), self.tr("Shortcut")], rows, self,
                                stretch=0)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        self.resize(460, 560)
