"""Loads a process catalogue (e.g. Microsoft's Business Process Catalog) as process areas.

Nodes are matched by catalogue ID, so loading the same catalogue again adds only what is new
and never duplicates a node a workshop already uses.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.database import ProjectDatabase
from app.errors import ImportProblem
from app.importers.process_catalog import CatalogReadResult, read_process_catalog
from models import ProcessArea

#: How the catalogue reader starts the reason of a row it left out.
SKIPPED_PREFIX = "Row skipped:"
LEVEL_LABELS = {"end_to_end": "end-to-end processes", "area": "process areas",
                "process": "processes", "scenario": "scenarios"}


@dataclass(frozen=True)
class CatalogPreview:
    """What loading the catalogue would add."""

    file_name: str
    counts_by_level: dict[str, int]
    new_nodes: int
    existing_nodes: int
    problems: tuple[ImportProblem, ...]
    parsed: CatalogReadResult

    @property
    def skipped(self) -> tuple[ImportProblem, ...]:
        """Rows left out (a duplicate ID, no usable name)."""
        return tuple(p for p in self.problems if p.reason.startswith(SKIPPED_PREFIX))

    @property
    def warnings(self) -> tuple[ImportProblem, ...]:
        """Rows loaded with a note (e.g. their number was corrected from the sequence ID)."""
        return tuple(p for p in self.problems if not p.reason.startswith(SKIPPED_PREFIX))

    def describe(self) -> str:
        """A one-line summary such as "15 end-to-end processes, 93 process areas, ..."."""
        parts = [f"{self.counts_by_level.get(level, 0):,} {label}"
                 for level, label in LEVEL_LABELS.items()]
        return ", ".join(parts)


class CatalogImportService:
    """Preview and apply a process catalogue to the project's process-area hierarchy."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    def preview(self, path: Path) -> CatalogPreview:
        parsed = read_process_catalog(path)
        with self.db.read() as s:
            known = set(s.execute(select(ProcessArea.catalog_id)
                                  .where(ProcessArea.catalog_id != "")).scalars())
        counts = Counter(n.level for n in parsed.nodes)
        new = sum(1 for n in parsed.nodes if n.catalog_id not in known)
        return CatalogPreview(parsed.file_name, dict(counts), new, len(parsed.nodes) - new,
                              parsed.problems, parsed)

    def apply(self, preview: CatalogPreview) -> int:
        """Add the catalogue's new nodes in one transaction; returns how many were added."""
        with self.db.write() as s:
            by_catalog_id = {a.catalog_id: a for a in s.execute(
                select(ProcessArea).where(ProcessArea.catalog_id != "")).scalars()}
            added = 0
            for position, node in enumerate(preview.parsed.nodes):
                if node.catalog_id in by_catalog_id:
                    continue
                area = ProcessArea(name=node.name, level=node.level, catalog_id=node.catalog_id,
                                   url=node.url, position=position,
                                   parent=by_catalog_id.get(node.parent_id or ""))
                s.add(area)
                by_catalog_id[node.catalog_id] = area
                added += 1
            return added

    def import_file(self, path: Path) -> tuple[CatalogPreview, int]:
        """Preview and apply in one call (the command line's path)."""
        preview = self.preview(path)
        return preview, self.apply(preview)
