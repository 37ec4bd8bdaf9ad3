"""Quiz statistics: due counts, streak, true retention, forecast, reviews per day, and how
well each theme and entity is known. One computation feeds the app's charts, ``ocstudy
stats`` (:func:`stats_text`) and ``ocstudy stats --json`` (:func:`stats_json`), so they agree.

Definitions:

* a *day* is a study day (``QuizService.day``: local time, rolling over at 4 a.m.);
* *due today* counts cards scheduled before the end of today, overdue ones included;
* the *streak* counts consecutive days with at least one answer, ending today, or yesterday
  while today has none yet;
* *true retention* is the share of answers other than Again among answers to cards that were
  in review (not new, not in a learning step), over the last ``window`` days;
* *retrievability* is FSRS's predicted chance of recall now, averaged over the cards of a
  theme or entity, a card never reviewed counting 0; ``retrievability_reviewed`` averages
  the reviewed cards only;
* the *calendar* counts answers per day over the last ``CALENDAR_WEEKS`` weeks, ending today;
* *retention per theme* is true retention month by month, over the last ``RETENTION_MONTHS``
  months, for the review answers to each theme's cards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from fsrs import Rating, State

from ocstudy.phrasing import counted
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.scheduling import CardState
from ocstudy.services.quiz import QuizService
from ocstudy.userdata.reviews import REVIEW_STATE, LogLine

WINDOW_DAYS = 30
CALENDAR_WEEKS = 53
RETENTION_MONTHS = 6


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
class MonthRetention:
    """True retention of one theme in one month: answers to cards in review, and how many of
    them were not Again."""

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
    window_days: int
    forecast: tuple[DayCount, ...]
    reviews_per_day: tuple[DayCount, ...]
    themes: tuple[Knowledge, ...]
    entities: tuple[Knowledge, ...]
    calendar: tuple[DayCount, ...]
    theme_retention: tuple[ThemeRetention, ...]
    #: Cards lapsed ``quiz.leech_threshold`` times (and suspended then); cards suspended.
    leeches: int = 0
    suspended: int = 0
    #: How well the cards of each tier (core, detail, extra) are known.
    tiers: tuple[Knowledge, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        """Plain JSON types: ISO dates, numbers rounded to 4 places."""
        data = asdict(self)
        data["generated_at"] = self.generated_at.isoformat()
        data["today"] = self.today.isoformat()
        for key in ("forecast", "reviews_per_day", "calendar"):
            data[key] = [{"day": d.day.isoformat(), "count": d.count} for d in getattr(self, key)]
        data["theme_retention"] = [
            {
                "key": t.key,
                "label": t.label,
                "months": [
                    {"month": m.month.isoformat()[:7], "answers": m.answers, "kept": m.kept}
                    for m in t.months
                ],
            }
            for t in self.theme_retention
        ]
        for key in ("themes", "entities", "tiers"):
            data[key] = [_rounded(asdict(k)) for k in getattr(self, key)]
        return _rounded(data)


def _rounded(data: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in data.items()}


#: The deck's tiers, as the statistics name them.
TIER_LABELS: Final = {
    "core": "Core: what an examiner asks",
    "detail": "Detail: in the paper, less often asked",
    "extra": "Extra: from the record only",
}


def compute_stats(service: QuizService, *, window: int = WINDOW_DAYS) -> QuizStats:
    now = service.now()
    day = service.day
    today = day.day_of(now)
    cards = service.cards()
    states = service.states()
    first_day = min(
        today - timedelta(days=window - 1),
        today - timedelta(weeks=CALENDAR_WEEKS) + timedelta(days=1),
        _months_back(today, RETENTION_MONTHS - 1),
    )
    year = service.reviews.lines(since=day.start(first_day))
    every_day = Counter(day.day_of(line.reviewed_at) for line in year)
    lines = [line for line in year if day.day_of(line.reviewed_at) > today - timedelta(window)]
    per_day = Counter(day.day_of(line.reviewed_at) for line in lines)
    on_review = [line for line in lines if line.state_before == REVIEW_STATE]
    kept = sum(1 for line in on_review if line.rating != Rating.Again)
    hidden = service.hidden()  # suspended or buried: not due
    forecast = _forecast([s for i, s in states.items() if i not in hidden], service, today, window)
    current = {card.id for card in cards}
    marks = [mark for card_id, mark in service.marks.marks().items() if card_id in current]
    return QuizStats(
        generated_at=now,
        today=today,
        desired_retention=service.settings().desired_retention,
        total_cards=len(cards),
        never_reviewed=len(cards) - len(states),
        learning=sum(1 for s in states.values() if s.state != State.Review),
        in_review=sum(1 for s in states.values() if s.state == State.Review),
        due_today=forecast[0].count,
        due_tomorrow=forecast[1].count if len(forecast) > 1 else 0,
        new_available_today=min(len(cards) - len(states), service.new_left_today()),
        reviewed_today=per_day.get(today, 0),
        streak_days=_streak(service, today),
        true_retention=kept / len(on_review) if on_review else None,
        retention_answers=len(on_review),
        window_days=window,
        forecast=tuple(forecast),
        reviews_per_day=tuple(
            DayCount(d, per_day.get(d, 0))
            for d in (today - timedelta(days=n) for n in range(window - 1, -1, -1))
        ),
        themes=tuple(_knowledge(service, cards, states, now, by="theme")),
        tiers=tuple(_knowledge(service, cards, states, now, by="tier")),
        entities=tuple(_knowledge(service, cards, states, now, by="entity")),
        calendar=tuple(
            DayCount(d, every_day.get(d, 0))
            for d in (today - timedelta(days=n) for n in range(CALENDAR_WEEKS * 7 - 1, -1, -1))
        ),
        theme_retention=tuple(_theme_retention(service, cards, year, today)),
        leeches=sum(mark.leech for mark in marks),
        suspended=sum(mark.suspended for mark in marks),
    )


def _months_back(today: date, months: int) -> date:
    """The first day of the month ``months`` before today's."""
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _theme_retention(
    service: QuizService, cards: tuple[QuizCard, ...], lines: list[LogLine], today: date
) -> Iterable[ThemeRetention]:
    months = [_months_back(today, n) for n in range(RETENTION_MONTHS - 1, -1, -1)]
    themes_of = {card.id: card.themes for card in cards}
    answers: Counter[tuple[str, date]] = Counter()
    kept: Counter[tuple[str, date]] = Counter()
    for line in lines:
        if line.state_before != REVIEW_STATE:
            continue
        answered = service.day.day_of(line.reviewed_at)
        month = date(answered.year, answered.month, 1)
        for key in themes_of.get(line.card_id, ()):
            answers[key, month] += 1
            kept[key, month] += line.rating != Rating.Again
    for theme in service.content.themes:
        yield ThemeRetention(
            theme.key,
            theme.label,
            tuple(MonthRetention(m, answers[theme.key, m], kept[theme.key, m]) for m in months),
        )


