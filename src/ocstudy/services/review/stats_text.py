"""``ocstudy stats`` as plain text: the figures of
:class:`~ocstudy.services.review.stats.QuizStats`, the view's charts as rows of ``#`` (the
same grouping by day, week or month)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ocstudy.phrasing import counted
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats import Knowledge, QuizStats, compute_stats
from ocstudy.services.review.stats_charts import RATING_NAMES, Distribution, by_period


def range_words(s: QuizStats) -> str:
    """The time range in words: "last 30 days", "all 120 days since 2026-03-02"."""
    if s.time_range == "all":
        return f"all {counted(s.window_days, 'day')} since {s.first_day.isoformat()}"
    return f"last {s.window_days} days"


def scope_words(search: str) -> str:
    return f"the cards “{search}” finds" if search else "the whole deck"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _bar(count: int, top: int, width: int = 30) -> str:
    return "#" * max(1, round(count / top * width)) if count and top else ""


def stats_lines(s: QuizStats) -> list[str]:
    """The lines ``ocstudy stats`` prints."""
    retention = (
        f"{percent(s.true_retention)} of {counted(s.retention_answers, 'answer')} to review cards"
        if s.true_retention is not None
        else "no answers to review cards yet"
    )
    period, reviews = by_period([(d.day, d.count) for d in s.reviews_per_day])
    lines = [
        f"ocstudy quiz statistics, {s.today.isoformat()} "
        f"(desired retention {percent(s.desired_retention)})",
        f"Cards: {scope_words(s.search)}; answers: {range_words(s)}",
        "",
        f"Cards:           {s.total_cards} ({s.never_reviewed} never reviewed, "
        f"{s.learning} learning, {s.in_review} in review)",
        f"Due today:       {s.due_today} (and up to {s.new_available_today} new)",
        f"Due tomorrow:    {s.due_tomorrow}",
        f"Reviewed today:  {s.reviewed_today}",
        f"Streak:          {counted(s.streak_days, 'day')}",
        f"Leeches:         {s.leeches} ({counted(s.suspended, 'card')} suspended)",
        f"True retention:  {retention} ({range_words(s)})",
        "",
        f"Forecast, next {len(s.forecast)} days (cards due):",
        *_day_table([(d.day, d.count) for d in s.forecast], "nothing scheduled"),
        "",
        f"Reviews per {period}, {range_words(s)}:",
        *_day_table(reviews, "no reviews"),
        "",
        f"Answer buttons, {range_words(s)} (correct: not Again):",
        f"  {'':<10}" + "".join(f"{name:>7}" for name in RATING_NAMES),
        *(
            f"  {b.kind.capitalize():<10}"
            + "".join(f"{n:>7}" for n in b.counts)
            + f"   {percent(b.share_correct)} correct of {counted(b.total, 'answer')}"
            for b in s.answer_buttons
        ),
        "",
        *_spread("Intervals of the cards in review", s.intervals, "median", " days"),
        "",
        *_spread("Stability, days", s.stability, "average", " days"),
        "",
        *_spread("Difficulty, 1 to 10", s.difficulty, "average", " of 10"),
        "",
        "Known, by tier (predicted recall now; unseen cards count 0):",
        *(_knowledge_line(k) for k in s.tiers),
        "",
        "Known, by theme (predicted recall now; unseen cards count 0):",
        *(_knowledge_line(k) for k in s.themes),
        "",
        "Known, by instrument and body (those studied):",
    ]
    studied = [k for k in s.entities if k.reviewed]
    return lines + ([_knowledge_line(k) for k in studied] or ["  none studied yet"])


def _day_table(days: Sequence[tuple[date, int]], empty: str) -> list[str]:
    top = max((count for _day, count in days), default=0)
    rows = [f"  {day.isoformat()}  {count:4d}  {_bar(count, top)}" for day, count in days if count]
    return rows or [f"  {empty}"]


def _spread(title: str, spread: Distribution, middle: str, unit: str) -> list[str]:
    if not spread.cards:
        return [f"{title}: no cards yet"]
    value = spread.median if middle == "median" else spread.average
    head = f"{title} ({counted(spread.cards, 'card')}; {middle} {value:.1f}{unit}):"
    top = max(b.count for b in spread.bins)
    return [head, *(f"  {b.label:<8} {b.count:5d}  {_bar(b.count, top)}" for b in spread.bins)]


def _knowledge_line(k: Knowledge) -> str:
    return (
        f"  {k.label:<42.42} {percent(k.retrievability):>5}  "
        f"({k.reviewed} of {counted(k.cards, 'card')} reviewed)"
    )


def stats_text(service: QuizService, *, time_range: str = "month", search: str = "") -> str:
    """What ``ocstudy stats`` prints: the same figures as the app, as plain text."""
    return (
        "\n".join(stats_lines(compute_stats(service, time_range=time_range, search=search))) + "\n"
    )
