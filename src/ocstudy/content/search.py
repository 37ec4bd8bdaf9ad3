"""Turn whatever a user types into a safe FTS5 query.

FTS5 has its own syntax (quotes, ``*``, ``AND``/``OR``/``NEAR``, parentheses, column filters);
typed text is never passed through as syntax. It is split into words, each word is quoted as
an FTS5 string and made a prefix query, and all words must match: search as you type.
Names are compared word by word, without case or accents (:func:`name_key`, :func:`covering`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

MAX_TERMS = 16
#: How a snippet marks the words that matched (control characters no text holds), and how
#: many words it keeps around them.
SNIPPET_START, SNIPPET_END = "\x02", "\x03"
SNIPPET_WORDS = 10
MAX_INPUT = 2000
_WORD = re.compile(r"\w+", re.UNICODE)
_SURROGATES = re.compile("[\ud800-\udfff]")


def words(text: str) -> list[str]:
    """The searchable words of ``text``: no syntax, no lone surrogates, no NULs, bounded."""
    cleaned = _SURROGATES.sub(" ", text[:MAX_INPUT]).replace("\0", " ")
    return [word.lower() for word in _WORD.findall(cleaned)][:MAX_TERMS]


def fts_match_expression(text: str) -> str | None:
    """An FTS5 MATCH expression for ``text``, or None when there is nothing to search for."""
    terms = words(text)
    if not terms:
        return None
    return " AND ".join('"{}"*'.format(term.replace('"', '""')) for term in terms)


def fold(text: str) -> str:
    """Lower case without accents, keeping every character's place (for matching)."""
    if text.isascii():
        return text.lower()
    return "".join(
        (unicodedata.normalize("NFD", ch)[0] if ch.isalpha() else ch).lower() for ch in text
    )


def name_key(text: str) -> str:
    """``text`` as a name is compared: its words, folded (``Mérida  convention`` and
    ``merida Convention`` are the same name)."""
    return " ".join(fold(word) for word in words(text))


def covering(query_words: list[str] | tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a text holds every query word at the start of one of its words (accents and
    case aside): a row labelled with that text shows by itself why it matches."""
    patterns = [re.compile(rf"\b{re.escape(fold(word))}") for word in query_words]

    def covers(text: str) -> bool:
        folded = fold(text)
        return all(pattern.search(folded) for pattern in patterns)

    return covers
