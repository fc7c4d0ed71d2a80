"""DependencyGraphView: layered placement, links, highlighting, clicks, kept positions, export.

Drawings are built directly as GraphDrawing values (no project database needed).
"""
from __future__ import annotations

import random
import time
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from app.errors import ExportError
from app.services.dependencies import GraphDrawing, GraphEdge, GraphNode
from views.graph_items import (
    CARD_H,
    CARD_W,
    EDGE_EMPHASISED,
    EDGE_FADED,
    EDGE_NORMAL,
    EdgeItem,
    NodeItem,
)
from views.graph_view import FADED_NODE_OPACITY, DependencyGraphView


def node(item_id: int, layer: int, order: int, *, fit: str = "configure",
         blocked: bool = False, title: str = "") -> GraphNode:
    return GraphNode(item_id, f"REQ-{item_id:04d}", title or f"Card number {item_id}", "design",
                     fit, blocked, layer, order)


# 1, 2: depend on nothing; 3 -> 1; 4 -> 1, 2; 5 -> 3 and 5 -> 1 (skips layer 1); 6 -> 5.
NODES = (node(1, 0, 0), node(2, 0, 1, fit="interface"), node(3, 1, 0, fit="customize"),
         node(4, 1, 1, fit="", blocked=True), node(5, 2, 0), node(6, 3, 0))
EDGES = (GraphEdge(3, 1, "data"), GraphEdge(4, 1, "security"), GraphEdge(4, 2, "integration"),
         GraphEdge(5, 3, "sequencing"), GraphEdge(5, 1, "other"), GraphEdge(6, 5, "data"))
SMALL = GraphDrawing(NODES, EDGES)


@pytest.fixture
def view(qtbot) -> DependencyGraphView:
    widget = DependencyGraphView()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def nodes_of(view: DependencyGraphView) -> dict[int, NodeItem]:
    return {i.item_id: i for i in view.scene().items() if isinstance(i, NodeItem)}


def edges_of(view: DependencyGraphView) -> list[EdgeItem]:
    return [i for i in view.scene().items() if isinstance(i, EdgeItem)]


def rect(view: DependencyGraphView, item_id: int):
    found = view.node_rect(item_id)
    assert found is not None
    return found


def test_layers_run_left_to_right_and_orders_top_to_bottom(view):
    view.set_drawing(SMALL)
    assert set(nodes_of(view)) == {1, 2, 3, 4, 5, 6}
    xs = {i: rect(view, i).x() for i in range(1, 7)}
    assert xs[1] == xs[2] < xs[3] == xs[4] < xs[5] < xs[6]
    assert rect(view, 1).y() < rect(view, 2).y()
    assert rect(view, 3).y() < rect(view, 4).y()
    for a in range(1, 7):  # no two cards overlap
        for b in range(a + 1, 7):
            assert not rect(view, a).intersects(rect(view, b))
    for link in EDGES:  # every prerequisite is left of what depends on it
        assert rect(view, link.target).right() < rect(view, link.source).left()


def test_links_join_left_side_of_dependent_to_right_side_of_prerequisite(view):
    view.set_drawing(SMALL)
    edges = edges_of(view)
    assert {(e.source.item_id, e.target.item_id, e.kind) for e in edges} == {
        (link.source, link.target, link.kind) for link in EDGES}
    for edge in edges:
        source, target = rect(view, edge.source.item_id), rect(view, edge.target.item_id)
        path = edge.path()
        start = path.elementAt(0)
        end = path.currentPosition()
        assert start.x == pytest.approx(source.left())
        assert source.top() < start.y < source.bottom()
        assert end.x() > target.right()  # the line stops at the arrowhead's base...
        assert end.x() - target.right() < 20.0  # ...just right of the prerequisite
        assert target.top() < end.y() < target.bottom()


def test_a_link_that_skips_a_layer_passes_between_the_cards_of_that_layer(view):
    view.set_drawing(SMALL)
    skip = next(e for e in edges_of(view) if (e.source.item_id, e.target.item_id) == (5, 1))
    assert len(skip.waypoints) == 1
    _, _, y = skip.waypoints[0]
    for item_id in (3, 4):  # the cards of layer 1
        card = rect(view, item_id)
        assert not card.top() <= y <= card.bottom()


