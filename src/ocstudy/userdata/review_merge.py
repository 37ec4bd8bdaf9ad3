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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final, cast

from ocstudy.userdata.database import UserDatabase
from ocstudy.userdata.review_rows import MILLISECOND, StoredState, identity, iso, state_json
from ocstudy.userdata.reviews import ReviewStore, ReviewStoreError
from ocstudy.userdata.stored_values import (
    BadValueError,
    optional_whole_number,
    text_value,
    time_value,
    whole_number,
)
from ocstudy.userdata.sync_store import forget_sent_from
from ocstudy.userdata.undone_reviews import undone_key, undone_keys

ORIGINS: Final = ("ocstudy", "anki")
#: SQLite's page cache while a merge writes, in KiB as ``PRAGMA cache_size`` takes it
#: (negative): the indexes of a log of about 300,000 answers (memory is taken only as used).
_MERGE_CACHE_KIB: Final = -32768

#: The state after each of a card's answers (rating, time), oldest first, from a new card.
#: ``replay(card_id, answers, start)``: the card's state after each answer, from ``start``
#: (None: a new card).
Replay = Callable[[str, Sequence[tuple[int, datetime]], StoredState | None], Sequence[StoredState]]
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
    #: reviews the log held already (or the batch held twice, or that were undone)
    present: int
    #: the cards whose log gained a review
    cards: frozenset[str]
    #: each of those cards' lapses before the merge and after it (the leech marks follow)
    lapses: dict[str, tuple[int, int]] = field(default_factory=dict)


def merge_reviews(
    db: UserDatabase,
    reviews: Sequence[ForeignReview],
    replay: Replay,
    cards_done: CardsDone | None = None,
) -> Merged:
    """Add the ``reviews`` not yet in the log and rewrite their cards' schedules from
    ``replay``, in one transaction (an error, or ``cards_done`` raising, leaves the log as
    it was). A review undone here or on a computer this one syncs with is never added
    again, whichever way it comes (a sync, an import of an older export)."""
    gone = undone_keys(db)
    by_card: dict[str, list[ForeignReview]] = defaultdict(list)
    for review in reviews:
        if undone_key(review.card_id, identity(review.reviewed_at)) not in gone:
            by_card[review.card_id].append(review)
    added, lapses = 0, {}
    try:
        with db.atomic(), _cache_for_indexes(db):
            for done, (card_id, incoming) in enumerate(sorted(by_card.items()), start=1):
                count, lapsed = _merge_card(db, card_id, incoming, replay)
                if count:
                    added += count
                    lapses[card_id] = lapsed
                if cards_done is not None:
                    cards_done(done, len(by_card))
    except sqlite3.Error as error:
        raise ReviewStoreError(f"could not add the reviews: {error}") from None
    return Merged(added, len(reviews) - added, frozenset(lapses), lapses)


@contextmanager
def _cache_for_indexes(db: UserDatabase) -> Iterator[None]:
    """SQLite's page cache made large enough for the log's indexes while a merge writes: rows
    come card by card, so the time index is written all over, and SQLite's default cache
    (2 MB) spilled and read its pages again (a fifth of the writing of 100,000 reviews)."""
    (kept,) = db.conn.execute("PRAGMA cache_size").fetchone()
    db.conn.execute(f"PRAGMA cache_size = {_MERGE_CACHE_KIB}")
    try:
        yield
    finally:
        db.conn.execute(f"PRAGMA cache_size = {int(kept)}")


@dataclass(frozen=True, slots=True)
class _Answer:
    """One answer of a card's replay: where it sorts (its stored time, then its row; a new
    one after the rows there, as its insert will number it), and either its log row's id or
    the new review it is."""

    order: tuple[str, int, int]
    rating: int
    moment: datetime
    log_id: int | None = None
    review: ForeignReview | None = None


