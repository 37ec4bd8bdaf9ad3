"""The review store: every answer is logged with the card's state before and after, undo
puts the card back exactly, and times are aware UTC."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.review_rows import StoredState, iso, state_json, state_row
from ocstudy.userdata.reviews import ReviewStore, ReviewStoreError

T0 = datetime(2026, 3, 2, 9, 0, 0, 123456, tzinfo=UTC)


def state(due: datetime, reps: int = 1, stability: float = 2.3065) -> StoredState:
    return StoredState(
        2, None, stability, 5.117_283_948_271_1, due, due - timedelta(days=2), reps, 0
    )


def test_migration_adds_reviews_after_notes(data_dir: Path) -> None:
    db = open_user_database(data_dir)
    names = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names[:2] == ["0001_notes", "0002_reviews"]
    tables = {row["name"] for row in db.query("SELECT name FROM sqlite_master")}
    assert {"card_states", "review_log", "settings"} <= tables


def test_record_and_undo_restore_exactly(store: ReviewStore) -> None:
    first = state(T0 + timedelta(days=3))
    log_new = store.record(
        "c", rating=3, mode="typed", reviewed_at=T0, duration_ms=4200, before=None, after=first
    )
    assert store.state("c") == first
    entry = store.entry(log_new)
    assert entry is not None and entry.before is None and entry.after == first
    assert entry.reviewed_at == T0 and entry.mode == "typed" and entry.duration_ms == 4200

    second = state(T0 + timedelta(days=12), reps=2, stability=1 / 3)
    later = T0 + timedelta(days=3)
    log_review = store.record(
        "c",
        rating=4,
        mode="choice",
        reviewed_at=later,
        duration_ms=None,
        before=first,
        after=second,
    )
    assert store.state("c") == second
    with pytest.raises(ReviewStoreError, match="not the card's last answer"):
        store.undo(log_new)
    assert store.state("c") == second and store.count(T0, later + timedelta(1)) == 2

    store.undo(log_review)
    assert store.state("c") == first  # floats and microseconds come back exactly
    store.undo(log_new)
    assert store.state("c") is None and store.lines() == []
    with pytest.raises(ReviewStoreError):
        store.undo(log_new)


def test_times_are_stored_as_utc_text(store: ReviewStore) -> None:
    paris = timezone(timedelta(hours=1))
    local = datetime(2026, 3, 2, 10, 0, tzinfo=paris)
    store.record("c", rating=3, mode="flashcard", reviewed_at=local, duration_ms=1, before=None,
                 after=state(local + timedelta(days=1)))  # fmt: skip
    row = store._db.execute("SELECT reviewed_at, after_json FROM review_log").fetchone()
    assert row[0] == "2026-03-02T09:00:00.000000+00:00"
    assert '"due": "2026-03-03T09:00:00.000000+00:00"' in row[1]
    (line,) = store.lines()
    assert line.reviewed_at == local and line.reviewed_at.utcoffset() == timedelta(0)
    with pytest.raises(ValueError, match="naive"):
        store.record("d", rating=3, mode="flashcard", reviewed_at=datetime(2026, 1, 1),
                     duration_ms=1, before=None, after=state(T0))  # fmt: skip


def test_log_queries(store: ReviewStore) -> None:
    for n, card in enumerate(["a", "b", "a", "c"]):
        before = store.state(card)
        store.record(
            card,
            rating=1 + n % 4,
            mode="flashcard",
            reviewed_at=T0 + timedelta(hours=n),
            duration_ms=1000 * (n + 1),
            before=before,
            after=state(T0 + timedelta(days=1)),
        )
    assert store.new_cards_introduced(T0) == 3
    assert store.new_cards_introduced(T0 + timedelta(hours=2)) == 1
    assert store.recent_durations(2) == [4000, 3000]
    assert [line.card_id for line in store.lines(since=T0 + timedelta(hours=1))] == ["b", "a", "c"]
    assert [line.state_before for line in store.lines()] == [None, None, 2, None]
    assert store.first_review() == T0


def test_settings(store: ReviewStore) -> None:
    assert store.setting("quiz.new_cards_per_day") is None
    store.set_settings({"quiz.new_cards_per_day": "15", "quiz.desired_retention": "0.85"})
    store.set_settings({"quiz.new_cards_per_day": "12"})
    assert store.setting("quiz.new_cards_per_day") == "12"
    assert store.setting("quiz.desired_retention") == "0.85"


_MOMENTS = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(9000, 1, 1), timezones=st.just(UTC)
)
_MEMORY = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False))


@given(
    st.builds(
        StoredState,
        st.integers(1, 3),
        st.one_of(st.none(), st.integers(0, 10)),
        _MEMORY,
        _MEMORY,
        _MOMENTS,
        st.one_of(st.none(), _MOMENTS),
        st.integers(0, 10**6),
        st.integers(0, 10**4),
    )
)
def test_a_snapshot_is_the_text_json_gives(snapshot: StoredState) -> None:
    """The log's snapshots are written directly, for speed: the same text as json.dumps,
    also from the answer's time as ``iso`` wrote it (a replay has it already)."""
    assert state_json(snapshot) == json.dumps(state_row(snapshot))
    if snapshot.last_review is not None:
        answered = iso(snapshot.last_review)
        assert state_json(snapshot, answered) == json.dumps(state_row(snapshot))
