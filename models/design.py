"""Design packs (versioned, approved, frozen) and interface contracts with payload fields."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Entity
from models.item import Item
from models.project import Person

VERSION_STATUSES = ("draft", "in review", "approved", "superseded")
PACK_SECTIONS = (
    ("configuration_approach", "Configuration approach"),
    ("data_mapping_outline", "Data mapping outline"),
    ("integration_requirements", "Integration requirements"),
    ("security", "Security and roles"),
    ("reporting", "Reporting"),
    ("open_questions", "Open questions"),
    ("decisions", "Decisions"),
)
DIRECTIONS = ("inbound", "outbound", "bidirectional")
TRANSPORTS = ("API", "file", "EDI", "queue")

design_pack_item = Table(
    "design_pack_item",
    Base.metadata,
    Column("pack_id", ForeignKey("design_pack.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", ForeignKey("item.id", ondelete="CASCADE"), primary_key=True),
)

design_pack_contract = Table(
    "design_pack_contract",
    Base.metadata,
    Column("pack_id", ForeignKey("design_pack.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "contract_id", ForeignKey("interface_contract.id", ondelete="CASCADE"), primary_key=True
    ),
)

contract_item = Table(
    "contract_item",
    Base.metadata,
    Column(
        "contract_id", ForeignKey("interface_contract.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("item_id", ForeignKey("item.id", ondelete="CASCADE"), primary_key=True),
)


class DesignPack(Entity):
    """A design pack covering one or more items; its content lives in versions."""

    __tablename__ = "design_pack"

    key: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    approval_owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )

    approval_owner: Mapped[Person | None] = relationship()
    items: Mapped[list[Item]] = relationship(secondary=design_pack_item, order_by="Item.key")
    contracts: Mapped[list[InterfaceContract]] = relationship(secondary=design_pack_contract)
    versions: Mapped[list[DesignPackVersion]] = relationship(
        back_populates="pack",
        order_by="(DesignPackVersion.major, DesignPackVersion.minor)",
        cascade="all, delete-orphan",
    )


class DesignPackVersion(Entity):
    """One version of a pack. Approved versions are frozen: `snapshot` holds what was approved."""

    __tablename__ = "design_pack_version"
    __table_args__ = (UniqueConstraint("pack_id", "major", "minor"),)

    pack_id: Mapped[int] = mapped_column(ForeignKey("design_pack.id", ondelete="CASCADE"))
    major: Mapped[int] = mapped_column(Integer, default=0)
    minor: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    sections: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    change_summary: Mapped[str] = mapped_column(Text, default="")
    approval_owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    approved_at: Mapped[datetime | None] = mapped_column()
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    pack: Mapped[DesignPack] = relationship(back_populates="versions")
    approval_owner: Mapped[Person | None] = relationship()

    @property
    def label(self) -> str:
        """The version as people write it: "1.0"."""
        return f"{self.major}.{self.minor}"


class InterfaceContract(Entity):
    """How two systems exchange a message, down to payload fields and failure handling."""

    __tablename__ = "interface_contract"

    key: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    version: Mapped[str] = mapped_column(String(20), default="0.1")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    source_system: Mapped[str] = mapped_column(String(200), default="")
    target_system: Mapped[str] = mapped_column(String(200), default="")
    direction: Mapped[str] = mapped_column(String(20), default="inbound")
    trigger: Mapped[str] = mapped_column(Text, default="")
    frequency: Mapped[str] = mapped_column(String(200), default="")
    transport: Mapped[str] = mapped_column(String(20), default="API")
    response_format: Mapped[str] = mapped_column(Text, default="")
    error_handling: Mapped[str] = mapped_column(Text, default="")
    retry_policy: Mapped[str] = mapped_column(Text, default="")
    idempotency_key: Mapped[str] = mapped_column(String(200), default="")
    duplicate_handling: Mapped[str] = mapped_column(Text, default="")
    late_messages: Mapped[str] = mapped_column(Text, default="")
    partial_failures: Mapped[str] = mapped_column(Text, default="")

    fields: Mapped[list[InterfaceField]] = relationship(
        back_populates="contract", order_by="InterfaceField.position",
        cascade="all, delete-orphan",
    )
    items: Mapped[list[Item]] = relationship(secondary=contract_item, order_by="Item.key")


class InterfaceField(Entity):
    """One payload field of an interface contract."""

    __tablename__ = "interface_field"

    contract_id: Mapped[int] = mapped_column(
        ForeignKey("interface_contract.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    data_type: Mapped[str] = mapped_column(String(50), default="string")
    length: Mapped[int | None] = mapped_column(Integer)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    validation_rule: Mapped[str] = mapped_column(Text, default="")
    example: Mapped[str] = mapped_column(Text, default="")
    source_field: Mapped[str] = mapped_column(String(200), default="")
    target_field: Mapped[str] = mapped_column(String(200), default="")

    contract: Mapped[InterfaceContract] = relationship(back_populates="fields")
