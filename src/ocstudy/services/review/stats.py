"""Quiz statistics: due counts, streak, true retention, forecast, reviews per day, answer
buttons, the spread of intervals, stability and difficulty, and how well each theme and entity
is known. One computation feeds the app's charts, ``ocstudy stats`` (``stats_text.stats_text``) and
``ocstudy stats --json`` (:func:`stats_json`), so they agree.

Every figure counts the cards of a *scope*: the whole deck, or the cards a search finds (the
cards browser's syntax; ``theme:firearms`` for one theme). The figures drawn from the review
history (reviews per day, answer buttons, true retention, retention per theme) cover a *time
range*: the last 30 days (``month``), the last 365 (``year``) or every day since the first
answer (``all``). Definitions:

* a *day* is a study day (``QuizService.day``: local time, rolling over at 4 a.m.);
* *due today* counts cards scheduled before the end of today, overdue ones included;
* the *streak* counts consecutive days with at least one answer, ending today, or yesterday
  while today has none yet;
* *true retention* is the share of answers other than Again among answers to cards that were
  in review (not new, not in a learning step), over the time range;
* *retrievability* is FSRS's predicted chance of recall now, averaged over the cards of a
  theme or entity, a card never reviewed counting 0; ``retrievability_reviewed`` averages
  the reviewed cards only;
* the *calendar* counts answers per day over the last ``CALENDAR_WEEKS`` weeks, ending today,
  whatever the range;
* *retention per theme* is true retention month by month over the range (year by year when
  it spans more than a year), for the review answers to each theme's cards;
* the answer buttons and the spreads are defined in ``stats_charts.py``.

With a search, only the answers to the cards it finds count; the whole deck counts every
answer, those to own cards deleted since included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from fsrs import State

from ocstudy.content.vocabulary import TIERS, tier_label
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.rating import Rating
from ocstudy.quiz.scheduling import CardState
from ocstudy.services.review import stats_charts
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats_charts import ButtonCounts, Distribution
from ocstudy.services.review.stats_history import (
    ThemeRetention,
    read_history,
    retention_periods,
    streak,
    theme_retention,
)
from ocstudy.userdata.review_rows import REVIEW_STATE

#: The time ranges, and how many days each reaches back (``all``: to the first answer).
RANGES: Final = ("month", "year", "all")
RANGE_DAYS: Final = {"month": 30, "year": 365}
CALENDAR_WEEKS: Final = 53
FORECAST_DAYS: Final = 30


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True, slots=True)
class Knowledge:
    """How well the cards of one theme or entity are known."""

    key: str
    label: str
    cards: int
    reviewed: int
    retrievability: float
    retrievability_reviewed: float | None


@dataclass(frozen=True, slots=True)
class QuizStats:
    generated_at: datetime
    today: date
    desired_retention: float
    total_cards: int
    never_reviewed: int
    learning: int
    in_review: int
    due_today: int
    due_tomorrow: int
    new_available_today: int
    reviewed_today: int
    streak_days: int
    true_retention: float | None
    retention_answers: int
    #: How many days the time range holds: from ``first_day`` to today.
    window_days: int
    forecast: tuple[DayCount, ...]
    reviews_per_day: tuple[DayCount, ...]
    themes: tuple[Knowledge, ...]
    entities: tuple[Knowledge, ...]
    calendar: tuple[DayCount, ...]
    theme_retention: tuple[ThemeRetention, ...]
    #: Cards lapsed ``quiz.leech_threshold`` times (and suspended then); cards suspended.
    leeches: int
    suspended: int
    #: How well the cards of each tier (core, detail, extra) are known.
    tiers: tuple[Knowledge, ...]
    #: The time range (one of ``RANGES``) and its first day; the scope's search ("": all).
    time_range: str
    first_day: date
    search: str
    #: ``month`` or ``year``: what each column of ``theme_retention`` covers.
    retention_period: str
    answer_buttons: tuple[ButtonCounts, ...]
    intervals: Distribution
    stability: Distribution
    difficulty: Distribution

    def to_json_dict(self) -> dict[str, Any]:
        """Plain JSON types: ISO dates, numbers rounded to 4 places."""
        data = _rounded(asdict(self))
        for key in ("generated_at", "today", "first_day"):
            data[key] = getattr(self, key).isoformat()
        for key in ("forecast", "reviews_per_day", "calendar"):
            data[key] = [{"day": d.day.isoformat(), "count": d.count} for d in getattr(self, key)]
        width = 7 if self.retention_period == "month" else 4  # "2026-03" or "2026"
        data["theme_retention"] = [
            {
                "key": t.key,
                "label": t.label,
                "months": [
                    {"month": m.month.isoformat()[:width], "answers": m.answers, "kept": m.kept}
                    for m in t.months
                ],
            }
            for t in self.theme_retention
        ]
        for key in ("themes", "entities", "tiers"):
            data[key] = [_rounded(asdict(k)) for k in getattr(self, key)]
        data["answer_buttons"] = [
            _rounded({**asdict(b), "correct": b.share_correct}) for b in self.answer_buttons
        ]
        for key in ("intervals", "stability", "difficulty"):
            spread: Distribution = getattr(self, key)
            data[key] = {**_rounded(asdict(spread)), "bins": [asdict(b) for b in spread.bins]}
        return data


def _rounded(data: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in data.items()}


def scope_cards(service: QuizService, search: str = "") -> tuple[QuizCard, ...]:
    """The cards ``search`` finds, in the cards browser's syntax (every card when empty); a
    :class:`~ocstudy.services.browser.search.SearchSyntaxError` when it cannot be read."""
    from ocstudy.services.browser.query import SearchContext
    from ocstudy.services.browser.rows import RatedCards, card_rows
    from ocstudy.services.browser.search import parse_search

    query = parse_search(search)
    cards = service.catalogue.cards()
    if query.matches_everything:
        return cards
    matches = query.matcher(SearchContext(rated=RatedCards(service)))
    found = {row.id for row in card_rows(service) if matches(row)}
    return tuple(card for card in cards if card.id in found)


def compute_stats(
    service: QuizService, *, time_range: str = "month", search: str = ""
) -> QuizStats:
    """The statistics of the cards ``search`` finds (all: ""), with their history over
    ``time_range``; a ``SearchSyntaxError`` for a search that cannot be read, a
    ``ValueError`` for a range not in ``RANGES``."""
    if time_range not in RANGES:
        raise ValueError(f"the time range is one of {', '.join(RANGES)}, not {time_range!r}")
    cards = scope_cards(service, search)
    ids = {card.id for card in cards}
    now = service.schedule.now()
    today = service.schedule.day.day_of(now)
    states = {card_id: s for card_id, s in service.schedule.states().items() if card_id in ids}
    calendar_start = today - timedelta(weeks=CALENDAR_WEEKS) + timedelta(days=1)
    scope = ids if search.strip() else None
    if time_range == "all":
        history = read_history(service, None, None, scope)
        first_day = min(history.first_day or today, today)  # an answer dated later: today
    else:
        first_day = today - timedelta(days=RANGE_DAYS[time_range] - 1)
        history = read_history(service, min(first_day, calendar_start), first_day, scope)
    in_range = history.since(first_day)
    on_review = [line for line in in_range.lines if line.state_before == REVIEW_STATE]
    kept = sum(1 for line in on_review if line.rating != Rating.Again)
    per_day = history.per_day()
    forecast = _forecast(service, states, today)
    marks = [mark for card_id, mark in service.schedule.marks.marks().items() if card_id in ids]
    never_reviewed = len(cards) - len(states)
    periods, period = retention_periods(first_day, today)
    return QuizStats(
        generated_at=now,
        today=today,
        desired_retention=service.settings.current().desired_retention,
        total_cards=len(cards),
        never_reviewed=never_reviewed,
        learning=sum(1 for s in states.values() if s.state != State.Review),
        in_review=sum(1 for s in states.values() if s.state == State.Review),
        due_today=forecast[0].count,
        due_tomorrow=forecast[1].count,
        new_available_today=min(never_reviewed, service.schedule.new_left_today()),
        reviewed_today=per_day.get(today, 0),
        streak_days=streak(service, history, today, scope),
        true_retention=kept / len(on_review) if on_review else None,
        retention_answers=len(on_review),
        window_days=(today - first_day).days + 1,
        forecast=forecast,
        reviews_per_day=tuple(DayCount(d, per_day.get(d, 0)) for d in _days(first_day, today)),
        themes=tuple(_knowledge(service, cards, states, now, by="theme")),
        entities=tuple(_knowledge(service, cards, states, now, by="entity")),
        calendar=tuple(DayCount(d, per_day.get(d, 0)) for d in _days(calendar_start, today)),
        theme_retention=tuple(theme_retention(service, cards, in_range, periods, period)),
        leeches=sum(mark.leech for mark in marks),
        suspended=sum(mark.suspended for mark in marks),
        tiers=tuple(_knowledge(service, cards, states, now, by="tier")),
        time_range=time_range,
        first_day=first_day,
        search=search.strip(),
        retention_period=period,
        answer_buttons=stats_charts.answer_buttons(in_range.lines),
        intervals=stats_charts.intervals(states.values()),
        stability=stats_charts.stability(states.values()),
        difficulty=stats_charts.difficulty(states.values()),
    )


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _forecast(
    service: QuizService, states: dict[str, CardState], today: date
) -> tuple[DayCount, ...]:
    """Cards due on each of the next ``FORECAST_DAYS`` days, suspended and buried ones left
    out; today's count includes overdue cards."""
    hidden = service.schedule.hidden()
    counts = Counter(
        max(service.schedule.day.day_of(s.due), today) for i, s in states.items() if i not in hidden
    )
    days = _days(today, today + timedelta(days=FORECAST_DAYS - 1))
    return tuple(DayCount(d, counts.get(d, 0)) for d in days)


