"""Hands project data to the pure writers in exporters/ and records every file handed out."""
from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database import ProjectDatabase
from app.errors import ExportError, NotFoundError, ValidationError
from exporters.errors import ExporterError
from exporters.text_safety import safe_filename_part
from models import DesignPack, ExportRecord, MappingSet, Project, TestCycle

T = TypeVar("T")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_folder(out_dir: Path) -> None:
    if not out_dir.is_dir():
        raise ExportError(f"The folder '{out_dir}' does not exist. Choose an existing folder.")


class ExportService:
    """Exports design packs (Word), mapping workbooks, UAT packs and the fit-gap register."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    def export_design_pack(self, pack_id: int, out_dir: Path, version: str | None = None) -> Path:
        """Write a design pack version (latest by default) as .docx; returns the file."""
        _check_folder(out_dir)
        # Writers are imported when first used: python-docx and openpyxl slow the app's start.
        from app.services import export_data
        from exporters.design_pack_docx import write_design_pack_docx

        with self.db.read() as s:
            pack = s.get(DesignPack, pack_id)
            if pack is None:
                raise NotFoundError(f"Design pack #{pack_id} no longer exists.")
            doc = export_data.design_pack_doc(s, pack, version)
            target = out_dir / (f"{pack.key}_{safe_filename_part(pack.title)}"
                                f"_v{doc.version}.docx")
        return self._write("design-pack", doc.key, doc.version, target,
                           lambda: write_design_pack_docx(doc, target))

    def export_mapping_workbook(self, out_dir: Path, set_ids: list[int] | None = None) -> Path:
        """Write the mapping sets (all by default) as one workbook, a sheet per domain."""
        _check_folder(out_dir)
        from app.services import export_data
        from exporters.mapping_xlsx import write_mapping_workbook

        with self.db.read() as s:
            stmt = select(MappingSet).order_by(MappingSet.key)
            if set_ids is not None:
                stmt = stmt.where(MappingSet.id.in_(set_ids))
            sets = list(s.execute(stmt).scalars())
            if not sets:
                raise ValidationError("There is no mapping set to export yet.")
            book = export_data.mapping_workbook(s, sets)
            if len(sets) == 1:
                m = sets[0]
                name = f"{m.key}_{safe_filename_part(m.name)}_v{m.version}.xlsx"
                subject, version = m.key, m.version
            else:
                name = (f"Mapping-workbook_{safe_filename_part(self._project(s).name)}"
                        f"_{datetime.now(UTC):%Y-%m-%d}.xlsx")
                subject, version = ", ".join(m.key for m in sets), ""
        target = out_dir / name
        return self._write("mapping", subject, version, target,
                           lambda: write_mapping_workbook(book, target))

    def export_uat_pack(self, cycle_id: int, out_dir: Path) -> Path:
        """Write the UAT pack of a test cycle; each export is a new pack version."""
        _check_folder(out_dir)
        from app.services import export_data
        from exporters.uat_pack_xlsx import write_uat_pack

        with self.db.read() as s:
            cycle = s.get(TestCycle, cycle_id)
            if cycle is None:
                raise NotFoundError(f"Test cycle #{cycle_id} no longer exists.")
            if not cycle.cases:
                raise ValidationError(f"Cycle '{cycle.name}' has no test cases to export.")
            earlier = s.execute(select(func.count(ExportRecord.id)).where(
                ExportRecord.kind == "uat-pack", ExportRecord.subject_key == cycle.uuid
            )).scalar_one()
            version = str(earlier + 1)
            pack = export_data.uat_pack(s, cycle, pack_id=str(uuid.uuid4()), version=version,
                                        project_name=self._project(s).name)
            target = out_dir / f"UAT_{safe_filename_part(cycle.name)}_v{version}.xlsx"
            subject = cycle.uuid
        return self._write("uat-pack", subject, version, target,
                           lambda: write_uat_pack(pack, target))

    def export_fitgap_register(self, out_dir: Path) -> Path:
        """Write the fit-gap register (summary and one row per card)."""
        _check_folder(out_dir)
        from app.services import export_data
        from exporters.fitgap_xlsx import write_fitgap_register

        with self.db.read() as s:
            register = export_data.fitgap_register(s)
            target = out_dir / (f"Fit-gap-register_{safe_filename_part(self._project(s).name)}"
                                f"_{datetime.now(UTC):%Y-%m-%d}.xlsx")
        return self._write("fitgap", "", "", target,
                           lambda: write_fitgap_register(register, target))

    @staticmethod
    def _project(s: Session) -> Project:
        return s.execute(select(Project)).scalar_one()

    def _write(self, kind: str, subject: str, version: str, target: Path,
               writer: Callable[[], T]) -> Path:
        try:
            writer()
        except ExporterError as exc:
            raise ExportError(str(exc)) from exc
        except OSError as exc:
            raise ExportError(f"'{target.name}' could not be written ({exc.strerror}). The "
                              "previous file, if any, is unchanged.") from exc
        if not self.db.read_only:
            with self.db.write() as s:
                s.add(ExportRecord(kind=kind, subject_key=subject, version=version,
                                   file_name=target.name, sha256=_sha256(target),
                                   exported_by=self.db.actor))
        return target
