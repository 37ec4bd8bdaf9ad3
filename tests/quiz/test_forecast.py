"""The exam forecast against FSRS computed here on its own (``fsrs``'s Scheduler and Card,
not ocstudy's wrapper), and the exam plan's rules, on plain values."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler
from hypothesis import given, settings
from hypothesis import strategies as st

from ocstudy.quiz.days import StudyDay
from ocstudy.quiz.exam_plan import LEARNED_BEFORE, PlanRequest, make_plan, new_cards_per_day
from ocstudy.quiz.forecast import exam_moment, recall_if_you_stop
from ocstudy.quiz.scheduling import CardScheduler, CardState

DAY = StudyDay(UTC)
START = datetime(2026, 1, 5, 18, 0, tzinfo=UTC)


def fsrs_log(card_ids: list[str], seed: int = 3) -> dict[str, Card]:
    """Each card studied with ``fsrs`` directly for 40 days: answers drawn at random, each
    review when ``fsrs`` says the card is due."""
    rng = random.Random(seed)
    scheduler = Scheduler(enable_fuzzing=False)
    cards: dict[str, Card] = {}
    for n, card_id in enumerate(card_ids):
        card, now = Card(card_id=n + 1), START + timedelta(days=n % 10)
        while now < START + timedelta(days=40):
            rating = rng.choice([Rating.Again, Rating.Hard, Rating.Good, Rating.Good, Rating.Easy])
            card, _ = scheduler.review_card(card, rating, now)
            now = max(card.due, now + timedelta(minutes=1))
        cards[card_id] = card
    return cards


def as_states(cards: dict[str, Card]) -> dict[str, CardState]:
    return {
        card_id: CardState(c.state, c.step, c.stability, c.difficulty, c.due, c.last_review, reps=1)
        for card_id, c in cards.items()
    }


def test_recall_if_you_stop_is_fsrs_retrievability_averaged_unseen_counting_zero() -> None:
    seen = [f"card{n}" for n in range(30)]
    cards = fsrs_log(seen)
    moment = exam_moment(DAY, date(2026, 3, 20))
    fsrs = Scheduler(enable_fuzzing=False)
    expected = sum(fsrs.get_card_retrievability(card, moment) for card in cards.values()) / 40
    ids = [*seen, *(f"unseen{n}" for n in range(10))]
    forecast = recall_if_you_stop(CardScheduler(fuzz=False), as_states(cards), ids, moment)
    assert forecast == pytest.approx(expected, abs=1e-12)
    assert 0 < forecast < 0.75


def test_a_learner_with_no_reviews_recalls_nothing_if_they_stop() -> None:
    moment = exam_moment(DAY, date(2026, 3, 20))
    assert recall_if_you_stop(CardScheduler(), {}, ["a", "b", "c"], moment) == 0.0


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    first=st.integers(0, 400),
    later=st.integers(1, 400),
)
def test_a_later_exam_never_forecasts_more_recall_if_you_stop(
    seed: int, first: int, later: int
) -> None:
    states = as_states(fsrs_log([f"c{n}" for n in range(5)], seed))
    scheduler = CardScheduler(fuzz=False)
    ids = list(states)
    soon = exam_moment(DAY, date(2026, 2, 20) + timedelta(days=first))
    after = soon + timedelta(days=later)
    assert recall_if_you_stop(scheduler, states, ids, after) <= recall_if_you_stop(
        scheduler, states, ids, soon
    )


def test_new_cards_are_spread_to_three_days_before_the_exam() -> None:
    spread = new_cards_per_day(10, date(2026, 3, 1), date(2026, 3, 8))
    assert list(spread) == [date(2026, 3, d) for d in range(1, 6)]
    assert list(spread.values()) == [2, 2, 2, 2, 2]
    assert sum(new_cards_per_day(11, date(2026, 3, 1), date(2026, 3, 8)).values()) == 11
    assert new_cards_per_day(5, date(2026, 3, 1), date(2026, 3, 2)) == {date(2026, 3, 1): 5}
    assert new_cards_per_day(5, date(2026, 3, 1), date(2026, 3, 1)) == {}


def test_the_plan_introduces_every_unseen_card_before_the_exam() -> None:
    states = as_states(fsrs_log([f"seen{n}" for n in range(20)]))
    ids = [*states, *(f"new{n}" for n in range(50))]
    request = PlanRequest(ids, date(2026, 3, 1), date(2026, 3, 31), 30, seed=4)
    plan = make_plan(CardScheduler(fuzz=False), states, DAY, request)
    assert sum(day.new_cards for day in plan.days) == 50
    last_new = max(day.day for day in plan.days if day.new_cards)
    assert last_new <= date(2026, 3, 31) - timedelta(days=LEARNED_BEFORE)
    assert plan.days[0].day == date(2026, 3, 1)
    assert plan.days[-1].day == date(2026, 3, 31)
    assert plan.recall_if_you_follow > plan.recall_if_you_stop
    assert set(plan.recall) == set(ids)
    again = make_plan(CardScheduler(fuzz=False), states, DAY, request)
    assert again == plan  # seeded: the same plan every time


def test_a_plan_that_does_not_fit_says_by_how_much() -> None:
    ids = [f"new{n}" for n in range(300)]
    request = PlanRequest(ids, date(2026, 3, 1), date(2026, 3, 8), 5, durations_ms=[12_000])
    plan = make_plan(CardScheduler(fuzz=False), {}, DAY, request)
    assert not plan.fits
    assert plan.over_by == plan.busiest - 5 > 0
    roomy = PlanRequest(ids, date(2026, 3, 1), date(2026, 3, 8), 600, durations_ms=[12_000])
    assert make_plan(CardScheduler(fuzz=False), {}, DAY, roomy).fits


def anki_log(count: int, seed: int = 5) -> dict[str, list[tuple[Rating, datetime]]]:
    """Answers given in Anki (its v3 scheduler with FSRS on): each card answered at random
    eight times, each answer when Anki schedules it (its interval, or ten minutes while in
    learning)."""
    collection = pytest.importorskip("anki.collection")
    import tempfile
    from pathlib import Path

    rng = random.Random(seed)
    log: dict[str, list[tuple[Rating, datetime]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        col = collection.Collection(str(Path(folder) / "collection.anki2"))
        col.set_config("fsrs", True)
        basic = col.models.by_name("Basic")
        for n in range(count):
            note = col.new_note(basic)
            note["Front"] = f"card {n}"
            col.add_note(note, 1)
        for n, cid in enumerate(col.db.list("SELECT id FROM cards ORDER BY id")):
            now, answers = START + timedelta(days=n % 7), []
            for _ in range(8):
                card = col.get_card(cid)
                card.start_timer()
                rating = rng.choice([0, 1, 2, 2, 3])  # Anki's Again, Hard, Good, Easy
                states = col._backend.get_scheduling_states(cid)
                col.sched.answer_card(
                    col.sched.build_answer(card=card, states=states, rating=rating)
                )
                answers.append((Rating(rating + 1), now))
                interval = col.get_card(cid).ivl
                now += timedelta(days=interval) if interval else timedelta(minutes=10)
            log[f"anki{n}"] = answers
        col.close()
    return log


def test_recall_on_a_log_made_with_ankis_scheduler_is_fsrs_retrievability() -> None:
    log = anki_log(15)
    ours, fsrs, app = {}, Scheduler(enable_fuzzing=False), CardScheduler(fuzz=False)
    expected: dict[str, Card] = {}
    for card_id, answers in log.items():
        state, card = None, Card(card_id=len(expected) + 1)
        for rating, when in answers:
            state = app.review(card_id, state, rating, when)  # as the quiz records it
            card, _ = fsrs.review_card(card, rating, when)
        assert state is not None
        ours[card_id], expected[card_id] = state, card
    moment = max(when for answers in log.values() for _, when in answers) + timedelta(days=9)
    truth = sum(fsrs.get_card_retrievability(c, moment) for c in expected.values()) / len(log)
    assert recall_if_you_stop(app, ours, list(log), moment) == pytest.approx(truth, abs=1e-12)
    assert 0 < truth < 1
