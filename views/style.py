"""The app's look: Fusion with a light palette and a small stylesheet from resources/style/."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

STYLE_DIR = Path(__file__).resolve().parents[1] / "resources" / "style"
_INSTALLED = "erpPipelineStudioStyle"


def light_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#f4f5f7",
        QPalette.ColorRole.WindowText: "#1f2328",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f7f8fa",
        QPalette.ColorRole.Text: "#1f2328",
        QPalette.ColorRole.Button: "#f6f7f9",
        QPalette.ColorRole.ButtonText: "#1f2328",
        QPalette.ColorRole.Highlight: "#2563c9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1f2328",
        QPalette.ColorRole.PlaceholderText: "#8a9099",
        QPalette.ColorRole.Link: "#1f5fa8",
        QPalette.ColorRole.Mid: "#c9ced6",
        QPalette.ColorRole.Midlight: "#e3e6eb",
        QPalette.ColorRole.Dark: "#9aa1ab",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa1ab"))
    return palette


def install_style(app: QApplication) -> None:
    """Fusion, light palette, stylesheet; done once per application."""
    if app.property(_INSTALLED):
        return
    app.setStyle("Fusion")
    app.setPalette(light_palette())
    sheet = STYLE_DIR / "app.qss"
    if sheet.is_file():
        # url() in a stylesheet is relative to the working directory; make icon paths absolute.
        icons = (STYLE_DIR / "icons").as_posix()
        app.setStyleSheet(sheet.read_text(encoding="utf-8").replace("@ICONS@", icons))
    app.setProperty(_INSTALLED, True)


def icon(name: str) -> QIcon:
    """An icon from resources/style/icons (an empty icon if the file is missing)."""
    path = STYLE_DIR / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
