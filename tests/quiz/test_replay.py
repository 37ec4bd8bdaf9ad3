"""The pure replay of a card's log: plain ratings and times in, the scheduler's states out;
the quiz's own answers replay into the states they gave."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import State

from ocstudy.quiz.rating import Rating
from ocstudy.quiz.replay import replay
from ocstudy.quiz.scheduling import CardScheduler, CardState

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_replay_is_the_schedulers_answers_one_after_another() -> None:
    scheduler = CardScheduler(seed=3)  # fuzz on: seeded by the card and its review count
    answers = [(1, START), (3, START + timedelta(minutes=2)), (3, START + timedelta(days=1))]
    expected: list[CardState] = []
    state = None
    for rating, moment in answers:
        state = scheduler.review("card", state, Rating(rating), moment)
        expected.append(state)

    assert replay(scheduler, "card", answers) == expected
    assert replay(scheduler, "card", []) == []


def test_replay_counts_reviews_and_lapses_from_a_new_card() -> None:
    scheduler = CardScheduler(fuzz=False)
    day = timedelta(days=1)
    answers = [(3, START), (3, START + day), (3, START + 4 * day), (1, START + 20 * day)]

    states = replay(scheduler, "card", answers)

    assert [s.reps for s in states] == [1, 2, 3, 4]
    assert states[2].state == State.Review
    assert states[-1].lapses == 1
    assert states[-1].last_review == START + 20 * day
