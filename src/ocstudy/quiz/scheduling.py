"""Spaced repetition over the ``fsrs`` package, with reproducible fuzz.

``fsrs`` fuzzes intervals with the global ``random`` module, which cannot be seeded per
scheduler. This wrapper runs ``fsrs`` without fuzz and applies the same fuzz itself (the
ranges ``fsrs`` uses) from a ``random.Random`` seeded with the scheduler's seed, the card id
and the card's review count. So the same review always gives the same interval, the
interval a rating button previews is the interval that answer then gets, and tests are exact.

All datetimes are timezone-aware UTC; naive datetimes are refused.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final, cast

from fsrs import Card, Scheduler, State
from fsrs import Rating as FsrsRating
from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from ocstudy.quiz.rating import Rating

DEFAULT_RETENTION: Final = 0.9
#: (from, to, factor) in days: the fuzz ``fsrs`` applies to intervals of 2.5 days and more.
_FUZZ_RANGES: Final = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, math.inf, 0.05))
#: fsrs's rating for each rating number (calling the enum for each answer costs more).
_FSRS_RATINGS: Final = {int(rating): rating for rating in FsrsRating}


@dataclass(frozen=True, slots=True)
class CardState:
    """What the scheduler knows of one card; ``None`` stands for a card never reviewed."""

    state: State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0


def checked_parameters(parameters: Sequence[float]) -> tuple[float, ...]:
    """``parameters`` as FSRS-6's 21 weights within ``fsrs``'s bounds (a fit computed in 32-bit
    floats may land a hair outside them); ValueError for the wrong number or a non-number."""
    values = tuple(float(p) for p in parameters)
    if len(values) != len(DEFAULT_PARAMETERS) or not all(math.isfinite(v) for v in values):
        raise ValueError(f"FSRS needs {len(DEFAULT_PARAMETERS)} finite parameters")
    bounds = zip(LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
    return tuple(min(max(v, low), high) for v, (low, high) in zip(values, bounds, strict=True))


def utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: ocstudy schedules in aware UTC only")
    return moment.astimezone(UTC)


class CardScheduler:
    """FSRS scheduling for ocstudy cards (fuzz on in the app, off in tests)."""

    def __init__(
        self,
        desired_retention: float = DEFAULT_RETENTION,
        *,
        fuzz: bool = True,
        seed: int = 0,
        parameters: Sequence[float] | None = None,
        maximum_interval: int = 36500,
    ) -> None:
        chosen = DEFAULT_PARAMETERS if parameters is None else checked_parameters(parameters)
        self._fsrs = Scheduler(
            parameters=chosen,
            desired_retention=desired_retention,
            maximum_interval=maximum_interval,
            enable_fuzzing=False,
        )
        self.desired_retention = desired_retention
        self.fuzz = fuzz
        self.seed = seed
        self.maximum_interval = maximum_interval

    def review(
        self, card_id: str, state: CardState | None, rating: Rating, now: datetime
    ) -> CardState:
        """The card's state after answering ``rating`` at ``now`` (``state`` None: a new card)."""
        now = utc(now)
        before = state or self.new_state(now)
        reviewed = self._answered(card_id, _to_fsrs(before), before.reps, rating, now)
        lapsed = rating == Rating.Again and before.state == State.Review
        return _card_state(reviewed, before.reps + 1, before.lapses + (1 if lapsed else 0))

    def replay(
        self,
        card_id: str,
        answers: Iterable[tuple[int, datetime]],
        start: CardState | None = None,
    ) -> list[CardState]:
        """The card's state after each answer (a rating 1-4 and its time), from ``start`` (None:
        a new card): ``review`` one answer after another, each answer's fsrs card passed on to
        the next instead of made again from its state (a long history's replay)."""
        states: list[CardState] = []
        card = None if start is None else _to_fsrs(start)
        reps, lapses = (0, 0) if start is None else (start.reps, start.lapses)
        for rating, moment in answers:
            now = utc(moment)
            if card is None:
                card = _to_fsrs(self.new_state(now))
            if rating == Rating.Again and card.state == State.Review:
                lapses += 1
            card = self._answered(card_id, card, reps, rating, now)
            reps += 1
            states.append(_card_state(card, reps, lapses))
        return states

    def _answered(self, card_id: str, card: _Card, reps: int, rating: int, now: datetime) -> _Card:
        """fsrs's card after the answer, its due date fuzzed (``reps``: the answers before)."""
        reviewed, _ = self._fsrs.review_card(card, _FSRS_RATINGS[rating], now)
        if self.fuzz and reviewed.state == State.Review:
            reviewed.due = now + self._fuzzed(reviewed.due - now, card_id, reps)
        return cast(_Card, reviewed)

    def preview(
        self, card_id: str, state: CardState | None, now: datetime
    ) -> dict[Rating, timedelta]:
        """The interval each rating would give, for the rating buttons."""
        return {
            rating: self.review(card_id, state, rating, now).due - utc(now) for rating in Rating
        }

    def retrievability(self, state: CardState | None, now: datetime) -> float:
        """The predicted chance of recalling the card at ``now`` (0 for a card never reviewed)."""
        if state is None:
            return 0.0
        return float(self._fsrs.get_card_retrievability(_to_fsrs(state), utc(now)))

    def retrievabilities(
        self, states: Mapping[str, CardState], card_ids: Iterable[str], now: datetime
    ) -> dict[str, float]:
        """``retrievability`` of many cards at one moment (0 for a card never reviewed), in
        one loop: the forecast of a whole deck."""
        moment = utc(now)
        recall = self._fsrs.get_card_retrievability
        found = states.get
        return {
            card_id: 0.0 if (state := found(card_id)) is None else recall(_to_fsrs(state), moment)
            for card_id in card_ids
        }

    def answers_to_learn(self, state: CardState | None) -> int:
        """The answers a card still needs in a session if each is Good: one per learning step
        left (a new card takes them all), one for a card in review."""
        if state is None:
            return max(1, len(self._fsrs.learning_steps))
        if state.state == State.Learning:
            return max(1, len(self._fsrs.learning_steps) - (state.step or 0))
        if state.state == State.Relearning:
            return max(1, len(self._fsrs.relearning_steps) - (state.step or 0))
        return 1

    @staticmethod
    def new_state(now: datetime) -> CardState:
        return CardState(State.Learning, 0, None, None, utc(now), None)

    @property
    def parameters(self) -> tuple[float, ...]:
        return tuple(self._fsrs.parameters)

    def with_retention(self, desired_retention: float) -> CardScheduler:
        return self._copy(desired_retention, self.parameters)

    def with_parameters(self, parameters: Sequence[float] | None) -> CardScheduler:
        """The same scheduler with other FSRS parameters (None: the defaults)."""
        return self._copy(self.desired_retention, parameters)

    def _copy(self, retention: float, parameters: Sequence[float] | None) -> CardScheduler:
        return CardScheduler(
            retention,
            fuzz=self.fuzz,
            seed=self.seed,
            parameters=parameters,
            maximum_interval=self.maximum_interval,
        )

    def _fuzzed(self, interval: timedelta, card_id: str, reps: int) -> timedelta:
        days = interval.days
        if days < 2.5:
            return interval
        low, high = _fuzz_range(days, self.maximum_interval)
        rng = random.Random(f"{self.seed}:{card_id}:{reps}")
        fuzzed = min(round(rng.random() * (high - low + 1) + low), self.maximum_interval)
        return timedelta(days=fuzzed)


