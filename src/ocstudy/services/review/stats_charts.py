"""The statistics' distributions, as Anki's statistics draw them: how often each answer button
was pressed for each kind of card, and how the cards' intervals, stability and difficulty are
spread. Pure functions over log lines and card states; ``stats.py`` gathers them for the
view, ``ocstudy stats`` and ``ocstudy stats --json``.

* An answer is to a *learning* card when the card was new, learning or relearning, else to a
  *young* card (an interval under ``MATURE_DAYS`` days before the answer) or a *mature* one;
  an answer to a card in review whose interval cannot be read counts as young.
* An answer is *correct* when it is not Again (Hard, Good or Easy), as Anki counts it.
* The *interval* of a card in review is the time from its last answer to its due date;
  *stability* (days) and *difficulty* (1 to 10) are FSRS's memory of every reviewed card.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from fsrs import State

from ocstudy.quiz.scheduling import CardState
from ocstudy.userdata.review_rows import REVIEW_STATE, LogLine

#: Anki's line between a young and a mature card: an interval of 21 days.
MATURE_DAYS: Final = 21
CARD_KINDS: Final = ("learning", "young", "mature")
RATING_NAMES: Final = ("Again", "Hard", "Good", "Easy")
#: The day bins of the intervals and stability charts: (from, to (None: no end), label).
DAY_BINS: Final = (
    (0, 1, "< 1 d"),
    (1, 2, "1 d"),
    (2, 3, "2 d"),
    (3, 7, "3\u20136 d"),
    (7, 14, "1 wk"),
    (14, 21, "2 wk"),
    (21, 30, "3 wk"),
    (30, 61, "1 mo"),
    (61, 91, "2 mo"),
    (91, 183, "3\u20135 mo"),
    (183, 365, "6\u201311 mo"),
    (365, 730, "1 y"),
    (730, None, "2 y +"),
)
#: Difficulty from 1 to 10 in steps of one (10 itself falls in the last).
DIFFICULTY_BINS: Final = tuple((n, n + 1, f"{n}\u2013{n + 1}") for n in range(1, 10))
DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ButtonCounts:
    """How often each button was pressed for one kind of card (learning, young, mature)."""

    kind: str
    again: int = 0
    hard: int = 0
    good: int = 0
    easy: int = 0

    @property
    def counts(self) -> tuple[int, int, int, int]:
        return (self.again, self.hard, self.good, self.easy)

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def correct(self) -> int:
        return self.total - self.again

    @property
    def share_correct(self) -> float | None:
        return self.correct / self.total if self.total else None


def card_kind(line: LogLine) -> str:
    """``learning``, ``young`` or ``mature``: the kind of card the answer was to."""
    if line.state_before != REVIEW_STATE:
        return "learning"
    interval = line.interval_before
    return "mature" if interval is not None and interval >= MATURE_DAYS else "young"


def answer_buttons(lines: Iterable[LogLine]) -> tuple[ButtonCounts, ...]:
    """The buttons pressed in ``lines`` (read with their intervals), per kind of card."""
    counts = {kind: [0, 0, 0, 0] for kind in CARD_KINDS}
    for line in lines:
        counts[card_kind(line)][line.rating - 1] += 1
    return tuple(ButtonCounts(kind, *counts[kind]) for kind in CARD_KINDS)


@dataclass(frozen=True, slots=True)
class Bin:
    """Cards with a value from ``low`` up to ``high`` (excluded; None: no end)."""

    label: str
    low: float
    high: float | None
    count: int


@dataclass(frozen=True, slots=True)
class Distribution:
    """How the cards' values (days, or difficulty) are spread: counted in bins, with their
    average and median (None: no card has one)."""

    cards: int
    average: float | None
    median: float | None
    bins: tuple[Bin, ...]


def distribution(
    values: Sequence[float], bins: Sequence[tuple[int, int | None, str]]
) -> Distribution:
    """``values`` counted in ``bins`` (the last takes what is above it, too)."""
    counts = [0] * len(bins)
    last = len(bins) - 1
    for value in values:
        index = next(
            (i for i, (_low, high, _label) in enumerate(bins) if high is None or value < high),
            last,
        )
        counts[index] += 1
    return Distribution(
        cards=len(values),
        average=statistics.fmean(values) if values else None,
        median=statistics.median(values) if values else None,
        bins=tuple(
            Bin(label, low, high, count)
            for (low, high, label), count in zip(bins, counts, strict=True)
        ),
    )


def intervals(states: Iterable[CardState]) -> Distribution:
    """The intervals (days) of the cards in review."""
    values = [
        (s.due - s.last_review) / DAY
        for s in states
        if s.state == State.Review and s.last_review is not None
    ]
    return distribution([max(0.0, v) for v in values], DAY_BINS)


def stability(states: Iterable[CardState]) -> Distribution:
    """FSRS's stability (days) of every card that has one."""
    return distribution([s.stability for s in states if s.stability is not None], DAY_BINS)


def difficulty(states: Iterable[CardState]) -> Distribution:
    """FSRS's difficulty (1 to 10) of every card that has one."""
    values = [s.difficulty for s in states if s.difficulty is not None]
    return distribution(values, DIFFICULTY_BINS)


def by_period(
    days: Sequence[tuple[date, int]], most: int = 60
) -> tuple[str, list[tuple[date, int]]]:
    """Counts per day regrouped so that there are at most ``most``: per ``day``, else per
    ``week`` (from Monday), else per ``month``; each group dated by its first day."""
    for period in ("day", "week", "month"):
        grouped: dict[date, int] = {}
        for day, count in days:
            start = _period_start(day, period)
            grouped[start] = grouped.get(start, 0) + count
        if len(grouped) <= most:
            break
    return period, list(grouped.items())


def _period_start(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day
