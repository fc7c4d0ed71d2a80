"""Turns ORM rows into the plain input dataclasses of the writers in exporters/."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.errors import NotFoundError
from app.services.design_content import CONTRACT_FIELDS, version_content
from app.services.lookups import process_area_paths
from app.services.uat_import import RESULT_LABELS
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
    Defect,
    DesignPack,
    DesignPackVersion,
    Item,
    MappingSet,
    Project,
    TestCase,
    TestCycle,
    TestResult,
    TestStep,
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
    """The Word export's input for one version; approved versions come from their snapshot."""
    chosen = _pick_version(pack, version)
    project = s.execute(select(Project)).scalar_one()
    content = version_content(s, pack, chosen)
    sections = content["sections"]
    return DesignPackDoc(
        key=pack.key, title=content["title"], version=chosen.label, status=chosen.status,
        approval_owner=content["approval_owner"], approved_at=_date_text(chosen.approved_at),
        project_name=project.name, client_name=project.client,
        erp_product=project.erp_product, change_summary=chosen.change_summary,
        generated_at=_now_text(),
        items=tuple(CoveredItem(key=i["key"], title=i["title"], process_area=i["process_area"],
                                classification=i["classification"],
                                desired_outcome=i["desired_outcome"])
                    for i in content["items"]),
        sections=tuple(DocSection(title, sections.get(key, "")) for key, title in PACK_SECTIONS),
        interface_contracts=tuple(
            ContractDoc(**{f: str(c[f]) for f in CONTRACT_FIELDS}, fields=tuple(
                ContractFieldDoc(
                    name=p["name"], data_type=p["data_type"],
                    length="" if p["length"] is None else str(p["length"]),
                    required=bool(p["required"]), validation_rule=p["validation_rule"],
                    example=p["example"], source_field=p["source_field"],
                    target_field=p["target_field"])
                for p in c["fields"]))
            for c in content["contracts"]),
        traceability=tuple(TraceRow(t["item_key"], t["item_title"], t["section"],
                                    tuple(t["test_keys"])) for t in content["traceability"]),
    )


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
    # A re-exported pack shows what was recorded so far, so a retest starts from it.
    results = {r.step_id: r for r in s.execute(
        select(TestResult).where(TestResult.cycle_id == cycle.id)).scalars()}
    defects = {d.step_id: d.key for d in s.execute(
        select(Defect).where(Defect.cycle_id == cycle.id)).scalars()}

    def step(st: TestStep) -> UatStep:
        recorded = results.get(st.id)
        base = UatStep(step_id=st.uuid, number=st.position, action=st.action,
                       expected=st.expected, test_data=st.test_data)
        if recorded is None:
            return base
        return replace(base, result=RESULT_LABELS[recorded.result],
                       actual_result=recorded.actual_result, tester_name=recorded.tester,
                       executed_on=recorded.executed_on,
                       defect=recorded.defect_ref or defects.get(st.id, ""),
                       comments=recorded.comments)

    return UatPack(
        pack_id=pack_id, project_name=project_name, cycle_name=cycle.name, cycle_id=cycle.uuid,
        version=version, exported_at=_now_text(),
        cases=tuple(UatCase(
            case_id=c.uuid, key=c.key, title=c.title, item_keys=tuple(i.key for i in c.items),
            preconditions=c.preconditions, tester=c.tester_role or testers,
            steps=tuple(step(st) for st in c.steps)) for c in cases))


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
