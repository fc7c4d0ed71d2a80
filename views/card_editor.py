"""The card editor: every field of the selected card, its fit-gap decision and its links.

Fields commit themselves (see card_fields.py) through UndoableEdits, so every change is one undo
step and is on disk when the field loses focus.
"""
from __future__ import annotations

import html
import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.classification import ClassificationInput
from app.services.items import CHOICE_FIELDS, DefectOrigin, ItemCard
from views.card_fields import (
    ComboBinding,
    FieldBinding,
    LineBinding,
    MasterDataBinding,
    PlainTextBinding,
    ProcessAreaBinding,
)
from views.classification_panel import ClassificationPanel
from views.dependencies_panel import DependenciesPanel
from views.dependency_dialog import AddDependencyDialog
from views.people_dialogs import add_person
from views.project_context import Changes, ProjectContext
from views.undo_commands import UndoableEdits

DETAILS_TAB, FITGAP_TAB, LINKS_TAB = range(3)


def narrow(combo: QComboBox, characters: int = 8) -> None:
    """Let a combo shrink below its longest entry (long names must not widen the window)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)


class CardEditor(QWidget):
    """Edits one card at a time; `show_item(None)` shows a hint instead."""

    #: another card was asked for (a dependency was double-clicked)
    item_requested = Signal(int)
    #: typing started in a field (not committed yet: Undo should be available)
    pending_edit = Signal()

    def __init__(self, ctx: ProjectContext, edits: UndoableEdits,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardEditor")
        self.ctx = ctx
        self.edits = edits
        self._card: ItemCard | None = None
        self._bindings: list[FieldBinding] = []

        self.stack = QStackedWidget(self)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self._build_editor())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        ctx.project_changed.connect(self._project_changed)
        ctx.changed.connect(self._on_changed)
        self._project_changed()

    # -- building ------------------------------------------------------------------------
    def _bind(self, binding: FieldBinding) -> FieldBinding:
        binding.commit.connect(self._commit)
        binding.edited.connect(self.pending_edit)
        self._bindings.append(binding)
        return binding

    def _line(self, field: str, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        self._bind(LineBinding(field, label, edit))
        return edit

    def _text(self, field: str, label: str, placeholder: str = "",
              height: int = 64) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        edit.setMinimumHeight(height)
        self._bind(PlainTextBinding(field, label, edit))
        return edit

    def _combo(self, field: str, label: str) -> tuple[QComboBox, ComboBinding]:
        combo = QComboBox(self)
        combo.setAccessibleName(label)
        narrow(combo)
        binding = ComboBinding(field, label, combo)
        self._bind(binding)
        return combo, binding

    def _build_editor(self) -> QWidget:
        page = QWidget(self)
        tr = self.tr
        self.key_label = QLabel(page)
        self.key_label.setObjectName("cardKey")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel(page)
        self.meta_label.setObjectName("cardMeta")
        # Support cards born from UAT defects say where they came from; links open the cards.
        self.origin_label = QLabel(page)
        self.origin_label.setObjectName("cardOrigin")
        self.origin_label.setWordWrap(True)
        self.origin_label.setTextFormat(Qt.TextFormat.RichText)
        self.origin_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction)
        self.origin_label.linkActivated.connect(self._origin_link)
        self.origin_label.hide()
        self.read_only_label = QLabel(self.tr(
            "Read-only: this project was opened without editing. Reopen it normally to make "
            "changes."), page)
        self.read_only_label.setObjectName("readOnlyBanner")
        self.read_only_label.setWordWrap(True)
        self.read_only_label.hide()
        self.title_edit = self._line("title", tr("Title"), tr("What is asked for, in a line"))
        self.title_edit.setObjectName("titleEdit")

        self.stage_combo, stage = self._combo("stage", tr("Stage"))
        self.status_combo, status = self._combo("status", tr("Status"))
        self.priority_combo, priority = self._combo("priority", tr("Priority"))
        self.source_combo, source = self._combo("source", tr("Source"))
        for binding, field in ((stage, "stage"), (status, "status"), (priority, "priority"),
                               (source, "source")):
            binding.set_options([(v.capitalize(), v) for v in CHOICE_FIELDS[field]])
        self.owner_combo, self._owner = self._combo("owner_id", tr("Owner"))
        self.requester_combo, self._requester = self._combo("requester_id", tr("Requester"))
        self.workshop_combo, self._workshop = self._combo("workshop_id", tr("Workshop"))
        for binding in (self._owner, self._requester):
            binding.set_add_entry(tr("Add person…"), self._add_person)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        pairs = ((tr("&Stage"), self.stage_combo), (tr("S&tatus"), self.status_combo),
                 (tr("&Priority"), self.priority_combo), (tr("O&wner"), self.owner_combo),
                 (tr("Re&quester"), self.requester_combo), (tr("Sou&rce"), self.source_combo))
        for n, (text, widget) in enumerate(pairs):
            label = QLabel(text, page)
            label.setBuddy(widget)
            grid.addWidget(label, n // 2, (n % 2) * 2)
            grid.addWidget(widget, n // 2, (n % 2) * 2 + 1)
        workshop_label = QLabel(tr("Wor&kshop"), page)
        workshop_label.setBuddy(self.workshop_combo)
        grid.addWidget(workshop_label, 3, 0)
        grid.addWidget(self.workshop_combo, 3, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.tabs = QTabWidget(page)
        self.tabs.setObjectName("editorTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_details(), tr("Details"))
        self.classification_panel = ClassificationPanel(page)
        self.classification_panel.record_requested.connect(self._record_decision)
        self.classification_panel.person_adder = self._add_person
        self.tabs.addTab(self._scrolling(self.classification_panel), tr("Fit-gap"))
        self.dependencies_panel = DependenciesPanel(page)
        self.dependencies_panel.add_requested.connect(self.add_dependency)
        self.dependencies_panel.remove_requested.connect(self._remove_dependency)
        self.dependencies_panel.item_requested.connect(self.item_requested)
        self.tabs.addTab(self.dependencies_panel, tr("Dependencies"))

        header = QVBoxLayout()
        header.setContentsMargins(12, 10, 12, 6)
        header.setSpacing(6)
        header.addWidget(self.read_only_label)
        header.addWidget(self.key_label)
        header.addWidget(self.origin_label)
        header.addWidget(self.title_edit)
        header.addWidget(self.meta_label)
        header.addLayout(grid)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

        chain = [self.title_edit, self.stage_combo, self.status_combo, self.priority_combo,
                 self.owner_combo, self.requester_combo, self.source_combo, self.workshop_combo,
                 self.tabs]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        return page

    def _build_details(self) -> QWidget:
        tr = self.tr
        self.area_combo = QComboBox(self)
        self.area_combo.setAccessibleName(tr("Process area"))
        narrow(self.area_combo)
        self._area = ProcessAreaBinding("process_area_id", tr("Process area"), self.area_combo)
        self._bind(self._area)
        self.outcome_edit = self._text("desired_outcome", tr("Desired outcome"),
                                       tr("What the business wants to be able to do"), 92)
        self.rationale_edit = self._text("rationale", tr("Rationale"),
                                         tr("Why it matters: the business reason"), 92)
        self.constraints_edit = self._text("key_constraints", tr("Key constraints"),
                                           tr("Volumes, deadlines, legal rules…"), 72)
        self.source_system_edit = self._line("source_system", tr("Source system"),
                                             tr("Where this happens today"))
        self.master_data_list = QListWidget(self)
        self.master_data_list.setAccessibleName(tr("Affected master data"))
        self.master_data_list.setMaximumHeight(96)
        self._master_data = MasterDataBinding("master_data", tr("Affected master data"),
                                              self.master_data_list)
        self._bind(self._master_data)
        self.blocked_edit = self._line("blocked_reason", tr("Blocked reason"),
                                       tr("Empty unless something blocks this card"))
        self.tags_edit = self._line("tags", tr("Tags"), tr("Comma-separated"))

        form_page = QWidget(self)
        form = QFormLayout(form_page)
        form.setContentsMargins(12, 10, 12, 10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Process &area"), self.area_combo)
        form.addRow(tr("Desired &outcome"), self.outcome_edit)
        form.addRow(tr("Rationa&le"), self.rationale_edit)
        form.addRow(tr("Key co&nstraints"), self.constraints_edit)
        form.addRow(tr("Source s&ystem"), self.source_system_edit)
        form.addRow(tr("&Master data"), self.master_data_list)
        form.addRow(tr("&Blocked reason"), self.blocked_edit)
        form.addRow(tr("Ta&gs"), self.tags_edit)
        return self._scrolling(form_page)

    def _scrolling(self, content: QWidget) -> QScrollArea:
        """Tab pages scroll, so the editor fits a laptop screen whatever the card holds."""
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        return scroll

    # -- project and lookups -------------------------------------------------------------
    def _project_changed(self) -> None:
        self._card = None
        self._fill_lookups()
        self.set_editable(self.ctx.editable)
        self.show_item(None)

    def _fill_lookups(self) -> None:
        services = self.ctx.services
        if services is None:
            return
        lookups = services.lookups
        people = lookups.people()
        workshops = lookups.workshops()
        person_options: list[tuple[str, Any]] = [(self.tr("(nobody)"), None)]
        person_options += [(p.name, p.id) for p in people]
        self._owner.set_options(person_options)
        self._requester.set_options(person_options)
        self._workshop.set_options([(self.tr("(no workshop)"), None)]
                                   + [(w.title, w.id) for w in workshops])
        self._area.set_options([(a.path, a.id) for a in lookups.process_areas()])
        self._master_data.set_options([(d.name, d.id) for d in lookups.domains()])
        self.classification_panel.set_lookups(people, workshops)

    def _on_changed(self, changes: Changes) -> None:
        if changes.lookups:
            self._fill_lookups()
        card = self._card
        if card is not None and (card.id in changes.items or changes.dependencies
                                 or changes.membership):
            self._reload()

    # -- showing a card ------------------------------------------------------------------
    @property
    def card(self) -> ItemCard | None:
        return self._card

    def show_item(self, item_id: int | None) -> None:
        """Show a card (committing any pending edit of the previous one first)."""
        self.flush()
        card = None
        if item_id is not None and self.ctx.services is not None:
            try:
                card = self.ctx.services.items.card(item_id)
            except AppError as exc:
                self.ctx.report(exc)
        self._show(card)

    def _reload(self) -> None:
        if self._card is None or self.ctx.services is None:
            return
        try:
            card = self.ctx.services.items.card(self._card.id)
        except AppError:
            card = None
        self._show(card if card is not None and not card.archived else None)

    def _show(self, card: ItemCard | None) -> None:
        previous, self._card = self._card, card
        if card is None:
            if self.ctx.services is None:
                self.empty_label.setText(self.tr("No project is open."))
            else:
                self.empty_label.setText(self.tr(
                    "Select a card in the register,\nor press Ctrl+N to capture a new one."))
            self.stack.setCurrentIndex(0)
            return
        self.key_label.setText(card.key)
        meta = self.tr("Created {created} · last changed {updated}").format(
            created=card.created_at.strftime("%Y-%m-%d"),
            updated=card.updated_at.strftime("%Y-%m-%d %H:%M"))
        self.meta_label.setText(meta)
        self._show_origins(card.defects)
        focused = self.focusWidget()
        for binding in self._bindings:
            # The field being typed in keeps its text; everything else shows what is stored.
            if binding.dirty and binding.widget is focused:
                continue
            binding.show_card(card)
        if previous is None or previous.id != card.id \
                or previous.classification_history != card.classification_history:
            # Only a new decision resets the form; a field edit must not wipe a half-filled one.
            self.classification_panel.show_card(card)
        self.dependencies_panel.show_card(card)
        links = len(card.depends_on) + len(card.required_by)
        self.tabs.setTabText(LINKS_TAB, self.tr("Dependencies ({n:,})").format(n=links)
                             if links else self.tr("Dependencies"))
        self.tabs.setTabText(FITGAP_TAB, self.tr("Fit-gap: {cls}").format(
            cls=card.classification.fit_class) if card.classification else self.tr("Fit-gap"))
        self.stack.setCurrentIndex(1)

    def _show_origins(self, defects: tuple[DefectOrigin, ...]) -> None:
        lines = [self.origin_line(d) for d in defects]
        self.origin_label.setText("<br>".join(lines))
        self.origin_label.setToolTip("\n".join(f"{d.key}: {d.title}" for d in defects))
        self.origin_label.setVisible(bool(lines))

    def origin_line(self, defect: DefectOrigin) -> str:
        """ "From DEF-0001 · TC-0003 step 2 in UAT 1 · affects REQ-0001, REQ-0014" (rich)."""
        where = defect.case_key
        if defect.step_number is not None:
            where = self.tr("{case} step {step}").format(case=where, step=defect.step_number)
        if defect.cycle_name:
            where = self.tr("{where} in {cycle}").format(where=where, cycle=defect.cycle_name)
        parts = [self.tr("From {defect}").format(defect=f"<b>{html.escape(defect.key)}</b>")]
        if where.strip():
            parts.append(html.escape(where.strip()))
        if defect.source_item_keys:
            links = ", ".join(f'<a href="item:{html.escape(k)}">{html.escape(k)}</a>'
                              for k in defect.source_item_keys)
            parts.append(self.tr("affects {keys}").format(keys=links))
        return " · ".join(parts)

    def _origin_link(self, link: str) -> None:
        services = self.ctx.services
        if services is None or not link.startswith("item:"):
            return
        key = link.removeprefix("item:")
        item_id = next((r.id for r in services.items.register_rows() if r.key == key), None)
        if item_id is None:
            self.ctx.report(AppError(self.tr("{key} is archived or no longer exists.").format(
                key=key)))
            return
        self.item_requested.emit(item_id)

    # -- people, the user and the workshop ---------------------------------------------
    def _add_person(self) -> int | None:
        """The "Add person…" entry of a person picker: add someone, then pick them."""
        return add_person(self.ctx, self)

    def set_my_name(self, name: str) -> None:
        self.classification_panel.set_my_name(name)

    def set_current_workshop(self, current: Callable[[], int | None]) -> None:
        """Where the default "Decided in" of a new decision comes from (the toolbar)."""
        self.classification_panel.current_workshop = current
        self.classification_panel.current_workshop_changed()

    # -- editing -------------------------------------------------------------------------
    def flush(self) -> None:
        """Commit whatever is typed but not yet committed (before switching or closing)."""
        for binding in self._bindings:
            binding.flush()

    def has_pending_edit(self) -> bool:
        return any(binding.dirty for binding in self._bindings)

    def set_editable(self, editable: bool) -> None:
        self.read_only_label.setVisible(not editable and self.ctx.is_open)
        for binding in self._bindings:
            binding.set_editable(editable)
        self.classification_panel.set_editable(editable)
        self.dependencies_panel.set_editable(editable)

    def is_editable(self) -> bool:
        return not self.title_edit.isReadOnly()

    def _commit(self, field: str, value: Any, session: int) -> None:
        card = self._card
        if card is None:
            return
        binding = next(b for b in self._bindings if b.field == field)
        text = self.tr("Edit {field} of {key}").format(field=binding.label.lower(), key=card.key)
        if not self.edits.update_field(card.id, field, value, text=text, session=session):
            self._reload()  # refused: show the stored value again

    def focus_title(self) -> None:
        if self._card is None:
            return
        self.title_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.title_edit.selectAll()

    def _record_decision(self, decision: ClassificationInput) -> None:
        if self._card is not None:
            self.edits.classify(self._card.id, self._card.key, decision)

    def add_dependency(self) -> None:
        """Ask which card this one depends on (Ctrl+D) and add the link."""
        card = self._card
        services = self.ctx.services
        if card is None or services is None or not self.ctx.editable:
            return
        self.flush()
        self.tabs.setCurrentIndex(LINKS_TAB)
        dialog = AddDependencyDialog(services.items.register_rows(), card.id, card.key, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            choice = dialog.choice()
        finally:
            dialog.deleteLater()
        if choice is not None:
            self.edits.add_dependency(card.id, card.key, choice.depends_on_id,
                                      choice.depends_on_key, choice.kind, choice.note)

    def _remove_dependency(self, dependency_id: int, label: str) -> None:
        if self.ctx.editable:
            self.edits.remove_dependency(dependency_id, label)

    def show_tab(self, index: int) -> None:
        if self._card is not None:
            self.tabs.setCurrentIndex(index)
