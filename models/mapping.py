"""Data-migration mapping sets (versioned, per master-data domain) and their field mappings."""
from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Entity
from models.project import MasterDataDomain, Person


class MappingSet(Entity):
    """A versioned set of source → target field mappings for one master-data domain."""

    __tablename__ = "mapping_set"

    key: Mapped[str] = mapped_column(String(20), unique=True)
    domain_id: Mapped[int] = mapped_column(
        ForeignKey("master_data_domain.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    version: Mapped[str] = mapped_column(String(20), default="0.1")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    approval_owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )

    domain: Mapped[MasterDataDomain] = relationship()
    approval_owner: Mapped[Person | None] = relationship()
    fields: Mapped[list[FieldMapping]] = relationship(
        back_populates="mapping_set", order_by="FieldMapping.position",
        cascade="all, delete-orphan",
    )


class FieldMapping(Entity):
    """Source system/object/field → target object/field, with transformation and quality rules."""

    __tablename__ = "field_mapping"

    set_id: Mapped[int] = mapped_column(
        ForeignKey("mapping_set.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    source_system: Mapped[str] = mapped_column(String(200), default="")
    source_object: Mapped[str] = mapped_column(String(200), default="")
    source_field: Mapped[str] = mapped_column(String(200), default="")
    target_object: Mapped[str] = mapped_column(String(200), default="")
    target_field: Mapped[str] = mapped_column(String(200), default="")
    transformation: Mapped[str] = mapped_column(Text, default="")
    default_value: Mapped[str] = mapped_column(Text, default="")
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    allowed_values: Mapped[str] = mapped_column(Text, default="")
    unique_key: Mapped[bool] = mapped_column(Boolean, default=False)
    value_format: Mapped[str] = mapped_column(String(100), default="")
    max_length: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")

    mapping_set: Mapped[MappingSet] = relationship(back_populates="fields")
