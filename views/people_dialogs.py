"""Edit › People… and Edit › Master-data domains…: the short lists a new project is set up with.

Adding is not undoable: the services can add a person or a domain but not remove one (cards,
decisions and mapping sets may already point at it), so the dialogs say that an entry stays.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.lookups import PersonRef
from views.project_context import Changes, ProjectContext


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeopleDialogs", text)


class _AddForm(QDialog):
    """A small "add" form: a required name first, more rows after it; Enter adds."""

    def __init__(self, parent: QWidget | None, object_name: str, title: str, name: str,
                 name_hint: str) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setPlaceholderText(name_hint)
        self.form = QFormLayout()
        self.form.addRow(self.tr("&Name"), self.name_edit)

    def finish(self) -> None:
        """Add the buttons below the rows the subclass added to `self.form`."""
        self.buttons = _ok_cancel(self, self.tr("Add"))
        self.name_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(420, self.sizeHint().height())

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.name_edit.text().strip()))


class PersonForm(_AddForm):
    """Name, role and organisation of one new person; Enter adds."""

    def __init__(self, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent, "personForm", _tr("Add person"), name,
                         _tr("Full name, as deliverables show it"))
        self.role_edit = QLineEdit(self)
        self.role_edit.setPlaceholderText(self.tr("e.g. Business process owner"))
        self.organisation_edit = QLineEdit(self)
        self.organisation_edit.setPlaceholderText(self.tr("e.g. Client, SI"))
        self.form.addRow(self.tr("&Role"), self.role_edit)
        self.form.addRow(self.tr("&Organisation"), self.organisation_edit)
        self.finish()

    def values(self) -> tuple[str, str, str]:
        return (self.name_edit.text().strip(), self.role_edit.text().strip(),
                self.organisation_edit.text().strip())


class DomainForm(_AddForm):
    """Name, owner and approver of one new master-data domain; Enter adds."""

    def __init__(self, people: Sequence[PersonRef], parent: QWidget | None = None) -> None:
        super().__init__(parent, "domainForm", _tr("Add master-data domain"), "",
                         _tr("e.g. Customers, Released products"))
        self.owner_combo = _person_combo(people, self)
        self.approver_combo = _person_combo(people, self)
        self.form.addRow(self.tr("&Owner"), self.owner_combo)
        self.form.addRow(self.tr("&Approver"), self.approver_combo)
        self.finish()

    def values(self) -> tuple[str, int | None, int | None]:
        return (self.name_edit.text().strip(), self.owner_combo.currentData(),
                self.approver_combo.currentData())


def _ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _person_combo(people: Sequence[PersonRef], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(parent.tr("(nobody)"), None)
    for person in people:
        combo.addItem(person.name, person.id)
    return combo


def add_person(ctx: ProjectContext, parent: QWidget | None, name: str = "") -> int | None:
    """Ask for a person and add them; the new id, or None when cancelled or refused."""
    services = ctx.services
    if services is None or not ctx.editable:
        return None
    form = PersonForm(parent, name)
    try:
        if form.exec() != QDialog.DialogCode.Accepted:
            return None
        name, role, organisation = form.values()
    finally:
        form.deleteLater()
    try:
        person_id = services.lookups.add_person(name, role, organisation)
    except AppError as exc:
        ctx.report(exc)
        return None
    ctx.notify(Changes(lookups=True))  # every person picker offers them at once
    return person_id


def add_domain(ctx: ProjectContext, parent: QWidget | None) -> int | None:
    """Ask for a master-data domain and add it; the new id, or None."""
    services = ctx.services
    if services is None or not ctx.editable:
        return None
    form = DomainForm(services.lookups.people(), parent)
    try:
        if form.exec() != QDialog.DialogCode.Accepted:
            return None
        name, owner_id, approver_id = form.values()
    finally:
        form.deleteLater()
    try:
        domain_id = services.mapping.add_domain(name, owner_id, approver_id)
    except AppError as exc:
        ctx.report(exc)
        return None
    ctx.notify(Changes(lookups=True))
    return domain_id


class _ListDialog(QDialog):
    """A short list with "Add…" as the default button, so Enter adds the next entry."""

    def __init__(self, ctx: ProjectContext, title: str, headers: Sequence[str],
                 add_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("summaryLabel")
        self.add_button = QPushButton(add_text, self)
        self.add_button.setObjectName("primaryButton")
        self.add_button.setDefault(True)
        self.add_button.setAutoDefault(True)
        self.add_button.setEnabled(ctx.editable)
        self.add_button.clicked.connect(self.add)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        note = QLabel(self.tr("Entries cannot be removed once added: cards and decisions may "
                              "already refer to them."), self)
        note.setObjectName("hintLabel")
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.resize(620, 420)
        self.refill()
        self.add_button.setFocus()

    def rows(self) -> list[tuple[int, list[str]]]:
        raise NotImplementedError

    def add_entry(self) -> int | None:
        raise NotImplementedError

    def count_text(self, n: int) -> str:
        raise NotImplementedError

    def refill(self, select: int | None = None) -> None:
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for r, (entry_id, cells) in enumerate(rows):
            first: QTableWidgetItem | None = None
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, entry_id)
                self.table.setItem(r, c, item)
                first = first or item
            if entry_id == select and first is not None:
                self.table.selectRow(r)
                self.table.scrollToItem(first)
        self.count_label.setText(self.count_text(len(rows)))

    def add(self) -> int | None:
        new_id = self.add_entry()
        if new_id is not None:
            self.refill(select=new_id)
        self.add_button.setFocus()
        return new_id


class PeopleDialog(_ListDialog):
    """Edit › People…: everyone who requests, owns or decides."""

    def __init__(self, ctx: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _tr("People"), [_tr("Name"), _tr("Role"), _tr("Organisation")],
                         _tr("&Add person…"), parent)
        self.setObjectName("peopleDialog")

    def rows(self) -> list[tuple[int, list[str]]]:
        services = self.ctx.services
        people = services.lookups.people() if services is not None else []
        return [(p.id, [p.name, p.role, p.organisation]) for p in people]

    def add_entry(self) -> int | None:
        return add_person(self.ctx, self)

    def count_text(self, n: int) -> str:
        return self.tr("1 person") if n == 1 else self.tr("{n:,} people").format(n=n)


class DomainsDialog(_ListDialog):
    """Edit › Master-data domains…: what cards tick under "Master data"."""

    def __init__(self, ctx: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _tr("Master-data domains"),
                         [_tr("Name"), _tr("Data owner"), _tr("Approver")],
                         _tr("&Add domain…"), parent)
        self.setObjectName("domainsDialog")

    def rows(self) -> list[tuple[int, list[str]]]:
        services = self.ctx.services
        domains = services.lookups.domains() if services is not None else []
        return [(d.id, [d.name, d.owner, d.approver]) for d in domains]

    def add_entry(self) -> int | None:
        return add_domain(self.ctx, self)

    def count_text(self, n: int) -> str:
        return self.tr("1 domain") if n == 1 else self.tr("{n:,} domains").format(n=n)
