"""A plan to an exam date: how many new cards each day, so that every unseen card in scope is
learned at least :data:`LEARNED_BEFORE` days before the exam; the reviews each day (by
following the plan in ``forecast.simulate_plan``, the learner's own scheduler); the minutes
each day takes at the learner's recent pace; and whether that fits the minutes they give.
Pure: no database, no clock."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from ocstudy.quiz.days import StudyDay
from ocstudy.quiz.forecast import (
    CRAM_DAYS,
    PlanInput,
    Simulation,
    exam_moment,
    recall_if_you_stop,
    simulate_plan,
)
from ocstudy.quiz.scheduling import CardScheduler, CardState

#: Every new card is learned at least this many days before the exam.
LEARNED_BEFORE: Final = 3
#: Seconds an answer takes when the learner has given none yet.
DEFAULT_ANSWER_SECONDS: Final = 10.0


@dataclass(frozen=True, slots=True)
class PlanDay:
    day: date
    new_cards: int
    reviews: int
    minutes: int


@dataclass(frozen=True, slots=True)
class ExamPlan:
    today: date
    exam_day: date
    days: tuple[PlanDay, ...]
    minutes_given: int
    #: The share of the cards recalled on the exam day with no more study, and following it.
    recall_if_you_stop: float
    recall_if_you_follow: float
    #: Each card's recall on the exam day if the plan is followed.
    recall: Mapping[str, float]

    @property
    def days_left(self) -> int:
        return (self.exam_day - self.today).days

    @property
    def busiest(self) -> int:
        """The minutes of the plan's heaviest day."""
        return max((day.minutes for day in self.days), default=0)

    @property
    def over_by(self) -> int:
        """How many minutes the heaviest day needs beyond those given (0: it fits)."""
        return max(0, self.busiest - self.minutes_given)

    @property
    def fits(self) -> bool:
        return self.over_by == 0

    def on(self, day: date) -> PlanDay | None:
        return next((plan_day for plan_day in self.days if plan_day.day == day), None)


def new_cards_per_day(total: int, today: date, exam_day: date) -> dict[date, int]:
    """``total`` new cards spread over the days from ``today`` to :data:`LEARNED_BEFORE` days
    before ``exam_day``, the earlier days taking one more where they do not divide evenly;
    all today when fewer days are left, none on the exam day itself."""
    if exam_day <= today:
        return {}
    last = exam_day - timedelta(days=LEARNED_BEFORE)
    count = max(1, (last - today).days + 1)
    return {today + timedelta(days=i): (total + count - 1 - i) // count for i in range(count)}


def seconds_per_answer(durations_ms: Sequence[int]) -> float:
    """The learner's mean answer time (the default before any answer)."""
    kept = [d for d in durations_ms if d > 0]
    return sum(kept) / len(kept) / 1000 if kept else DEFAULT_ANSWER_SECONDS


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """What a plan is made for. ``card_ids``: the cards in scope, in learning order;
    ``introduced_today``: new cards already learned today (counted in today's quota)."""

    card_ids: Sequence[str]
    today: date
    exam_day: date
    minutes: int
    durations_ms: Sequence[int] = ()
    introduced_today: int = 0
    seed: int = 0


def make_plan(
    scheduler: CardScheduler,
    states: Mapping[str, CardState],
    study_day: StudyDay,
    request: PlanRequest,
) -> ExamPlan:
    """The plan for ``request`` over the learner's ``states`` (see the module docstring)."""
    today, exam_day = request.today, request.exam_day
    unseen = [card_id for card_id in request.card_ids if card_id not in states]
    quota = new_cards_per_day(len(unseen) + request.introduced_today, today, exam_day)
    if today in quota:
        quota[today] = max(0, quota[today] - request.introduced_today)
    new_on: dict[date, list[str]] = {}
    left = iter(unseen)
    for day, count in quota.items():
        new_on[day] = [card_id for _, card_id in zip(range(count), left, strict=False)]
    seconds = seconds_per_answer(request.durations_ms)
    capacity = math.floor(request.minutes * 60 / seconds)

    def run(spare: Mapping[date, int]) -> Simulation:
        plan = PlanInput(new_on, spare)
        return simulate_plan(
            scheduler,
            states,
            request.card_ids,
            study_day,
            today,
            exam_day,
            plan,
            request.seed,
        )

    due_only = run({})
    cram_days = [exam_day - timedelta(days=n) for n in range(1, CRAM_DAYS + 1)]
    spare = {
        day: max(0, capacity - due_only.answers.get(day, 0) - due_only.learning.get(day, 0))
        for day in cram_days
        if day >= today
    }
    followed = run(spare)
    days = tuple(
        _plan_day(today + timedelta(days=n), new_on, followed, seconds)
        for n in range((exam_day - today).days + 1)
    )
    moment = exam_moment(study_day, exam_day)
    stop = recall_if_you_stop(scheduler, states, request.card_ids, moment)
    return ExamPlan(
        today, exam_day, days, request.minutes, stop, followed.mean, dict(followed.recall)
    )


def _plan_day(
    day: date, new_on: Mapping[date, Sequence[str]], followed: Simulation, seconds: float
) -> PlanDay:
    reviews = followed.answers.get(day, 0)
    answers = reviews + followed.learning.get(day, 0)
    return PlanDay(day, len(new_on.get(day, ())), reviews, math.ceil(answers * seconds / 60))
