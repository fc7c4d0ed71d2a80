"""The fit-gap decision of one card: record a new decision, see every earlier one."""
from __future__ import annotations

from collections.abc import Sequence

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


class ClassificationPanel(QWidget):
    """Shows the current decision as the starting point of the next one."""

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
    def set_lookups(self, people: Sequence[PersonRef], workshops: Sequence[WorkshopRef]) -> None:
        for combo, none_text, options in (
            (self.decided_by_combo, self.tr("(me)"), [(p.name, p.id) for p in people]),
            (self.decided_in_combo, self.tr("(no workshop)"),
             [(w.title, w.id) for w in workshops]),
        ):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(none_text, None)
            for text, value in options:
                combo.addItem(text, value)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))

    def show_card(self, card: ItemCard | None) -> None:
        current = card.classification if card is not None else None
        if current is None:
            self.current_label.setText(self.tr("Not classified yet."))
        else:
            self.current_label.setText(self.tr("Current: <b>{cls}</b>{design}").format(
                cls=current.fit_class,
                design=self.tr(", design required") if current.design_required else ""))
        self._set_combo(self.class_combo, current.fit_class if current else FIT_CLASSES[0])
        self.design_check.setChecked(bool(current and current.design_required))
        self._set_combo(self.object_combo, current.object_type if current else "")
        self.rationale_edit.setPlainText(current.rationale if current else "")
        self.alternative_edit.setText(current.standard_alternative if current else "")
        self.alternative_edit.setCursorPosition(0)
        self._set_combo(self.effort_combo, current.effort_band if current else "")
        self._set_combo(self.decided_by_combo, current.decided_by_id if current else None)
        self._set_combo(self.decided_in_combo,
                        current.decided_in_id if current else (card.workshop_id if card else None))
        self._show_history(card.classification_history if card else ())

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

    def decision(self) -> ClassificationInput:
        return ClassificationInput(
            fit_class=self.class_combo.currentData(),
            design_required=self.design_check.isChecked(),
            object_type=self.object_combo.currentData() or "",
            rationale=self.rationale_edit.toPlainText().strip(),
            standard_alternative=self.alternative_edit.text().strip(),
            effort_band=self.effort_combo.currentData() or "",
            decided_by_id=self.decided_by_combo.currentData(),
            decided_in_id=self.decided_in_combo.currentData(),
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