def replay_cards(db: UserDatabase, card_ids: Sequence[str], replay: Replay) -> None:
    """Rewrite the cards' schedules from their logs, as a merge does, in one transaction: for
    an answer given here that is older than one already in its card's log (brought from a
    computer whose clock is ahead), so that the card's state is its log's on every machine."""
    try:
        with db.atomic(), _cache_for_indexes(db):
            for card_id in sorted(set(card_ids)):
                answers = sorted(_logged_answers(_log_rows(db, card_id)), key=lambda a: a.order)
                if answers:
                    moments = [(answer.rating, answer.moment) for answer in answers]
                    states = replay(card_id, moments, None)
                    _write(db, card_id, answers, states)
                    _put_state(db, card_id, states[-1])
    except sqlite3.Error as error:
        raise ReviewStoreError(f"could not replay the cards: {error}") from None


def _log_rows(db: UserDatabase, card_id: str) -> list[tuple[int, object, object, object]]:
    """The card's log rows: id, rating, time as stored, and the time's identity part."""
    return db.execute(
        f"SELECT id, rating, reviewed_at, substr(reviewed_at, 1, {MILLISECOND}) "
        "FROM review_log WHERE card_id = ?",
        [card_id],
    ).fetchall()


def _merge_card(
    db: UserDatabase, card_id: str, incoming: Sequence[ForeignReview], replay: Replay
) -> tuple[int, tuple[int, int]]:
    """Add the card's new reviews, each row with its schedules from the card's whole log
    replayed, oldest first, and write the card's state; how many were new, and the card's
    lapses before and after. A row that
    cannot be read (a rating or time written wrong elsewhere) is left out of the replay and
    left as it is, as the statistics leave it out. Each new row is written once, with its
    schedules: the replay runs before the insert.

    A card the learner reset after its last answer here (Forget, Set due date: its schedule
    is no longer its last answer's) keeps that reset: reviews from elsewhere older than that
    answer join its history only, and newer ones are played on top of the reset schedule."""
    rows = _log_rows(db, card_id)
    have = {row[3] for row in rows}
    logged = sorted(_logged_answers(rows), key=lambda answer: answer.order)
    answers = list(logged)
    new: list[_Answer] = []
    for review in sorted(incoming, key=lambda r: r.reviewed_at):
        stored = iso(review.reviewed_at)
        if stored[:MILLISECOND] not in have:
            have.add(stored[:MILLISECOND])
            answer = _Answer(
                (stored, 1, len(new)), review.rating, review.reviewed_at, review=review
            )
            new.append(answer)
            answers.append(answer)
    if not new:
        return 0, (0, 0)
    lapses = _lapses(db, card_id)
    reset = _reset_schedule(db, card_id, logged)  # before the rows' schedules are rewritten
    answers.sort(key=lambda answer: answer.order)
    states = replay(card_id, [(answer.rating, answer.moment) for answer in answers], None)
    _write(db, card_id, answers, states)
    final: StoredState | None = states[-1]
    if reset is not None:
        kept, last_here = reset
        later = [answer for answer in new if answer.moment > last_here]
        moments = [(answer.rating, answer.moment) for answer in later]
        final = replay(card_id, moments, kept)[-1] if later else kept
    _put_state(db, card_id, final)
    return len(new), (lapses, final.lapses if final is not None else lapses)


def _reset_schedule(
    db: UserDatabase, card_id: str, logged: Sequence[_Answer]
) -> tuple[StoredState | None, datetime] | None:
    """The card's schedule and its last answer's time here, if the learner reset the
    schedule after that answer (it differs from the answer's own); None if not."""
    if not logged or logged[-1].log_id is None:
        return None
    store = ReviewStore(db)
    entry = store.entry(logged[-1].log_id)
    current = store.state(card_id)
    if entry is None or current == entry.after:
        return None
    return current, logged[-1].moment


def _lapses(db: UserDatabase, card_id: str) -> int:
    """The card's lapses as its stored state has them (0 for none, or one unreadable)."""
    row = db.execute("SELECT lapses FROM card_states WHERE card_id = ?", [card_id]).fetchone()
    try:
        return 0 if row is None else whole_number(row[0], "lapses", 0)
    except BadValueError:
        return 0


