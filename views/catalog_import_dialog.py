"""Preview of a process catalogue: how many nodes per level, how many are new, what is unusable."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.services.catalog import LEVEL_LABELS, CatalogPreview
from views.problem_table import problem_table, read_only_table


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
            text = tr("{new} new nodes will be added; {existing} are already in the project."
                      ).format(new=preview.new_nodes, existing=preview.existing_nodes)
        else:
            text = tr("Nothing new: all {existing} nodes are already in the project.").format(
                existing=preview.existing_nodes)
        summary = QLabel(text, self)
        summary.setObjectName("summaryLabel")
        summary.setWordWrap(True)
        self.levels_table = read_only_table(
            [tr("Level"), tr("Nodes in the file")],
            [(label.capitalize(), preview.counts_by_level.get(level, 0))
             for level, label in LEVEL_LABELS.items()], self, stretch=0)
        self.levels_table.setMaximumHeight(150)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addWidget(self.levels_table)
        self.problems_table = problem_table(preview.problems, self)
        problems_label = QLabel(tr("Unusable rows ({n})").format(n=len(preview.problems)), self)
        problems_label.setObjectName("sectionTitle")
        layout.addWidget(problems_label)
        layout.addWidget(self.problems_table, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setEnabled(preview.new_nodes > 0)
        self.apply_button.setDefault(preview.new_nodes > 0)
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(700, 460)
