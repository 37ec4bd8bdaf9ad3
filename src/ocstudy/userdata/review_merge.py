"""Reviews made elsewhere (in Anki, or in ocstudy on another machine) merged into the log.

A review's identity is its card and its time to the millisecond (``0006_review_origin``):
one already in the log is skipped, so bringing the same reviews back twice adds nothing,
whichever way they came. A card that gains a review has its whole log replayed by the
scheduler in force (the caller's ``replay``): each row's schedule before and after, and the
card's state, are rewritten from it, so the log stays one history (undo and the statistics
read it) and no state is ever copied from a file. All of it is one transaction.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from ocstudy.userdata.database import UserDatabase
from ocstudy.userdata.reviews import ReviewStoreError, StoredState, iso, state_json
from ocstudy.userdata.stored_values import (
    BadValueError,
    optional_whole_number,
    text_value,
    time_value,
    whole_number,
)

ORIGINS: Final = ("ocstudy", "anki")
#: An ISO time's first 23 characters: to the millisecond (the stored times are fixed-width).
_MILLISECOND: Final = 23

#: The state after each of a card's answers (rating, time), oldest first, from a new card.
Replay = Callable[[str, Sequence[tuple[int, datetime]]], Sequence[StoredState]]
#: Told (cards done, cards in all) after each card; it may raise to stop (all is undone).
CardsDone = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ForeignReview:
    """One review as a file brings it: the ocstudy card it was made on, its rating (1-4),
    its time (aware), its answer time where known, and where it was given."""

    card_id: str
    rating: int
    reviewed_at: datetime
    duration_ms: int | None
    origin: str
    mode: str = "flashcard"


@dataclass(frozen=True, slots=True)
class Merged:
    added: int
    #: reviews the log held already (or the batch held twice)
    present: int
    #: the cards whose log gained a review
    cards: frozenset[str]


def identity(moment: datetime) -> str:
    """A review's time as its identity compares it: stored form, to the millisecond."""
    return iso(moment)[:_MILLISECOND]


def merge_reviews(
    db: UserDatabase,
    reviews: Sequence[ForeignReview],
    replay: Replay,
    cards_done: CardsDone | None = None,
) -> Merged:
    """Add the ``reviews`` not yet in the log and rewrite their cards' schedules from
    ``replay``, in one transaction (an error, or ``cards_done`` raising, leaves the log as
    it was)."""
    by_card: dict[str, list[ForeignReview]] = defaultdict(list)
    for review in reviews:
        by_card[review.card_id].append(review)
    added, touched = 0, set()
    try:
        with db.atomic():
            for done, (card_id, incoming) in enumerate(sorted(by_card.items()), start=1):
                new = _new_reviews(db, card_id, incoming)
                if new:
                    _insert(db, new)
                    _rewrite(db, card_id, replay)
                    added += len(new)
                    touched.add(card_id)
                if cards_done is not None:
                    cards_done(done, len(by_card))
    except sqlite3.Error as error:
        raise ReviewStoreError(f"could not add the reviews: {error}") from None
    return Merged(added, len(reviews) - added, frozenset(touched))


def replay_cards(db: UserDatabase, card_ids: Sequence[str], replay: Replay) -> None:
    """Rewrite the cards' schedules from their logs, as a merge does, in one transaction: for
    an answer given here that is older than one already in its card's log (brought from a
    computer whose clock is ahead), so that the card's state is its log's on every machine."""
    try:
        with db.atomic():
            for card_id in sorted(set(card_ids)):
                _rewrite(db, card_id, replay)
    except sqlite3.Error as error:
        raise ReviewStoreError(f"could not replay the cards: {error}") from None


def _new_reviews(
    db: UserDatabase, card_id: str, incoming: Sequence[ForeignReview]
) -> list[ForeignReview]:
    rows = db.execute(
        f"SELECT substr(reviewed_at, 1, {_MILLISECOND}) FROM review_log WHERE card_id = ?",
        [card_id],
    )
    have = {row[0] for row in rows}
    new = []
    for review in sorted(incoming, key=lambda r: r.reviewed_at):
        key = identity(review.reviewed_at)
        if key not in have:
            have.add(key)
            new.append(review)
    return new


def _insert(db: UserDatabase, reviews: Sequence[ForeignReview]) -> None:
    """The rows, with a placeholder schedule that ``_rewrite`` replaces at once."""
    db.conn.executemany(
        "INSERT INTO review_log (card_id, rating, mode, reviewed_at, duration_ms, "
        "after_json, origin) VALUES (?, ?, ?, ?, ?, '{}', ?)",
        [
            (r.card_id, r.rating, r.mode, iso(r.reviewed_at), r.duration_ms, r.origin)
            for r in reviews
        ],
    )


def _rewrite(db: UserDatabase, card_id: str, replay: Replay) -> None:
    """Replay the card's log, oldest first, into each row's schedules and the card's state.
    A row that cannot be read (a rating or time written wrong elsewhere) is left out of the
    replay and left as it is, as the statistics leave it out."""
    rows = db.execute(
        "SELECT id, rating, reviewed_at FROM review_log WHERE card_id = ? ORDER BY reviewed_at, id",
        [card_id],
    ).fetchall()
    ids, answers = [], []
    for log_id, rating, reviewed_at in rows:
        try:
            answer = (whole_number(rating, "rating", 1, 4), time_value(reviewed_at, "reviewed_at"))
        except BadValueError:
            continue
        ids.append(log_id)
        answers.append(answer)
    states = replay(card_id, answers)
    updates: list[tuple[int | None, str | None, str, int]] = []
    before_state: int | None = None
    before: str | None = None
    for log_id, state in zip(ids, states, strict=True):
        after = state_json(state)
        updates.append((before_state, before, after, log_id))
        before_state, before = state.state, after
    db.conn.executemany(
        "UPDATE review_log SET state_before = ?, before_json = ?, after_json = ? WHERE id = ?",
        updates,
    )
    last = states[-1]
    db.execute(
        "INSERT OR REPLACE INTO card_states (card_id, state, step, stability, difficulty, "
        "due, last_review, reps, lapses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            card_id,
            last.state,
            last.step,
            last.stability,
            last.difficulty,
            iso(last.due),
            iso(last.last_review) if last.last_review else None,
            last.reps,
            last.lapses,
        ],
    )


def logged_reviews(db: UserDatabase) -> list[ForeignReview]:
    """Every answer in the log that can be read, oldest first, as an export writes it (one
    that cannot is left out, as the statistics leave it out)."""
    rows = db.execute(
        "SELECT card_id, rating, reviewed_at, duration_ms, origin, mode FROM review_log "
        "ORDER BY reviewed_at, id"
    )
    reviews = []
    for card_id, rating, reviewed_at, duration_ms, origin, mode in rows:
        try:
            review = ForeignReview(
                text_value(card_id, "card_id"),
                whole_number(rating, "rating", 1, 4),
                time_value(reviewed_at, "reviewed_at"),
                optional_whole_number(duration_ms, "duration_ms", 0),
                origin if origin in ORIGINS else "ocstudy",
                text_value(mode, "mode"),
            )
        except BadValueError:
            continue
        reviews.append(review)
    return reviews
