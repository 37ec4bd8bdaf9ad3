"""Light, dark or the system's look, and the text size; both remembered between runs."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = {"system": "Follow the &system", "light": "&Light", "dark": "&Dark"}
MIN_POINTS, MAX_POINTS = 7.0, 28.0

_DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a",
    QPalette.ColorRole.AlternateBase: "#2a2b2e",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#2d2e31",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#3d6cb5",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.ToolTipBase: "#2d2e31",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.Mid: "#5f6368",
    QPalette.ColorRole.Dark: "#101113",
    QPalette.ColorRole.Light: "#3c4043",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    disabled = QColor("#7f8388")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


class Appearance:
    """Remembers the look the system gave the app, so "follow the system" can go back to it.

    The system's look is taken once per process, just before ocstudy first changes it: a
    learner who follows the system never pays for Qt for Python's QStyle type at start-up."""

    _system: tuple[str, QPalette, float] | None = None

    def __init__(self, app: QApplication):
        self._app = app
        self.theme = "system"

    def _system_look(self) -> tuple[str, QPalette, float]:
        if Appearance._system is None:
            app = self._app
            Appearance._system = (
                app.style().name(),
                QPalette(app.palette()),
                app.font().pointSizeF(),
            )
        return Appearance._system

    def set_theme(self, theme: str) -> None:
        if theme not in THEMES:
            theme = "system"
        self.theme = theme
        if theme == "system":
            if Appearance._system is not None:  # the look was changed: give the system's back
                style, palette, _points = Appearance._system
                self._app.setStyle(style)
                self._app.setPalette(palette)
            return
        self._system_look()
        self._app.setStyle("Fusion")
        fusion = self._app.style().standardPalette()
        self._app.setPalette(dark_palette() if theme == "dark" else fusion)

    @property
    def points(self) -> float:
        return self._app.font().pointSizeF()

    def set_points(self, points: float) -> None:
        self._system_look()
        from PySide6.QtGui import QFont  # its type is built when first imported: not at start-up

        font = QFont(self._app.font())
        font.setPointSizeF(max(MIN_POINTS, min(MAX_POINTS, points)))
        self._app.setFont(font)

    def grow(self, step: float) -> None:
        self.set_points(self.points + step)

    def reset_size(self) -> None:
        self.set_points(self._system_look()[2])
