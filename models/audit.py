"""The audit trail and the register of files handed out."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, new_uuid, utc_now


class AuditEvent(Base):
    """One change to project data: entity, key, field, old value, new value, who, when."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(10))  # insert | update | delete
    entity: Mapped[str] = mapped_column(String(50), index=True)
    entity_uuid: Mapped[str] = mapped_column(String(36), default="", index=True)
    entity_key: Mapped[str] = mapped_column(String(60), default="")
    field: Mapped[str] = mapped_column(String(60), default="")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class ExportRecord(Base):
    """Every file handed out: what, which version, its hash, when, by whom, to whom."""

    __tablename__ = "export_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(30))
    subject_key: Mapped[str] = mapped_column(String(60), default="")
    version: Mapped[str] = mapped_column(String(20), default="")
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    exported_at: Mapped[datetime] = mapped_column(default=utc_now)
    exported_by: Mapped[str] = mapped_column(String(200), default="")
    recipient: Mapped[str] = mapped_column(String(200), default="")
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="SET NULL"))
