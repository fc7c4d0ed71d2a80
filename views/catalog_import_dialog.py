"""Preview of a process catalogue: how many nodes per level, how many are new, what is unusable.

The importer reports two kinds of rows: left out ("Row skipped: …") and imported with a
corrected number (a note). They are shown apart, so the rows that really need fixing stand out.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ImportProblem
from app.services.catalog import LEVEL_LABELS, CatalogPreview
from views.problem_table import problem_table, read_only_table

SKIPPED_PREFIX = "Row skipped:"


def split_problems(problems: Sequence[ImportProblem]
                   ) -> tuple[list[ImportProblem], list[ImportProblem]]:
    """(rows left out, rows imported with a note)."""
    skipped = [p for p in problems if p.reason.startswith(SKIPPED_PREFIX)]
    notes = [p for p in problems if not p.reason.startswith(SKIPPED_PREFIX)]
    return skipped, notes


class CatalogImportDialog(QDialog):
    """Shows a CatalogPreview; Apply adds the new nodes (existing ones are never duplicated)."""

    def __init__(self, preview: CatalogPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogImportDialog")
        self.setWindowTitle(self.tr("Import process catalogue — {file}").format(
            file=preview.file_name))
        self.preview = preview
        tr = self.tr
        heading = QLabel(tr("<b>{file}</b>").format(file=preview.file_name), self)
        if preview.new_nodes:
            text = tr("{new:,} new nodes will be added; {existing:,} are already in the "
                      "project.").format(new=preview.new_nodes, existing=preview.existing_nodes)
        else:
            text = tr("Nothing new: all {existing:,} nodes are already in the project.").format(
                existing=preview.existing_nodes)
        self.skipped, self.notes = split_problems(preview.problems)
        if preview.problems:
            skipped = (tr("1 row skipped") if len(self.skipped) == 1
                       else tr("{n:,} rows skipped").format(n=len(self.skipped)))
            text += " " + tr("{skipped}, {notes:,} imported with a note.").format(
                skipped=skipped, notes=len(self.notes))
        self.summary_label = QLabel(text, self)
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        self.levels_table = read_only_table(
            [tr("Level"), tr("Nodes in the file")],
            [(label.capitalize(), preview.counts_by_level.get(level, 0))
             for level, label in LEVEL_LABELS.items()], self, stretch=0)
        self.levels_table.setMaximumHeight(150)
        self.skipped_table = problem_table(self.skipped, self)
        self.notes_table = problem_table(self.notes, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.skipped_table,
                         tr("Skipped rows ({n:,})").format(n=len(self.skipped)))
        self.tabs.addTab(self.notes_table,
                         tr("Imported with a note ({n:,})").format(n=len(self.notes)))
        self.tabs.setTabToolTip(0, tr("Left out of the import: fix them in the file and "
                                      "import it again."))
        self.tabs.setTabToolTip(1, tr("Imported, with a corrected number or a warning."))
        if not self.skipped and self.notes:
            self.tabs.setCurrentWidget(self.notes_table)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.levels_table)
        layout.addWidget(self.tabs, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setEnabled(preview.new_nodes > 0)
        self.apply_button.setDefault(preview.new_nodes > 0)
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(820, 560)
