"""The app's own exceptions.

Every message is a sentence a consultant can act on: it says what is wrong and what to do.
Nothing above `app/` catches SQLAlchemy's exceptions; services translate them into these.
"""
from __future__ import annotations

from dataclasses import dataclass


class AppError(Exception):
    """Base of every error the app reports to a user."""


class ProjectFileError(AppError):
    """The file cannot be opened as a project (not a project, damaged, missing...)."""


class UnsupportedVersionError(ProjectFileError):
    """The project file was written by a newer version of the app."""


class ProjectInUseError(ProjectFileError):
    """Another instance holds the project; it may still be opened read-only."""

    def __init__(self, message: str, *, user: str, machine: str, since: str) -> None:
        super().__init__(message)
        self.user = user
        self.machine = machine
        self.since = since


class ProjectNotWritableError(ProjectFileError):
    """The file (or its folder) cannot be written; it may still be opened read-only."""


class ReadOnlyProjectError(AppError):
    """An edit was attempted on a project opened read-only."""


class NotFoundError(AppError):
    """A record the user refers to does not exist (or was deleted meanwhile)."""


class ValidationError(AppError):
    """Input that breaks a rule; nothing was changed."""


class DuplicateKeyError(ValidationError):
    """A human key or a unique name is already taken."""


class CycleError(ValidationError):
    """A dependency would close a cycle; `path` is the list of keys around it."""

    def __init__(self, message: str, path: list[str]) -> None:
        super().__init__(message)
        self.path = path


class SpreadsheetFormatError(AppError):
    """A file handed to an importer is not a spreadsheet we can read (says what it is)."""


@dataclass(frozen=True)
class ImportProblem:
    """One row (or cell) an importer could not use, located for the user."""

    file: str
    sheet: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}, sheet '{self.sheet}', row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.reason}"


class ImportValidationError(AppError):
    """An import cannot be applied; `problems` lists every unusable row."""

    def __init__(self, message: str, problems: list[ImportProblem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class ExportError(AppError):
    """An export failed; the previous file at the target path is untouched."""
