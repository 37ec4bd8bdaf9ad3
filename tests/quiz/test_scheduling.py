"""The FSRS wrapper: never schedules into the past, previews what an answer then gives,
fuzzes reproducibly, and refuses naive datetimes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Rating, Scheduler, State
from hypothesis import given, settings
from hypothesis import strategies as st

from ocstudy.quiz.days import StudyDay
from ocstudy.quiz.scheduling import CardScheduler, CardState, format_interval

START = datetime(2026, 1, 1, 12, tzinfo=UTC)
ratings = st.sampled_from(list(Rating))
gaps = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400))
histories = st.lists(st.tuples(ratings, gaps), min_size=1, max_size=25)
#: a clock set back between two answers must not schedule into the past either
skewed = st.lists(
    st.tuples(ratings, st.timedeltas(min_value=-timedelta(days=3), max_value=timedelta(days=400))),
    min_size=1,
    max_size=25,
)


@settings(max_examples=80, deadline=None)
@given(skewed, st.booleans(), st.integers(0, 2**16))
def test_a_review_never_schedules_into_the_past(
    history: list[tuple[Rating, timedelta]], fuzz: bool, seed: int
) -> None:
    scheduler = CardScheduler(fuzz=fuzz, seed=seed)
    state: CardState | None = None
    now = START
    for rating, gap in history:
        now += gap
        after = scheduler.review("card", state, rating, now)
        assert after.due > now
        assert after.last_review == now and after.due.tzinfo is not None
        assert after.reps == (state.reps if state else 0) + 1
        state = after


@settings(max_examples=40, deadline=None)
@given(histories, st.integers(0, 2**16))
def test_previews_are_what_the_answer_then_gives(
    history: list[tuple[Rating, timedelta]], seed: int
) -> None:
    scheduler = CardScheduler(fuzz=True, seed=seed)
    state: CardState | None = None
    now = START
    for rating, gap in history:
        now += gap
        preview = scheduler.preview("card", state, now)
        state = scheduler.review("card", state, rating, now)
        assert state.due - now == preview[rating]


def test_without_fuzz_it_is_plain_fsrs() -> None:
    ours = CardScheduler(fuzz=False)
    theirs = Scheduler(enable_fuzzing=False)
    from fsrs import Card

    card = Card(card_id=1, due=START)
    state: CardState | None = None
    now = START
    for rating in (Rating.Good, Rating.Good, Rating.Hard, Rating.Again, Rating.Good, Rating.Easy):
        card, _ = theirs.review_card(card, rating, now)
        state = ours.review("x", state, rating, now)
        assert (state.due, state.stability, state.difficulty) == (
            card.due,
            card.stability,
            card.difficulty,
        )
        assert state.state == card.state and state.step == card.step
        now = card.due


def test_fuzz_is_seeded_and_stays_near_the_interval() -> None:
    review = CardState(State.Review, None, 30.0, 5.0, START, START - timedelta(days=30), 5, 0)
    later = START + timedelta(days=30)
    plain = CardScheduler(fuzz=False).review("x", review, Rating.Good, later).due - later
    fuzzed = {
        seed: CardScheduler(fuzz=True, seed=seed).review("x", review, Rating.Good, later).due
        - later
        for seed in range(40)
    }
    assert len(set(fuzzed.values())) > 1
    assert all(abs((gap - plain).days) <= max(3, plain.days * 0.1) for gap in fuzzed.values())
    again = CardScheduler(fuzz=True, seed=7).review("x", review, Rating.Good, later).due - later
    assert again == fuzzed[7]


def test_lapses_and_retention() -> None:
    scheduler = CardScheduler(fuzz=False)
    state = scheduler.review("x", None, Rating.Easy, START)
    assert state.state == State.Review and state.lapses == 0
    lapsed = scheduler.review("x", state, Rating.Again, state.due)
    assert lapsed.lapses == 1 and lapsed.state == State.Relearning
    assert scheduler.retrievability(None, START) == 0.0
    assert scheduler.retrievability(state, START) == pytest.approx(1.0)
    assert 0 < scheduler.retrievability(state, START + timedelta(days=60)) < 0.9
    stricter = scheduler.with_retention(0.97)
    assert stricter.review("x", None, Rating.Easy, START).due < state.due


def test_times_must_be_aware() -> None:
    with pytest.raises(ValueError, match="naive"):
        CardScheduler().review("x", None, Rating.Good, datetime(2026, 1, 1))
    paris = timezone(timedelta(hours=1))
    state = CardScheduler().review("x", None, Rating.Good, datetime(2026, 1, 1, 13, tzinfo=paris))
    assert state.last_review == START and state.last_review.tzinfo == UTC


def test_interval_labels() -> None:
    labels = [
        format_interval(timedelta(seconds=s))
        for s in (30, 600, 7200, 3 * 86400, 75 * 86400, 800 * 86400)
    ]
    assert labels == ["<1m", "10m", "2h", "3d", "2.5mo", "2.2y"]


def test_study_days_roll_over_at_four_in_the_morning() -> None:
    plus_two = timezone(timedelta(hours=2))
    day = StudyDay(plus_two)
    late = datetime(2026, 1, 2, 1, 30, tzinfo=UTC)  # 03:30 local: still 1 January
    assert day.day_of(late).isoformat() == "2026-01-01"
    assert day.day_of(late + timedelta(hours=1)).isoformat() == "2026-01-02"
    assert day.start(day.day_of(late)) == datetime(2026, 1, 1, 2, tzinfo=UTC)
    assert day.end(day.day_of(late)) == datetime(2026, 1, 2, 2, tzinfo=UTC)


def test_the_fuzz_ranges_are_fsrs_own() -> None:
    """ocstudy works out fsrs's fuzz range itself (once per interval, for a long replay): its
    ranges must stay fsrs's, and the range be the one fsrs's formula gives."""
    from fsrs.scheduler import FUZZ_RANGES

    from ocstudy.quiz import scheduling

    ours = tuple((start, end, factor) for start, end, factor in scheduling._FUZZ_RANGES)
    assert ours == tuple((r["start"], r["end"], r["factor"]) for r in FUZZ_RANGES)
    for days in (3, 7, 8, 20, 21, 100, 36_000):
        delta = 1.0 + sum(
            r["factor"] * max(min(float(days), r["end"]) - r["start"], 0.0) for r in FUZZ_RANGES
        )
        low, high = max(2, round(days - delta)), min(round(days + delta), 36_500)
        assert scheduling._fuzz_range(days, 36_500) == (min(low, high), high), days
