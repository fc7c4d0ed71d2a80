"""The ORM: one module per aggregate. Importing this package registers every table."""
from __future__ import annotations

from models.audit import AuditEvent, ExportRecord
from models.base import Base, Entity, utc_now
from models.design import DesignPack, DesignPackVersion, InterfaceContract, InterfaceField
from models.item import Classification, Dependency, Item
from models.mapping import FieldMapping, MappingSet
from models.project import KeySequence, MasterDataDomain, Person, ProcessArea, Project, Workshop
from models.testing import (
    Defect,
    TestCase,
    TestCycle,
    TestResult,
    TestStep,
    UatImportRecord,
)

__all__ = [
    "AuditEvent", "Base", "Classification", "Defect", "Dependency", "DesignPack",
    "DesignPackVersion", "Entity", "ExportRecord", "FieldMapping", "InterfaceContract",
    "InterfaceField", "Item", "KeySequence", "MappingSet", "MasterDataDomain", "Person",
    "ProcessArea", "Project", "TestCase", "TestCycle", "TestResult", "TestStep",
    "UatImportRecord", "Workshop", "utc_now",
]
