"""The learner's own tags on any card, as in Anki: words such as ``exam`` or ``weak-dates``
put on generated cards and own cards alike, searched with ``tag:`` and exported.

Tags live in ``card_tags`` (migration ``0005_card_tags``), one row per card and tag, keyed by
card id like the marks. A tag is kept as typed and compared without regard to case (``Exam``
and ``exam`` are one tag, as in Anki). The browser changes tags through
:class:`~ocstudy.userdata.marks.CardEdit` (so that undo and "changed since" work as for
marks); :meth:`TagStore.write` changes only the tags an edit names, so a stored row that
cannot be read (a hand edit, an odd backup) is left in place, never dropped unasked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from ocstudy.userdata.database import UserDatabase
from ocstudy.userdata.stored_values import ID_LENGTH, BadValueError, readable_rows, shown

MAX_TAG_LENGTH: Final = 60
#: ``tag:none`` finds the cards without a tag (as in Anki), so no tag may be called so.
NO_TAG: Final = "none"
#: What a tag cannot hold: what separates tags (spaces, commas), what the search reads
#: (quotes, ``*``, ``:``, parentheses) and a backslash.
_FORBIDDEN: Final = frozenset('"*:(),\\')
_SEPARATORS: Final = re.compile(r"[\s,]+")
_NAMES: Final = {'"': "a quote", "*": "a *", ":": "a colon", "(": "a (", ")": "a )"}


class TagError(ValueError):
    """Text that is no list of tags; the message says what is wrong, in one line."""


def _forbidden(char: str) -> bool:
    return char.isspace() or char in _FORBIDDEN or unicodedata.category(char).startswith("C")


def tag_problem(name: str) -> str | None:
    """Why ``name`` cannot be a tag (None: it can)."""
    if not name:
        return "a tag needs at least one character"
    if len(name) > MAX_TAG_LENGTH:
        return f"\u201c{name[:20]}\u2026\u201d is longer than {MAX_TAG_LENGTH} characters"
    bad = next((char for char in name if _forbidden(char)), None)
    if bad is not None:
        what = _NAMES.get(bad, "a space" if bad.isspace() else f"the character U+{ord(bad):04X}")
        return f"\u201c{name}\u201d: a tag cannot hold {what}"
    if name.startswith("-"):
        return (
            f"\u201c{name}\u201d: a tag cannot start with \u201c-\u201d (in a search it means not)"
        )
    if name.casefold() == NO_TAG:
        return f"\u201c{name}\u201d is kept for tag:none (the cards without a tag)"
    return None


def parse_tags(text: str) -> tuple[str, ...]:
    """The tags in ``text`` (separated by spaces or commas), each once; :class:`TagError`
    naming the first that cannot be a tag, or when there is none."""
    names = [name for name in _SEPARATORS.split(text.strip()) if name]
    if not names:
        raise TagError("no tag given: write one or more words, separated by spaces")
    for name in names:
        problem = tag_problem(name)
        if problem:
            raise TagError(problem)
    return sorted_tags(names)


def clean_tag(value: object) -> str | None:
    """``value`` made a tag, for a repair: a number as its text, the characters a tag cannot
    hold as ``-``, cut to the longest tag; None when nothing is left."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = "".join("-" if _forbidden(char) else char for char in str(value))
    text = text.lstrip("-")[:MAX_TAG_LENGTH].rstrip("-")
    return text if text and tag_problem(text) is None else None


def sorted_tags(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` each once (case aside: the first spelling stays), in alphabetical order."""
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(name.casefold(), name)
    return tuple(sorted(kept.values(), key=lambda name: (name.casefold(), name)))


def with_tags(tags: Iterable[str], added: Iterable[str]) -> tuple[str, ...]:
    return sorted_tags([*tags, *added])


def without_tags(tags: Iterable[str], removed: Iterable[str]) -> tuple[str, ...]:
    gone = {name.casefold() for name in removed}
    return sorted_tags(name for name in tags if name.casefold() not in gone)


def _tag_row(row: tuple[object, ...]) -> tuple[str, str]:
    card_id, tag = row
    if not isinstance(card_id, str) or not card_id:
        raise BadValueError("card_id", card_id, "a card's id")
    if not isinstance(tag, str) or tag_problem(tag):
        raise BadValueError("tag", tag, "a tag (a word without spaces, quotes, * or :)")
    return card_id, tag


def _row_name(row: tuple[object, ...]) -> str:
    return f"a tag of card {shown(row[0], ID_LENGTH)}"


@dataclass(frozen=True, slots=True)
class TagMerge:
    """What a merge did: how many tags it added, on how many cards."""

    added: int
    cards: int


class TagStore:
    def __init__(self, db: UserDatabase) -> None:
        self._db = db

    def tags(self) -> dict[str, tuple[str, ...]]:
        """Every tagged card's tags; a row that cannot be read is said once and left out."""
        rows = self._db.execute("SELECT card_id, tag FROM card_tags").fetchall()
        found: dict[str, list[str]] = {}
        unreadable = self._db.unreadable_rows
        for card_id, tag in readable_rows(
            rows, _tag_row, unreadable, _row_name, "the tag is left out"
        ):
            found.setdefault(card_id, []).append(tag)
        return {card_id: sorted_tags(names) for card_id, names in found.items()}

    def card_tags(self, card_id: str) -> tuple[str, ...]:
        rows = self._db.execute(
            "SELECT card_id, tag FROM card_tags WHERE card_id = ?", [card_id]
        ).fetchall()
        unreadable = self._db.unreadable_rows
        found = readable_rows(rows, _tag_row, unreadable, _row_name, "the tag is left out")
        return sorted_tags(tag for _card, tag in found)

    def write(self, card_id: str, tags: Iterable[str]) -> None:
        """Give the card ``tags``: the readable tags it has and ``tags`` lacks go, the others
        come (the caller holds the transaction)."""
        wanted = set(tags)
        current = set(self.card_tags(card_id))
        for tag in sorted(current - wanted):
            self._db.execute("DELETE FROM card_tags WHERE card_id = ? AND tag = ?", [card_id, tag])
        for tag in sorted(wanted - current):
            self._db.execute(
                "INSERT OR IGNORE INTO card_tags (card_id, tag) VALUES (?, ?)", [card_id, tag]
            )

    def merge(self, incoming: Mapping[str, Iterable[str]]) -> TagMerge:
        """Add ``incoming``'s tags to the cards, each card keeping every tag it has (a union:
        nothing is ever taken away), in one transaction."""
        added = cards = 0
        with self._db.atomic():
            for card_id, names in incoming.items():
                before = self.card_tags(card_id)
                after = with_tags(before, names)
                if after != before:
                    self.write(card_id, after)
                    added += len(after) - len(before)
                    cards += 1
        return TagMerge(added, cards)
