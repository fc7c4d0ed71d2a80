"""Turns ORM rows into the plain input dataclasses of the writers in exporters/."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.errors import NotFoundError
from app.services.lookups import process_area_paths
from exporters.design_pack_docx import (
    ContractDoc,
    ContractFieldDoc,
    CoveredItem,
    DesignPackDoc,
    DocSection,
    TraceRow,
)
from exporters.fitgap_xlsx import FitGapEntry, FitGapRegister
from exporters.mapping_xlsx import MappingRow, MappingSetSheet, MappingWorkbook
from exporters.uat_pack_xlsx import UatCase, UatPack, UatStep
from models import (
    Classification,
    DesignPack,
    DesignPackVersion,
    Item,
    MappingSet,
    Person,
    Project,
    TestCase,
    TestCycle,
)
from models.design import PACK_SECTIONS


def _now_text() -> str:
    return datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _date_text(value: datetime | None) -> str | None:
    return value.astimezone().strftime("%Y-%m-%d") if value else None


def _pick_version(pack: DesignPack, version: str | None) -> DesignPackVersion:
    if not pack.versions:
        raise NotFoundError(f"{pack.key} has no version to export.")
    if version is None:
        return pack.versions[-1]
    for v in pack.versions:
        if v.label == version:
            return v
    raise NotFoundError(f"{pack.key} has no version {version}; it has "
                        f"{', '.join(v.label for v in pack.versions)}.")


def design_pack_doc(s: Session, pack: DesignPack, version: str | None) -> DesignPackDoc:
    """The Word export's input for one version; approved versions use their frozen snapshot."""
    chosen = _pick_version(pack, version)
    project = s.execute(select(Project)).scalar_one()
    paths = {p.id: p.path for p in process_area_paths(s)}
    frozen = chosen.snapshot if chosen.status in ("approved", "superseded") else None
    sections_text = dict((frozen or {}).get("sections") or chosen.sections or {})
    items = list(pack.items)
    current = {c.item_id: c for c in s.execute(select(Classification).where(
        and_(Classification.item_id.in_([i.id for i in items]),
             Classification.is_current.is_(True)))).scalars()}
    frozen_items = {d["key"]: d for d in (frozen or {}).get("items", [])}

    covered = []
    for item in items:
        snap = frozen_items.get(item.key, {})
        cls = current.get(item.id)
        covered.append(CoveredItem(
            key=item.key, title=snap.get("title", item.title),
            process_area=paths.get(item.process_area_id or -1, ""),
            classification=(cls.fit_class + (" (design required)" if cls.design_required else "")
                            ) if cls else "unclassified",
            desired_outcome=snap.get("desired_outcome", item.desired_outcome)))
    sections = tuple(DocSection(title, sections_text.get(key, ""))
                     for key, title in PACK_SECTIONS)
    contracts = tuple(
        ContractDoc(
            key=c.key, title=c.title, version=c.version, source_system=c.source_system,
            target_system=c.target_system, direction=c.direction, trigger=c.trigger,
            frequency=c.frequency, transport=c.transport, response_format=c.response_format,
            error_handling=c.error_handling, retry_policy=c.retry_policy,
            idempotency_key=c.idempotency_key, duplicate_handling=c.duplicate_handling,
            late_messages=c.late_messages, partial_failures=c.partial_failures,
            fields=tuple(ContractFieldDoc(
                name=f.name, data_type=f.data_type,
                length=str(f.length) if f.length is not None else "", required=f.required,
                validation_rule=f.validation_rule, example=f.example,
                source_field=f.source_field, target_field=f.target_field) for f in c.fields))
        for c in pack.contracts)
    trace = []
    contract_items = {i.id for c in pack.contracts for i in c.items}
    for item in items:
        tests = s.execute(select(TestCase.key).join(TestCase.items).where(Item.id == item.id)
                          .order_by(TestCase.key)).scalars()
        section = ("Integration requirements" if item.id in contract_items
                   else "Configuration approach")
        trace.append(TraceRow(item.key, item.title, section, tuple(tests)))
    owner: Person | None = chosen.approval_owner or pack.approval_owner
    return DesignPackDoc(
        key=pack.key, title=(frozen or {}).get("title", pack.title), version=chosen.label,
        status=chosen.status, approval_owner=owner.name if owner else "",
        approved_at=_date_text(chosen.approved_at), project_name=project.name,
        client_name=project.client, erp_product=project.erp_product,
        change_summary=chosen.change_summary, generated_at=_now_text(),
        items=tuple(covered), sections=sections, interface_contracts=contracts,
        traceability=tuple(trace))


def mapping_workbook(s: Session, sets: Sequence[MappingSet]) -> MappingWorkbook:
    """The mapping workbook's input: one sheet per set (named after its domain)."""
    project = s.execute(select(Project)).scalar_one()
    return MappingWorkbook(
        project_name=project.name, generated_at=_now_text(),
        sets=tuple(MappingSetSheet(
            domain=m.domain.name, set_name=f"{m.key} {m.name}", version=m.version,
            status=m.status,
            rows=tuple(MappingRow(
                source_system=f.source_system, source_object=f.source_object,
                source_field=f.source_field, target_object=f.target_object,
                target_field=f.target_field, transformation=f.transformation,
                default_value=f.default_value, required=f.required,
                allowed_values=f.allowed_values, unique_key=f.unique_key,
                value_format=f.value_format, max_length=f.max_length, notes=f.notes)
                for f in m.fields)) for m in sets))


def uat_pack(s: Session, cycle: TestCycle, *, pack_id: str, version: str,
             project_name: str) -> UatPack:
    """The UAT pack's input: the cycle's cases and steps with their stable UUIDs."""
    testers = ", ".join(p.name for p in cycle.testers)
    cases: list[TestCase] = sorted(cycle.cases, key=lambda c: c.key)
    return UatPack(
        pack_id=pack_id, project_name=project_name, cycle_name=cycle.name, cycle_id=cycle.uuid,
        version=version, exported_at=_now_text(),
        cases=tuple(UatCase(
            case_id=c.uuid, key=c.key, title=c.title, item_keys=tuple(i.key for i in c.items),
            preconditions=c.preconditions, tester=c.tester_role or testers,
            steps=tuple(UatStep(step_id=st.uuid, number=st.position, action=st.action,
                                expected=st.expected, test_data=st.test_data)
                        for st in c.steps)) for c in cases))


def fitgap_register(s: Session) -> FitGapRegister:
    """The fit-gap register's input: one row per live card with its current decision."""
    project = s.execute(select(Project)).scalar_one()
    paths = {p.id: p.path for p in process_area_paths(s)}
    rows = s.execute(
        select(Item, Classification)
        .outerjoin(Classification, and_(Classification.item_id == Item.id,
                                        Classification.is_current.is_(True)))
        .where(Item.archived.is_(False)).order_by(Item.id)).all()
    return FitGapRegister(
        project_name=project.name, generated_at=_now_text(),
        entries=tuple(FitGapEntry(
            key=item.key, title=item.title,
            process_area=paths.get(item.process_area_id or -1, ""),
            classification=cls.fit_class if cls else "",
            design_required=bool(cls and cls.design_required),
            object_type=cls.object_type if cls else "",
            rationale=cls.rationale if cls else "", priority=item.priority, stage=item.stage,
            status=item.status, effort_band=cls.effort_band if cls else "",
            decided_by=(cls.decided_by.name if cls and cls.decided_by else
                        (cls.decided_by_name if cls else "")),
            decided_at=(_date_text(cls.decided_at) or "") if cls else "")
            for item, cls in rows))
