"""Fit-gap decisions: configure, customize or interface, with reasons and full history."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from app.database import ProjectDatabase
from app.errors import NotFoundError, ValidationError
from app.services.items import ClassificationRecord, classification_record, get_item
from models import Classification, Person, utc_now
from models.item import EFFORT_BANDS, FIT_CLASSES, OBJECT_TYPES


@dataclass(frozen=True)
class ClassificationInput:
    """What a user decides for one card."""

    fit_class: str
    design_required: bool = False
    object_type: str = ""
    rationale: str = ""
    standard_alternative: str = ""
    effort_band: str = ""
    decided_by_id: int | None = None
    decided_in_id: int | None = None


def validate_classification(decision: ClassificationInput) -> None:
    """Raise a ValidationError saying what is missing; nothing is stored then."""
    if decision.fit_class not in FIT_CLASSES:
        raise ValidationError(f"'{decision.fit_class}' is not a class; choose configure, "
                              "customize or interface.")
    if decision.object_type and decision.object_type not in OBJECT_TYPES:
        raise ValidationError(f"'{decision.object_type}' is not an object type; choose one of "
                              f"{', '.join(OBJECT_TYPES)}.")
    if decision.effort_band and decision.effort_band not in EFFORT_BANDS:
        raise ValidationError(f"'{decision.effort_band}' is not an effort band; choose one of "
                              f"{', '.join(EFFORT_BANDS)}.")
    if decision.fit_class in ("customize", "interface") and not decision.rationale.strip():
        raise ValidationError(f"A {decision.fit_class} decision needs a rationale: say why the "
                              "standard does not fit.")


class ClassificationService:
    """Record fit-gap decisions; the previous decision stays in the history."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    def classify_item(self, item_id: int, decision: ClassificationInput) -> tuple[int, int | None]:
        """Make `decision` the card's current classification.

        Returns (new classification id, previously current id or None) so undo can restore it.
        """
        validate_classification(decision)
        with self.db.write() as s:
            item = get_item(s, item_id)
            previous = next((c for c in item.classifications if c.is_current), None)
            decided_by_name = ""
            if decision.decided_by_id is not None:
                person = s.get(Person, decision.decided_by_id)
                decided_by_name = person.name if person else ""
            else:
                decided_by_name = self.db.actor
            if previous is not None:
                previous.is_current = False
            new = Classification(
                item=item, fit_class=decision.fit_class,
                design_required=decision.design_required, object_type=decision.object_type,
                rationale=decision.rationale, standard_alternative=decision.standard_alternative,
                effort_band=decision.effort_band, decided_by_id=decision.decided_by_id,
                decided_by_name=decided_by_name, decided_in_id=decision.decided_in_id,
                decided_at=utc_now(), is_current=True,
            )
            s.add(new)
            s.flush()
            return new.id, previous.id if previous else None

    def set_current(self, item_id: int, classification_id: int | None) -> None:
        """Make an earlier decision current again (None: unclassified). Used by undo/redo."""
        with self.db.write() as s:
            get_item(s, item_id)
            s.execute(update(Classification).where(Classification.item_id == item_id,
                                                   Classification.is_current.is_(True))
                      .values(is_current=False))
            if classification_id is not None:
                chosen = s.get(Classification, classification_id)
                if chosen is None or chosen.item_id != item_id:
                    raise NotFoundError("That decision no longer exists.")
                chosen.is_current = True

    def withdraw(self, item_id: int, classification_id: int, restore_id: int | None) -> None:
        """Take back a decision just recorded (undo): it leaves the card's history, and
        `restore_id` (the decision before it, or None) is current again. The audit trail
        still shows both the decision and its withdrawal."""
        with self.db.write() as s:
            get_item(s, item_id)
            decision = s.get(Classification, classification_id)
            if decision is None or decision.item_id != item_id:
                raise NotFoundError("That decision was already withdrawn.")
            s.delete(decision)
            s.flush()
            if restore_id is not None:
                previous = s.get(Classification, restore_id)
                if previous is None or previous.item_id != item_id:
                    raise NotFoundError("The earlier decision no longer exists.")
                previous.is_current = True

    def history(self, item_id: int) -> list[ClassificationRecord]:
        """Every decision for the card, newest first."""
        with self.db.read() as s:
            rows = s.execute(select(Classification).where(Classification.item_id == item_id)
                             .order_by(Classification.id.desc())).scalars()
            return [classification_record(c) for c in rows]
