"""Pick-list data for editors: people, process areas (with their path), workshops, domains."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database import ProjectDatabase
from app.errors import ValidationError
from models import MasterDataDomain, Person, ProcessArea, Workshop


@dataclass(frozen=True)
class PersonRef:
    """A person as pick-lists show them."""

    id: int
    name: str
    role: str
    organisation: str


@dataclass(frozen=True)
class ProcessAreaRef:
    """A process-area node with its full path ("Order to cash › Sales orders › Approve")."""

    id: int
    name: str
    path: str
    level: str
    catalog_id: str
    parent_id: int | None


@dataclass(frozen=True)
class WorkshopRef:
    """A workshop as pick-lists show it."""

    id: int
    title: str
    held_on: date | None
    process_area_id: int | None


@dataclass(frozen=True)
class DomainRef:
    """A master-data domain, with the names of its data owner and approver."""

    id: int
    name: str
    owner: str = ""
    approver: str = ""


def process_area_paths(session: Session) -> list[ProcessAreaRef]:
    """Every process area with its path, parents before children, in catalogue order."""
    rows = session.execute(
        select(ProcessArea.id, ProcessArea.parent_id, ProcessArea.name, ProcessArea.level,
               ProcessArea.catalog_id, ProcessArea.position)
    ).all()
    by_id = {r.id: r for r in rows}
    paths: dict[int, str] = {}

    def path_of(node_id: int) -> str:
        if node_id in paths:
            return paths[node_id]
        chain: list[int] = []
        current: int | None = node_id
        while current is not None and current not in paths:
            chain.append(current)
            current = by_id[current].parent_id
        prefix = paths[current] if current is not None else ""
        for nid in reversed(chain):
            prefix = f"{prefix} › {by_id[nid].name}" if prefix else by_id[nid].name
            paths[nid] = prefix
        return paths[node_id]

    refs = [ProcessAreaRef(r.id, r.name, path_of(r.id), r.level, r.catalog_id, r.parent_id)
            for r in rows]
    refs.sort(key=lambda r: (r.catalog_id or "~", r.path))
    return refs


def area_paths_for(session: Session, area_ids: set[int]) -> dict[int, str]:
    """Paths of just these process areas, walking up their parents (a few rows each),
    for refreshing one card without reading a whole 4,000-node catalogue."""
    paths: dict[int, str] = {}
    for area_id in area_ids:
        names: list[str] = []
        area = session.get(ProcessArea, area_id)
        while area is not None:
            names.append(area.name)
            area = area.parent
        paths[area_id] = " › ".join(reversed(names))
    return paths


class LookupService:
    """Reads the small reference lists that editors offer as choices, and adds to them."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    def people(self) -> list[PersonRef]:
        with self.db.read() as s:
            rows = s.execute(select(Person).order_by(Person.name)).scalars()
            return [PersonRef(p.id, p.name, p.role, p.organisation) for p in rows]

    def process_areas(self) -> list[ProcessAreaRef]:
        with self.db.read() as s:
            return process_area_paths(s)

    def workshops(self) -> list[WorkshopRef]:
        with self.db.read() as s:
            rows = s.execute(select(Workshop).order_by(Workshop.held_on.desc(), Workshop.id))
            return [WorkshopRef(w.id, w.title, w.held_on, w.process_area_id)
                    for w in rows.scalars()]

    def domains(self) -> list[DomainRef]:
        with self.db.read() as s:
            rows = s.execute(select(MasterDataDomain).order_by(MasterDataDomain.name)).scalars()
            return [DomainRef(d.id, d.name, d.owner.name if d.owner else "",
                              d.approver.name if d.approver else "") for d in rows]

    def add_person(self, name: str, role: str = "", organisation: str = "") -> int:
        """Add a person to the project; returns the new id."""
        if not name.strip():
            raise ValidationError("A person needs a name.")
        with self.db.write() as s:
            person = Person(name=name.strip(), role=role, organisation=organisation)
            s.add(person)
            s.flush()
            return person.id

    def add_workshop(self, title: str, held_on: date | None = None,
                     process_area_id: int | None = None,
                     facilitator_id: int | None = None) -> int:
        """Start a workshop record; returns its id."""
        if not title.strip():
            raise ValidationError("A workshop needs a title.")
        with self.db.write() as s:
            workshop = Workshop(title=title.strip(), held_on=held_on,
                                process_area_id=process_area_id, facilitator_id=facilitator_id)
            s.add(workshop)
            s.flush()
            return workshop.id
