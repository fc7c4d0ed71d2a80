"""UAT results back in: preview what a filled-in pack would change, then apply it at once.

Preview and apply share one planning function, run again inside the apply transaction, so an
apply never acts on a stale preview. Applying the same file twice changes nothing the second
time: results equal to what is stored are skipped and a failed step gets one defect per cycle.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from app.database import ProjectDatabase
from app.errors import ImportProblem, SpreadsheetFormatError
from app.importers.uat_pack_reader import ParsedStepResult, ParsedUatPack, read_uat_pack
from app.keys import next_key
from app.services.items import item_key_prefix
from models import (
    Defect,
    ExportRecord,
    Item,
    TestCase,
    TestCycle,
    TestResult,
    TestStep,
    UatImportRecord,
    utc_now,
)
from models.testing import test_cycle_case

RESULT_LABELS = {"pass": "Pass", "fail": "Fail", "blocked": "Blocked", "not_run": "Not run"}


@dataclass(frozen=True)
class ResultChange:
    """One step result that the import would set."""

    case_key: str
    step_number: int
    old_result: str
    new_result: str
    actual_result: str
    tester: str


@dataclass(frozen=True)
class PlannedDefect:
    """A defect (and support item) the import would raise for a failed step."""

    case_key: str
    step_number: int
    title: str


@dataclass(frozen=True)
class UatImportPreview:
    """What applying the file would do; nothing has changed yet."""

    file_name: str
    cycle_name: str
    changes: tuple[ResultChange, ...]
    defects_to_create: tuple[PlannedDefect, ...]
    problems: tuple[ImportProblem, ...]
    unchanged_count: int
    parsed: ParsedUatPack
    #: sentences to read before applying (an older pack, a file imported before)
    warnings: tuple[str, ...] = ()

    @property
    def has_changes(self) -> bool:
        return bool(self.changes or self.defects_to_create)


@dataclass(frozen=True)
class UatImportOutcome:
    """What an applied import changed."""

    results_changed: int
    defect_keys: tuple[str, ...]
    support_item_keys: tuple[str, ...]


@dataclass(frozen=True)
class _PlannedRow:
    row: ParsedStepResult
    merged: tuple[str, str, str, date | None, str, str]
    step_id: int
    case_id: int
    case_key: str
    case_title: str
    step_number: int
    expected: str
    old_result: str
    changed: bool
    needs_defect: bool


def _result_tuple(r: TestResult | None) -> tuple[str, str, str, date | None, str, str]:
    if r is None:
        return ("not_run", "", "", None, "", "")
    return (r.result, r.actual_result, r.tester, r.executed_on, r.defect_ref, r.comments)


def _merged(current: TestResult | None, row: ParsedStepResult
            ) -> tuple[str, str, str, date | None, str, str]:
    """What the step's stored result becomes.

    A row with a result is the tester's whole record of the step and replaces what was
    stored (a retest that passes clears the old failure text). A row without a result changes
    nothing: testers fill in copies of one pack, and a copy's untouched rows — even with the
    Tester column typed all the way down — must not erase or re-attribute anyone's results.
    """
    if row.result == "not_run":
        return _result_tuple(current)
    return (row.result, row.actual_result, row.tester, row.executed_on, row.defect_ref,
            row.comments)


def _copy_row(result: TestResult, planned: _PlannedRow, parsed: ParsedUatPack) -> None:
    """Store the merged result, and which file, sheet and row it came from."""
    row = planned.row
    (result.result, result.actual_result, result.tester, result.executed_on,
     result.defect_ref, result.comments) = planned.merged
    result.source_file = parsed.file_name
    result.source_sheet = row.sheet
    result.source_row = row.row
    result.source_hash = parsed.sha256


def _defect_title(case_title: str, step_number: int, actual: str) -> str:
    detail = " ".join(actual.split())[:120] or "step failed"
    return f"{case_title} – step {step_number}: {detail}"


def _plan(s: Session, parsed: ParsedUatPack
          ) -> tuple[TestCycle, list[_PlannedRow], list[ImportProblem]]:
    cycle = s.execute(select(TestCycle).where(TestCycle.uuid == parsed.cycle_id)).scalar_one_or_none()
    if cycle is None:
        raise SpreadsheetFormatError(
            f"'{parsed.file_name}' is a pack for test cycle '{parsed.cycle_name}', which is not "
            "in this project. Open the project the pack was exported from."
        )
    # Load the cycle's steps (with their cases) in one query rather than by the file's IDs:
    # a 50,000-row pack would exceed SQLite's limit on bound parameters.
    steps = {st.uuid: st for st in s.execute(
        select(TestStep).join(TestStep.case).join(
            test_cycle_case, test_cycle_case.c.case_id == TestCase.id)
        .where(test_cycle_case.c.cycle_id == cycle.id)
        .options(contains_eager(TestStep.case))).scalars()}
    existing = {r.step_id: r for r in s.execute(
        select(TestResult).where(TestResult.cycle_id == cycle.id)).scalars()}
    with_defect = set(s.execute(select(Defect.step_id).where(Defect.cycle_id == cycle.id))
                      .scalars())
    problems = list(parsed.problems)
    planned: list[_PlannedRow] = []
    for row in parsed.rows:
        step = steps.get(row.step_id)
        if step is None:
            problems.append(ImportProblem(
                parsed.file_name, row.sheet, row.row, "Step ID",
                f"step {row.step_id[:8]}… is not part of cycle '{cycle.name}' in this project "
                "(it was deleted, or the row was copied from another pack)"))
            continue
        current = existing.get(step.id)
        if row.result == "not_run" and (row.actual_result or row.comments or row.defect_ref):
            problems.append(ImportProblem(
                parsed.file_name, row.sheet, row.row, "Result",
                "the row has notes but no result; choose Pass, Fail or Blocked so the notes "
                "can be imported"))
        merged = _merged(current, row)
        changed = merged != _result_tuple(current)
        planned.append(_PlannedRow(
            row, merged, step.id, step.case_id, step.case.key, step.case.title,
            step.position, step.expected, current.result if current else "not_run", changed,
            merged[0] == "fail" and row.result == "fail" and step.id not in with_defect))
    return cycle, planned, problems


def _stale_file_warnings(s: Session, cycle: TestCycle, parsed: ParsedUatPack,
                         changes: int) -> tuple[str, ...]:
    """Say when the file may set newer results back: it was applied before, or a newer pack
    of the cycle has been handed out since."""
    warnings = []
    earlier = s.execute(select(UatImportRecord).where(UatImportRecord.file_hash == parsed.sha256)
                        .order_by(UatImportRecord.imported_at)).scalars().first()
    if earlier is not None:
        warnings.append(
            f"'{parsed.file_name}' was already imported on "
            f"{earlier.imported_at.astimezone():%Y-%m-%d %H:%M}; applying it again sets "
            f"{changes:,} result(s) back to what this file says.")
    versions = [int(v) for v in s.execute(select(ExportRecord.version).where(
        ExportRecord.kind == "uat-pack", ExportRecord.subject_key == cycle.uuid)).scalars()
        if v.isdigit()]
    if parsed.version.isdigit() and versions and max(versions) > int(parsed.version):
        warnings.append(
            f"This is pack v{parsed.version} of '{cycle.name}'; v{max(versions)} was exported "
            "later. Results recorded since then may be overwritten — check the changes.")
    return tuple(warnings)


class UatImportService:
    """Reads filled-in UAT packs and applies their results, defects and support items."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    def preview(self, path: Path) -> UatImportPreview:
        """Read the file and say what would change (raises SpreadsheetFormatError if unusable)."""
        parsed = read_uat_pack(path)
        with self.db.read() as s:
            cycle, planned, problems = _plan(s, parsed)
            changes = tuple(
                ResultChange(p.case_key, p.step_number, RESULT_LABELS[p.old_result],
                             RESULT_LABELS[p.merged[0]], p.merged[1], p.merged[2])
                for p in planned if p.changed)
            defects = tuple(
                PlannedDefect(p.case_key, p.step_number,
                              _defect_title(p.case_title, p.step_number, p.row.actual_result))
                for p in planned if p.needs_defect)
            unchanged = sum(1 for p in planned if not p.changed)
            warnings = _stale_file_warnings(s, cycle, parsed, len(changes)) if changes else ()
            return UatImportPreview(parsed.file_name, cycle.name, changes, defects,
                                    tuple(problems), unchanged, parsed, warnings)

    def apply(self, preview: UatImportPreview) -> UatImportOutcome:
        """Apply the previewed file in one transaction (re-checked against current data)."""
        parsed = preview.parsed
        with self.db.write() as s:
            cycle, planned, _problems = _plan(s, parsed)
            if not any(p.changed or p.needs_defect for p in planned):
                return UatImportOutcome(0, (), ())
            existing = {r.step_id: r for r in s.execute(
                select(TestResult).where(TestResult.cycle_id == cycle.id)).scalars()}
            prefix = item_key_prefix(s)
            defect_keys: list[str] = []
            support_keys: list[str] = []
            # One flush at the end: autoflushing before every key lookup would re-scan
            # thousands of pending results for each defect.
            with s.no_autoflush:
                for p in planned:
                    if p.changed:
                        result = existing.get(p.step_id)
                        if result is None:
                            result = TestResult(cycle_id=cycle.id, case_id=p.case_id,
                                                step_id=p.step_id)
                            s.add(result)
                        _copy_row(result, p, parsed)
                    if p.needs_defect:
                        defect, support = self._raise_defect(s, cycle, p, prefix)
                        defect_keys.append(defect.key)
                        support_keys.append(support.key)
                changed = sum(1 for p in planned if p.changed)
                s.add(UatImportRecord(file_name=parsed.file_name, file_hash=parsed.sha256,
                                      cycle_id=cycle.id, imported_at=utc_now(),
                                      imported_by=self.db.actor, results_changed=changed,
                                      defects_created=len(defect_keys)))
            return UatImportOutcome(changed, tuple(defect_keys), tuple(support_keys))

    @staticmethod
    def _raise_defect(s: Session, cycle: TestCycle, p: _PlannedRow,
                      prefix: str) -> tuple[Defect, Item]:
        step = s.get(TestStep, p.step_id)
        assert step is not None
        case = step.case
        title = _defect_title(case.title, step.position, p.row.actual_result)
        source_items = list(case.items)
        description = (f"Found in {cycle.name}, {case.key} step {step.position}.\n"
                       f"Action: {step.action}\nExpected: {step.expected}\n"
                       f"Actual: {p.row.actual_result}\nTester: {p.row.tester}\n"
                       f"Comments: {p.row.comments}")
        support = Item(
            key=next_key(s, prefix), title=f"Defect: {title}",
            desired_outcome=step.expected, rationale=description, stage="support",
            status="draft", source="test", priority="should",
            process_area_id=source_items[0].process_area_id if source_items else None,
            tags="defect, uat",
        )
        s.add(support)
        defect = Defect(key=next_key(s, "DEF"), title=title, description=description,
                        severity="medium", status="open", cycle_id=cycle.id, case_id=case.id,
                        step_id=step.id, support_item=support, items=source_items)
        s.add(defect)
        return defect, support
