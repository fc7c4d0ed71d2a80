"""Scene items of the dependency graph: cards, curved links, the layer bands and the legend.

Everything a paint call needs (pens, brushes, fonts, text lines, positions) is built once, when
an item is made or its data changes, so painting 2,000 cards allocates nothing new.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.services.dependencies import GraphNode

CARD_W = 230.0
CARD_H = 100.0
COLUMN_SPACING = CARD_W + 100.0  # the gap leaves room for S-curves between layers
ROW_SPACING = CARD_H + 32.0  # the gap lets links that skip a layer pass between cards
STRIP_W = 9.0
RADIUS = 8.0
ARROW_LEN = 12.0
HEADER_H = 56.0

# (strip / border colour, card fill). Strong hues for the strip, pale tints for the fill, chosen
# from colour-blind-safe families; the class is also written on the card, so colour is a hint.
FIT_COLOURS: dict[str, tuple[str, str]] = {
    "configure": ("#1E8449", "#E8F6EC"),
    "customize": ("#D35400", "#FDF0E4"),
    "interface": ("#1F5FAD", "#E6EFFA"),
    "": ("#7B7D7D", "#F2F3F4"),
}
KIND_COLOURS: dict[str, str] = {
    "data": "#4A78B5",
    "integration": "#17918F",
    "security": "#8E44AD",
    "sequencing": "#4F5B66",
    "other": "#858E96",
}
BLOCKED_RED = "#C0392B"
TEXT_DARK = "#1B1F23"
TEXT_MID = "#3D4349"
TEXT_SOFT = "#646B72"
FOCUS_COLOUR = "#111418"
BAND_COLOUR = "#EDF0F4"
BACKGROUND = "#F9FAFB"

DETAIL_LOD = 0.32  # below this zoom the text is unreadable: draw plain coloured cards
EDGE_NORMAL, EDGE_EMPHASISED, EDGE_FADED = 0, 1, 2
PIECE_LEN = 500.0  # long curves are cut into pieces so a repaint strokes only what shows

# PySide enum look-ups cost microseconds each; thousands of items are built at once.
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_SELECTED = QStyle.StateFlag.State_Selected
_ALIGN_CENTRE = Qt.AlignmentFlag.AlignCenter
_NODE_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsMovable
               | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
_EDGE_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption
_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
_NO_BUTTON = Qt.MouseButton.NoButton


def _tr(text: str) -> str:
    return QCoreApplication.translate("DependencyGraphView", text)


def _pixel_font(size: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(size)
    font.setBold(bold)
    return font


class GraphStyle:
    """Shared paint resources, made once per view; `lod` is the current zoom, set by the view."""

    def __init__(self) -> None:
        self.lod = 1.0
        # Large type for the size of the card: the graph is read from the back of a meeting room.
        self.key_font = _pixel_font(19, bold=True)
        self.title_font = _pixel_font(16)
        self.small_font = _pixel_font(13)
        self.badge_font = _pixel_font(12, bold=True)
        self.header_font = _pixel_font(17, bold=True)
        self.legend_font = _pixel_font(13)
        self.legend_metrics = QFontMetricsF(self.legend_font)
        self.title_metrics = QFontMetricsF(self.title_font)
        self.wrap_layout = QTextLayout("", self.title_font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.wrap_layout.setTextOption(option)
        self.small_metrics = QFontMetricsF(self.small_font)
        self.card_rect = QRectF(0.0, 0.0, CARD_W, CARD_H)
        self.bounds = self.card_rect.adjusted(-5.0, -5.0, 5.0, 5.0)
        self.focus_rect = self.card_rect.adjusted(-3.0, -3.0, 3.0, 3.0)
        strip = QPainterPath()
        strip.addRoundedRect(self.card_rect, RADIUS, RADIUS)
        left = QPainterPath()
        left.addRect(QRectF(0.0, 0.0, STRIP_W, CARD_H))
        self.strip_path = strip.intersected(left)
        self.strip_rect = QRectF(0.0, 0.0, STRIP_W, CARD_H)
        self.text_x = STRIP_W + 10.0
        self.text_w = CARD_W - self.text_x - 10.0
        self.key_pos = QPointF(self.text_x, 27.0)
        self.title_pos = (QPointF(self.text_x, 51.0), QPointF(self.text_x, 71.0))
        self.stage_pos = QPointF(self.text_x, 91.0)
        self.badge_rect = QRectF(CARD_W - 86.0, 9.0, 78.0, 22.0)
        self.badge_text = _tr("BLOCKED")
        self.key_pen = QPen(QColor(TEXT_DARK))
        self.title_pen = QPen(QColor(TEXT_MID))
        self.soft_pen = QPen(QColor(TEXT_SOFT))
        self.white_pen = QPen(QColor("#FFFFFF"))
        self.no_pen = QPen(Qt.PenStyle.NoPen)
        self.no_brush = QBrush(Qt.BrushStyle.NoBrush)
        self.red_brush = QBrush(QColor(BLOCKED_RED))
        self.focus_pen = QPen(QColor(FOCUS_COLOUR), 3.0)
        self.blocked_pen = QPen(QColor(BLOCKED_RED), 3.0)
        self.class_pens: dict[str, QPen] = {}
        self.class_fills: dict[str, QBrush] = {}
        self.class_strips: dict[str, QBrush] = {}
        for name, (strong, pale) in FIT_COLOURS.items():
            self.class_pens[name] = QPen(QColor(strong).darker(110), 1.5)
            self.class_fills[name] = QBrush(QColor(pale))
            self.class_strips[name] = QBrush(QColor(strong))
        # Link colours are opaque (pre-mixed with the background): antialiased strokes in a
        # translucent colour, or under item opacity, cost about three times as much to draw.
        # Indexed by EdgeItem state: NORMAL, EMPHASISED, FADED.
        self.edge_pens: dict[str, tuple[QPen, QPen, QPen]] = {}
        self.edge_brushes: dict[str, tuple[QBrush, QBrush, QBrush]] = {}
        for kind, colour in KIND_COLOURS.items():
            normal = _mix(colour, BACKGROUND, 0.8)
            emphasised = QColor(colour).darker(125)
            faded = _mix(colour, BACKGROUND, 0.18)
            self.edge_pens[kind] = (_flat_pen(normal, 2.0), _flat_pen(emphasised, 3.5),
                                    _flat_pen(faded, 2.0))
            self.edge_brushes[kind] = (QBrush(normal), QBrush(emphasised), QBrush(faded))
        self.class_names = {"configure": _tr("configure"), "customize": _tr("customize"),
                            "interface": _tr("interface"), "": _tr("unclassified")}

    def edge_style(self, kind: str) -> tuple[tuple[QPen, QPen, QPen],
                                             tuple[QBrush, QBrush, QBrush]]:
        """Pens and brushes for a link kind; unknown kinds look like "other"."""
        key = kind if kind in self.edge_pens else "other"
        return self.edge_pens[key], self.edge_brushes[key]


def _mix(colour: str, background: str, share: float) -> QColor:
    """`share` of `colour` over `background`, as one opaque colour."""
    front, back = QColor(colour), QColor(background)
    return QColor.fromRgbF(*(share * f + (1.0 - share) * b for f, b in (
        (front.redF(), back.redF()), (front.greenF(), back.greenF()),
        (front.blueF(), back.blueF()))))


def _flat_pen(colour: QColor, width: float) -> QPen:
    # Flat caps: the pieces of one curve meet square, so their ends never overlap (no dark dots
    # where two translucent pieces join).
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def two_lines(text: str, style: GraphStyle) -> tuple[str, str]:
    """Wrap a title into two lines (Qt's line breaking), eliding the second."""
    layout = style.wrap_layout
    layout.setText(text)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(style.text_w)
    layout.endLayout()
    cut = line.textLength() if line.isValid() else len(text)
    rest = text[cut:].strip()
    return (text[:cut].rstrip(),
            style.title_metrics.elidedText(rest, _ELIDE_RIGHT, style.text_w) if rest else "")


class NodeItem(QGraphicsItem):
    """One card: key, two lines of title, stage and class, a class strip and a BLOCKED badge."""

    def __init__(self, style: GraphStyle, node: GraphNode) -> None:
        super().__init__()
        self.style = style
        self.edges_out: list[EdgeItem] = []  # links to what this card depends on
        self.edges_in: list[EdgeItem] = []  # links from cards that depend on this one
        self.moved_by_hand = False
        self.focused = False
        self.setFlags(_NODE_FLAGS)
        self.setCacheMode(_DEVICE_CACHE)
        self.node = node
        self._apply(node)

    @property
    def item_id(self) -> int:
        return self.node.id

    def set_node(self, node: GraphNode) -> None:
        """Take fresh data for the same card; text is re-laid out only if it changed."""
        if node != self.node:
            self.node = node
            self._apply(node)
            self.update()

    def _apply(self, node: GraphNode) -> None:
        style = self.style
        fit = node.fit_class if node.fit_class in FIT_COLOURS else ""
        self._fill = style.class_fills[fit]
        self._strip = style.class_strips[fit]
        self._border = style.blocked_pen if node.blocked else style.class_pens[fit]
        self._title = two_lines(node.title, style)
        stage_line = f"{node.stage} · {style.class_names[fit]}"
        self._stage = style.small_metrics.elidedText(stage_line, _ELIDE_RIGHT, style.text_w)
        tip = f"<b>{_escape(node.key)}</b> — {_escape(node.title)}<br>{_escape(stage_line)}"
        if node.blocked:
            tip += f"<br><span style='color:{BLOCKED_RED}'><b>{style.badge_text}</b></span>"
        self.setToolTip(tip)

    def set_focused(self, focused: bool) -> None:
        if focused != self.focused:
            self.focused = focused
            self.update()

    def centre(self) -> QPointF:
        return self.pos() + QPointF(CARD_W / 2.0, CARD_H / 2.0)

    def boundingRect(self) -> QRectF:
        return self.style.bounds

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        # Links follow a drag here rather than in itemChange: an itemChange override would be
        # called from Python for every change of every card, slowing down building the scene.
        super().mouseMoveEvent(event)
        scene = self.scene()
        for item in scene.selectedItems() if scene is not None else ():
            if isinstance(item, NodeItem):
                item.moved_by_hand = True
                item.refresh_edges()

    def refresh_edges(self) -> None:
        """Redraw the links of this card after it moved."""
        for edge in self.edges_out:
            edge.update_path()
        for edge in self.edges_in:
            edge.update_path()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        style = self.style
        painter.setPen(self._border)
        painter.setBrush(self._fill)
        if style.lod < DETAIL_LOD:
            painter.drawRect(style.card_rect)
            painter.fillRect(style.strip_rect, self._strip)
            if self.focused or option.state & _SELECTED:
                painter.setPen(style.focus_pen)
                painter.setBrush(style.no_brush)
                painter.drawRect(style.focus_rect)
            return
        painter.drawRoundedRect(style.card_rect, RADIUS, RADIUS)
        painter.fillPath(style.strip_path, self._strip)
        painter.setFont(style.key_font)
        painter.setPen(style.key_pen)
        painter.drawText(style.key_pos, self.node.key)
        painter.setFont(style.title_font)
        painter.setPen(style.title_pen)
        painter.drawText(style.title_pos[0], self._title[0])
        painter.drawText(style.title_pos[1], self._title[1])
        painter.setFont(style.small_font)
        painter.setPen(style.soft_pen)
        painter.drawText(style.stage_pos, self._stage)
        if self.node.blocked:
            painter.setPen(style.no_pen)
            painter.setBrush(style.red_brush)
            painter.drawRoundedRect(style.badge_rect, 4.0, 4.0)
            painter.setFont(style.badge_font)
            painter.setPen(style.white_pen)
            painter.drawText(style.badge_rect, _ALIGN_CENTRE, style.badge_text)
        if self.focused or option.state & _SELECTED:
            painter.setPen(style.focus_pen)
            painter.setBrush(style.no_brush)
            painter.drawRoundedRect(style.focus_rect, RADIUS + 2.0, RADIUS + 2.0)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class EdgeItem(QGraphicsItem):
    """A link drawn from the left side of the dependent card to the right side of its
    prerequisite, as joined cubic curves; an arrowhead points at the prerequisite.

    `waypoints` are (x_right, x_left, y) passes through the gaps of layers the link skips, so
    it runs between cards instead of under them. The curve is also kept in pieces of at most
    PIECE_LEN: stroking a wide antialiased pen costs by length, and a zoomed-in repaint then
    strokes only the pieces on screen.
    """

    def __init__(self, style: GraphStyle, source: NodeItem, target: NodeItem, kind: str,
                 waypoints: list[tuple[float, float, float]]) -> None:
        super().__init__()
        self.style = style
        self.source = source
        self.target = target
        self.kind = kind
        self.waypoints = waypoints
        self.source_offset = 0.0
        self.target_offset = 0.0
        self.state = EDGE_NORMAL
        self._pens, self._brushes = style.edge_style(kind)
        self._path = QPainterPath()
        self._segments: list[tuple[float, ...]] = []
        self._pieces: list[tuple[QRectF, QPainterPath]] | None = None
        self._arrow = QPolygonF()
        self._bounds = QRectF()
        self._shape_key: tuple[object, ...] = ()
        self.setFlags(_EDGE_FLAGS)
        self.setAcceptedMouseButtons(_NO_BUTTON)
        self.setZValue(-2.0)
        source.edges_out.append(self)
        target.edges_in.append(self)

    def detach(self) -> None:
        """Forget the link on both cards (before the link is removed from the scene)."""
        if self in self.source.edges_out:
            self.source.edges_out.remove(self)
        if self in self.target.edges_in:
            self.target.edges_in.remove(self)

    def set_state(self, state: int) -> None:
        """EDGE_NORMAL, EDGE_EMPHASISED (drawn above the others) or EDGE_FADED."""
        if state != self.state:
            self.state = state
            self.setZValue(-1.0 if state == EDGE_EMPHASISED else -2.0)
            self.update()

    def update_path(self) -> None:
        """Recompute the curve from the cards' current positions (after layout or a drag);
        nothing is done if nothing it depends on moved (a refresh keeps most links as they are,
        and telling the scene about a change costs more than computing the curve)."""
        s = self.source.pos()
        t = self.target.pos()
        key = (s.x(), s.y(), t.x(), t.y(), self.source_offset, self.target_offset,
               tuple(self.waypoints))
        if key == self._shape_key:
            return
        self._shape_key = key
        self.prepareGeometryChange()
        x, y = s.x(), s.y() + CARD_H / 2.0 + self.source_offset
        tip_x, tip_y = t.x() + CARD_W, t.y() + CARD_H / 2.0 + self.target_offset
        path = QPainterPath()
        path.moveTo(x, y)
        segments: list[tuple[float, ...]] = []
        for x_right, x_left, way_y in self.waypoints:
            segments.append(_curve(path, x, y, x_right, way_y))
            path.lineTo(x_left, way_y)
            third = (x_left - x_right) / 3.0  # the straight pass, as a cubic for the pieces
            segments.append((x_right, way_y, x_right + third, way_y, x_left - third, way_y,
                             x_left, way_y))
            x, y = x_left, way_y
        segments.append(_curve(path, x, y, tip_x + ARROW_LEN, tip_y))
        half = ARROW_LEN * 0.5
        self._arrow = QPolygonF([QPointF(tip_x, tip_y), QPointF(tip_x + ARROW_LEN, tip_y - half),
                                 QPointF(tip_x + ARROW_LEN, tip_y + half)])
        self._path = path
        self._segments = segments
        self._pieces = None
        self._bounds = path.controlPointRect().united(self._arrow.boundingRect()).adjusted(
            -4.0, -4.0, 4.0, 4.0)

    def path(self) -> QPainterPath:
        return self._path

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        pen = self._pens[self.state]
        painter.setPen(pen)
        painter.setBrush(self.style.no_brush)
        if self.style.lod * pen.widthF() <= 1.0:
            painter.drawPath(self._path)  # a hairline on screen: Qt's fast path, in one call
        else:
            if self._pieces is None:  # cut once per shape, the first time it is seen up close
                self._pieces = _cut_pieces(self._segments)
            exposed = option.exposedRect
            for rect, piece in self._pieces:
                if rect.intersects(exposed):
                    painter.drawPath(piece)
        painter.setPen(self.style.no_pen)
        painter.setBrush(self._brushes[self.state])
        painter.drawPolygon(self._arrow)


def _curve(path: QPainterPath, x0: float, y0: float, x3: float,
           y3: float) -> tuple[float, ...]:
    """A cubic leaving (x0, y0) leftwards and reaching (x3, y3) from the right (horizontal
    tangents), so joined segments stay smooth and arrive square at the card sides. Appended to
    `path`; returned as its eight coordinates."""
    reach = max(abs(x0 - x3) * 0.5, 40.0)
    path.cubicTo(x0 - reach, y0, x3 + reach, y3, x3, y3)
    return (x0, y0, x0 - reach, y0, x3 + reach, y3, x3, y3)


def _cut_pieces(segments: list[tuple[float, ...]]) -> list[tuple[QRectF, QPainterPath]]:
    """Each cubic cut (de Casteljau) into pieces no longer than PIECE_LEN, with their bounds."""
    pieces: list[tuple[QRectF, QPainterPath]] = []
    for x0, y0, x1, y1, x2, y2, x3, y3 in segments:
        count = max(1, math.ceil(max(abs(y3 - y0), abs(x3 - x0)) / PIECE_LEN))
        for index in range(count, 1, -1):  # split off the first 1/index of what is left
            u = 1.0 / index
            ax, ay = x0 + (x1 - x0) * u, y0 + (y1 - y0) * u
            bx, by = x1 + (x2 - x1) * u, y1 + (y2 - y1) * u
            cx, cy = x2 + (x3 - x2) * u, y2 + (y3 - y2) * u
            dx, dy = ax + (bx - ax) * u, ay + (by - ay) * u
            ex, ey = bx + (cx - bx) * u, by + (cy - by) * u
            fx, fy = dx + (ex - dx) * u, dy + (ey - dy) * u
            pieces.append(_piece(x0, y0, ax, ay, dx, dy, fx, fy))
            x0, y0, x1, y1, x2, y2 = fx, fy, ex, ey, cx, cy
        pieces.append(_piece(x0, y0, x1, y1, x2, y2, x3, y3))
    return pieces


def _piece(x0: float, y0: float, x1: float, y1: float, x2: float, y2: float, x3: float,
           y3: float) -> tuple[QRectF, QPainterPath]:
    piece = QPainterPath()
    piece.moveTo(x0, y0)
    piece.cubicTo(x1, y1, x2, y2, x3, y3)
    left, right = min(x0, x1, x2, x3), max(x0, x1, x2, x3)
    top, bottom = min(y0, y1, y2, y3), max(y0, y1, y2, y3)
    return QRectF(left - 3.0, top - 3.0, right - left + 6.0, bottom - top + 6.0), piece


class GraphScene(QGraphicsScene):
    """The scene, with a pale band and a heading behind each layer so columns read as steps."""

    def __init__(self, style: GraphStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._style = style
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(QColor(BACKGROUND))
        self._bands: list[tuple[QRectF, QPointF, str]] = []
        self._first_note = ""
        self._top = 0.0
        self._band_brush = QBrush(QColor(BAND_COLOUR))
        self._header_pen = QPen(QColor(TEXT_SOFT))

    def set_layers(self, layer_count: int, top: float, bottom: float) -> None:
        """Bands for layers 0..layer_count-1 spanning top..bottom (scene coordinates)."""
        self._bands = []
        for layer in range(layer_count):
            x = layer * COLUMN_SPACING
            rect = QRectF(x - 20.0, top - HEADER_H, CARD_W + 40.0, bottom - top + HEADER_H + 20.0)
            label = _tr("Level %1").replace("%1", str(layer + 1))
            self._bands.append((rect, QPointF(x, top - HEADER_H + 24.0), label))
        self._first_note = _tr("no prerequisites")
        self._top = top
        self.invalidate(self.sceneRect(), QGraphicsScene.SceneLayer.BackgroundLayer)

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawBackground(painter, rect)
        rect = QRectF(rect)
        if not self._bands:
            return
        detail = self._style.lod >= DETAIL_LOD * 0.5
        painter.setFont(self._style.header_font)
        painter.setPen(self._header_pen)
        for band, text_pos, label in self._bands:
            if band.intersects(rect):
                painter.fillRect(band, self._band_brush)
                if detail:
                    painter.drawText(text_pos, label)
        if detail:
            painter.setFont(self._style.small_font)
            painter.drawText(QPointF(0.0, self._top - HEADER_H + 43.0), self._first_note)


def legend_size(style: GraphStyle) -> QSizeF:
    """Size of the legend drawn by `paint_legend`."""
    return paint_legend(None, style, QPointF())


def paint_legend(painter: QPainter | None, style: GraphStyle, origin: QPointF) -> QSizeF:
    """Fit classes, BLOCKED, link kinds and the reading direction, in a pale rounded box;
    with no painter, only measures. Returns the box size."""
    metrics = style.legend_metrics
    pad, row_h, label_w = 12.0, 26.0, 78.0
    classes = [(name, style.class_names[name]) for name in ("configure", "customize",
                                                             "interface", "")]
    kinds = [(kind, _tr(kind)) for kind in KIND_COLOURS]
    hint = _tr("Arrows point to the prerequisite: work from left to right.")
    badge_w = QFontMetricsF(style.badge_font).horizontalAdvance(style.badge_text) + 16.0
    row1 = label_w + sum(26.0 + metrics.horizontalAdvance(t) + 16.0 for _, t in classes)
    row2 = label_w + sum(32.0 + metrics.horizontalAdvance(t) + 16.0 for _, t in kinds)
    width = max(row1 + badge_w, row2, metrics.horizontalAdvance(hint)) + 2 * pad
    size = QSizeF(math.ceil(width), 3 * row_h + 12.0)
    if painter is None:
        return size
    painter.setPen(QPen(QColor("#C9CED4"), 1.0))
    painter.setBrush(QColor(255, 255, 255, 238))
    painter.drawRoundedRect(QRectF(origin, size), 6.0, 6.0)
    painter.setFont(style.legend_font)
    x0 = origin.x() + pad
    y = origin.y() + 6.0 + row_h * 0.5 + metrics.ascent() * 0.4
    painter.setPen(style.soft_pen)
    painter.drawText(QPointF(x0, y), _tr("Fit class"))
    x = x0 + label_w
    for name, label in classes:
        swatch = QRectF(x, y - 12.0, 20.0, 15.0)
        painter.setPen(style.class_pens[name])
        painter.setBrush(style.class_fills[name])
        painter.drawRect(swatch)
        painter.fillRect(QRectF(x, y - 12.0, 6.0, 15.0), style.class_strips[name])
        painter.setPen(style.key_pen)
        painter.drawText(QPointF(x + 26.0, y), label)
        x += 26.0 + metrics.horizontalAdvance(label) + 16.0
    badge = QRectF(x, y - 15.0, badge_w, 20.0)
    painter.setPen(style.no_pen)
    painter.setBrush(style.red_brush)
    painter.drawRoundedRect(badge, 4.0, 4.0)
    painter.setFont(style.badge_font)
    painter.setPen(style.white_pen)
    painter.drawText(badge, _ALIGN_CENTRE, style.badge_text)
    painter.setFont(style.legend_font)
    y += row_h
    painter.setPen(style.soft_pen)
    painter.drawText(QPointF(x0, y), _tr("Link kind"))
    x = x0 + label_w
    for kind, label in kinds:
        pens, _ = style.edge_style(kind)
        painter.setPen(pens[EDGE_EMPHASISED])
        painter.drawLine(QPointF(x, y - 5.0), QPointF(x + 26.0, y - 5.0))
        painter.setPen(style.key_pen)
        painter.drawText(QPointF(x + 32.0, y), label)
        x += 32.0 + metrics.horizontalAdvance(label) + 16.0
    y += row_h
    painter.setPen(style.soft_pen)
    painter.drawText(QPointF(x0, y), hint)
    return size
