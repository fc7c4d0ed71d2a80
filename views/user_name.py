"""The user's display name: what "Decided by (me)" and the audit trail record.

The OS login ("root", "jdoe") must not reach client deliverables, so the name is a setting
(Edit › Your name…), stored as "user/display_name", defaulting to the account's full name.
"""
from __future__ import annotations

import getpass
import os

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

SETTING = "user/display_name"


def _tr(text: str) -> str:
    return QCoreApplication.translate("UserName", text)


def account_name() -> str:
    """The account's full name (first GECOS field), else the login, else "".

    pwd is Unix-only; Windows falls back to the login name.
    """
    try:
        import pwd

        full = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        if full:
            return full
    except (ImportError, KeyError, AttributeError):
        pass
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database in some containers
        return os.environ.get("USER", "")


def stored_name(settings: QSettings) -> str:
    """The name the user typed, or "" when they never set one."""
    value = settings.value(SETTING, "")
    return value.strip() if isinstance(value, str) else ""


def display_name(settings: QSettings) -> str:
    """The name new decisions are credited to."""
    return stored_name(settings) or account_name()


def ask_display_name(settings: QSettings, parent: QWidget | None) -> str | None:
    """Ask for the name (pre-filled); store and return it, or None when cancelled/unchanged."""
    current = display_name(settings)
    name, ok = QInputDialog.getText(
        parent, _tr("Your name"),
        _tr("The name recorded for your decisions (\"Decided by (me)\") and in the change "
            "history, as clients will read it:"),
        QLineEdit.EchoMode.Normal, current)
    name = name.strip()
    if not ok or not name:
        return None
    settings.setValue(SETTING, name)
    settings.sync()
    return name if name != current else None
