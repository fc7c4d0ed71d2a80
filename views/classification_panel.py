"""The fit-gap decision of one card: record a new decision, see every earlier one."""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.classification import (
    EFFORT_BANDS,
    FIT_CLASSES,
    OBJECT_TYPES,
    ClassificationInput,
)
from app.services.items import ClassificationRecord, ItemCard
from app.services.lookups import PersonRef, WorkshopRef
from views.card_fields import ADD_ENTRY


class ClassificationPanel(QWidget):
    """Shows the current decision as the starting point of the next one.

    The class, reasons and effort start from the current decision; "Decided by" and "Decided
    in" do not: a new decision is the user's ("(me)") in the toolbar's current workshop, unless
    they pick someone or something else in this edit.
    """

    #: a ClassificationInput the user asked to record
    record_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current_label = QLabel(self)
        self.current_label.setObjectName("currentClass")
        self.current_label.setWordWrap(True)

        self.class_combo = QComboBox(self)
        for fit_class in FIT_CLASSES:
            self.class_combo.addItem(fit_class.capitalize(), fit_class)
        self.design_check = QCheckBox(self.tr("Design required"), self)
        self.object_combo = QComboBox(self)
        self.object_combo.addItem(self.tr("(not a gap object)"), "")
        for object_type in OBJECT_TYPES:
            self.object_combo.addItem(object_type.capitalize(), object_type)
        self.rationale_edit = QPlainTextEdit(self)
        self.rationale_edit.setTabChangesFocus(True)
        self.rationale_edit.setPlaceholderText(
            self.tr("Why this class? Required for customize and interface."))
        self.rationale_edit.setFixedHeight(72)
        self.alternative_edit = QLineEdit(self)
        self.alternative_edit.setPlaceholderText(self.tr("Standard feature considered instead"))
        self.effort_combo = QComboBox(self)
        self.effort_combo.addItem(self.tr("(not estimated)"), "")
        for band in EFFORT_BANDS:
            self.effort_combo.addItem(band, band)
        self.decided_by_combo = QComboBox(self)
        self.decided_in_combo = QComboBox(self)
        self.decided_by_combo.activated.connect(self._by_picked)
        self.decided_in_combo.activated.connect(self._in_picked)
        self._by_touched = False
        self._in_touched = False
        self._workshop_titles: dict[int, str] = {}
        self._my_name = ""
        #: opens the Add person dialog; returns the new person's id or None
        self.person_adder: Callable[[], int | None] | None = None
        #: the toolbar's current workshop, the default "Decided in" of a new decision
        self.current_workshop: Callable[[], int | None] = lambda: None
        self.record_button = QPushButton(self.tr("Record decision"), self)
        self.record_button.setObjectName("primaryButton")
        self.record_button.setToolTip(self.tr("Record this decision (Ctrl+Return)"))
        self.record_button.clicked.connect(self.request_record)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.request_record)

        self.history_list = QListWidget(self)
        self.history_list.setObjectName("historyList")
        self.history_list.setWordWrap(True)
        self.history_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.history_list.setAlternatingRowColors(True)
        self.history_list.setAccessibleName(self.tr("Classification history"))

        for combo in (self.class_combo, self.object_combo, self.effort_combo,
                      self.decided_by_combo, self.decided_in_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        class_row = QHBoxLayout()
        class_row.addWidget(self.class_combo, 1)
        class_row.addWidget(self.design_check)
        class_label = QLabel(self.tr("&Class"), self)
        class_label.setBuddy(self.class_combo)
        form.addRow(class_label, class_row)
        form.addRow(self.tr("&Object type"), self.object_combo)
        form.addRow(self.tr("&Rationale"), self.rationale_edit)
        form.addRow(self.tr("Standard &alternative"), self.alternative_edit)
        form.addRow(self.tr("&Effort band"), self.effort_combo)
        form.addRow(self.tr("Decided &by"), self.decided_by_combo)
        form.addRow(self.tr("Decided &in"), self.decided_in_combo)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.record_button)

        history_title = QLabel(self.tr("History"), self)
        history_title.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.current_label)
        layout.addLayout(form)
        layout.addLayout(button_row)
        layout.addWidget(history_title)
        layout.addWidget(self.history_list, 1)
        self._editable = True

    # -- content -------------------------------------------------------------------------
    def set_my_name(self, name: str) -> None:
        """Show whom "(me)" credits, so a login name never slips into a deliverable unseen."""
        self._my_name = name
        if self.decided_by_combo.count():
            self.decided_by_combo.setItemText(0, self._me_text())

    def _me_text(self) -> str:
        return (self.tr("(me: {name})").format(name=self._my_name) if self._my_name
                else self.tr("(me)"))

    def set_lookups(self, people: Sequence[PersonRef], workshops: Sequence[WorkshopRef]) -> None:
        self._workshop_titles = {w.id: w.title for w in workshops}
        for combo, none_text, options, add in (
            (self.decided_by_combo, self._me_text(), [(p.name, p.id) for p in people], True),
            (self.decided_in_combo, self.tr("(no workshop)"),
             [(w.title, w.id) for w in workshops], False),
        ):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(none_text, None)
            for text, value in options:
                combo.addItem(text, value)
            if add:
                combo.insertSeparator(combo.count())
                combo.addItem(self.tr("Add person…"), ADD_ENTRY)
            index = combo.findData(chosen) if chosen not in (None, ADD_ENTRY) else 0
            combo.setCurrentIndex(max(index, 0))

    def _by_picked(self, _index: int) -> None:
        if self.decided_by_combo.currentData() == ADD_ENTRY:
            new_id = self.person_adder() if self.person_adder is not None else None
            # Adding refilled the list (lookups changed); select the newcomer, or "(me)".
            self._set_combo(self.decided_by_combo, new_id)
            if new_id is None:
                return
        self._by_touched = True

    def _in_picked(self, _index: int) -> None:
        self._in_touched = True

    def current_workshop_changed(self) -> None:
        """The toolbar's workshop changed: follow it unless the user picked one here."""
        if not self._in_touched:
            self._set_combo(self.decided_in_combo, self.current_workshop())

    def show_card(self, card: ItemCard | None) -> None:
        current = card.classification if card is not None else None
        self.current_label.setText(self.current_text(current))
        self._set_combo(self.class_combo, current.fit_class if current else FIT_CLASSES[0])
        self.design_check.setChecked(bool(current and current.design_required))
        self._set_combo(self.object_combo, current.object_type if current else "")
        self.rationale_edit.setPlainText(current.rationale if current else "")
        self.alternative_edit.setText(current.standard_alternative if current else "")
        self.alternative_edit.setCursorPosition(0)
        self._set_combo(self.effort_combo, current.effort_band if current else "")
        # A new decision is the user's, taken now: not the previous decider's.
        self._by_touched = self._in_touched = False
        self._set_combo(self.decided_by_combo, None)
        self._set_combo(self.decided_in_combo, self.current_workshop())
        self._show_history(card.classification_history if card else ())

    def current_text(self, current: ClassificationRecord | None) -> str:
        """ "Current: configure by Anna Berg, 2026-11-03, in O2C workshop" (rich text)."""
        if current is None:
            return self.tr("Not classified yet.")
        text = self.tr("Current: <b>{cls}</b>{design}").format(
            cls=current.fit_class,
            design=self.tr(", design required") if current.design_required else "")
        if current.decided_by:
            text += self.tr(" by {name}").format(name=html.escape(current.decided_by))
        text += self.tr(", {date}").format(date=current.decided_at.date().isoformat())
        workshop = self._workshop_titles.get(current.decided_in_id or -1)
        if workshop:
            text += self.tr(", in {workshop}").format(workshop=html.escape(workshop))
        if current.effort_band:
            text += self.tr(" · effort {band}").format(band=current.effort_band)
        return text

    def _show_history(self, history: Sequence[ClassificationRecord]) -> None:
        self.history_list.clear()
        for position, record in enumerate(history):  # newest first
            previous = history[position + 1] if position + 1 < len(history) else None
            text = self.history_line(record, previous)
            item = QListWidgetItem(text, self.history_list)
            if record.is_current:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                item.setToolTip(self.tr("The current decision"))
        if not history:
            item = QListWidgetItem(self.tr("No decisions recorded yet."), self.history_list)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def history_line(self, record: ClassificationRecord,
                     previous: ClassificationRecord | None) -> str:
        """ "configure → customize by Anna on 2026-11-03: reason" """
        before = previous.fit_class if previous is not None else self.tr("unclassified")
        text = self.tr("{before} → {after}").format(before=before, after=record.fit_class)
        if record.decided_by:
            text += self.tr(" by {name}").format(name=record.decided_by)
        text += self.tr(" on {date}").format(date=record.decided_at.date().isoformat())
        reason = " ".join(record.rationale.split())
        if reason:
            text += self.tr(": {reason}").format(reason=reason)
        return text

    @staticmethod
    def _set_combo(combo: QComboBox, value: object) -> None:
        index = combo.findData(value) if value is not None else 0
        combo.setCurrentIndex(max(index, 0))

    @staticmethod
    def _data(combo: QComboBox) -> int | None:
        value = combo.currentData()
        return None if value == ADD_ENTRY else value

    def decision(self) -> ClassificationInput:
        return ClassificationInput(
            fit_class=self.class_combo.currentData(),
            design_required=self.design_check.isChecked(),
            object_type=self.object_combo.currentData() or "",
            rationale=self.rationale_edit.toPlainText().strip(),
            standard_alternative=self.alternative_edit.text().strip(),
            effort_band=self.effort_combo.currentData() or "",
            decided_by_id=self._data(self.decided_by_combo),
            decided_in_id=self._data(self.decided_in_combo),
        )

    def request_record(self) -> None:
        if self._editable:
            self.record_requested.emit(self.decision())

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for widget in (self.class_combo, self.design_check, self.object_combo,
                       self.effort_combo, self.decided_by_combo, self.decided_in_combo,
                       self.record_button):
            widget.setEnabled(editable)
        self.rationale_edit.setReadOnly(not editable)
        self.alternative_edit.setReadOnly(not editable)
