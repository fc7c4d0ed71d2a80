"""What a design pack version says, as plain JSON-safe data.

Approving a version stores exactly this as its frozen snapshot, and the Word export of an
approved version is built from the snapshot alone, so later edits to cards, classifications,
contracts or tests never change what was approved.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.services.lookups import process_area_paths
from models import Classification, DesignPack, DesignPackVersion, Item, TestCase
from models.design import PACK_SECTIONS

SNAPSHOT_FORMAT = 1
CONTRACT_FIELDS = (
    "key", "title", "version", "source_system", "target_system", "direction", "trigger",
    "frequency", "transport", "response_format", "error_handling", "retry_policy",
    "idempotency_key", "duplicate_handling", "late_messages", "partial_failures",
)
PAYLOAD_FIELDS = ("name", "data_type", "length", "required", "validation_rule", "example",
                  "source_field", "target_field")


def pack_content(s: Session, pack: DesignPack, version: DesignPackVersion) -> dict[str, Any]:
    """Everything the version's document shows, read from the live project now."""
    paths = {p.id: p.path for p in process_area_paths(s)}
    items: list[Item] = sorted(pack.items, key=lambda i: i.key)
    current = {c.item_id: c for c in s.execute(select(Classification).where(
        and_(Classification.item_id.in_([i.id for i in items]),
             Classification.is_current.is_(True)))).scalars()}

    def fit(item: Item) -> str:
        cls = current.get(item.id)
        if cls is None:
            return "unclassified"
        return cls.fit_class + (" (design required)" if cls.design_required else "")

    contract_items = {i.id for c in pack.contracts for i in c.items}
    trace = []
    for item in items:
        tests = s.execute(select(TestCase.key).join(TestCase.items).where(Item.id == item.id)
                          .order_by(TestCase.key)).scalars()
        trace.append({
            "item_key": item.key, "item_title": item.title,
            "section": ("Integration requirements" if item.id in contract_items
                        else "Configuration approach"),
            "test_keys": list(tests)})
    owner = version.approval_owner or pack.approval_owner
    return {
        "snapshot_format": SNAPSHOT_FORMAT,
        "title": pack.title,
        "version": version.label,
        "approval_owner": owner.name if owner else "",
        "sections": {key: str((version.sections or {}).get(key, "")) for key, _ in PACK_SECTIONS},
        "items": [{"key": i.key, "title": i.title,
                   "process_area": paths.get(i.process_area_id or -1, ""),
                   "classification": fit(i), "desired_outcome": i.desired_outcome,
                   "key_constraints": i.key_constraints} for i in items],
        "contracts": [
            {**{f: getattr(c, f) for f in CONTRACT_FIELDS},
             "fields": [{f: getattr(p, f) for f in PAYLOAD_FIELDS} for p in c.fields]}
            for c in pack.contracts],
        "traceability": trace,
    }


def version_content(s: Session, pack: DesignPack, version: DesignPackVersion) -> dict[str, Any]:
    """The frozen snapshot of an approved (or superseded) version, else the live content."""
    frozen = version.snapshot
    if version.status in ("approved", "superseded") and frozen and \
            frozen.get("snapshot_format") == SNAPSHOT_FORMAT:
        return dict(frozen)
    return pack_content(s, pack, version)
