"""Long text in a table cell and an editor without freezing the window (why:
:mod:`ocstudy.render.long_text`): a cell shows at most :data:`CELL_CHARS` of a text, and an
editor shows a text with a very long line unwrapped."""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QPlainTextEdit

from ocstudy.render.long_text import shortened
from ocstudy.services.exchange.text_limits import longest_line

#: The most of one text a table cell shows.
CELL_CHARS: Final = 300
#: An editor shows a text with a line longer than this unwrapped: one layout instead of a
#: layout for each place Qt tries to wrap it.
LONG_LINE: Final = 5_000


def cell_text(text: str) -> str:
    """``text`` as a table cell (which elides it, unwrapped) and its tooltip show it."""
    return shortened(text, CELL_CHARS)


def wrap_mode(text: str) -> QPlainTextEdit.LineWrapMode:
    """How an editor should show ``text``: unwrapped when it has a line too long to wrap."""
    mode = QPlainTextEdit.LineWrapMode
    return mode.NoWrap if longest_line(text) > LONG_LINE else mode.WidgetWidth
