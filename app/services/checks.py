"""Project health checks a consultant runs before a review or a hand-over."""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from sqlalchemy import select

from app.database import ProjectDatabase
from app.services.dependencies import cycle_text
from models import Classification, Dependency, Item, TestCase
from models.design import design_pack_item
from models.testing import test_case_item


@dataclass(frozen=True)
class Finding:
    """One thing that needs attention."""

    code: str  # cycle | unclassified | gap-without-design | test-without-items
    severity: str  # error | warning
    subject_key: str
    message: str


@dataclass(frozen=True)
class CheckReport:
    """Every finding, errors first."""

    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


class CheckService:
    """Runs the project checks."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    def run(self) -> CheckReport:
        with self.db.read() as s:
            keys = {r.id: r.key for r in s.execute(
                select(Item.id, Item.key).where(Item.archived.is_(False)))}
            findings: list[Finding] = []

            graph: nx.DiGraph = nx.DiGraph()
            graph.add_edges_from((a, b) for a, b in s.execute(
                select(Dependency.item_id, Dependency.depends_on_id))
                if a in keys and b in keys)
            # One concrete cycle per tangled group; enumerating every cycle explodes.
            for component in nx.strongly_connected_components(graph):
                if len(component) == 1:
                    node = next(iter(component))
                    if not graph.has_edge(node, node):
                        continue
                cycle = nx.find_cycle(graph.subgraph(component))
                path = [keys[a] for a, _ in cycle] + [keys[cycle[0][0]]]
                findings.append(Finding("cycle", "error", path[0],
                                        f"Dependency cycle: {cycle_text(path)}."))

            current = select(Classification.item_id, Classification.fit_class).where(
                Classification.is_current.is_(True))
            classes = {r.item_id: r.fit_class for r in s.execute(current)}
            for item_id, key in keys.items():
                if item_id not in classes:
                    findings.append(Finding("unclassified", "warning", key,
                                            f"{key} has no fit-gap classification yet."))
            covered = set(s.execute(select(design_pack_item.c.item_id)).scalars())
            for item_id, fit in classes.items():
                if item_id in keys and fit in ("customize", "interface") and \
                        item_id not in covered:
                    findings.append(Finding(
                        "gap-without-design", "warning", keys[item_id],
                        f"{keys[item_id]} is {'an' if fit[0] in 'aeiou' else 'a'} {fit} gap "
                        "but no design pack covers it."))
            linked_cases = set(s.execute(select(test_case_item.c.case_id)).scalars())
            for case_id, key in s.execute(select(TestCase.id, TestCase.key)
                                          .order_by(TestCase.key)):
                if case_id not in linked_cases:
                    findings.append(Finding("test-without-items", "warning", key,
                                            f"{key} is not linked to any card."))
            findings.sort(key=lambda f: (f.severity != "error", f.code, f.subject_key))
            return CheckReport(tuple(findings))