def _forecast(
    states: Iterable[CardState], service: QuizService, today: date, days: int
) -> list[DayCount]:
    """Cards due on each of the next ``days`` days; today's count includes overdue cards."""
    counts = Counter(max(service.day.day_of(state.due), today) for state in states)
    return [DayCount(d, counts.get(d, 0)) for d in (today + timedelta(n) for n in range(days))]


def _streak(service: QuizService, today: date) -> int:
    day, reviews = service.day, service.reviews
    first = reviews.first_review()
    if first is None:
        return 0

    def studied(on: date) -> bool:
        return reviews.count(day.start(on), day.end(on)) > 0

    current = today if studied(today) else today - timedelta(days=1)
    streak = 0
    while current >= day.day_of(first) and studied(current):
        streak += 1
        current -= timedelta(days=1)
    return streak


def _knowledge(
    service: QuizService,
    cards: tuple[QuizCard, ...],
    states: dict[str, CardState],
    now: datetime,
    *,
    by: str,
) -> Iterable[Knowledge]:
    if by == "theme":
        groups = [(t.key, t.label) for t in service.content.themes]
        members = {key: [c for c in cards if key in c.themes] for key, _ in groups}
    elif by == "tier":
        groups = list(TIER_LABELS.items())
        members = {key: [c for c in cards if c.tier == key and not c.is_own] for key in TIER_LABELS}
    else:
        groups = [(e.slug, e.short_name) for e in service.content.entities()]
        members = {key: [c for c in cards if key in c.entity_slugs] for key, _ in groups}
    for key, label in groups:
        group = members[key]
        if not group and by != "tier":  # every tier is shown, even one with no cards
            continue
        values = [service.scheduler.retrievability(states.get(c.id), now) for c in group]
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


def stats_json(service: QuizService) -> dict[str, Any]:
    """What ``ocstudy stats --json`` prints."""
    return compute_stats(service).to_json_dict()


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _bar(count: int, top: int, width: int = 30) -> str:
    return "#" * max(1, round(count / top * width)) if count and top else ""


def stats_text(service: QuizService) -> str:
    """What ``ocstudy stats`` prints: the same figures as the app, as plain text."""
    s = compute_stats(service)
    retention = (
        f"{_percent(s.true_retention)} of {counted(s.retention_answers, 'answer')} to review cards"
        if s.true_retention is not None
        else "no answers to review cards yet"
    )
    lines = [
        f"ocstudy quiz statistics, {s.today.isoformat()} "
        f"(desired retention {_percent(s.desired_retention)})",
        "",
        f"Cards:           {s.total_cards} ({s.never_reviewed} never reviewed, "
        f"{s.learning} learning, {s.in_review} in review)",
        f"Due today:       {s.due_today} (and up to {s.new_available_today} new)",
        f"Due tomorrow:    {s.due_tomorrow}",
        f"Reviewed today:  {s.reviewed_today}",
        f"Streak:          {s.streak_days} day{'s' if s.streak_days != 1 else ''}",
        f"Leeches:         {s.leeches} ({counted(s.suspended, 'card')} suspended)",
        f"True retention:  {retention} (last {s.window_days} days)",
        "",
        f"Forecast, next {len(s.forecast)} days (cards due):",
    ]
    lines += _day_table(s.forecast, "nothing scheduled")
    lines += ["", f"Reviews per day, last {s.window_days} days:"]
    lines += _day_table(s.reviews_per_day, "no reviews")
    lines += ["", "Known, by tier (predicted recall now; unseen cards count 0):"]
    lines += [_knowledge_line(k) for k in s.tiers]
    lines += ["", "Known, by theme (predicted recall now; unseen cards count 0):"]
    lines += [_knowledge_line(k) for k in s.themes]
    studied = [k for k in s.entities if k.reviewed]
    lines += ["", "Known, by instrument and body (those studied):"]
    lines += [_knowledge_line(k) for k in studied] or ["  none studied yet"]
    return "\n".join(lines) + "\n"


def _day_table(days: tuple[DayCount, ...], empty: str) -> list[str]:
    top = max((d.count for d in days), default=0)
    rows = [f"  {d.day.isoformat()}  {d.count:4d}  {_bar(d.count, top)}" for d in days if d.count]
    return rows or [f"  {empty}"]


def _knowledge_line(k: Knowledge) -> str:
    return (
        f"  {k.label:<42.42} {_percent(k.retrievability):>5}  "
        f"({k.reviewed} of {counted(k.cards, 'card')} reviewed)"
    )
