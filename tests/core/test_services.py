"""Cards, keys, fit-gap decisions, dependencies and the audit trail, on real project files."""
from __future__ import annotations

import sqlite3

import pytest

from app.errors import CycleError, ValidationError
from app.project import ProjectServices
from app.services.classification import ClassificationInput


def _audit(project: ProjectServices) -> list[tuple[str, str, str, str | None, str | None]]:
    conn = sqlite3.connect(project.path)
    rows = conn.execute("SELECT action, entity_key, field, old_value, new_value "
                        "FROM audit_event ORDER BY id").fetchall()
    conn.close()
    return rows


def test_keys_are_never_reused(project: ProjectServices) -> None:
    first = project.items.capture_item("First")
    project.items.set_archived(first.id, True)
    second = project.items.capture_item("Second")
    assert (first.key, second.key) == ("REQ-0001", "REQ-0002")
    assert [r.key for r in project.items.register_rows()] == ["REQ-0002"]


def test_every_edit_is_audited_with_old_and_new(project: ProjectServices) -> None:
    ref = project.items.capture_item("Approve large orders")
    old = project.items.update_item(ref.id, "desired_outcome", "Orders over 50k need approval")
    assert old == ""
    project.items.update_item(ref.id, "stage", "analysis")
    rows = _audit(project)
    assert ("insert", "REQ-0001", "", None, "Approve large orders") in rows
    assert ("update", "REQ-0001", "desired_outcome", "",
            "Orders over 50k need approval") in rows
    assert ("update", "REQ-0001", "stage", "intake", "analysis") in rows


def test_bad_input_changes_nothing(project: ProjectServices) -> None:
    ref = project.items.capture_item("Keep me")
    with pytest.raises(ValidationError, match="needs a title"):
        project.items.update_item(ref.id, "title", "   ")
    with pytest.raises(ValidationError, match="not a valid stage"):
        project.items.update_item(ref.id, "stage", "nowhere")
    card = project.items.card(ref.id)
    assert (card.title, card.stage) == ("Keep me", "intake")


def test_classification_keeps_history_and_can_be_restored(project: ProjectServices) -> None:
    ref = project.items.capture_item("Web orders")
    first, prev = project.classification.classify_item(ref.id, ClassificationInput("configure"))
    assert prev is None
    _second, prev = project.classification.classify_item(ref.id, ClassificationInput(
        "interface", object_type="interface", rationale="Orders arrive from the web shop"))
    assert prev == first
    card = project.items.card(ref.id)
    assert card.classification is not None and card.classification.fit_class == "interface"
    assert [c.fit_class for c in card.classification_history] == ["interface", "configure"]
    project.classification.set_current(ref.id, first)
    assert project.items.card(ref.id).classification.fit_class == "configure"  # type: ignore[union-attr]
    project.classification.set_current(ref.id, None)
    assert project.items.card(ref.id).classification is None


def test_gap_without_rationale_is_refused(project: ProjectServices) -> None:
    ref = project.items.capture_item("Custom report")
    with pytest.raises(ValidationError, match="needs a rationale"):
        project.classification.classify_item(ref.id, ClassificationInput("customize"))
    assert project.items.card(ref.id).classification is None


def test_cycle_is_refused_with_its_path(project: ProjectServices) -> None:
    a, b, c = (project.items.capture_item(t) for t in ("A", "B", "C"))
    project.dependencies.add_dependency(a.id, b.id, "data")
    project.dependencies.add_dependency(b.id, c.id, "security")
    with pytest.raises(CycleError) as info:
        project.dependencies.add_dependency(c.id, a.id, "sequencing")
    assert info.value.path == ["REQ-0003", "REQ-0001", "REQ-0002", "REQ-0003"]
    assert "REQ-0003 → REQ-0001 → REQ-0002 → REQ-0003" in str(info.value)
    assert project.dependencies.find_dependency(c.id, a.id) is None
    with pytest.raises(CycleError, match="itself"):
        project.dependencies.add_dependency(a.id, a.id)


def test_dependency_removal_returns_what_undo_needs(project: ProjectServices) -> None:
    a, b = (project.items.capture_item(t) for t in ("A", "B"))
    dep = project.dependencies.add_dependency(a.id, b.id, "integration", "needs the API")
    spec = project.dependencies.remove_dependency(dep)
    assert (spec.item_id, spec.depends_on_id, spec.kind, spec.note) == (
        a.id, b.id, "integration", "needs the API")
    project.dependencies.add_dependency(spec.item_id, spec.depends_on_id, spec.kind, spec.note)
    assert project.items.card(a.id).depends_on[0].other_key == "REQ-0002"


def test_layered_drawing_puts_prerequisites_first(project: ProjectServices) -> None:
    order, attrs, role = (project.items.capture_item(t) for t in
                          ("Order interface", "Item attributes", "Security role"))
    project.dependencies.add_dependency(order.id, attrs.id, "data")
    project.dependencies.add_dependency(attrs.id, role.id, "security")
    drawing = project.dependencies.layered_drawing()
    layers = {n.key: n.layer for n in drawing.nodes}
    assert layers == {"REQ-0003": 0, "REQ-0002": 1, "REQ-0001": 2}


def test_new_key_prefix_counts_up_even_without_autoflush(project: ProjectServices) -> None:
    """Bulk imports switch autoflush off; a brand-new prefix must still never repeat a key."""
    from app.keys import next_key

    with project.db.write() as session, session.no_autoflush:
        keys = [next_key(session, "DEF") for _ in range(3)]
    assert keys == ["DEF-0001", "DEF-0002", "DEF-0003"]
