"""Colours shared by every view, derived from the current palette so dark mode stays readable."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QPalette


class Colors(NamedTuple):
    text: str
    muted: str
    link: str
    warn: str
    warn_background: str
    ok: str
    border: str


def _blend(a: QColor, b: QColor, share_of_b: float) -> str:
    def channel(x: int, y: int) -> int:
        return round(x * (1 - share_of_b) + y * share_of_b)

    return QColor(
        channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue())
    ).name()


def palette_colors(palette: QPalette) -> Colors:
    """Colours for the page, derived from the current palette so dark mode stays readable."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    dark = base.lightness() < 128
    warn = QColor("#ff8a65") if dark else QColor("#b3261e")
    ok = QColor("#81c995") if dark else QColor("#1e7b34")
    return Colors(
        text=text.name(),
        muted=palette.color(QPalette.ColorRole.PlaceholderText).name(),
        link=palette.color(QPalette.ColorRole.Link).name(),
        warn=warn.name(),
        warn_background=_blend(base, warn, 0.16),
        ok=ok.name(),
        border=palette.color(QPalette.ColorRole.Mid).name(),
    )