def _knowledge(
    service: QuizService,
    cards: tuple[QuizCard, ...],
    states: dict[str, CardState],
    now: datetime,
    *,
    by: str,
) -> Iterable[Knowledge]:
    if by == "theme":
        groups = [(t.key, t.label) for t in service.catalogue.themes]
        members = {key: [c for c in cards if key in c.themes] for key, _ in groups}
    elif by == "tier":
        groups = [(tier, tier_label(tier)) for tier in TIERS]
        members = {key: [c for c in cards if c.tier == key and not c.is_own] for key in TIERS}
    else:
        groups = [(e.slug, e.short_name) for e in service.catalogue.entities()]
        members = {key: [c for c in cards if key in c.entity_slugs] for key, _ in groups}
    for key, label in groups:
        group = members[key]
        if not group and by != "tier":  # every tier is shown, even one with no cards
            continue
        values = [service.schedule.retrievability(states.get(c.id), now) for c in group]
        seen = [v for c, v in zip(group, values, strict=True) if c.id in states]
        yield Knowledge(
            key=key,
            label=label,
            cards=len(group),
            reviewed=len(seen),
            retrievability=sum(values) / len(values) if values else 0.0,
            retrievability_reviewed=sum(seen) / len(seen) if seen else None,
        )


# -- the command line -------------------------------------------------------------------------


def stats_json(
    service: QuizService, *, time_range: str = "month", search: str = ""
) -> dict[str, Any]:
    """What ``ocstudy stats --json`` prints."""
    return compute_stats(service, time_range=time_range, search=search).to_json_dict()
