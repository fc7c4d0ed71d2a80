"""Undo commands: merging of typing, and a failing undo that leaves the stack consistent."""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoStack

from app.project import ProjectServices
from tests.views.small_project import SmallProject
from views.project_context import ProjectContext
from views.undo_commands import UndoableEdits


def test_commits_of_one_visit_merge_and_typing_back_leaves_nothing(
        qtbot: Any, small_project: SmallProject) -> None:
    ctx = ProjectContext(ProjectServices.open(small_project.path))
    try:
        stack = QUndoStack()
        edits = UndoableEdits(ctx, stack)
        item = small_project.cards["REQ-0002"]
        for text in ("Lim", "Limits", "Limits per entity"):
            assert edits.update_field(item, "tags", text, text="Edit tags", session=7)
        assert stack.count() == 1
        edits.update_field(item, "tags", "other visit", text="Edit tags", session=8)
        assert stack.count() == 2
        stack.undo()
        assert ctx.require().items.card(item).tags == "Limits per entity"
        stack.undo()
        assert ctx.require().items.card(item).tags == ""
        stack.redo()
        assert ctx.require().items.card(item).tags == "Limits per entity"

        # Typed and typed back within one visit: no undo step left.
        stack.clear()
        edits.update_field(item, "source_system", "SAP ECC", text="Edit", session=9)
        edits.update_field(item, "source_system", "", text="Edit", session=9)
        assert stack.count() == 0
    finally:
        ctx.replace(None)


def test_a_failing_undo_is_reported_and_dropped(qtbot: Any, small_project: SmallProject) -> None:
    ctx = ProjectContext(ProjectServices.open(small_project.path))
    errors: list[str] = []
    ctx.error_reported.connect(errors.append)
    try:
        stack = QUndoStack()
        edits = UndoableEdits(ctx, stack)
        cards = small_project.cards
        dep_id = edits.add_dependency(cards["REQ-0005"], "REQ-0005", cards["REQ-0002"],
                                      "REQ-0002", "data", "")
        assert dep_id is not None and stack.count() == 1
        # Someone removes the link behind the stack's back (another code path).
        ctx.require().dependencies.remove_dependency(dep_id)
        stack.undo()
        assert errors == ["That dependency was already removed."]
        assert stack.count() == 0  # the obsolete command left the stack
        assert not stack.canUndo() and not stack.canRedo()
    finally:
        ctx.replace(None)


def test_a_refused_edit_pushes_nothing(qtbot: Any, small_project: SmallProject) -> None:
    ctx = ProjectContext(ProjectServices.open(small_project.path))
    errors: list[str] = []
    ctx.error_reported.connect(errors.append)
    try:
        stack = QUndoStack()
        edits = UndoableEdits(ctx, stack)
        assert not edits.update_field(small_project.cards["REQ-0001"], "priority", "urgent",
                                      text="Edit priority")
        assert stack.count() == 0
        assert "'urgent' is not a valid priority" in errors[0]
    finally:
        ctx.replace(None)
