"""The dependency graph: links between cards, kept acyclic, and its layered drawing data."""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError

from app.database import ProjectDatabase
from app.errors import CycleError, NotFoundError, ValidationError
from app.services.items import get_item
from models import Classification, Dependency, Item
from models.item import DEPENDENCY_KINDS


@dataclass(frozen=True)
class DependencySpec:
    """A dependency as plain data, enough to re-create it (undo of a removal)."""

    item_id: int
    depends_on_id: int
    kind: str
    note: str


@dataclass(frozen=True)
class GraphNode:
    """A card placed in the layered drawing."""

    id: int
    key: str
    title: str
    stage: str
    fit_class: str
    blocked: bool
    layer: int
    order: int


@dataclass(frozen=True)
class GraphEdge:
    """`source` depends on `target`."""

    source: int
    target: int
    kind: str


@dataclass(frozen=True)
class GraphDrawing:
    """Nodes in layers (layer 0: depends on nothing) and the edges between them."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


def cycle_text(keys: list[str]) -> str:
    """A cycle as people read it: "REQ-0003 → REQ-0007 → REQ-0003"."""
    return " → ".join(keys)


class DependencyService:
    """Add and remove dependencies (refusing cycles) and read the graph."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    def graph(self) -> nx.DiGraph:
        """The dependency graph of live cards: an edge a → b means a depends on b."""
        with self.db.read() as s:
            graph: nx.DiGraph = nx.DiGraph()
            for row in s.execute(select(Item.id, Item.key).where(Item.archived.is_(False))):
                graph.add_node(row.id, key=row.key)
            for dep in s.execute(select(Dependency.item_id, Dependency.depends_on_id,
                                        Dependency.kind)):
                if dep.item_id in graph and dep.depends_on_id in graph:
                    graph.add_edge(dep.item_id, dep.depends_on_id, kind=dep.kind)
            return graph

    def add_dependency(self, item_id: int, depends_on_id: int, kind: str = "other",
                       note: str = "") -> int:
        """Record that `item_id` depends on `depends_on_id`; refuse a cycle, naming its path."""
        if kind not in DEPENDENCY_KINDS:
            raise ValidationError(f"'{kind}' is not a kind of dependency; choose one of "
                                  f"{', '.join(DEPENDENCY_KINDS)}.")
        with self.db.write() as s:
            item = get_item(s, item_id)
            target = get_item(s, depends_on_id)
            if item_id == depends_on_id:
                raise CycleError(f"{item.key} cannot depend on itself.", [item.key, item.key])
            existing = s.execute(select(Dependency).where(
                and_(Dependency.item_id == item_id, Dependency.depends_on_id == depends_on_id)
            )).scalar_one_or_none()
            if existing is not None:
                raise ValidationError(f"{item.key} already depends on {target.key}.")
            graph = nx.DiGraph()
            graph.add_edges_from((r.item_id, r.depends_on_id) for r in s.execute(
                select(Dependency.item_id, Dependency.depends_on_id)))
            if depends_on_id in graph and item_id in graph and nx.has_path(
                    graph, depends_on_id, item_id):
                path_ids = [item_id, *nx.shortest_path(graph, depends_on_id, item_id)]
                keys = {row.id: row.key for row in s.execute(
                    select(Item.id, Item.key).where(Item.id.in_(path_ids)))}
                path = [keys[i] for i in path_ids]
                raise CycleError(
                    f"{item.key} cannot depend on {target.key}: that would close the cycle "
                    f"{cycle_text(path)}. Remove one of those links first.", path)
            dep = Dependency(item=item, depends_on=target, kind=kind, note=note)
            s.add(dep)
            try:
                s.flush()
            except IntegrityError as exc:
                raise ValidationError(f"{item.key} already depends on {target.key}.") from exc
            return dep.id

    def remove_dependency(self, dependency_id: int) -> DependencySpec:
        """Remove a dependency; returns it as plain data so undo can add it back."""
        with self.db.write() as s:
            dep = s.get(Dependency, dependency_id)
            if dep is None:
                raise NotFoundError("That dependency was already removed.")
            spec = DependencySpec(dep.item_id, dep.depends_on_id, dep.kind, dep.note)
            s.delete(dep)
            return spec

    def find_dependency(self, item_id: int, depends_on_id: int) -> int | None:
        """The id of the dependency between two cards, if there is one."""
        with self.db.read() as s:
            return s.execute(select(Dependency.id).where(
                Dependency.item_id == item_id, Dependency.depends_on_id == depends_on_id
            )).scalar_one_or_none()


    def layered_drawing(self) -> GraphDrawing:
        """Layers by dependency depth (a card sits one layer right of what it depends on);
        within a layer, cards are ordered by the mean position of their prerequisites
        (barycentre), which removes most crossings on real project graphs."""
        graph = self.graph()
        with self.db.read() as s:
            info = {r.id: r for r in s.execute(
                select(Item.id, Item.key, Item.title, Item.stage, Item.status,
                       Item.blocked_reason, Classification.fit_class)
                .outerjoin(Classification, and_(Classification.item_id == Item.id,
                                                Classification.is_current.is_(True)))
                .where(Item.archived.is_(False)))}
        linked = [n for n in graph.nodes if graph.degree(n) > 0]
        sub = graph.subgraph(linked)
        layer: dict[int, int] = {}
        for node in reversed(list(nx.topological_sort(sub))):
            layer[node] = 1 + max((layer[t] for t in sub.successors(node)), default=-1)
        layers: dict[int, list[int]] = {}
        for node, depth in layer.items():
            layers.setdefault(depth, []).append(node)
        order: dict[int, float] = {}
        for depth in sorted(layers):
            members = layers[depth]
            def bary(n: int) -> tuple[float, str]:
                prereq = [order[t] for t in sub.successors(n) if t in order]
                return (sum(prereq) / len(prereq) if prereq else 0.0, info[n].key)
            members.sort(key=bary)
            for pos, node in enumerate(members):
                order[node] = float(pos)
        nodes = tuple(
            GraphNode(n, info[n].key, info[n].title, info[n].stage, info[n].fit_class or "",
                      info[n].status == "blocked" or bool(info[n].blocked_reason),
                      layer[n], int(order[n]))
            for n in sorted(layer, key=lambda n: (layer[n], order[n]))
        )
        edges = tuple(GraphEdge(a, b, d.get("kind", "other"))
                      for a, b, d in sub.edges(data=True))
        return GraphDrawing(nodes, edges)
