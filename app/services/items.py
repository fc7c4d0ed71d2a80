"""Capturing and editing requirement cards, and the register that lists them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from app.database import ProjectDatabase
from app.errors import NotFoundError, ValidationError
from app.keys import next_key
from app.services.lookups import area_paths_for, process_area_paths
from models import (
    Classification,
    Defect,
    Dependency,
    Item,
    MasterDataDomain,
    Person,
    ProcessArea,
    Project,
    TestCycle,
    Workshop,
)
from models.item import PRIORITIES, SOURCES, STAGES, STATUSES

#: Text fields a user edits on a card, with their label (used in messages and the audit view).
TEXT_FIELDS = {
    "title": "Title",
    "desired_outcome": "Desired outcome",
    "rationale": "Rationale",
    "source_system": "Source system",
    "key_constraints": "Key constraints",
    "blocked_reason": "Blocked reason",
    "tags": "Tags",
}
CHOICE_FIELDS = {
    "priority": PRIORITIES,
    "stage": STAGES,
    "status": STATUSES,
    "source": SOURCES,
}
REFERENCE_FIELDS = {
    "process_area_id": ProcessArea,
    "requester_id": Person,
    "owner_id": Person,
    "workshop_id": Workshop,
}
EDITABLE_FIELDS = set(TEXT_FIELDS) | set(CHOICE_FIELDS) | set(REFERENCE_FIELDS) | {"master_data"}


@dataclass(frozen=True)
class RegisterRow:
    """One line of the item register, with its search text precomputed (lower case)."""

    id: int
    key: str
    title: str
    process_area: str
    process_area_id: int | None
    stage: str
    status: str
    priority: str
    fit_class: str
    design_required: bool
    owner: str
    workshop: str
    blocked: bool
    updated_at: datetime
    search_text: str


@dataclass(frozen=True)
class DependencyLink:
    """A dependency seen from one card: the other card and the kind of link."""

    dependency_id: int
    other_id: int
    other_key: str
    other_title: str
    kind: str
    note: str


@dataclass(frozen=True)
class ClassificationRecord:
    """One fit-gap decision (current or historic)."""

    id: int
    fit_class: str
    design_required: bool
    object_type: str
    rationale: str
    standard_alternative: str
    effort_band: str
    decided_by: str
    decided_by_id: int | None
    decided_in_id: int | None
    decided_at: datetime
    is_current: bool


@dataclass(frozen=True)
class DefectOrigin:
    """A defect this card was raised for (support cards born from failed UAT steps)."""

    key: str
    title: str
    case_key: str
    step_number: int | None
    cycle_name: str
    source_item_keys: tuple[str, ...]


@dataclass(frozen=True)
class ItemCard:
    """Everything the card editor shows for one item."""

    id: int
    key: str
    title: str
    process_area_id: int | None
    process_area: str
    desired_outcome: str
    rationale: str
    source_system: str
    master_data_ids: tuple[int, ...]
    master_data: tuple[str, ...]
    key_constraints: str
    source: str
    requester_id: int | None
    priority: str
    stage: str
    status: str
    blocked_reason: str
    owner_id: int | None
    workshop_id: int | None
    tags: str
    archived: bool
    created_at: datetime
    updated_at: datetime
    depends_on: tuple[DependencyLink, ...]
    required_by: tuple[DependencyLink, ...]
    classification: ClassificationRecord | None
    classification_history: tuple[ClassificationRecord, ...]
    defects: tuple[DefectOrigin, ...] = ()


@dataclass(frozen=True)
class ItemRef:
    """A newly made item: its id and human key."""

    id: int
    key: str


def classification_record(c: Classification) -> ClassificationRecord:
    """The plain record of a classification row."""
    decided_by = c.decided_by.name if c.decided_by else c.decided_by_name
    return ClassificationRecord(
        c.id, c.fit_class, c.design_required, c.object_type, c.rationale,
        c.standard_alternative, c.effort_band, decided_by, c.decided_by_id, c.decided_in_id,
        c.decided_at, c.is_current,
    )


def item_key_prefix(session: Session) -> str:
    """The project's key prefix for items (settings may change it from REQ)."""
    project = session.execute(select(Project)).scalar_one()
    return str((project.settings or {}).get("item_prefix", "REQ"))


