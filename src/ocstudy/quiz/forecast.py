"""What the learner will recall on a day: FSRS's retrievability of each card then, and a
simulation of following an exam plan to that day. Pure: the caller hands in the scheduler
(the learner's parameters and retention), the cards' states and the days.

The recall of a set of cards on a day is the mean of their retrievabilities at that moment,
an unseen card counting 0: the share of the cards FSRS expects the learner to recall then,
not the chance of passing an exam.

The simulation (:func:`simulate_plan`) is deterministic: it draws each answer with the
predicted recall at the moment of the review (Good with that chance, else Again), from a
``random.Random`` seeded with the seed and the card's id, so the same plan and history
always give the same forecast. A new card is learned on its planned day (Good until it is
in review); a card is reviewed on the day it falls due; on the last days before the exam,
the minutes left over go to the cards weakest on the exam day.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final

from fsrs import State

from ocstudy.quiz.days import StudyDay
from ocstudy.quiz.rating import Rating
from ocstudy.quiz.scheduling import CardScheduler, CardState

#: When on its day the exam is taken, and when a simulated day's study is done (from the
#: study day's start: 4 a.m. by default, so 9 a.m. and 6 p.m.).
EXAM_HOUR: Final = timedelta(hours=5)
STUDY_HOUR: Final = timedelta(hours=14)
#: The days before the exam whose spare minutes review what is weakest on the day.
CRAM_DAYS: Final = 3
#: At most this many answers to bring one card from new (or a lapse) into review.
_MAX_STEPS: Final = 6


def exam_moment(day: StudyDay, exam_day: date) -> datetime:
    """When the exam on ``exam_day`` is taken (9 a.m. local with the default rollover)."""
    return day.start(exam_day) + EXAM_HOUR


def study_moment(day: StudyDay, study_day: date) -> datetime:
    """When a simulated day's study happens."""
    return day.start(study_day) + STUDY_HOUR


def recall_on(
    scheduler: CardScheduler,
    states: Mapping[str, CardState],
    card_ids: Iterable[str],
    moment: datetime,
) -> dict[str, float]:
    """Each card's FSRS retrievability at ``moment`` (0 for a card never reviewed)."""
    return scheduler.retrievabilities(states, card_ids, moment)


def mean_recall(recall: Mapping[str, float], card_ids: Iterable[str] | None = None) -> float:
    """The mean recall of ``card_ids`` (all of ``recall``'s); 0 for no cards."""
    values = [recall[i] for i in card_ids] if card_ids is not None else list(recall.values())
    return sum(values) / len(values) if values else 0.0


def recall_if_you_stop(
    scheduler: CardScheduler,
    states: Mapping[str, CardState],
    card_ids: Sequence[str],
    moment: datetime,
) -> float:
    """The share of ``card_ids`` recalled at ``moment`` with no more study."""
    recall = scheduler.retrievabilities(states, card_ids, moment)
    return sum(recall.values()) / len(recall) if recall else 0.0


@dataclass(slots=True)
class Simulation:
    """A plan followed: the review answers given each day (relearning included), and each
    card's recall on the exam day."""

    answers: dict[date, int] = field(default_factory=dict)
    #: The answers that learn new cards, each day (not in ``answers``).
    learning: dict[date, int] = field(default_factory=dict)
    recall: dict[str, float] = field(default_factory=dict)

    @property
    def mean(self) -> float:
        return mean_recall(self.recall)


@dataclass(frozen=True, slots=True)
class PlanInput:
    """What a simulation follows: the new cards each day learns (card ids, in order), and
    the answers each cram day has room for beyond the cards due."""

    new_on: Mapping[date, Sequence[str]]
    spare_answers: Mapping[date, int]


