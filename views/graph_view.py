"""The dependency graph as a layered diagram the project manager can put on a projector.

Direction: left to right. Layer 0 (cards that depend on nothing) is the left column and each
card sits one column right of what it depends on, so the picture reads like a plan: work the
left columns first, and arrows point back (leftwards) to the prerequisite. Left-to-right suits
wide screens and projectors better than top-to-bottom, and keeps the two-line titles of wide
cards side by side instead of stacking long columns.
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsView, QLabel, QWidget

from app.errors import ExportError
from app.services.dependencies import GraphDrawing
from views.graph_items import (
    BACKGROUND,
    CARD_H,
    CARD_W,
    COLUMN_SPACING,
    EDGE_EMPHASISED,
    EDGE_FADED,
    EDGE_NORMAL,
    HEADER_H,
    ROW_SPACING,
    EdgeItem,
    GraphScene,
    GraphStyle,
    NodeItem,
    legend_size,
    paint_legend,
)

try:  # QtSvg ships with PySide6-Essentials; guard anyway so a trimmed install still runs.
    from PySide6.QtSvg import QSvgGenerator

    HAVE_SVG = True
except ImportError:  # pragma: no cover - depends on the installed wheel
    HAVE_SVG = False

FADED_NODE_OPACITY = 0.2
MIN_SCALE = 0.02
MAX_SCALE = 4.0
ZOOM_STEP = 1.25
INITIAL_MIN_SCALE = 0.4  # a first look at a big graph starts legible, not as a grey smear
EXPORT_MAX_SIDE = 8000.0  # pixels; a 2,000-card PNG stays a file people can open
PORT_SPREAD = CARD_H * 0.6  # links leave and enter a card over the middle of its side


class _Legend(QWidget):
    """The legend, floating over the bottom-left of the viewport (not part of the scene, so it
    neither scrolls nor zooms)."""

    def __init__(self, style: GraphStyle, parent: QWidget) -> None:
        super().__init__(parent)
        self._style = style
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        size = legend_size(style)
        self.setFixedSize(QSize(math.ceil(size.width()) + 1, math.ceil(size.height()) + 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        paint_legend(painter, self._style, QPointF(0.5, 0.5))
        painter.end()


class DependencyGraphView(QGraphicsView):
    """Layered, zoomable drawing of the dependency graph with neighbourhood highlighting.

    Feed it `set_drawing(GraphDrawing)`; clicking a card emits `item_activated(id)` and
    highlights its neighbourhood; positions of cards (including ones moved by hand) survive
    later `set_drawing` calls for the same ids.
    """

    item_activated = Signal(int)
    item_double_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._style = GraphStyle()
        self._scene = GraphScene(self._style, self)
        self.setScene(self._scene)
        self._nodes: dict[int, NodeItem] = {}
        self._edges: dict[tuple[int, int], EdgeItem] = {}
        self._highlighted: int | None = None
        self._fit_pending = False
        self._press_on_background: QPoint | None = None
        self._pressed_node: tuple[NodeItem, QPointF] | None = None
        self._hops = 1
        self._legend_wanted = True
        self.click_hops = 1  # how far a click on a card highlights
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        # No background brush on the view: it would hide the scene's layer bands.
        self._hint = QLabel(self.tr(
            "No dependencies yet. Select a card and press Ctrl+D to add one."), self)
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setWordWrap(True)
        self._hint.setStyleSheet("color: #646B72; font-size: 16pt;")
        self._hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._legend = _Legend(self._style, self)
        self._legend.hide()
        self._add_action(self.tr("Zoom in"), [QKeySequence.StandardKey.ZoomIn,
                                              QKeySequence("Ctrl+=")], self.zoom_in)
        self._add_action(self.tr("Zoom out"), [QKeySequence.StandardKey.ZoomOut], self.zoom_out)
        self._add_action(self.tr("Fit graph"), [QKeySequence("Ctrl+0")], self.fit_all)

    def _add_action(self, text: str, keys: list[QKeySequence | QKeySequence.StandardKey],
                    slot: Callable[[], None]) -> None:
        action = QAction(text, self)
        sequences: list[QKeySequence] = []
        for key in keys:
            sequences.extend(QKeySequence.keyBindings(key) if isinstance(
                key, QKeySequence.StandardKey) else [key])
        action.setShortcuts(sequences)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # ----------------------------------------------------------------------------- drawing
    def set_drawing(self, drawing: GraphDrawing) -> None:
        """Show `drawing`. Cards already shown keep their place (always, if moved by hand;
        otherwise while they stay in the same layer); new cards are placed by layer and order,
        moved down past any card already in the way. Links are re-routed; their items are
        reused when the same link is still there (re-creating 4,000 items costs a second)."""
        scene = self._scene
        first = not self._nodes
        wanted = {node.id for node in drawing.nodes}
        for node_id in [i for i in self._nodes if i not in wanted]:
            scene.removeItem(self._nodes.pop(node_id))
        counts = Counter(node.layer for node in drawing.nodes)
        kept_tops: dict[int, list[float]] = {}
        fresh: list[NodeItem] = []
        for node in drawing.nodes:
            item = self._nodes.get(node.id)
            if item is None:
                item = NodeItem(self._style, node)
                self._nodes[node.id] = item
                scene.addItem(item)
                fresh.append(item)
                continue
            old_layer = item.node.layer
            item.set_node(node)
            if item.moved_by_hand or old_layer == node.layer:
                insort(kept_tops.setdefault(node.layer, []), item.y())
            else:
                fresh.append(item)
        for item in fresh:
            node = item.node
            y = (node.order - (counts[node.layer] - 1) / 2.0) * ROW_SPACING
            tops = kept_tops.setdefault(node.layer, [])
            if tops:
                y = _free_slot(tops, y)
            insort(tops, y)
            item.setPos(node.layer * COLUMN_SPACING, y)
        self._build_edges(drawing)
        self._refresh_extent(max(counts, default=-1) + 1)
        self._hint.setVisible(not self._nodes)
        self._legend.setVisible(self._legend_wanted and bool(self._nodes))
        self._update_view_rect()
        if self._highlighted is not None:
            self.highlight(self._highlighted, self._hops, centre=False)
        if first and self._nodes:
            self._fit_pending = not self.isVisible()
            if self.isVisible():
                self._initial_view()

    def _build_edges(self, drawing: GraphDrawing) -> None:
        columns: dict[int, tuple[list[float], list[float]]] = {}
        by_layer: dict[int, list[float]] = {}
        for item in self._nodes.values():
            by_layer.setdefault(item.node.layer, []).append(item.y())
        for layer, tops in by_layer.items():
            tops.sort()
            columns[layer] = (tops, [top + CARD_H for top in tops])
        scene = self._scene
        old, self._edges = self._edges, {}
        added: list[EdgeItem] = []
        for link in drawing.edges:
            source = self._nodes.get(link.source)
            target = self._nodes.get(link.target)
            if source is None or target is None:
                continue
            waypoints = _waypoints(source, target, columns, link.target)
            edge = old.pop((link.source, link.target), None)
            if edge is not None and (edge.source is not source or edge.target is not target
                                     or edge.kind != link.kind):
                old[(link.source, link.target)] = edge  # same ids, new shape: replace it
                edge = None
            if edge is None:
                edge = EdgeItem(self._style, source, target, link.kind, waypoints)
                added.append(edge)
            else:
                edge.waypoints = waypoints
            self._edges[(link.source, link.target)] = edge
        for edge in old.values():
            edge.detach()
            if edge.scene() is scene:
                scene.removeItem(edge)
        for item in self._nodes.values():
            _spread_ports(item)
        for edge in self._edges.values():
            edge.update_path()
        for edge in added:
            scene.addItem(edge)

    def _refresh_extent(self, layer_count: int) -> None:
        scene = self._scene
        if not self._nodes:
            scene.set_layers(0, 0.0, 0.0)
            scene.setSceneRect(QRectF())
            return
        tops = [item.y() for item in self._nodes.values()]
        top, bottom = min(tops), max(tops) + CARD_H
        scene.set_layers(layer_count, top, bottom)
        self._grow_scene_rect()

    def _grow_scene_rect(self) -> None:
        rect = self._scene.itemsBoundingRect().adjusted(-40.0, -HEADER_H - 16.0, 40.0, 40.0)
        self._scene.setSceneRect(rect)
        self._update_view_rect()

    def _legend_room(self) -> int:
        """Viewport pixels kept free below the graph for the legend."""
        return self._legend.height() + 16 if self._legend_wanted and self._nodes else 0

    def _update_view_rect(self) -> None:
        # The scrollable area is the scene plus a strip below it as tall as the legend (in scene
        # units at the current zoom), so the last cards can always be scrolled clear of it.
        rect = self._scene.sceneRect()
        if rect.isNull():
            self.setSceneRect(QRectF())
            return
        self.setSceneRect(rect.adjusted(0.0, 0.0, 0.0, self._legend_room() / self.zoom_factor()))

    # ---------------------------------------------------------------------------- highlight
    def highlight(self, item_id: int | None, hops: int = 1, *, centre: bool = True) -> None:
        """Keep the card and what lies within `hops` links upstream and downstream at full
        strength and fade everything else; None (or a card not in the graph) clears it."""
        self._hops = hops
        if item_id is None or item_id not in self._nodes:
            self._highlighted = None
            for item in self._nodes.values():
                item.setOpacity(1.0)
                item.set_focused(False)
            for edge in self._edges.values():
                edge.set_state(EDGE_NORMAL)
            return
        self._highlighted = item_id
        focus = self._nodes[item_id]
        upstream = _reach(focus, hops, upward=True)
        downstream = _reach(focus, hops, upward=False)
        lit_nodes = upstream | downstream | {focus}
        lit_edges: set[EdgeItem] = set()
        for item in upstream | {focus}:
            lit_edges.update(e for e in item.edges_out if e.target in upstream)
        for item in downstream | {focus}:
            lit_edges.update(e for e in item.edges_in if e.source in downstream)
        for item in self._nodes.values():
            item.setOpacity(1.0 if item in lit_nodes else FADED_NODE_OPACITY)
            item.set_focused(item is focus)
        for edge in self._edges.values():
            edge.set_state(EDGE_EMPHASISED if edge in lit_edges else EDGE_FADED)
        if centre:
            visible = self.mapToScene(self.viewport().rect()).boundingRect()
            if not visible.contains(focus.sceneBoundingRect()):
                self.centerOn(focus)

    def set_legend_visible(self, visible: bool) -> None:
        """Show or hide the legend in the bottom-left corner (exports always include it)."""
        self._legend_wanted = visible
        self._legend.setVisible(visible and bool(self._nodes))
        self._update_view_rect()

    def highlighted_id(self) -> int | None:
        """The card whose neighbourhood is highlighted, if any."""
        return self._highlighted

    def node_rect(self, item_id: int) -> QRectF | None:
        """Where a card is drawn (scene coordinates), or None if it is not in the graph."""
        item = self._nodes.get(item_id)
        return None if item is None else item.mapRectToScene(self._style.card_rect)

    # ------------------------------------------------------------------------------- zoom
    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP, anchor_mouse=False)

    def zoom_out(self) -> None:
        self._zoom_by(1.0 / ZOOM_STEP, anchor_mouse=False)

    def fit_all(self) -> None:
        """Show the whole graph above the legend, never magnified beyond 100 %."""
        if not self._nodes:
            return
        rect = self._scene.sceneRect()
        area = self.viewport().rect()
        height = max(area.height() - self._legend_room(), 60)
        scale = min(area.width() / rect.width(), height / rect.height(), 1.0)
        self.setTransform(QTransform.fromScale(max(MIN_SCALE, scale), max(MIN_SCALE, scale)))
        self._transform_changed()
        self.centerOn(self.sceneRect().center())

    def _initial_view(self) -> None:
        """The whole graph if it is still legible that way; else the first layers, legible,
        around the middle (Ctrl+0 still shows everything)."""
        self.fit_all()
        if self.transform().m11() < INITIAL_MIN_SCALE:
            self.setTransform(QTransform.fromScale(INITIAL_MIN_SCALE, INITIAL_MIN_SCALE))
            self._transform_changed()
            rect = self._scene.sceneRect()
            half_width = self.viewport().width() / INITIAL_MIN_SCALE / 2.0
            self.centerOn(rect.left() + half_width, CARD_H / 2.0)

    def zoom_factor(self) -> float:
        return self.transform().m11()

    def _zoom_by(self, factor: float, *, anchor_mouse: bool) -> None:
        current = self.transform().m11()
        target = min(MAX_SCALE, max(MIN_SCALE, current * factor))
        if math.isclose(target, current):
            return
        if not anchor_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(target / current, target / current)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._transform_changed()

    def _transform_changed(self) -> None:
        self._style.lod = self.transform().m11()
        self._update_view_rect()

    # ------------------------------------------------------------------------------ events
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self._zoom_by(math.pow(1.0015, delta), anchor_mouse=True)
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        node = self._node_at(event.position().toPoint())
        self._press_on_background = None
        self._pressed_node = None if node is None else (node, node.pos())
        if node is None and event.button() == Qt.MouseButton.LeftButton:
            self._press_on_background = event.position().toPoint()
        super().mousePressEvent(event)
        if node is not None and event.button() == Qt.MouseButton.LeftButton:
            self.highlight(node.item_id, self.click_hops, centre=False)
            self.item_activated.emit(node.item_id)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, dragged = self._press_on_background, self._pressed_node
        self._press_on_background = self._pressed_node = None
        if pressed is not None and event.button() == Qt.MouseButton.LeftButton:
            moved = (event.position().toPoint() - pressed).manhattanLength()
            if moved < QApplication.startDragDistance():
                self.highlight(None)  # a click (not a pan) on the background clears
        elif dragged is not None and dragged[0].pos() != dragged[1]:
            self._grow_scene_rect()  # the card may have been dragged past the edge

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        node = self._node_at(event.position().toPoint())
        super().mouseDoubleClickEvent(event)
        if node is not None and event.button() == Qt.MouseButton.LeftButton:
            self.item_double_clicked.emit(node.item_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._highlighted is not None:
            self._scene.clearSelection()
            self.highlight(None)
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.viewport().geometry()
        self._hint.setGeometry(area.adjusted(40, 40, -40, -40))
        self._legend.move(area.left() + 10, area.bottom() - self._legend.height() - 10)
        if self._fit_pending and self.isVisible():
            self._fit_pending = False
            self._initial_view()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self._fit_pending = False
            self._initial_view()

    def _node_at(self, pos: QPoint) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
        return None

    # ------------------------------------------------------------------------------ export
    def render_to_png(self, path: Path) -> None:
        """Write the whole graph with its legend to a PNG (at most 8,000 pixels a side)."""
        source, scale = self._export_geometry()
        legend = legend_size(self._style) * max(1.0, scale)
        width = math.ceil(max(source.width() * scale, legend.width() + 20.0))
        height = math.ceil(source.height() * scale + legend.height() + 20.0)
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(BACKGROUND))
        painter = QPainter(image)
        self._paint_export(painter, source, scale)
        painter.end()
        if not image.save(str(path), "PNG"):  # type: ignore[call-overload]  # stub says bytes
            raise ExportError(f"The picture could not be written to {path}. Check that the "
                              "folder exists and that you may write to it.")

    def render_to_svg(self, path: Path) -> None:
        """Write the whole graph with its legend to an SVG (scalable, for documents)."""
        if not HAVE_SVG:  # pragma: no cover - depends on the installed wheel
            raise ExportError("This installation cannot write SVG pictures; export a PNG.")
        source, _ = self._export_geometry()
        legend = legend_size(self._style)
        size = QSize(math.ceil(max(source.width(), legend.width() + 20.0)),
                     math.ceil(source.height() + legend.height() + 20.0))
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(QRectF(0.0, 0.0, size.width(), size.height()))
        generator.setTitle(self.tr("Dependency graph"))
        painter = QPainter()
        if not painter.begin(generator):
            raise ExportError(f"The picture could not be written to {path}. Check that the "
                              "folder exists and that you may write to it.")
        painter.fillRect(QRectF(0.0, 0.0, size.width(), size.height()), QColor(BACKGROUND))
        self._paint_export(painter, source, 1.0)
        painter.end()
        if not path.exists():
            raise ExportError(f"The picture could not be written to {path}. Check that the "
                              "folder exists and that you may write to it.")

    def _export_geometry(self) -> tuple[QRectF, float]:
        if not self._nodes:
            raise ExportError("There is nothing to draw yet: no card has a dependency.")
        source = self._scene.sceneRect()
        return source, min(2.0, EXPORT_MAX_SIDE / max(source.width(), source.height()))

    def _paint_export(self, painter: QPainter, source: QRectF, scale: float) -> None:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        target = QRectF(0.0, 0.0, source.width() * scale, source.height() * scale)
        saved_lod = self._style.lod
        self._style.lod = scale  # draw text only where it would be readable
        for item in self._nodes.values():  # else the cards go into an SVG as bitmaps
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            self._scene.render(painter, target, source)
        finally:
            self._style.lod = saved_lod
            for item in self._nodes.values():
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        legend_scale = max(1.0, scale)  # as large as the cards, but never below its screen size
        painter.save()
        painter.translate(10.0, target.height() + 10.0)
        painter.scale(legend_scale, legend_scale)
        paint_legend(painter, self._style, QPointF(0.0, 0.0))
        painter.restore()


def _free_slot(tops: list[float], y: float) -> float:
    """The nearest row position (y, y+row, y-row, y+2row...) where a card overlaps no other."""
    clearance = CARD_H + 12.0
    for step in range(4 * len(tops) + 2):
        offset = ((step + 1) // 2) * ROW_SPACING * (1 if step % 2 else -1)
        candidate = y + offset
        lo = bisect_left(tops, candidate - clearance + 0.01)
        if lo >= len(tops) or tops[lo] >= candidate + clearance:
            return candidate
    return (tops[-1] + ROW_SPACING) if tops else y


def _waypoints(source: NodeItem, target: NodeItem,
               columns: dict[int, tuple[list[float], list[float]]],
               target_id: int) -> list[tuple[float, float, float]]:
    """Passes through the gaps of the layers a link skips (between the two cards' layers)."""
    first, last = source.node.layer - 1, target.node.layer
    if first <= last:
        return []
    start = source.centre()
    end = target.centre()
    x_start, x_end = source.x(), target.x() + CARD_W
    nudge = ((target_id * 7) % 5 - 2) * 3.0  # links to one card bundle, others fan out a little
    points: list[tuple[float, float, float]] = []
    for layer in range(first, last, -1):
        x = layer * COLUMN_SPACING
        span = x_start - x_end
        share = 0.5 if abs(span) < 1.0 else (x_start - (x + CARD_W / 2.0)) / span
        y = start.y() + (end.y() - start.y()) * min(1.0, max(0.0, share))
        tops, bottoms = columns.get(layer, ([], []))
        y = _gap_near(tops, bottoms, y) + nudge
        points.append((x + CARD_W + 16.0, x - 16.0, y))
    return points


def _gap_near(tops: list[float], bottoms: list[float], y: float) -> float:
    """`y` if it is clear of the column's cards, else the middle of the nearest gap."""
    margin = 10.0
    if not tops or y < tops[0] - margin or y > bottoms[-1] + margin:
        return y
    i = bisect_right(tops, y + margin) - 1
    if i < 0 or y > bottoms[i] + margin:
        return y
    above = (bottoms[i - 1] + tops[i]) / 2.0 if i > 0 else tops[i] - (ROW_SPACING - CARD_H) / 2
    below = ((bottoms[i] + tops[i + 1]) / 2.0 if i + 1 < len(tops)
             else bottoms[i] + (ROW_SPACING - CARD_H) / 2)
    return above if y - above <= below - y else below


def _spread_ports(item: NodeItem) -> None:
    """Spread the links on each side of a card by the height of what they lead to, so they
    leave in order instead of from one point."""
    def neighbour_y(edge: EdgeItem, outgoing: bool) -> float:
        if edge.waypoints:
            return edge.waypoints[0][2] if outgoing else edge.waypoints[-1][2]
        return (edge.target if outgoing else edge.source).centre().y()

    for edges, outgoing in ((item.edges_out, True), (item.edges_in, False)):
        count = len(edges)
        if count == 1:
            if outgoing:
                edges[0].source_offset = 0.0
            else:
                edges[0].target_offset = 0.0
            continue
        edges.sort(key=lambda e: neighbour_y(e, outgoing))
        step = min(12.0, PORT_SPREAD / (count - 1))
        for index, edge in enumerate(edges):
            offset = (index - (count - 1) / 2.0) * step
            if outgoing:
                edge.source_offset = offset
            else:
                edge.target_offset = offset


def _reach(start: NodeItem, hops: int, *, upward: bool) -> set[NodeItem]:
    """Cards within `hops` links of `start`, following prerequisites (upward) or dependents."""
    found: set[NodeItem] = set()
    frontier = [start]
    for _ in range(max(0, hops)):
        following: list[NodeItem] = []
        for item in frontier:
            edges = item.edges_out if upward else item.edges_in
            for edge in edges:
                other = edge.target if upward else edge.source
                if other not in found and other is not start:
                    found.add(other)
                    following.append(other)
        frontier = following
    return found
