"""Test cases with steps, linked to the cards they verify, and test cycles."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.database import ProjectDatabase
from app.errors import DuplicateKeyError, ValidationError
from app.keys import next_key
from models import Item, Person, TestCase, TestCycle, TestStep


@dataclass(frozen=True)
class StepInput:
    """One step of a test case."""

    action: str
    expected: str = ""
    test_data: str = ""


@dataclass(frozen=True)
class CycleSummary:
    """A test cycle as lists show it."""

    id: int
    name: str
    case_count: int
    step_count: int



class TestingService:
    """Write test cases and plan cycles."""

    __test__ = False  # not a pytest class

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    def create_case(self, title: str, steps: list[StepInput], *, item_ids: Sequence[int] = (),
                    case_type: str = "uat", priority: str = "should", tester_role: str = "",
                    preconditions: str = "") -> int:
        """A new test case (`TC-0001`) with ordered steps; returns its id."""
        if not title.strip():
            raise ValidationError("A test case needs a title.")
        if not steps:
            raise ValidationError(f"'{title}' needs at least one step.")
        with self.db.write() as s:
            case = TestCase(key=next_key(s, "TC"), title=title.strip(), case_type=case_type,
                            priority=priority, tester_role=tester_role,
                            preconditions=preconditions)
            case.items = list(s.execute(select(Item).where(Item.id.in_(list(item_ids))))
                              .scalars())
            for pos, step in enumerate(steps, start=1):
                case.steps.append(TestStep(position=pos, action=step.action,
                                           expected=step.expected, test_data=step.test_data))
            s.add(case)
            s.flush()
            return case.id

    def create_cycle(self, name: str, case_ids: Sequence[int], tester_ids: Sequence[int] = (),
                     planned_start: date | None = None) -> int:
        """A test cycle with its cases and testers; names are unique."""
        if not name.strip():
            raise ValidationError("A test cycle needs a name.")
        with self.db.write() as s:
            if s.execute(select(TestCycle.id).where(TestCycle.name == name.strip())).first():
                raise DuplicateKeyError(f"A test cycle named '{name}' already exists.")
            cycle = TestCycle(name=name.strip(), planned_start=planned_start)
            cycle.cases = list(s.execute(select(TestCase).where(TestCase.id.in_(list(case_ids))))
                               .scalars())
            cycle.testers = list(s.execute(select(Person).where(Person.id.in_(list(tester_ids))))
                                 .scalars())
            s.add(cycle)
            s.flush()
            return cycle.id

    def list_cycles(self) -> list[CycleSummary]:
        with self.db.read() as s:
            out = []
            for cycle in s.execute(select(TestCycle).order_by(TestCycle.id)).scalars():
                case_ids = [c.id for c in cycle.cases]
                steps = s.execute(select(func.count(TestStep.id))
                                  .where(TestStep.case_id.in_(case_ids))).scalar_one()
                out.append(CycleSummary(cycle.id, cycle.name, len(case_ids), steps))
            return out