def _logged_answers(rows: Sequence[tuple[int, object, object, object]]) -> list[_Answer]:
    answers = []
    for log_id, rating, reviewed_at, _ in rows:
        try:
            answer = _Answer(
                (cast(str, reviewed_at), 0, log_id),
                whole_number(rating, "rating", 1, 4),
                time_value(reviewed_at, "reviewed_at"),
                log_id,
            )
        except BadValueError:
            continue
        answers.append(answer)
    return answers


def _write(
    db: UserDatabase, card_id: str, answers: Sequence[_Answer], states: Sequence[StoredState]
) -> None:
    """Each answer's schedules before and after (a new one inserted, in time order, a
    logged one updated) and the card's state, the last one."""
    inserts: list[tuple[object, ...]] = []
    updates: list[tuple[int | None, str | None, str, int]] = []
    before_state: int | None = None
    before: str | None = None
    for answer, state in zip(answers, states, strict=True):
        review = answer.review
        if review is None:
            after = state_json(state)
            updates.append((before_state, before, after, cast(int, answer.log_id)))
        else:
            after = state_json(state, answer.order[0])  # the new row's time, as ``iso`` wrote it
            row = (card_id, review.rating, review.mode, answer.order[0], review.duration_ms)
            inserts.append((*row, before_state, before, after, review.origin))
        before_state, before = state.state, after
    db.conn.executemany(
        "INSERT INTO review_log (card_id, rating, mode, reviewed_at, duration_ms, "
        "state_before, before_json, after_json, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        inserts,
    )
    db.conn.executemany(
        "UPDATE review_log SET state_before = ?, before_json = ?, after_json = ? WHERE id = ?",
        updates,
    )


def _put_state(db: UserDatabase, card_id: str, state: StoredState | None) -> None:
    """The card's schedule (None: none, a card forgotten)."""
    if state is None:
        db.execute("DELETE FROM card_states WHERE card_id = ?", [card_id])
        return
    db.execute(
        "INSERT OR REPLACE INTO card_states (card_id, state, step, stability, difficulty, "
        "due, last_review, reps, lapses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            card_id,
            state.state,
            state.step,
            state.stability,
            state.difficulty,
            iso(state.due),
            iso(state.last_review) if state.last_review else None,
            state.reps,
            state.lapses,
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


def take_out_reviews(db: UserDatabase, keys: Iterable[str]) -> tuple[int, list[str]]:
    """Delete the reviews undone on another computer (``undone_reviews`` keys), in the
    caller's transaction; how many, and the cards to replay from their logs. A card left
    without answers is new again (as the undo left it); a card whose schedule the learner
    reset after its last answer (Forget, Set due date) keeps that reset, as a merge keeps it.
    The mark of the reviews sent is lowered as an undo lowers it (``forget_sent_from``)."""
    deleted, replay = 0, []
    wanted: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        card_id, _, moment = key.partition("\n")
        wanted[card_id].add(moment)
    for card_id, moments in sorted(wanted.items()):
        rows = _log_rows(db, card_id)
        ids = [row[0] for row in rows if _row_identity(row) in moments]
        if not ids:
            continue
        logged = sorted(_logged_answers(rows), key=lambda answer: answer.order)
        reset = _reset_schedule(db, card_id, logged) is not None
        db.conn.executemany("DELETE FROM review_log WHERE id = ?", [(i,) for i in ids])
        forget_sent_from(db, min(ids))
        deleted += len(ids)
        if reset:
            continue
        if len(ids) < len(rows):
            replay.append(card_id)
        else:
            db.execute("DELETE FROM card_states WHERE card_id = ?", [card_id])
    return deleted, replay


def _row_identity(row: tuple[int, object, object, object]) -> str:
    """A log row's review identity, from its time as stored in whatever form it was."""
    try:
        return identity(time_value(row[2], "reviewed_at"))
    except (BadValueError, ValueError):
        return str(row[3])
