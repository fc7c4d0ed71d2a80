"""The requirement card / pipeline item, its fit-gap classifications and its dependencies."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Entity
from models.project import MasterDataDomain, Person, ProcessArea, Workshop

STAGES = ("intake", "analysis", "design", "build", "test", "release", "support")
STATUSES = ("draft", "in review", "approved", "blocked", "done")
PRIORITIES = ("must", "should", "could", "wont")
SOURCES = ("workshop", "ticket", "analytics", "executive", "test")
FIT_CLASSES = ("configure", "customize", "interface")
OBJECT_TYPES = ("report", "interface", "conversion", "enhancement", "form", "workflow")
EFFORT_BANDS = ("XS", "S", "M", "L", "XL")
DEPENDENCY_KINDS = ("data", "integration", "security", "sequencing", "other")

item_master_data = Table(
    "item_master_data",
    Base.metadata,
    Column("item_id", ForeignKey("item.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "domain_id", ForeignKey("master_data_domain.id", ondelete="CASCADE"), primary_key=True
    ),
)


class Item(Entity):
    """A requirement card that travels through the pipeline stages."""

    __tablename__ = "item"
    __table_args__ = (
        CheckConstraint(f"stage IN {STAGES!r}", name="stage"),
        CheckConstraint(f"priority IN {PRIORITIES + ('',)!r}", name="priority"),
    )

    key: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    process_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("process_area.id", ondelete="SET NULL"), index=True
    )
    desired_outcome: Mapped[str] = mapped_column(Text, default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    source_system: Mapped[str] = mapped_column(String(200), default="")
    key_constraints: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="workshop")
    requester_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    priority: Mapped[str] = mapped_column(String(10), default="should")
    stage: Mapped[str] = mapped_column(String(20), default="intake", index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    blocked_reason: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop.id", ondelete="SET NULL"), index=True
    )
    tags: Mapped[str] = mapped_column(Text, default="")
    #: Items are archived, never deleted, so keys and history stay intact (and undo works).
    archived: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    process_area: Mapped[ProcessArea | None] = relationship()
    requester: Mapped[Person | None] = relationship(foreign_keys=[requester_id])
    owner: Mapped[Person | None] = relationship(foreign_keys=[owner_id])
    workshop: Mapped[Workshop | None] = relationship()
    master_data: Mapped[list[MasterDataDomain]] = relationship(secondary=item_master_data)
    classifications: Mapped[list[Classification]] = relationship(
        back_populates="item", order_by="Classification.id", cascade="all, delete-orphan"
    )


class Classification(Entity):
    """One fit-gap decision; the newest row with `is_current` is the item's classification.

    Older rows are kept as the decision history.
    """

    __tablename__ = "classification"
    __table_args__ = (
        CheckConstraint(f"fit_class IN {FIT_CLASSES!r}", name="fit_class"),
    )

    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    fit_class: Mapped[str] = mapped_column(String(20))
    design_required: Mapped[bool] = mapped_column(Boolean, default=False)
    object_type: Mapped[str] = mapped_column(String(20), default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    standard_alternative: Mapped[str] = mapped_column(Text, default="")
    effort_band: Mapped[str] = mapped_column(String(4), default="")
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    decided_in_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop.id", ondelete="SET NULL")
    )
    decided_by_name: Mapped[str] = mapped_column(String(200), default="")
    decided_at: Mapped[datetime] = mapped_column()
    is_current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)

    item: Mapped[Item] = relationship(back_populates="classifications")
    decided_by: Mapped[Person | None] = relationship()
    decided_in: Mapped[Workshop | None] = relationship()

    def audit_key(self) -> str:
        """Decisions are audited under the card they belong to."""
        return self.item.key if self.item is not None else super().audit_key()


class Dependency(Entity):
    """`item` depends on `depends_on`. The graph must stay acyclic (checked by the service)."""

    __tablename__ = "dependency"
    __table_args__ = (UniqueConstraint("item_id", "depends_on_id"),)

    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    depends_on_id: Mapped[int] = mapped_column(
        ForeignKey("item.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="other")
    note: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[Item] = relationship(foreign_keys=[item_id])
    depends_on: Mapped[Item] = relationship(foreign_keys=[depends_on_id])

    def audit_key(self) -> str:
        """A dependency is audited as "REQ-0001 → REQ-0002"."""
        if self.item is not None and self.depends_on is not None:
            return f"{self.item.key} → {self.depends_on.key}"
        return super().audit_key()