def get_item(session: Session, item_id: int) -> Item:
    """The item or a NotFoundError a user understands."""
    item = session.get(Item, item_id)
    if item is None:
        raise NotFoundError(f"Card #{item_id} no longer exists; it may have been removed.")
    return item


def _defect_origins(s: Session, item_id: int) -> tuple[DefectOrigin, ...]:
    defects = s.execute(select(Defect).where(Defect.support_item_id == item_id)
                        .order_by(Defect.key)).scalars()
    origins = []
    for d in defects:
        cycle = s.get(TestCycle, d.cycle_id) if d.cycle_id else None
        origins.append(DefectOrigin(
            d.key, d.title, d.case.key if d.case else "",
            d.step.position if d.step else None, cycle.name if cycle else "",
            tuple(i.key for i in d.items)))
    return tuple(origins)


class ItemService:
    """Capture, edit, archive and list requirement cards."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    # -- register ------------------------------------------------------------------------
    def register_rows(self, item_ids: list[int] | None = None) -> list[RegisterRow]:
        """Rows for the register in key order (one query, fast for 10,000 items); with
        `item_ids`, only those rows (the refresh after an edit)."""
        with self.db.read() as s:
            if item_ids is None:
                paths = {p.id: p.path for p in process_area_paths(s)}
            else:
                area_ids = {a for a in s.execute(select(Item.process_area_id).where(
                    Item.id.in_(item_ids))).scalars() if a is not None}
                paths = area_paths_for(s, area_ids)
            cls = aliased(Classification)
            owner = aliased(Person)
            stmt = (
                select(Item.id, Item.key, Item.title, Item.process_area_id, Item.stage,
                       Item.status, Item.priority, Item.blocked_reason, Item.updated_at,
                       Item.desired_outcome, Item.source_system, Item.tags,
                       cls.fit_class, cls.design_required, owner.name.label("owner"),
                       Workshop.title.label("workshop"))
                .outerjoin(cls, and_(cls.item_id == Item.id, cls.is_current.is_(True)))
                .outerjoin(owner, owner.id == Item.owner_id)
                .outerjoin(Workshop, Workshop.id == Item.workshop_id)
                .order_by(Item.id)
            )
            stmt = stmt.where(Item.archived.is_(False))
            if item_ids is not None:
                stmt = stmt.where(Item.id.in_(item_ids))
            rows = []
            for r in s.execute(stmt):
                area = paths.get(r.process_area_id, "") if r.process_area_id else ""
                fit = r.fit_class or ""
                blocked = r.status == "blocked" or bool(r.blocked_reason)
                text = " ".join((r.key, r.title, area, r.stage, r.status, r.priority, fit,
                                 r.owner or "", r.workshop or "", r.desired_outcome,
                                 r.source_system, r.tags)).lower()
                rows.append(RegisterRow(
                    r.id, r.key, r.title, area, r.process_area_id, r.stage, r.status,
                    r.priority, fit, bool(r.design_required), r.owner or "", r.workshop or "",
                    blocked, r.updated_at, text,
                ))
            return rows

    # -- one card ------------------------------------------------------------------------
    def card(self, item_id: int) -> ItemCard:
        """The full card of one item, with its dependencies and classification history."""
        with self.db.read() as s:
            item = get_item(s, item_id)
            paths = area_paths_for(s, {item.process_area_id} if item.process_area_id else set())

            def links(column: Any, other_column: Any) -> tuple[DependencyLink, ...]:
                other = aliased(Item)
                stmt = (select(Dependency, other).join(other, other.id == other_column)
                        .where(column == item_id).order_by(other.key))
                return tuple(DependencyLink(d.id, o.id, o.key, o.title, d.kind, d.note)
                             for d, o in s.execute(stmt))

            history = tuple(classification_record(c) for c in reversed(item.classifications))
            current = next((c for c in history if c.is_current), None)
            return ItemCard(
                id=item.id, key=item.key, title=item.title,
                process_area_id=item.process_area_id,
                process_area=paths.get(item.process_area_id or -1, ""),
                desired_outcome=item.desired_outcome, rationale=item.rationale,
                source_system=item.source_system,
                master_data_ids=tuple(d.id for d in item.master_data),
                master_data=tuple(d.name for d in item.master_data),
                key_constraints=item.key_constraints, source=item.source,
                requester_id=item.requester_id, priority=item.priority, stage=item.stage,
                status=item.status, blocked_reason=item.blocked_reason, owner_id=item.owner_id,
                workshop_id=item.workshop_id, tags=item.tags, archived=item.archived,
                created_at=item.created_at, updated_at=item.updated_at,
                depends_on=links(Dependency.item_id, Dependency.depends_on_id),
                required_by=links(Dependency.depends_on_id, Dependency.item_id),
                classification=current, classification_history=history,
                defects=_defect_origins(s, item_id),
            )

    # -- capture and edit ----------------------------------------------------------------
    def capture_item(self, title: str, *, workshop_id: int | None = None,
                     process_area_id: int | None = None, **fields: Any) -> ItemRef:
        """Create a card (committed at once) and return its id and new key."""
        with self.db.write() as s:
            item = Item(key=next_key(s, item_key_prefix(s)), title=title.strip(),
                        workshop_id=workshop_id, process_area_id=process_area_id,
                        source="workshop" if workshop_id else "ticket")
            s.add(item)
            for name, value in fields.items():
                self._apply(s, item, name, value)
            s.flush()
            return ItemRef(item.id, item.key)

    def update_item(self, item_id: int, field: str, value: Any) -> Any:
        """Set one field of a card; returns the previous value (for undo)."""
        with self.db.write() as s:
            item = get_item(s, item_id)
            old = self._current(item, field)
            self._apply(s, item, field, value)
            return old

    def set_archived(self, item_id: int, archived: bool) -> None:
        """Archive (remove from the register) or restore a card; its key is never reused."""
        with self.db.write() as s:
            get_item(s, item_id).archived = archived

    @staticmethod
    def _current(item: Item, field: str) -> Any:
        if field == "master_data":
            return [d.id for d in item.master_data]
        if field not in EDITABLE_FIELDS:
            raise ValidationError(f"'{field}' is not a field of a card.")
        return getattr(item, field)

    @staticmethod
    def _apply(s: Session, item: Item, field: str, value: Any) -> None:
        if field == "master_data":
            ids = list(value or [])
            domains = s.execute(select(MasterDataDomain).where(MasterDataDomain.id.in_(ids)))
            item.master_data = list(domains.scalars())
            return
        if field in TEXT_FIELDS:
            text = "" if value is None else str(value)
            if field == "title" and not text.strip():
                raise ValidationError("A card needs a title; the old title was kept.")
            setattr(item, field, text)
        elif field in CHOICE_FIELDS:
            if value not in CHOICE_FIELDS[field]:
                allowed = ", ".join(CHOICE_FIELDS[field])
                raise ValidationError(f"'{value}' is not a valid {field}; use one of: {allowed}.")
            setattr(item, field, value)
        elif field in REFERENCE_FIELDS:
            if value is not None and s.get(REFERENCE_FIELDS[field], value) is None:
                raise NotFoundError(f"The chosen {field.removesuffix('_id').replace('_', ' ')} "
                                    "no longer exists.")
            setattr(item, field, value)
        else:
            raise ValidationError(f"'{field}' is not a field of a card.")
