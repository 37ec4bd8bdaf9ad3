"""Long text on screen without freezing the window.

Qt lays out a word it cannot break again and again while wrapping a paragraph: an own card
with a 200,000-character line took 5 s to show in the cards browser (2 M characters, over ten
minutes), and a table cell measures its whole text to elide it. So what only shows a text
(a preview, the browser's card, a cell) shows at most a screenful of it, with its length
said, and gives a long run of characters a place to break every :data:`RUN` characters (a
zero-width space). The stored text is never changed; an editor shows it whole, unwrapped when
a line is long (the UI's ``long_text.wrap_mode``).
"""

from __future__ import annotations

import re
from typing import Final

from ocstudy.services.exchange.markdown import render_markdown

#: The most of one text a preview or the browser's card shows.
SHOWN_CHARS: Final = 20_000
#: A run of characters without a place to break longer than this gets one every RUN.
RUN: Final = 80

_BREAK = "\u200b"
_LONG_RUN = re.compile(rf"[^\s<>]{{{RUN + 1},}}")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_ENTITY_OR_CHARACTER = re.compile(r"&#?\w+;|.", re.DOTALL)


def shortened(text: str, most: int = SHOWN_CHARS) -> str:
    """``text``, or its first ``most`` characters and how long it is."""
    if len(text) <= most:
        return text
    return f"{text[:most]}\u2026 [{len(text):,} characters: the whole text is kept]"


def breakable_html(html: str) -> str:
    """``html`` with places to break in the long runs of its text (never in a tag, never in
    an entity such as ``&amp;``)."""
    parts = _TAG_OR_TEXT.split(html)
    return "".join(part if part.startswith("<") else _breakable_text(part) for part in parts)


def _breakable_text(text: str) -> str:
    def split(run: re.Match[str]) -> str:
        pieces = _ENTITY_OR_CHARACTER.findall(run.group())
        return _BREAK.join("".join(pieces[i : i + RUN]) for i in range(0, len(pieces), RUN))

    return _LONG_RUN.sub(split, text)


def markdown_html(text: str) -> str:
    """``text`` (Markdown) rendered to show: :func:`shortened`, with places to break."""
    return breakable_html(render_markdown(shortened(text)))
