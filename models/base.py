"""Declarative base, constraint naming convention and column types shared by every model.

The naming convention gives every constraint a stable name, so that migrations can alter
tables on SQLite (which rebuilds tables and needs to know constraint names).
"""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import Date, DateTime, Integer, MetaData, String
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """The current time, time-zone aware in UTC (the only kind of time we store)."""
    return datetime.now(UTC)


def new_uuid() -> str:
    """A random UUID as text; every row carries one so projects can be merged later."""
    return str(uuid.uuid4())


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC and returns them aware (UTC).

    SQLite has no time-zone type; PostgreSQL's would work too, but one rule everywhere keeps
    the files portable. Naive datetimes are refused: they are a bug waiting to happen.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware datetime (UTC)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Base of all models."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime(), date: Date}


class Entity(Base):
    """Common columns: integer id for joins, a UUID for merging, creation/update times."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    #: Human key prefix ("REQ") for entities that carry one; used by the audit trail.
    audit_label: str = ""

    def audit_key(self) -> str:
        """The key shown in the audit trail: the human key where there is one."""
        key = getattr(self, "key", None)
        if key:
            return str(key)
        return f"{type(self).__name__}#{self.id}" if self.id else type(self).__name__
