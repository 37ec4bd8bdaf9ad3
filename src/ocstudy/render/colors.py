"""The colours a page is rendered in, as plain ``#rrggbb`` values: the UI makes them from the
current palette (``palette_colors``), so a page follows the light and the dark look."""

from __future__ import annotations

from typing import NamedTuple


class Colors(NamedTuple):
    text: str
    muted: str
    link: str
    warn: str
    warn_background: str
    ok: str
    border: str
