"""The bundled demo project: a realistic worked example across the whole pipeline."""
from __future__ import annotations

from app.project import ProjectServices


def test_demo_covers_every_part_of_the_pipeline(demo: ProjectServices) -> None:
    rows = demo.items.register_rows()
    assert 25 <= len(rows) <= 40
    classes = {r.fit_class for r in rows}
    assert {"configure", "customize", "interface"} <= classes
    assert "" in classes  # some cards still wait for a decision
    areas = " ".join(r.process_area.lower() for r in rows)
    for area in ("order to cash", "source to pay", "finance"):
        assert area in areas or area.split()[0] in areas
    packs = demo.designs.list_packs()
    assert [(p.version, p.status) for p in packs] == [("1.0", "approved")]
    assert demo.testing.list_cycles() and demo.mapping.list_sets()
    people = demo.lookups.people()
    assert len({p.role for p in people}) >= 6
    assert len(demo.lookups.workshops()) >= 1


def test_demo_has_the_interface_to_attributes_to_role_chain(demo: ProjectServices) -> None:
    rows = {r.key: r for r in demo.items.register_rows()}
    graph = demo.dependencies.graph()
    import networkx as nx

    assert nx.is_directed_acyclic_graph(graph)
    longest = nx.dag_longest_path(graph)
    assert len(longest) >= 5
    titles = {n: rows[graph.nodes[n]["key"]].title.lower() for n in graph.nodes}
    chain_found = any(
        "interface" in titles[a] or "order" in titles[a]
        for a, b in graph.edges
        for _, c in graph.out_edges(b)
        if "attribute" in titles[b] and "role" in titles[c]
    )
    assert chain_found


def test_demo_cards_have_rationale_for_every_gap(demo: ProjectServices) -> None:
    for row in demo.items.register_rows():
        card = demo.items.card(row.id)
        assert card.desired_outcome and card.rationale
        if card.classification and card.classification.fit_class != "configure":
            assert card.classification.rationale and card.classification.object_type
