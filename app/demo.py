"""Builds the bundled demo project from its readable source data in resources/demo/.

The data is JSON that a consultant can read and edit; this module only turns it into a project
file, in one transaction, handing out keys in file order (REQ-0001 is the first card listed).
"""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.database import ProjectDatabase
from app.errors import ValidationError
from app.keys import next_key
from app.paths import resources_dir
from app.services.design_content import pack_content
from models import (
    Classification,
    Dependency,
    DesignPack,
    DesignPackVersion,
    FieldMapping,
    InterfaceContract,
    InterfaceField,
    Item,
    MappingSet,
    MasterDataDomain,
    Person,
    ProcessArea,
    Project,
    TestCase,
    TestCycle,
    TestStep,
    Workshop,
)

DEMO_SOURCE = "demo/demo_project.json"


def demo_source_path() -> Path:
    """Where the demo's source data lives."""
    return resources_dir() / DEMO_SOURCE


def _ts(text: str | None) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValidationError(f"Demo timestamp '{text}' has no time zone; write it in UTC (Z).")
    return value


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _text_list(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value or "")


def _version(text: str) -> tuple[int, int]:
    major, minor = text.split(".")
    return int(major), int(minor)


class _Refs:
    """Resolves the data file's `ref` names to rows, with a clear error for a typo."""

    def __init__(self) -> None:
        self._rows: dict[str, dict[str, Any]] = {}

    def put(self, kind: str, ref: str, row: Any) -> None:
        self._rows.setdefault(kind, {})[ref] = row

    def get(self, kind: str, ref: str | None) -> Any:
        if ref in (None, ""):
            return None
        try:
            return self._rows[kind][str(ref)]
        except KeyError as exc:
            raise ValidationError(f"The demo data refers to an unknown {kind} '{ref}'.") from exc

    def many(self, kind: str, refs: list[str] | None) -> list[Any]:
        return [self.get(kind, r) for r in refs or []]


def build_demo_project(target: Path, *, overwrite: bool = False,
                       source: Path | None = None) -> Path:
    """Create `target` as the demo project; returns its path."""
    data = json.loads((source or demo_source_path()).read_text(encoding="utf-8"))
    db = ProjectDatabase.create(target, name=data["project"]["name"],
                                client=data["project"].get("client", ""),
                                erp_product=data["project"].get("erp_product", ""),
                                overwrite=overwrite)
    try:
        with db.write() as session:
            _populate(session, data)
    except BaseException:
        db.close()
        target.unlink(missing_ok=True)
        raise
    db.close()
    return target


