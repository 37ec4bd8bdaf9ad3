"""What the learner sets on a card besides its schedule: suspended, buried, a flag, a leech,
and their own tags (``card_tags.py``).

Marks live in ``card_marks`` (migration ``0003_card_marks``), one row per marked card; a card
with no row has :data:`NO_MARK`. Every change is a list of :class:`CardEdit` values (each a
card's mark, schedule and/or tags, before and after) applied in one transaction by
:meth:`MarkStore.apply`, which changes a card only if it is still as the edit found it: undo
is applying the reversed edits, and never overwrites a change made since.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from ocstudy.userdata.card_tags import TagStore
from ocstudy.userdata.database import UserDatabaseError
from ocstudy.userdata.review_rows import StoredState, iso
from ocstudy.userdata.reviews import ReviewStore
from ocstudy.userdata.stored_values import (
    ID_LENGTH,
    optional_time,
    shown,
    value_or_default,
    whole_number,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ocstudy.userdata.stored_values import Unreadable

Value = TypeVar("Value")


class MarkStoreError(UserDatabaseError):
    """A change to cards could not be saved."""


@dataclass(frozen=True, slots=True)
class CardMark:
    suspended: bool = False
    #: The card comes back at this moment (the end of the study day it was buried on).
    buried_until: datetime | None = None
    #: 0: no flag; 1-7: Anki's red, orange, green, blue, pink, turquoise, purple.
    flag: int = 0
    leech: bool = False

    def buried(self, now: datetime) -> bool:
        return self.buried_until is not None and now < self.buried_until


NO_MARK = CardMark()


@dataclass(frozen=True, slots=True)
class CardEdit:
    """One card's change: its mark, its stored schedule and/or its tags, as found and as
    wanted."""

    card_id: str
    mark: tuple[CardMark, CardMark] | None = None
    state: tuple[StoredState | None, StoredState | None] | None = None
    tags: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def reversed(self) -> CardEdit:
        mark = (self.mark[1], self.mark[0]) if self.mark else None
        state = (self.state[1], self.state[0]) if self.state else None
        tags = (self.tags[1], self.tags[0]) if self.tags else None
        return CardEdit(self.card_id, mark, state, tags)


def _mark(row: tuple[object, ...], unreadable: Unreadable) -> CardMark:
    """A stored mark; a value that is not what its column holds counts as no mark of that
    kind (not suspended, not buried, no flag, no leech), said once."""
    card_id, suspended, buried_until, flag, leech = row

    def read(parse: Callable[[], Value], default: Value) -> Value:
        name = f"the marks of card {shown(card_id, ID_LENGTH)}"
        return value_or_default(parse, default, unreadable, name, "that mark is not used")

    return CardMark(
        read(lambda: bool(whole_number(suspended, "suspended", 0, 1)), False),
        read(lambda: optional_time(buried_until, "buried_until"), None),
        read(lambda: whole_number(flag, "flag", 0, 7), 0),
        read(lambda: bool(whole_number(leech, "leech", 0, 1)), False),
    )


class MarkStore:
    def __init__(self, reviews: ReviewStore) -> None:
        self._reviews = reviews
        self._db = reviews.database
        self.tags = TagStore(self._db)

    def marks(self) -> dict[str, CardMark]:
        rows = self._db.execute(
            "SELECT card_id, suspended, buried_until, flag, leech FROM card_marks"
        ).fetchall()
        return {row[0]: _mark(row, self._db.unreadable_rows) for row in rows}

    def mark(self, card_id: str) -> CardMark:
        row = self._db.execute(
            "SELECT card_id, suspended, buried_until, flag, leech FROM card_marks "
            "WHERE card_id = ?",
            [card_id],
        ).fetchone()
        return _mark(row, self._db.unreadable_rows) if row else NO_MARK

    def hidden(self, now: datetime) -> set[str]:
        """The cards a session leaves out at ``now``: suspended, or buried until later."""
        return {
            card_id for card_id, mark in self.marks().items() if mark.suspended or mark.buried(now)
        }

    def apply(self, edits: Sequence[CardEdit], doing: str) -> list[str]:
        """Apply ``edits`` in one transaction. A card whose mark or schedule is no longer as
        its edit found it is left as it is; their ids are returned. ``doing`` names the
        change in the message of a failed write ("suspend the cards")."""
        changed: list[str] = []
        try:
            with self._db.atomic():
                for edit in edits:
                    if not self._unchanged(edit):
                        changed.append(edit.card_id)
                        continue
                    if edit.mark is not None:
                        self._write_mark(edit.card_id, edit.mark[1])
                    if edit.state is not None:
                        self._reviews.write_state(edit.card_id, edit.state[1])
                    if edit.tags is not None:
                        self.tags.write(edit.card_id, edit.tags[1])
        except sqlite3.Error as error:
            raise MarkStoreError(f"could not {doing}: {error}") from None
        return changed

    def _unchanged(self, edit: CardEdit) -> bool:
        if edit.mark is not None and self.mark(edit.card_id) != edit.mark[0]:
            return False
        if edit.tags is not None and self.tags.card_tags(edit.card_id) != edit.tags[0]:
            return False
        return edit.state is None or self._reviews.state(edit.card_id) == edit.state[0]

    def _write_mark(self, card_id: str, mark: CardMark) -> None:
        if mark == NO_MARK:
            self._db.execute("DELETE FROM card_marks WHERE card_id = ?", [card_id])
            return
        self._db.execute(
            "INSERT OR REPLACE INTO card_marks (card_id, suspended, buried_until, flag, leech) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                card_id,
                int(mark.suspended),
                iso(mark.buried_until) if mark.buried_until else None,
                mark.flag,
                int(mark.leech),
            ],
        )
