"""Reviews from elsewhere merged into the log: by identity (card and time to the
millisecond), once; each touched card's log replayed into its schedule and its rows'
snapshots; one transaction; an old log holding two answers of one identity migrates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ocstudy.quiz.rating import Rating
from ocstudy.quiz.scheduling import CardScheduler
from ocstudy.services.exchange import review_exchange
from ocstudy.services.review.schedule import from_stored, to_stored
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.review_merge import ForeignReview, merge_reviews
from ocstudy.userdata.reviews import ReviewStore

START = datetime(2026, 3, 2, 9, 0, 0, 123000, tzinfo=UTC)
SCHEDULER = CardScheduler(seed=5)


stored_replay = review_exchange.stored_replay(SCHEDULER)


def anki(card_id: str, rating: int, at: datetime) -> ForeignReview:
    return ForeignReview(card_id, rating, at, 4000, "anki")


def answer(store: ReviewStore, card_id: str, rating: int, at: datetime) -> None:
    """An answer as the quiz records it."""
    stored = store.state(card_id)
    before = from_stored(stored) if stored else None
    after = SCHEDULER.review(card_id, before, Rating(rating), at)
    store.record(
        card_id,
        rating=rating,
        mode="typed",
        reviewed_at=at,
        duration_ms=2000,
        before=to_stored(before) if before else None,
        after=to_stored(after),
    )


@pytest.fixture
def store(data_dir: Path) -> ReviewStore:
    return ReviewStore(open_user_database(data_dir))


def test_merged_reviews_join_the_log_once_and_the_state_is_the_replay(
    store: ReviewStore,
) -> None:
    answer(store, "a", 3, START)
    day = timedelta(days=1)
    batch = [anki("a", 1, START + 2 * day), anki("a", 3, START + day), anki("b", 3, START)]

    merged = merge_reviews(store.database, batch, stored_replay)
    again = merge_reviews(store.database, batch, stored_replay)

    assert (merged.added, merged.present, merged.cards) == (3, 0, frozenset({"a", "b"}))
    assert (again.added, again.present, again.cards) == (0, 3, frozenset())
    lines = [(x.card_id, x.rating, x.reviewed_at) for x in store.lines()]
    assert lines == [
        ("a", 3, START),
        ("b", 3, START),
        ("a", 3, START + day),
        ("a", 1, START + 2 * day),
    ]
    expected = stored_replay("a", [(3, START), (3, START + day), (1, START + 2 * day)], None)
    assert store.state("a") == expected[-1]
    origins = store.database.execute("SELECT origin FROM review_log ORDER BY id").fetchall()
    assert [o[0] for o in origins] == ["ocstudy", "anki", "anki", "anki"]


def test_each_row_of_a_touched_card_holds_its_replayed_schedules(
    store: ReviewStore,
) -> None:
    answer(store, "a", 3, START + timedelta(days=3))  # the quiz's answer, after the phone's
    merge_reviews(store.database, [anki("a", 3, START)], stored_replay)

    ids = [row[0] for row in store.database.execute("SELECT id FROM review_log ORDER BY id")]
    first, second = store.entry(ids[1]), store.entry(ids[0])  # the phone's came second
    assert first is not None and second is not None
    assert first.before is None and second.before == first.after
    assert second.after == store.state("a")
    assert store.lines()[1].state_before == first.after.state


def test_the_same_time_to_the_millisecond_is_the_same_review(store: ReviewStore) -> None:
    answer(store, "a", 3, START + timedelta(microseconds=456))
    merged = merge_reviews(
        store.database, [anki("a", 1, START), anki("a", 1, START)], stored_replay
    )
    assert (merged.added, merged.present) == (0, 2)


def test_a_merge_that_fails_half_way_changes_nothing(store: ReviewStore) -> None:
    answer(store, "a", 3, START)
    before = (store.lines(), store.states())
    seen: list[int] = []

    def stop_after_first(done: int, total: int) -> None:
        seen.append(done)
        if done == 2:
            raise RuntimeError("cancelled")

    batch = [anki("a", 3, START + timedelta(days=1)), anki("b", 3, START)]
    with pytest.raises(RuntimeError):
        merge_reviews(store.database, batch, stored_replay, stop_after_first)
    assert seen == [1, 2]
    assert (store.lines(), store.states()) == before


def test_a_merge_gives_back_the_page_cache_it_enlarged(store: ReviewStore) -> None:
    """The merge writes with a larger SQLite page cache; the app's own comes back after it,
    whether it succeeded or failed."""
    connection = store.database.conn
    connection.execute("PRAGMA cache_size = -1234")
    seen: list[int] = []

    def look(done: int, total: int) -> None:
        seen.append(connection.execute("PRAGMA cache_size").fetchone()[0])
        if done == 2:
            raise RuntimeError("cancelled")

    merge_reviews(store.database, [anki("a", 3, START)], stored_replay, look)
    assert connection.execute("PRAGMA cache_size").fetchone()[0] == -1234
    batch = [anki("b", 3, START), anki("c", 3, START)]
    with pytest.raises(RuntimeError):
        merge_reviews(store.database, batch, stored_replay, look)
    assert connection.execute("PRAGMA cache_size").fetchone()[0] == -1234
    assert seen and all(size < -1234 for size in seen)


def test_a_log_with_two_answers_of_one_identity_migrates_and_keeps_both(data_dir: Path) -> None:
    db = open_user_database(data_dir)
    db.conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0006_review_origin'")
    db.conn.execute("DROP INDEX review_log_identity")
    db.conn.execute("ALTER TABLE review_log DROP COLUMN origin")
    db.conn.commit()
    store = ReviewStore(db)
    answer(store, "a", 3, START)
    answer(store, "a", 1, START)  # the same millisecond, twice (a clock stood still)
    db.close()

    again = ReviewStore(open_user_database(data_dir))
    assert [x.rating for x in again.lines()] == [3, 1]
    rows = again.database.execute("SELECT origin FROM review_log").fetchall()
    assert rows == [("ocstudy",), ("ocstudy",)]


def test_a_card_reset_after_its_last_answer_keeps_the_reset(store: ReviewStore) -> None:
    """Forget (the schedule deleted, the log kept) and Set due date (the schedule changed)
    made after the card's last answer here survive a merge: an older review from elsewhere
    joins the history only, a newer one is played on top of the reset schedule."""
    day = timedelta(days=1)
    for n in range(3):
        answer(store, "a", 3, START + n * day)
    store.write_state("a", None)  # Forget
    merge_reviews(store.database, [anki("a", 3, START - day)], stored_replay)
    assert store.state("a") is None  # still forgotten
    assert len(store.lines()) == 4  # the phone's review is in the history
    merge_reviews(store.database, [anki("a", 4, START + 10 * day)], stored_replay)
    expected = stored_replay("a", [(4, START + 10 * day)], None)[-1]
    assert store.state("a") == expected  # a new card answered Easy, as after a Forget

    for n in range(3):
        answer(store, "b", 3, START + n * day)
    moved = replace(store.state("b"), due=START + 40 * day)  # type: ignore[type-var]
    store.write_state("b", moved)  # Set due date
    merge_reviews(store.database, [anki("b", 1, START - day)], stored_replay)
    assert store.state("b") == moved
