"""What the review history says, for the statistics: the answers to the scope's cards, each on
its study day, read once; the streak; and true retention per theme, month by month (year by
year over a long range). See ``stats.py`` for the definitions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.rating import Rating
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.review_rows import REVIEW_STATE, LogLine

#: The most columns retention per theme has: the 13 months a year touches (a longer range is
#: counted year by year, and only its last years are shown).
MAX_PERIODS: Final = 13


@dataclass(frozen=True, slots=True)
class History:
    """Answers to the scope's cards, oldest first, with the study day of each; ``start`` is
    the first day read (None: the whole log was read)."""

    lines: list[LogLine]
    days: list[date]
    start: date | None

    @property
    def first_day(self) -> date | None:
        """The day of the first answer read."""
        return self.days[0] if self.days else None

    def since(self, first: date) -> History:
        """The answers from day ``first`` on."""
        index = next((i for i, day in enumerate(self.days) if day >= first), len(self.days))
        return History(self.lines[index:], self.days[index:], first)

    def pairs(self) -> Iterator[tuple[LogLine, date]]:
        return zip(self.lines, self.days, strict=True)

    def per_day(self) -> Counter[date]:
        return Counter(self.days)

    def streak(self, today: date) -> int:
        """Consecutive days with an answer, ending today (or yesterday, while today has none
        yet), among the days read."""
        return self.streak_from(today)[0]

    def streak_from(self, today: date) -> tuple[int, date]:
        """The streak and its first day."""
        studied = set(self.days)
        current = today if today in studied else today - timedelta(days=1)
        streak = 0
        while current in studied:
            streak += 1
            current -= timedelta(days=1)
        return streak, current + timedelta(days=1)


def streak(service: QuizService, history: History, today: date, card_ids: set[str] | None) -> int:
    """The streak (``History.streak``), followed before the first day read when it runs into
    it: day by day in SQL for every answer, through the earlier answers for a search."""
    count, first = history.streak_from(today)
    if history.start is None or not count or first > history.start:
        return count
    if card_ids is None:
        day = service.schedule.day

        def studied(on: date) -> bool:
            return service.schedule.count(day.start(on), day.end(on)) > 0
    else:
        lines = service.schedule.lines(until=service.schedule.day.start(history.start))
        days = set(_days_of([line for line in lines if line.card_id in card_ids], service))

        def studied(on: date) -> bool:
            return on in days

    current = first - timedelta(days=1)
    while studied(current):
        count += 1
        current -= timedelta(days=1)
    return count


def read_history(
    service: QuizService,
    since: date | None,
    range_start: date | None,
    card_ids: set[str] | None,
) -> History:
    """The answers from day ``since`` (None: the first) to the cards ``card_ids`` (None:
    every answer, those to cards no longer in the deck included); those from ``range_start``
    (None: all) with the interval each card had, for the answer buttons."""
    day = service.schedule.day
    start = day.start(since) if since is not None else None
    split = day.start(range_start) if range_start is not None else None
    lines = []
    if split is not None and (start is None or start < split):
        lines += service.schedule.lines(since=start, until=split)
    lines += service.schedule.lines(since=split if split is not None else start, intervals=True)
    if card_ids is not None:
        lines = [line for line in lines if line.card_id in card_ids]
    return History(lines, list(_days_of(lines, service)), since)


def _days_of(lines: Iterable[LogLine], service: QuizService) -> Iterator[date]:
    """Each line's study day. The lines are in time order, so a day's bounds are worked out
    once per day, not once per line (the largest cost over 100,000 answers otherwise)."""
    day = service.schedule.day
    current: date | None = None
    begins = ends = None
    for line in lines:
        moment = line.reviewed_at
        if current is None or begins is None or ends is None or not begins <= moment < ends:
            current = day.day_of(moment)
            begins, ends = day.start(current), day.end(current)
        yield current


@dataclass(frozen=True, slots=True)
class MonthRetention:
    """True retention of one theme in one month (or year): answers to cards in review, and
    how many of them were not Again."""

    month: date  # its first day
    answers: int
    kept: int

    @property
    def retention(self) -> float | None:
        return self.kept / self.answers if self.answers else None


@dataclass(frozen=True, slots=True)
class ThemeRetention:
    key: str
    label: str
    months: tuple[MonthRetention, ...]


def retention_periods(first: date, today: date) -> tuple[list[date], str]:
    """The first days of the months from ``first``'s to today's, and ``month``; or, when
    there are more than ``MAX_PERIODS``, of the last years, and ``year``."""
    months: list[date] = []
    month = first.replace(day=1)
    while month <= today and len(months) <= MAX_PERIODS:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    if len(months) <= MAX_PERIODS:
        return months, "month"
    years = range(max(first.year, today.year - MAX_PERIODS + 1), today.year + 1)
    return [date(year, 1, 1) for year in years], "year"


def theme_retention(
    service: QuizService,
    cards: Iterable[QuizCard],
    history: History,
    periods: list[date],
    period: str,
) -> Iterator[ThemeRetention]:
    """True retention of each theme with cards in ``cards``, per period (``periods``' first
    days, each a ``month`` or a ``year``)."""
    themes_of = {card.id: card.themes for card in cards}
    answers: Counter[tuple[str, date]] = Counter()
    kept: Counter[tuple[str, date]] = Counter()
    for line, answered in history.pairs():
        if line.state_before != REVIEW_STATE:
            continue
        start = date(answered.year, answered.month if period == "month" else 1, 1)
        for key in themes_of.get(line.card_id, ()):
            answers[key, start] += 1
            kept[key, start] += line.rating != Rating.Again
    shown = {key for keys in themes_of.values() for key in keys}
    for theme in service.catalogue.themes:
        if theme.key in shown:
            yield ThemeRetention(
                theme.key,
                theme.label,
                tuple(
                    MonthRetention(p, answers[theme.key, p], kept[theme.key, p]) for p in periods
                ),
            )
