"""An open project and every service over it: what `main.py` builds and views are given."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.database import ProjectDatabase
from app.services.catalog import CatalogImportService
from app.services.checks import CheckService
from app.services.classification import ClassificationService
from app.services.dependencies import DependencyService
from app.services.designs import DesignService
from app.services.exports import ExportService
from app.services.items import ItemService
from app.services.lookups import LookupService
from app.services.mapping import MappingService
from app.services.testing import TestingService
from app.services.uat_import import UatImportService
from models import Classification, Item, Project


@dataclass(frozen=True)
class ProjectSummary:
    """What the status bar and the window title show."""

    name: str
    client: str
    path: Path
    read_only: bool
    item_count: int
    classified_count: int


class ProjectServices:
    """The services of one open project file, sharing its database."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db
        self.items = ItemService(db)
        self.lookups = LookupService(db)
        self.classification = ClassificationService(db)
        self.dependencies = DependencyService(db)
        self.designs = DesignService(db)
        self.mapping = MappingService(db)
        self.testing = TestingService(db)
        self.exports = ExportService(db)
        self.uat_import = UatImportService(db)
        self.catalog = CatalogImportService(db)
        self.checks = CheckService(db)

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False,
             actor: str | None = None) -> ProjectServices:
        """Open an existing project file (see ProjectDatabase.open for what is refused).

        `actor` is the name written to the audit trail and used for "decided by me";
        it defaults to the operating-system user.
        """
        return cls(ProjectDatabase.open(path, read_only=read_only, actor=actor))

    @classmethod
    def create(cls, path: Path, *, name: str, client: str = "", erp_product: str = "",
               overwrite: bool = False, actor: str | None = None) -> ProjectServices:
        """Create a new, empty project file and open it."""
        return cls(ProjectDatabase.create(path, name=name, client=client,
                                          erp_product=erp_product, overwrite=overwrite,
                                          actor=actor))

    def save_as(self, target: Path) -> ProjectServices:
        """Copy to `target` and continue there; this instance is closed."""
        return ProjectServices(self.db.save_as(target))

    def close(self) -> None:
        self.db.close()

    def summary(self) -> ProjectSummary:
        with self.db.read() as s:
            project = s.execute(select(Project)).scalar_one()
            items = s.execute(select(func.count(Item.id))
                              .where(Item.archived.is_(False))).scalar_one()
            classified = s.execute(
                select(func.count(Classification.id)).join(Item)
                .where(Classification.is_current.is_(True), Item.archived.is_(False))
            ).scalar_one()
            return ProjectSummary(project.name, project.client, self.db.path,
                                  self.db.read_only, items, classified)
