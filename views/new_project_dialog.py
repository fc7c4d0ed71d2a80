"""File › New: name, client, ERP product and where the project file goes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PROJECT_SUFFIX = ".erpp"
ERP_PRODUCTS = (
    "Microsoft Dynamics 365 Finance & Operations",
    "Microsoft Dynamics 365 Business Central",
    "SAP S/4HANA",
    "Oracle Fusion Cloud ERP",
    "Oracle NetSuite",
    "Infor CloudSuite",
    "Odoo",
)


@dataclass(frozen=True)
class NewProjectRequest:
    name: str
    client: str
    erp_product: str
    path: Path


def file_name_for(name: str) -> str:
    """A safe file name from a project name ("ACME / O2C" -> "ACME O2C.erpp")."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", name).strip(" .")
    cleaned = re.sub(r"\s+", " ", cleaned)
    return (cleaned or "Project") + PROJECT_SUFFIX


class NewProjectDialog(QDialog):
    """Collects what a new project needs; creating the file is the caller's job."""

    def __init__(self, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New project"))
        self.setObjectName("newProjectDialog")
        self._folder = Path(folder)
        self._path_edited = False

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("e.g. Contoso finance transformation"))
        self.client_edit = QLineEdit(self)
        self.client_edit.setPlaceholderText(self.tr("Client organisation"))
        self.product_combo = QComboBox(self)
        self.product_combo.setEditable(True)
        self.product_combo.addItems(ERP_PRODUCTS)
        self.product_combo.setCurrentIndex(0)
        self.path_edit = QLineEdit(self)
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Project &name"), self.name_edit)
        form.addRow(self.tr("&Client"), self.client_edit)
        form.addRow(self.tr("&ERP product"), self.product_combo)
        form.addRow(self.tr("&File"), path_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Every change is saved to this file as you make it."), self)
        hint.setObjectName("hintLabel")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

        self.name_edit.textChanged.connect(self._name_changed)
        self.path_edit.textEdited.connect(self._path_typed)
        self._name_changed("")

    def _name_changed(self, name: str) -> None:
        if not self._path_edited:
            self.path_edit.setText(str(self._folder / file_name_for(name)))

    def _path_typed(self, _text: str) -> None:
        self._path_edited = True

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("New project file"), self.path_edit.text(),
            self.tr("ERP Pipeline Studio projects (*.erpp)"))
        if name:
            self.path_edit.setText(str(self.with_suffix(Path(name))))
            self._path_edited = True

    @staticmethod
    def with_suffix(path: Path) -> Path:
        return path if path.suffix.lower() == PROJECT_SUFFIX else path.with_name(
            path.name + PROJECT_SUFFIX)

    def request(self) -> NewProjectRequest:
        return NewProjectRequest(
            name=self.name_edit.text().strip(),
            client=self.client_edit.text().strip(),
            erp_product=self.product_combo.currentText().strip(),
            path=self.with_suffix(Path(self.path_edit.text().strip()).expanduser()),
        )

    def accept(self) -> None:
        request = self.request()
        if not request.name:
            self.error_label.setText(self.tr("Give the project a name."))
            self.name_edit.setFocus()
            return
        if not self.path_edit.text().strip():
            self.error_label.setText(self.tr("Choose where to save the project file."))
            return
        if request.path.exists():
            self.error_label.setText(self.tr(
                "'{name}' already exists. Choose another file name, or open it with File › "
                "Open.").format(name=request.path.name))
            return
        if not request.path.parent.is_dir():
            self.error_label.setText(self.tr("The folder '{folder}' does not exist.").format(
                folder=request.path.parent))
            return
        super().accept()
