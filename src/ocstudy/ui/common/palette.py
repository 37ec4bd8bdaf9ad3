"""Colours shared by every view, derived from the current palette so dark mode stays readable."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from ocstudy.render.colors import Colors


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
        # the text blended towards the page: a system's placeholder colour can be too faint
        # to read on a dark page
        muted=_blend(text, base, 0.3),
        link=palette.color(QPalette.ColorRole.Link).name(),
        warn=warn.name(),
        warn_background=_blend(base, warn, 0.16),
        ok=ok.name(),
        border=palette.color(QPalette.ColorRole.Mid).name(),
    )


#: Anki's flag colours (1 red ... 7 purple), for a light and for a dark page.
_FLAG_LIGHT = ("", "#d32f2f", "#ef6c00", "#2e7d32", "#1565c0", "#d81b60", "#00897b", "#7b1fa2")
_FLAG_DARK = ("", "#ff7b7b", "#ffb060", "#7fd98a", "#82b1ff", "#ff80bf", "#5fe0d0", "#d19bff")


def flag_color(number: int, palette: QPalette) -> str:
    """The colour of flag ``number`` (1-7) that reads on this palette's page; "" for 0."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return (_FLAG_DARK if dark else _FLAG_LIGHT)[number] if 1 <= number <= 7 else ""