def _populate(s: Session, data: dict[str, Any]) -> None:
    refs = _Refs()
    project = s.query(Project).one()
    project.description = data["project"].get("description", "")

    for p in data["people"]:
        person = Person(name=p["name"], role=p.get("role", ""),
                        organisation=p.get("organisation", ""), email=p.get("email", ""))
        s.add(person)
        refs.put("person", p["ref"], person)

    for pos, a in enumerate(data["process_areas"]):
        area = ProcessArea(name=a["name"], level=a["level"], catalog_id=a.get("catalog_id", ""),
                           parent=refs.get("process area", a.get("parent")), position=pos)
        s.add(area)
        refs.put("process area", a["ref"], area)

    for d in data["master_data_domains"]:
        domain = MasterDataDomain(name=d["name"], owner=refs.get("person", d.get("owner")),
                                  approver=refs.get("person", d.get("approver")))
        s.add(domain)
        refs.put("domain", d["ref"], domain)

    for w in data["workshops"]:
        questions = w.get("open_questions", [])
        workshop = Workshop(
            title=w["title"], held_on=_date(w.get("date")),
            process_area=refs.get("process area", w.get("process_area")),
            facilitator=refs.get("person", w.get("facilitator")),
            attendees=refs.many("person", w.get("attendees")), agenda=w.get("agenda", ""),
            notes=w.get("notes", ""),
            open_questions="\n".join(questions) if isinstance(questions, list) else questions,
        )
        s.add(workshop)
        refs.put("workshop", w["ref"], workshop)

    for c in data["items"]:
        item = Item(
            key=next_key(s, "REQ"), title=c["title"],
            process_area=refs.get("process area", c.get("process_area")),
            desired_outcome=c.get("desired_outcome", ""), rationale=c.get("rationale", ""),
            source_system=c.get("source_system", ""),
            master_data=refs.many("domain", c.get("master_data")),
            key_constraints=c.get("key_constraints", ""), source=c.get("source", "workshop"),
            requester=refs.get("person", c.get("requester")), priority=c.get("priority", "should"),
            stage=c.get("stage", "analysis"), status=c.get("status", "draft"),
            blocked_reason=c.get("blocked_reason", ""), owner=refs.get("person", c.get("owner")),
            workshop=refs.get("workshop", c.get("workshop")), tags=_text_list(c.get("tags")),
        )
        s.add(item)
        refs.put("item", c["ref"], item)
        decision = c.get("classification")
        if decision:
            decided_by = refs.get("person", decision.get("decided_by"))
            item.classifications.append(Classification(
                fit_class=decision["class"], design_required=bool(decision.get("design_required")),
                object_type=decision.get("object_type") or "",
                rationale=decision.get("rationale", ""),
                standard_alternative=decision.get("standard_alternative") or "",
                effort_band=decision.get("effort_band") or "", decided_by=decided_by,
                decided_by_name=decided_by.name if decided_by else "",
                decided_in=refs.get("workshop", decision.get("decided_in")),
                decided_at=_ts(decision.get("decided_at")), is_current=True,
            ))

    for d in data["dependencies"]:
        s.add(Dependency(item=refs.get("item", d["from"]), depends_on=refs.get("item", d["to"]),
                         kind=d.get("kind", "other"), note=d.get("note", "")))

    for c in data.get("interface_contracts", []):
        contract = InterfaceContract(
            key=next_key(s, "IF"), title=c["title"], version=c.get("version", "1.0"),
            status=c.get("status", "approved"),
            items=refs.many("item", c.get("items")),
            **{k: c.get(k, "") for k in (
                "source_system", "target_system", "direction", "trigger", "frequency",
                "transport", "response_format", "error_handling", "retry_policy",
                "idempotency_key", "duplicate_handling", "late_messages", "partial_failures")},
        )
        for pos, f in enumerate(c.get("fields", []), start=1):
            contract.fields.append(InterfaceField(
                position=pos, name=f["name"], data_type=f.get("type", "string"),
                length=f.get("length"), required=bool(f.get("required")),
                validation_rule=f.get("validation_rule", ""), example=str(f.get("example", "")),
                source_field=f.get("source_field", ""), target_field=f.get("target_field", "")))
        s.add(contract)
        refs.put("contract", c["ref"], contract)

    for p in data.get("design_packs", []):
        owner = refs.get("person", p.get("approval_owner"))
        pack = DesignPack(key=next_key(s, "DP"), title=p["title"], approval_owner=owner,
                          items=refs.many("item", p.get("items")),
                          contracts=refs.many("contract", p.get("interface_contracts")))
        for v in p["versions"]:
            major, minor = _version(v["version"])
            version = DesignPackVersion(
                major=major, minor=minor, status=v.get("status", "draft"),
                sections=dict(v.get("sections", {})), change_summary=v.get("change_summary", ""),
                approval_owner=owner, approved_at=_ts(v.get("approved_at")))
            pack.versions.append(version)
        s.add(pack)
        refs.put("design pack", p["ref"], pack)

    for m in data.get("mapping_sets", []):
        mapping = MappingSet(key=next_key(s, "MAP"), domain=refs.get("domain", m["domain"]),
                             name=m["name"], version=m.get("version", "1.0"),
                             status=m.get("status", "draft"))
        for pos, f in enumerate(m.get("fields", []), start=1):
            mapping.fields.append(FieldMapping(
                position=pos, source_system=f.get("source_system", ""),
                source_object=f.get("source_object", ""), source_field=f.get("source_field", ""),
                target_object=f.get("target_object", ""), target_field=f.get("target_field", ""),
                transformation=f.get("transformation", ""),
                default_value=str(f.get("default") or ""), required=bool(f.get("required")),
                allowed_values=_text_list(f.get("allowed_values")),
                unique_key=bool(f.get("unique_key")), value_format=f.get("format") or "",
                max_length=f.get("max_length")))
        s.add(mapping)

    for t in data.get("test_cases", []):
        case = TestCase(key=next_key(s, "TC"), title=t["title"], case_type=t.get("type", "uat"),
                        priority=t.get("priority", "should"),
                        tester_role=t.get("tester_role", ""),
                        preconditions=t.get("preconditions", ""),
                        items=refs.many("item", t.get("items")))
        for pos, step in enumerate(t["steps"], start=1):
            case.steps.append(TestStep(position=pos, action=step["action"],
                                       expected=step.get("expected", ""),
                                       test_data=step.get("test_data", "")))
        s.add(case)
        refs.put("test case", t["ref"], case)

    for c in data.get("test_cycles", []):
        s.add(TestCycle(name=c["name"], planned_start=_date(c.get("planned_start")),
                        cases=refs.many("test case", c.get("cases")),
                        testers=refs.many("person", c.get("testers"))))

    # Approved versions are frozen as they stand once everything they refer to exists.
    s.flush()
    for pack in s.query(DesignPack).all():
        for version in pack.versions:
            if version.status in ("approved", "superseded"):
                version.snapshot = pack_content(s, pack, version)
