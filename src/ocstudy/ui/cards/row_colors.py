"""The browser's row colours, as Anki's: a flagged card's row in a shade of its flag's colour,
a suspended card's yellowish (a flag wins, as in Anki). The shade is the colour blended into
the table's own background, more in the dark look, so the text reads on it in either look
(a test checks the contrast); the State and Flag columns say the same in words."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from ocstudy.services.browser.rows import CardRow
from ocstudy.ui.common.palette import flag_color

#: The suspended rows' yellow, for a light and for a dark page.
SUSPENDED_LIGHT, SUSPENDED_DARK = "#f2c200", "#d9b000"
#: How much of the accent goes into the page's colour, in the light and the dark look.
SHARE_LIGHT, SHARE_DARK = 0.28, 0.30

_cache: dict[tuple[str, str], QColor] = {}


def _dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def accent(row: CardRow, palette: QPalette) -> str:
    """The colour the row is shaded with ("" for none): its flag's, else suspended's."""
    if row.flag:
        return flag_color(row.flag, palette)
    if row.suspended:
        return SUSPENDED_DARK if _dark(palette) else SUSPENDED_LIGHT
    return ""


def row_background(row: CardRow, palette: QPalette) -> QColor | None:
    """The row's background on ``palette``'s page; None for a row with no colour."""
    color = accent(row, palette)
    if not color:
        return None
    base = palette.color(QPalette.ColorRole.Base)
    key = (base.name(), color)
    if key not in _cache:
        share = SHARE_DARK if _dark(palette) else SHARE_LIGHT
        mixed = QColor(color)
        _cache[key] = QColor(
            round(base.red() * (1 - share) + mixed.red() * share),
            round(base.green() * (1 - share) + mixed.green() * share),
            round(base.blue() * (1 - share) + mixed.blue() * share),
        )
    return _cache[key]