def simulate_plan(
    scheduler: CardScheduler,
    states: Mapping[str, CardState],
    card_ids: Sequence[str],
    study_day: StudyDay,
    today: date,
    exam_day: date,
    plan: PlanInput,
    seed: int = 0,
) -> Simulation:
    """Follow ``plan`` from ``today`` to ``exam_day`` (see the module docstring)."""
    result = Simulation()
    cram_from = exam_day - timedelta(days=CRAM_DAYS)
    introduced = {card_id: day for day, ids in plan.new_on.items() for card_id in ids}
    sim: dict[str, CardState] = {}
    rngs: dict[str, random.Random] = {}
    for card_id in card_ids:
        rngs[card_id] = random.Random(f"{seed}:{card_id}")
        state = states.get(card_id)
        if state is None and card_id in introduced:
            when = study_moment(study_day, introduced[card_id])
            state = _learn(scheduler, card_id, None, Rating.Good, when, result, study_day)
        if state is None:
            continue
        sim[card_id] = _reviews_until(
            scheduler, card_id, state, study_day, today, cram_from, rngs[card_id], result
        )
    exam = exam_moment(study_day, exam_day)
    for offset in range(CRAM_DAYS):
        day = cram_from + timedelta(days=offset)
        if day < today:
            continue
        _cram_day(
            scheduler, sim, study_day, day, exam, plan.spare_answers.get(day, 0), rngs, result
        )
    result.recall = {i: scheduler.retrievability(sim.get(i), exam) for i in card_ids}
    return result


def _count(
    result: Simulation, study_day: StudyDay, when: datetime, answers: int, *, new: bool
) -> None:
    day = study_day.day_of(when)
    counts = result.learning if new else result.answers
    counts[day] = counts.get(day, 0) + answers


def _learn(
    scheduler: CardScheduler,
    card_id: str,
    state: CardState | None,
    rating: Rating,
    when: datetime,
    result: Simulation,
    study_day: StudyDay,
) -> CardState:
    """Answer ``rating``, then Good until the card is in review again, all on one day."""
    state_was_new = state is None
    state = scheduler.review(card_id, state, rating, when)
    answers = 1
    while state.state != State.Review and answers < _MAX_STEPS:
        state = scheduler.review(card_id, state, Rating.Good, max(when, state.due))
        answers += 1
    _count(result, study_day, when, answers, new=state_was_new)
    return state


def _review(
    scheduler: CardScheduler,
    card_id: str,
    state: CardState,
    when: datetime,
    rng: random.Random,
    result: Simulation,
    study_day: StudyDay,
) -> CardState:
    """One review at ``when``, recalled with FSRS's predicted chance then."""
    recalled = rng.random() < scheduler.retrievability(state, when)
    rating = Rating.Good if recalled else Rating.Again
    return _learn(scheduler, card_id, state, rating, when, result, study_day)


def _reviews_until(
    scheduler: CardScheduler,
    card_id: str,
    state: CardState,
    study_day: StudyDay,
    today: date,
    until: date,
    rng: random.Random,
    result: Simulation,
) -> CardState:
    """The card reviewed each day it falls due, from ``today`` to the day before ``until``."""
    if state.state != State.Review and state.due < study_moment(study_day, today):
        when = study_moment(study_day, today)
        state = _learn(scheduler, card_id, state, Rating.Good, when, result, study_day)
    while True:
        day = max(study_day.day_of(state.due), today)
        if day >= until:
            return state
        state = _review(
            scheduler, card_id, state, study_moment(study_day, day), rng, result, study_day
        )


def _cram_day(
    scheduler: CardScheduler,
    sim: dict[str, CardState],
    study_day: StudyDay,
    day: date,
    exam: datetime,
    spare: int,
    rngs: Mapping[str, random.Random],
    result: Simulation,
) -> None:
    """The cards due on ``day``, then up to ``spare`` more answers on the cards weakest at
    the exam (a card forgotten there takes its relearning answers too)."""
    when = study_moment(study_day, day)
    end = study_day.end(day)
    reviewed = set()
    for card_id, state in sorted(sim.items()):
        if state.due < end:
            sim[card_id] = _review(
                scheduler, card_id, state, when, rngs[card_id], result, study_day
            )
            reviewed.add(card_id)
    weakest = sorted(
        (scheduler.retrievability(state, exam), card_id)
        for card_id, state in sim.items()
        if card_id not in reviewed
    )
    reviewed_answers = result.answers.get(day, 0)
    for _, card_id in weakest:
        if result.answers.get(day, 0) - reviewed_answers >= spare:
            break
        state = sim[card_id]
        sim[card_id] = _review(scheduler, card_id, state, when, rngs[card_id], result, study_day)