@functools.cache
def _fuzz_range(days: int, maximum_interval: int) -> tuple[int, int]:
    """The days a fuzzed interval of ``days`` is drawn from (the ranges ``fsrs`` uses)."""
    delta = 1.0 + sum(
        factor * max(min(float(days), end) - start, 0.0) for start, end, factor in _FUZZ_RANGES
    )
    low = max(2, round(days - delta))
    high = min(round(days + delta), maximum_interval)
    return min(low, high), high


class _Card(Card):
    """fsrs's card with a plain shallow copy: ``review_card`` copies the card it is given,
    and ``copy``'s generic protocol for a dataclass took a third of an answer's time."""

    def __copy__(self) -> _Card:
        copied = object.__new__(_Card)
        copied.__dict__.update(self.__dict__)
        return copied


def _to_fsrs(state: CardState) -> _Card:
    # card_id 0: fsrs would otherwise sleep a millisecond to invent a unique id
    s = state
    return _Card(0, s.state, s.step, s.stability, s.difficulty, s.due, s.last_review)


def _card_state(card: Card, reps: int, lapses: int) -> CardState:
    """The state fsrs's ``card`` (just answered) holds, with the card's answers and lapses."""
    assert card.last_review is not None
    return CardState(
        card.state,
        card.step,
        card.stability,
        card.difficulty,
        card.due,
        card.last_review,
        reps,
        lapses,
    )


def format_interval(interval: timedelta) -> str:
    """'<1m', '10m', '5h', '3d', '2.5mo', '1.2y': short, for a rating button."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"
