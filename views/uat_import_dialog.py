"""Preview of a filled-in UAT pack: what changes, which defects are raised, what is unusable."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.uat_import import UatImportOutcome, UatImportPreview
from views.problem_table import problem_table, read_only_table


class UatImportDialog(QDialog):
    """Shows a UatImportPreview; Apply is enabled only when there is something to apply."""

    def __init__(self, preview: UatImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("uatImportDialog")
        self.setWindowTitle(self.tr("Import UAT results — {file}").format(
            file=preview.file_name))
        self.preview = preview
        tr = self.tr

        heading = QLabel(tr("<b>{file}</b> — test cycle <b>{cycle}</b>").format(
            file=preview.file_name, cycle=preview.cycle_name), self)
        summary = QLabel(self.summary_text(), self)
        summary.setObjectName("summaryLabel")
        summary.setWordWrap(True)

        self.tabs = QTabWidget(self)
        self.changes_table = read_only_table(
            [tr("Case"), tr("Step"), tr("Old result"), tr("New result"), tr("Actual result"),
             tr("Tester")],
            [(c.case_key, c.step_number, c.old_result, f"→ {c.new_result}", c.actual_result,
              c.tester) for c in preview.changes], self, stretch=4)
        self.defects_table = read_only_table(
            [tr("Case"), tr("Step"), tr("Defect title")],
            [(d.case_key, d.step_number, d.title) for d in preview.defects_to_create], self)
        self.problems_table = problem_table(preview.problems, self)
        self.tabs.addTab(self.changes_table,
                         tr("Result changes ({n:,})").format(n=len(preview.changes)))
        self.tabs.addTab(self.defects_table,
                         tr("Defects to create ({n:,})").format(n=len(preview.defects_to_create)))
        self.tabs.addTab(self.problems_table,
                         tr("Unusable rows ({n:,})").format(n=len(preview.problems)))
        if not preview.changes and preview.problems:
            self.tabs.setCurrentWidget(self.problems_table)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setEnabled(preview.has_changes)
        self.apply_button.setDefault(preview.has_changes)
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 520)

    def summary_text(self) -> str:
        p = self.preview
        tr = self.tr
        parts = [
            tr("1 result to update") if len(p.changes) == 1
            else tr("{n:,} results to update").format(n=len(p.changes)),
            tr("1 defect to create") if len(p.defects_to_create) == 1
            else tr("{n:,} defects to create").format(n=len(p.defects_to_create)),
            tr("{n:,} unchanged").format(n=p.unchanged_count),
        ]
        if p.problems:
            parts.append(tr("1 unusable row") if len(p.problems) == 1
                         else tr("{n:,} unusable rows").format(n=len(p.problems)))
        text = ", ".join(parts) + "."
        for warning in p.warnings:
            text += "\n\n" + tr("Warning: {text}").format(text=warning)
        if not p.has_changes:
            text += " " + tr("Nothing to apply: the project already holds these results.")
        elif p.problems:
            text += " " + tr("Unusable rows are skipped; fix them in the file and import it "
                             "again later.")
        return text


def outcome_text(outcome: UatImportOutcome) -> str:
    """ "3 results updated, 1 defect created (DEF-0001 → REQ-0035)" """
    def t(text: str) -> str:
        return QCoreApplication.translate("UatImportDialog", text)

    n = outcome.results_changed
    text = t("1 result updated") if n == 1 else t("{n:,} results updated").format(n=n)
    defects = len(outcome.defect_keys)
    if defects:
        pairs = ", ".join(f"{d} → {s}" for d, s in zip(outcome.defect_keys,
                                                        outcome.support_item_keys, strict=False))
        created = (t("1 defect created") if defects == 1
                   else t("{n:,} defects created").format(n=defects))
        text += f", {created} ({pairs})"
    else:
        text += ", " + t("no defects created")
    return text
