"""The project aggregate: the project row, people, process areas, master-data domains,
workshops and the key sequences that hand out human keys."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Entity


class Project(Entity):
    """One per file: what the project is and its settings (key prefixes, picklists, rules)."""

    __tablename__ = "project"

    name: Mapped[str] = mapped_column(String(200))
    client: Mapped[str] = mapped_column(String(200), default="")
    erp_product: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class KeySequence(Base):
    """The next number per key prefix. Numbers only ever go up, so keys are never reused."""

    __tablename__ = "key_sequence"

    prefix: Mapped[str] = mapped_column(String(16), primary_key=True)
    next_value: Mapped[int] = mapped_column(Integer, default=1)


class Person(Entity):
    """Someone on the project: client, system integrator or vendor side."""

    __tablename__ = "person"

    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100), default="")
    organisation: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")


class ProcessArea(Entity):
    """A node of the process hierarchy: end-to-end > area > process > scenario."""

    __tablename__ = "process_area"

    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("process_area.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(20), default="process")
    catalog_id: Mapped[str] = mapped_column(String(40), default="", index=True)
    url: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[ProcessArea | None] = relationship(
        remote_side="ProcessArea.id", back_populates="children"
    )
    children: Mapped[list[ProcessArea]] = relationship(
        back_populates="parent", order_by="ProcessArea.position"
    )


class MasterDataDomain(Entity):
    """A master-data domain (customers, items...) with its data owner and approver."""

    __tablename__ = "master_data_domain"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))

    owner: Mapped[Person | None] = relationship(foreign_keys=[owner_id])
    approver: Mapped[Person | None] = relationship(foreign_keys=[approver_id])


workshop_attendee = Table(
    "workshop_attendee",
    Base.metadata,
    Column("workshop_id", ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
)


class Workshop(Entity):
    """A discovery or fit-to-standard session in which cards are captured."""

    __tablename__ = "workshop"

    title: Mapped[str] = mapped_column(String(300))
    held_on: Mapped[date | None] = mapped_column()
    process_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("process_area.id", ondelete="SET NULL")
    )
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    agenda: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    open_questions: Mapped[str] = mapped_column(Text, default="")

    process_area: Mapped[ProcessArea | None] = relationship()
    facilitator: Mapped[Person | None] = relationship()
    attendees: Mapped[list[Person]] = relationship(secondary=workshop_attendee)
