"""Errors the exporters raise.

Exporters never import `app`, so they cannot raise the app's `ExportError`; the app layer catches
`ExporterError` and wraps it. Every message is a sentence a consultant can act on.
"""
from __future__ import annotations

from pathlib import Path


class ExporterError(Exception):
    """Base of every error an exporter raises on purpose."""


class ExportWriteError(ExporterError):
    """The file could not be written (folder missing or read-only, file open elsewhere, disk full).

    The previous file at the target, if any, is left as it was.
    """

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.path = path


class ExportInputError(ExporterError):
    """The data handed to a writer cannot be exported as it stands (e.g. duplicate step IDs)."""


class ExportTemplateError(ExporterError):
    """A template the writer needs is missing or is not a document it can use."""

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.path = path
