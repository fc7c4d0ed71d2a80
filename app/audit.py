"""Writes the audit trail: every insert, field change and delete, with who and when.

It hooks the session's flush, so no service can forget it. The actor is taken from
`session.info["actor"]`, set by the database when it makes the session.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from models import AuditEvent, Dependency, Entity, ExportRecord

_SKIPPED_FIELDS = {"updated_at", "created_at", "id", "uuid"}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Entity):
        return value.audit_key()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _summary(obj: Entity) -> str:
    for attr in ("title", "name", "fit_class"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)
    return ""


def _events_for(obj: Entity, action: str, actor: str) -> list[AuditEvent]:
    base = {
        "actor": actor,
        "action": action,
        "entity": type(obj).__name__,
        "entity_uuid": obj.uuid or "",
        "entity_key": obj.audit_key(),
    }
    if action == "insert" and isinstance(obj, Dependency):
        return [AuditEvent(**base, field="", old_value=None, new_value=obj.kind)]
    if action == "insert":
        return [AuditEvent(**base, field="", old_value=None, new_value=_summary(obj))]
    if action == "delete":
        return [AuditEvent(**base, field="", old_value=_summary(obj), new_value=None)]
    events: list[AuditEvent] = []
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIPPED_FIELDS:
            continue
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if _text(old) == _text(new):
            continue
        events.append(AuditEvent(**base, field=attr.key, old_value=_text(old),
                                 new_value=_text(new)))
    for rel in state.mapper.relationships:
        if rel.secondary is None:
            continue
        hist = state.attrs[rel.key].history
        if not hist.has_changes():
            continue
        events.append(AuditEvent(
            **base, field=rel.key,
            old_value=", ".join(_text(o) or "" for o in hist.deleted) or None,
            new_value=", ".join(_text(o) or "" for o in hist.added) or None,
        ))
    return events


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    actor = str(session.info.get("actor", ""))
    events: list[AuditEvent] = []
    for obj in session.new:
        if isinstance(obj, Entity):
            events.extend(_events_for(obj, "insert", actor))
    for obj in session.dirty:
        if isinstance(obj, Entity) and session.is_modified(obj, include_collections=True):
            events.extend(_events_for(obj, "update", actor))
    for obj in session.deleted:
        if isinstance(obj, Entity):
            events.extend(_events_for(obj, "delete", actor))
    session.add_all(events)


def install_audit_trail(factory: sessionmaker[Session]) -> None:
    """Make every session from `factory` write audit events for what it flushes."""
    event.listen(factory, "before_flush", _before_flush)


__all__ = ["AuditEvent", "ExportRecord", "install_audit_trail"]
