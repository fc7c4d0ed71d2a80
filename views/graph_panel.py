"""The Dependency graph tab: the graph view, its small toolbar, and when to redraw it.

The drawing is read off the GUI thread and only while the tab is visible; changes made while it
is hidden just mark it stale.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.dependencies import GraphDrawing
from views.graph_view import DependencyGraphView
from views.project_context import Changes, ProjectContext
from views.recent_files import RecentFiles
from views.tasks import TaskRunner


class GraphPanel(QWidget):
    """Hosts DependencyGraphView; re-emits the card the user picked in the graph."""

    #: a card was clicked in the graph
    item_activated = Signal(int)
    #: a new drawing is shown (tests wait on it)
    drawing_shown = Signal()
    #: a line for the status bar
    message = Signal(str)

    def __init__(self, ctx: ProjectContext, runner: TaskRunner, places: RecentFiles,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.places = places
        self.view = DependencyGraphView(self)
        self.view.setObjectName("graphView")
        self.view.item_activated.connect(self.item_activated)
        self.view.item_double_clicked.connect(self.item_activated)
        self._stale = True
        self._generation = 0
        self._highlighted: int | None = None

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("hintLabel")
        fit = QPushButton(self.tr("Fit all"), self)
        fit.setToolTip(self.tr("Show the whole graph (Ctrl+0)"))
        fit.clicked.connect(self.view.fit_all)
        zoom_in = QPushButton(self.tr("Zoom in"), self)
        zoom_in.clicked.connect(self.view.zoom_in)
        zoom_out = QPushButton(self.tr("Zoom out"), self)
        zoom_out.clicked.connect(self.view.zoom_out)
        self.save_button = QPushButton(self.tr("Save picture…"), self)
        self.save_button.setToolTip(self.tr("Save the graph as PNG or SVG for a slide deck"))
        self.save_button.clicked.connect(self.save_picture)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 0)
        bar.addWidget(self.summary_label, 1)
        for button in (zoom_out, zoom_in, fit, self.save_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        ctx.project_changed.connect(self._project_changed)
        ctx.changed.connect(self._on_changed)

    # -- refreshing ----------------------------------------------------------------------
    def _project_changed(self) -> None:
        self._highlighted = None
        self.view.set_drawing(GraphDrawing((), ()))
        self.summary_label.clear()
        self.mark_stale()

    def _on_changed(self, changes: Changes) -> None:
        if changes.dependencies or changes.membership or changes.items:
            self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the drawing in the background and show it when it arrives."""
        services = self.ctx.services
        self._stale = False
        if services is None:
            return
        self._generation += 1
        generation = self._generation
        self.runner.run(services.dependencies.layered_drawing,
                        label=self.tr("Laying out the dependency graph…"),
                        on_done=lambda drawing: self._show(generation, drawing),
                        on_error=self._failed, parent_widget=self)

    def _show(self, generation: int, drawing: GraphDrawing) -> None:
        if generation != self._generation:
            return  # a newer drawing is on its way
        self.view.set_drawing(drawing)
        self.view.highlight(self._highlighted)
        self.summary_label.setText(self.tr(
            "{cards:,} linked cards · {links:,} dependencies").format(
                cards=len(drawing.nodes), links=len(drawing.edges)))
        self.save_button.setEnabled(bool(drawing.nodes))
        self.drawing_shown.emit()

    def _failed(self, error: BaseException) -> None:
        text = str(error) if isinstance(error, AppError) else self.tr(
            "The dependency graph could not be drawn ({error}).").format(error=error)
        self.ctx.error_reported.emit(text)

    def highlight(self, item_id: int | None) -> None:
        self._highlighted = item_id
        self.view.highlight(item_id)

    # -- picture -------------------------------------------------------------------------
    def save_picture(self) -> None:
        start = str(Path(self.places.export_dir()) / self.tr("dependency-graph.png"))
        name, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save graph picture"), start,
            self.tr("PNG picture (*.png);;SVG drawing (*.svg)"))
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_suffix(".svg" if "svg" in chosen.lower() else ".png")
        try:
            if path.suffix.lower() == ".svg":
                self.view.render_to_svg(path)
            else:
                self.view.render_to_png(path)
        except AppError as exc:
            self.ctx.report(exc)
            return
        self.places.remember_export_dir(path.parent)
        self.message.emit(self.tr("Saved {name}").format(name=path.name))
