"""Test cases with ordered steps, test cycles, results per step and defects."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Entity
from models.item import Item
from models.project import Person

RESULTS = ("pass", "fail", "blocked", "not_run")
SEVERITIES = ("critical", "high", "medium", "low")

test_case_item = Table(
    "test_case_item",
    Base.metadata,
    Column("case_id", ForeignKey("test_case.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", ForeignKey("item.id", ondelete="CASCADE"), primary_key=True),
)

test_cycle_case = Table(
    "test_cycle_case",
    Base.metadata,
    Column("cycle_id", ForeignKey("test_cycle.id", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("test_case.id", ondelete="CASCADE"), primary_key=True),
)

test_cycle_tester = Table(
    "test_cycle_tester",
    Base.metadata,
    Column("cycle_id", ForeignKey("test_cycle.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
)

defect_item = Table(
    "defect_item",
    Base.metadata,
    Column("defect_id", ForeignKey("defect.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", ForeignKey("item.id", ondelete="CASCADE"), primary_key=True),
)


class TestCase(Entity):
    """A test case (`TC-0007`) with ordered steps, covering one or more items."""

    __tablename__ = "test_case"
    __test__ = False  # not a pytest test class

    key: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    case_type: Mapped[str] = mapped_column(String(20), default="uat")
    priority: Mapped[str] = mapped_column(String(10), default="should")
    tester_role: Mapped[str] = mapped_column(String(100), default="")
    preconditions: Mapped[str] = mapped_column(Text, default="")

    steps: Mapped[list[TestStep]] = relationship(
        back_populates="case", order_by="TestStep.position", cascade="all, delete-orphan"
    )
    items: Mapped[list[Item]] = relationship(secondary=test_case_item, order_by="Item.key")


class TestStep(Entity):
    """One step of a test case; its UUID is the stable hidden ID in exported packs."""

    __tablename__ = "test_step"
    __test__ = False

    case_id: Mapped[int] = mapped_column(ForeignKey("test_case.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=1)
    action: Mapped[str] = mapped_column(Text, default="")
    expected: Mapped[str] = mapped_column(Text, default="")
    test_data: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[TestCase] = relationship(back_populates="steps")


class TestCycle(Entity):
    """A round of testing (UAT 1, UAT 2, regression) with its cases and testers."""

    __tablename__ = "test_cycle"
    __test__ = False

    name: Mapped[str] = mapped_column(String(200), unique=True)
    planned_start: Mapped[date | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="planned")

    cases: Mapped[list[TestCase]] = relationship(secondary=test_cycle_case, order_by="TestCase.key")
    testers: Mapped[list[Person]] = relationship(secondary=test_cycle_tester)


class TestResult(Entity):
    """The latest result of one step in one cycle, and the file row it came from."""

    __tablename__ = "test_result"
    __test__ = False
    __table_args__ = (UniqueConstraint("cycle_id", "step_id"),)

    cycle_id: Mapped[int] = mapped_column(ForeignKey("test_cycle.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(ForeignKey("test_case.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("test_step.id", ondelete="CASCADE"))
    result: Mapped[str] = mapped_column(String(10), default="not_run")
    tester: Mapped[str] = mapped_column(String(200), default="")
    executed_on: Mapped[date | None] = mapped_column()
    actual_result: Mapped[str] = mapped_column(Text, default="")
    comments: Mapped[str] = mapped_column(Text, default="")
    defect_ref: Mapped[str] = mapped_column(String(100), default="")
    source_file: Mapped[str] = mapped_column(String(300), default="")
    source_sheet: Mapped[str] = mapped_column(String(100), default="")
    source_row: Mapped[int | None] = mapped_column(Integer)
    source_hash: Mapped[str] = mapped_column(String(64), default="")

    case: Mapped[TestCase] = relationship()
    step: Mapped[TestStep] = relationship()
    cycle: Mapped[TestCycle] = relationship()


class Defect(Entity):
    """A defect raised from a failed step; it is tracked as a support-stage item."""

    __tablename__ = "defect"

    key: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(10), default="medium")
    status: Mapped[str] = mapped_column(String(20), default="open")
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("test_cycle.id", ondelete="SET NULL"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("test_case.id", ondelete="SET NULL"))
    step_id: Mapped[int | None] = mapped_column(ForeignKey("test_step.id", ondelete="SET NULL"))
    support_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("item.id", ondelete="SET NULL")
    )

    case: Mapped[TestCase | None] = relationship()
    step: Mapped[TestStep | None] = relationship()
    support_item: Mapped[Item | None] = relationship(foreign_keys=[support_item_id])
    items: Mapped[list[Item]] = relationship(secondary=defect_item, order_by="Item.key")


class UatImportRecord(Entity):
    """Every results file applied: which file (hash), when, and what it changed."""

    __tablename__ = "uat_import_record"

    file_name: Mapped[str] = mapped_column(String(300))
    file_hash: Mapped[str] = mapped_column(String(64), index=True)
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("test_cycle.id", ondelete="SET NULL"))
    imported_at: Mapped[datetime] = mapped_column()
    imported_by: Mapped[str] = mapped_column(String(200), default="")
    results_changed: Mapped[int] = mapped_column(Integer, default=0)
    defects_created: Mapped[int] = mapped_column(Integer, default=0)