def test_highlight_fades_everything_but_the_neighbourhood(view):
    view.set_drawing(SMALL)
    items = nodes_of(view)
    view.highlight(3)
    assert view.highlighted_id() == 3
    lit = {i for i, item in items.items() if item.opacity() == 1.0}
    assert lit == {1, 3, 5}  # 3, what it depends on (1) and what depends on it (5)
    assert all(items[i].opacity() == pytest.approx(FADED_NODE_OPACITY) for i in (2, 4, 6))
    states = {(e.source.item_id, e.target.item_id): e.state for e in edges_of(view)}
    assert states[(3, 1)] == states[(5, 3)] == EDGE_EMPHASISED
    assert states[(4, 1)] == states[(5, 1)] == states[(6, 5)] == EDGE_FADED

    view.highlight(3, hops=2)  # one more step downstream; the sibling 4 stays faded
    assert {i for i, item in items.items() if item.opacity() == 1.0} == {1, 3, 5, 6}
    assert items[4].opacity() == pytest.approx(FADED_NODE_OPACITY)

    view.highlight(None)
    assert all(item.opacity() == 1.0 for item in items.values())
    assert all(e.state == EDGE_NORMAL for e in edges_of(view))
    assert view.highlighted_id() is None


def test_highlight_centres_on_a_card_that_is_off_screen(view):
    view.set_drawing(SMALL)
    view.zoom_in()
    view.zoom_in()
    view.centerOn(rect(view, 1).center())
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert not visible.contains(rect(view, 6))
    view.highlight(6)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(rect(view, 6))


def test_clicking_a_card_emits_its_id_and_highlights_it(view, qtbot):
    view.set_drawing(SMALL)
    pos = view.mapFromScene(rect(view, 4).center())
    with qtbot.waitSignal(view.item_activated, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [4]
    assert view.highlighted_id() == 4
    with qtbot.waitSignal(view.item_double_clicked, timeout=1000) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [4]
    empty = view.mapFromScene(rect(view, 6).bottomRight() + QPointF(5.0, 60.0))
    with qtbot.assertNotEmitted(view.item_activated):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    assert view.highlighted_id() is None  # a click on the background clears


def test_a_card_moved_by_hand_keeps_its_place_and_its_links_follow(view, qtbot):
    view.set_drawing(SMALL)
    before = rect(view, 4)
    start = view.mapFromScene(before.center())
    end = start + QPoint(40, 90)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(20, 45))
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    moved = rect(view, 4)
    assert moved.topLeft() != before.topLeft()
    link = next(e for e in edges_of(view) if (e.source.item_id, e.target.item_id) == (4, 2))
    assert link.path().elementAt(0).x == pytest.approx(moved.left())

    others = {i: rect(view, i).topLeft() for i in (1, 2, 3, 5, 6)}
    bigger = GraphDrawing(SMALL.nodes + (node(7, 1, 2, title="A new card"),),
                          SMALL.edges + (GraphEdge(7, 2, "data"),))
    view.set_drawing(bigger)
    assert rect(view, 4).topLeft() == moved.topLeft()
    assert {i: rect(view, i).topLeft() for i in (1, 2, 3, 5, 6)} == others
    new = rect(view, 7)
    assert new.x() == rect(view, 3).x()  # placed in its layer's column...
    assert all(not new.intersects(rect(view, i)) for i in range(1, 7))  # ...clear of others
    assert len(edges_of(view)) == len(bigger.edges)


def test_a_card_that_changes_layer_is_placed_again_unless_moved_by_hand(view):
    view.set_drawing(SMALL)
    old_x = rect(view, 6).x()
    shifted = tuple(node(6, 4, 0) if n.id == 6 else n for n in NODES)
    view.set_drawing(GraphDrawing(shifted + (node(8, 3, 0),),
                                  EDGES + (GraphEdge(6, 8, "data"), GraphEdge(8, 5, "data"))))
    assert rect(view, 6).x() > old_x
    assert rect(view, 8).x() == pytest.approx(old_x)


def test_removed_cards_and_links_leave_the_scene(view):
    view.set_drawing(SMALL)
    view.set_drawing(GraphDrawing(NODES[:4], EDGES[:3]))
    assert set(nodes_of(view)) == {1, 2, 3, 4}
    assert len(edges_of(view)) == 3
    assert view.node_rect(6) is None
    view.highlight(6)  # not in the graph any more: clears instead of failing
    assert view.highlighted_id() is None


