"""The learner's own cards: a front and a back in Markdown, the entry they belong to (or
none) and their themes, in the user database (never in the content).

A card's ``id`` ("own:" and 32 hex digits, made once) is the key its schedule and review log
are filed under, so an edit keeps the schedule. Every write is one transaction. An edit
(``edit_as_found``) is saved only while the card is still as the editor found it; if another
process changed or deleted it meanwhile (``ocstudy import own-cards``, a restore), that version
stays and the learner's is kept beside it as a new card, as the import keeps both versions of a
card changed on both sides at once. ``delete`` returns the card as it was, and ``restore`` puts
it back exactly (undo), unless the card changed since: then the newer version stays. Deleting a
card leaves its schedule and its review log in place: the answers were given (the statistics of
past days keep them), an id is never reused, and an undone delete brings the card back where it
was in its schedule. Times are UTC, ISO 8601.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final, NamedTuple

from ocstudy.clock import Clock, utc_now
from ocstudy.userdata.database import UserDatabase, UserDatabaseError
from ocstudy.userdata.stored_values import (
    ID_LENGTH,
    BadValueError,
    Unreadable,
    learners_text,
    learners_time,
    readable_rows,
    shown,
    text_list,
    text_value,
    value_or_default,
)
from ocstudy.userdata.times import clamped

ID_PREFIX: Final = "own:"


class OwnCardError(UserDatabaseError):
    """An own card could not be read or saved; the message says why, nothing was changed."""


@dataclass(frozen=True, slots=True)
class OwnCard:
    id: str
    front: str
    back: str
    entity_slug: str | None
    themes: tuple[str, ...]
    created_at: datetime
    updated_at: datetime


class OwnCardEdit(NamedTuple):
    """What saving an edit did. ``after`` is the learner's version as stored; ``before`` the
    card as it was just before (None: deleted meanwhile). ``kept_apart``: the card was no
    longer as the editor found it, so it stays as it is and ``after`` is a new card."""

    before: OwnCard | None
    after: OwnCard
    kept_apart: bool


def same_card_text(a: OwnCard, b: OwnCard) -> bool:
    """The same front, back, entry and themes (whatever the id and times)."""
    return (a.front, a.back, a.entity_slug, a.themes) == (b.front, b.back, b.entity_slug, b.themes)


def new_card_id() -> str:
    return f"{ID_PREFIX}{uuid.uuid4().hex}"


def is_own_id(card_id: str) -> bool:
    return card_id.startswith(ID_PREFIX)


def _card(row: dict[str, Any], unreadable: Unreadable) -> OwnCard:
    """A stored card; :class:`BadValueError` if its id is not an own card's (nothing could
    file its history then). The rest is the learner's and never leaves the card out: a side
    stored as bytes is read as UTF-8, a time that is not one as the earliest time, an entry
    that is not text or themes that are not a list of texts as none; each said once, as for
    a note (``notes.py``)."""
    card_id = text_value(row["id"], "id")
    if not is_own_id(card_id):
        raise BadValueError("id", card_id, f"an own card's id (one starting {ID_PREFIX!r})")
    name, slug = _name(row), row["entity_slug"]
    front = learners_text(row["front"], "front", unreadable, name)
    back = learners_text(row["back"], "back", unreadable, name)
    created_at = learners_time(row["created_at"], "created_at", unreadable, name)
    updated_at = learners_time(row["updated_at"], "updated_at", unreadable, name)
    entity_slug = value_or_default(
        lambda: text_value(slug, "entity_slug") if slug else None,
        None,
        unreadable,
        name,
        "it is read as on no entry",
    )
    no_themes: tuple[str, ...] = ()
    themes = value_or_default(
        lambda: text_list(row["themes"], "themes"),
        no_themes,
        unreadable,
        name,
        "it is read with no themes",
    )
    return OwnCard(card_id, front, back, entity_slug or None, themes, created_at, updated_at)


def _name(row: dict[str, Any]) -> str:
    """The card as a message names it: its id and the start of its front."""
    front = f" ({shown(row['front'])})" if isinstance(row["front"], str) else ""
    return f"own card {shown(row['id'], ID_LENGTH)}{front}"


def _row(card: OwnCard) -> dict[str, Any]:
    return {
        "id": card.id,
        "front": card.front,
        "back": card.back,
        "entity_slug": card.entity_slug,
        "themes": json.dumps(list(card.themes), ensure_ascii=False),
        "created_at": card.created_at.isoformat(),
        "updated_at": card.updated_at.isoformat(),
    }


class OwnCardStore:
    def __init__(self, db: UserDatabase, clock: Clock = utc_now):
        self._db = db
        self._clock = clock

    def all(self) -> list[OwnCard]:
        """Every own card, oldest first (added at the same moment: in the order added)."""
        try:
            rows = list(self._db.query("SELECT * FROM own_cards ORDER BY created_at, rowid"))
        except UserDatabaseError as error:
            raise OwnCardError(f"cannot read your own cards: {error}") from error
        return self._readable(rows)

    def get(self, card_id: str) -> OwnCard | None:
        try:
            rows = list(self._db.query("SELECT * FROM own_cards WHERE id = ?", [card_id]))
        except UserDatabaseError as error:
            raise OwnCardError(f"cannot read your own cards: {error}") from error
        return next(iter(self._readable(rows)), None)

    def _readable(self, rows: list[dict[str, Any]]) -> list[OwnCard]:
        """The cards of ``rows`` that can be read; the others are said once and left out."""
        unreadable = self._db.unreadable_rows
        return list(
            readable_rows(
                rows, lambda row: _card(row, unreadable), unreadable, _name, "the card is left out"
            )
        )

    def add(
        self, front: str, back: str, entity_slug: str | None, themes: Sequence[str] = ()
    ) -> OwnCard:
        """A new card, stored; returns it."""
        now = clamped(self._clock())
        card = OwnCard(new_card_id(), front, back, entity_slug or None, tuple(themes), now, now)
        with self._transaction("save your card"):
            self._insert(card)
        return card

    def edit(
        self,
        card_id: str,
        *,
        front: str,
        back: str,
        entity_slug: str | None,
        themes: Sequence[str],
    ) -> tuple[OwnCard, OwnCard]:
        """Change a card (its id, so its schedule, stays), whatever it is now; returns
        (before, after). An editor the learner types in uses :meth:`edit_as_found`."""
        with self._transaction("save your card"):
            before = self.get(card_id)
            if before is None:
                raise OwnCardError("this card is no longer there (deleted elsewhere?)")
            after = self._update(before, front, back, entity_slug, themes)
        return before, after

    def edit_as_found(
        self,
        found: OwnCard,
        *,
        front: str,
        back: str,
        entity_slug: str | None,
        themes: Sequence[str],
    ) -> OwnCardEdit:
        """Save the learner's edit of ``found`` (the card as the editor read it), compared
        and set in one transaction: changed in place while the card is still ``found``;
        otherwise (changed or deleted meanwhile) that version stays, and the learner's is
        added as a new card beside it, unless the card already reads as the learner's."""
        with self._transaction("save your card"):
            current = self.get(found.id)
            if current is not None and current == found:
                after = self._update(current, front, back, entity_slug, themes)
                return OwnCardEdit(current, after, kept_apart=False)
            now = clamped(self._clock())
            mine = OwnCard(new_card_id(), front, back, entity_slug or None, tuple(themes), now, now)
            if current is not None and same_card_text(current, mine):
                return OwnCardEdit(current, current, kept_apart=False)
            self._insert(mine)
            return OwnCardEdit(current, mine, kept_apart=True)

    def _update(
        self,
        before: OwnCard,
        front: str,
        back: str,
        entity_slug: str | None,
        themes: Sequence[str],
    ) -> OwnCard:
        after = replace(
            before,
            front=front,
            back=back,
            entity_slug=entity_slug or None,
            themes=tuple(themes),
            updated_at=max(clamped(self._clock()), before.updated_at),
        )
        self._db.execute(
            "UPDATE own_cards SET front = :front, back = :back, entity_slug = :entity_slug, "
            "themes = :themes, updated_at = :updated_at WHERE id = :id",
            _row(after),
        )
        return after

    def delete(self, card_id: str) -> OwnCard | None:
        """Delete a card and return it as it was (for undo); None if there was none. Its
        schedule and review log stay (see the module's docstring)."""
        with self._transaction("delete your card"):
            existing = self.get(card_id)
            if existing is not None:
                self._db.execute("DELETE FROM own_cards WHERE id = ?", [card_id])
        return existing

    def restore(self, card: OwnCard, since: OwnCard | None = None) -> bool:
        """Put a card back exactly as it was (undo of a delete or of an edit), if it is still
        as the undone change left it: ``since`` (the edit's result; None, the default, after a
        delete: still absent). Otherwise it changed since (an import, another window) and is
        kept as it is now: False. Compared and written in one transaction."""
        with self._transaction("put your card back"):
            if self.get(card.id) != since:
                return False
            self._db.execute("DELETE FROM own_cards WHERE id = ?", [card.id])
            self._insert(card)
        return True

    def put_all(self, cards: Iterable[OwnCard]) -> None:
        """Store each card as given (added or replaced by id), all in one transaction."""
        with self._transaction("import your cards"):
            for card in cards:
                self._db.execute("DELETE FROM own_cards WHERE id = ?", [card.id])
                self._insert(card)

    def _insert(self, card: OwnCard) -> None:
        self._db.execute(
            "INSERT INTO own_cards (id, front, back, entity_slug, themes, created_at, "
            "updated_at) VALUES (:id, :front, :back, :entity_slug, :themes, :created_at, "
            ":updated_at)",
            _row(card),
        )

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[None]:
        """One transaction; the database's error comes out as :class:`OwnCardError` saying
        what could not be done and why (the original error is its cause)."""
        try:
            with self._db.atomic():
                yield
        except OwnCardError:
            raise
        except UserDatabaseError as error:
            raise OwnCardError(f"could not {doing}: {error}") from error
