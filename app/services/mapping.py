"""Data-migration mapping sets per master-data domain."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.database import ProjectDatabase
from app.errors import NotFoundError, ValidationError
from app.keys import next_key
from models import FieldMapping, MappingSet, MasterDataDomain


@dataclass(frozen=True)
class FieldMappingInput:
    """One source → target field mapping with its quality rules."""

    source_system: str = ""
    source_object: str = ""
    source_field: str = ""
    target_object: str = ""
    target_field: str = ""
    transformation: str = ""
    default_value: str = ""
    required: bool = False
    allowed_values: str = ""
    unique_key: bool = False
    value_format: str = ""
    max_length: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class MappingSetSummary:
    """A mapping set as lists show it."""

    id: int
    key: str
    name: str
    domain: str
    version: str
    status: str
    field_count: int


class MappingService:
    """Create and list mapping sets; the workbook export reads them through ExportService."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    def add_domain(self, name: str, owner_id: int | None = None,
                   approver_id: int | None = None) -> int:
        """A master-data domain (customers, items...); names are unique."""
        if not name.strip():
            raise ValidationError("A master-data domain needs a name.")
        with self.db.write() as s:
            if s.execute(select(MasterDataDomain.id)
                         .where(MasterDataDomain.name == name.strip())).first():
                raise ValidationError(f"The domain '{name}' already exists.")
            domain = MasterDataDomain(name=name.strip(), owner_id=owner_id,
                                      approver_id=approver_id)
            s.add(domain)
            s.flush()
            return domain.id

    def create_set(self, domain_id: int, name: str, fields: list[FieldMappingInput], *,
                   version: str = "0.1", status: str = "draft",
                   approval_owner_id: int | None = None) -> int:
        """A mapping set for one domain with its field mappings; returns its id."""
        with self.db.write() as s:
            if s.get(MasterDataDomain, domain_id) is None:
                raise NotFoundError("That master-data domain no longer exists.")
            mapping_set = MappingSet(key=next_key(s, "MAP"), domain_id=domain_id,
                                     name=name.strip(), version=version, status=status,
                                     approval_owner_id=approval_owner_id)
            for pos, f in enumerate(fields, start=1):
                mapping_set.fields.append(FieldMapping(position=pos, **f.__dict__))
            s.add(mapping_set)
            s.flush()
            return mapping_set.id

    def list_sets(self) -> list[MappingSetSummary]:
        with self.db.read() as s:
            sets = s.execute(select(MappingSet).order_by(MappingSet.key)).scalars()
            return [MappingSetSummary(m.id, m.key, m.name, m.domain.name, m.version, m.status,
                                      len(m.fields)) for m in sets]