def test_an_empty_drawing_shows_the_hint(view):
    hint = next(label for label in view.findChildren(QLabel) if "Ctrl+D" in label.text())
    view.set_drawing(GraphDrawing((), ()))
    assert hint.isVisible()
    assert "No dependencies yet" in hint.text()
    view.set_drawing(SMALL)
    assert not hint.isVisible()
    view.set_drawing(GraphDrawing((), ()))
    assert hint.isVisible()
    assert not nodes_of(view) and not edges_of(view)


def test_zoom_keys_wheel_and_fit(view, qtbot):
    view.set_drawing(SMALL)
    fitted = view.zoom_factor()
    view.zoom_in()
    assert view.zoom_factor() > fitted
    view.fit_all()
    assert view.zoom_factor() == pytest.approx(fitted)
    view.setFocus()
    view.activateWindow()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor() < fitted
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor() == pytest.approx(fitted)
    for item_id in nodes_of(view):  # fit shows every card
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        assert visible.contains(rect(view, item_id))


def test_exports_png_and_svg(view, tmp_path):
    with pytest.raises(ExportError):
        view.render_to_png(tmp_path / "empty.png")
    view.set_drawing(SMALL)
    png = tmp_path / "graph.png"
    view.render_to_png(png)
    image = QImage(str(png))
    assert not image.isNull()
    assert image.width() > 4 * CARD_W and image.height() > 2 * CARD_H
    svg = tmp_path / "graph.svg"
    view.render_to_svg(svg)
    text = svg.read_text(encoding="utf-8")
    ElementTree.fromstring(text)  # well-formed
    assert "REQ-0004" in text and "BLOCKED" in text
    assert "<image" not in text  # cards are vector drawings, not cached bitmaps
    with pytest.raises(ExportError):
        view.render_to_png(tmp_path / "no such folder" / "graph.png")


def big_drawing(count: int, links: int, seed: int = 11) -> GraphDrawing:
    """A layered drawing shaped like a large project: 10 layers, links mostly to nearby cards."""
    rnd = random.Random(seed)
    layers = 10
    per_layer = count // layers
    nodes = tuple(node(layer * per_layer + order + 1, layer, order,
                       fit=rnd.choice(("configure", "customize", "interface", "")),
                       blocked=rnd.random() < 0.05,
                       title="Customer master data migration from legacy CRM with cleansing")
                  for layer in range(layers) for order in range(per_layer))
    edges: set[tuple[int, int]] = set()
    while len(edges) < links:
        layer = rnd.randrange(1, layers)
        order = rnd.randrange(per_layer)
        down = rnd.choice((1, 1, 1, 2, 3))
        target_layer = max(0, layer - down)
        target_order = min(per_layer - 1, max(0, order + rnd.randint(-15, 15)))
        edges.add((layer * per_layer + order + 1, target_layer * per_layer + target_order + 1))
    kinds = ("data", "integration", "security", "sequencing", "other")
    return GraphDrawing(nodes, tuple(GraphEdge(a, b, rnd.choice(kinds)) for a, b in edges))


def test_two_thousand_cards_build(view, qtbot):
    drawing = big_drawing(2000, 4000)
    started = time.perf_counter()
    view.set_drawing(drawing)
    built = time.perf_counter() - started
    started = time.perf_counter()
    view.viewport().repaint()
    painted = time.perf_counter() - started
    started = time.perf_counter()
    view.set_drawing(drawing)
    again = time.perf_counter() - started
    print(f"\n2,000 cards / 4,000 links: set_drawing {built:.2f} s, first paint {painted:.2f} s, "
          f"same drawing again {again:.2f} s")
    assert len(nodes_of(view)) == 2000
    assert len(edges_of(view)) == 4000
    view.highlight(drawing.nodes[1000].id, hops=2)
    assert sum(1 for i in nodes_of(view).values() if i.opacity() == 1.0) < 200


def test_a_drawing_set_while_hidden_is_fitted_when_shown(qtbot):
    hidden = DependencyGraphView()
    qtbot.addWidget(hidden)
    hidden.resize(1000, 700)
    hidden.set_drawing(SMALL)  # e.g. a tab not opened yet
    hidden.show()
    qtbot.waitExposed(hidden)
    visible = hidden.mapToScene(hidden.viewport().rect()).boundingRect()
    assert all(visible.contains(rect(hidden, i)) for i in range(1, 7))
