"""The exam plan and forecast in words: for ``ocstudy plan``, the quiz's start page and the
statistics (one wording everywhere)."""

from __future__ import annotations

import json
from datetime import date

from ocstudy.phrasing import counted
from ocstudy.services.review.exam import ExamForecast


def parsed_date(text: str) -> date:
    """``text`` as a date YYYY-MM-DD (ValueError in one line)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--exam {text!r} is not a date such as 2026-06-15") from None


def percent(share: float) -> str:
    return f"{round(share * 100)} %"


def days_left_text(forecast: ExamForecast) -> str:
    days = forecast.plan.days_left
    when = f"{forecast.settings.exam_day:%A %d %B %Y}"
    if days == 0:
        return f"Exam today ({when})"
    return f"Exam on {when}: {counted(days, 'day')} left"


def readiness_text(forecast: ExamForecast) -> str:
    plan = forecast.plan
    return (
        f"If you stopped now: {percent(plan.recall_if_you_stop)}; "
        f"following the plan: {percent(plan.recall_if_you_follow)}"
    )


def today_text(forecast: ExamForecast) -> str:
    today = forecast.plan.on(forecast.plan.today)
    planned = (
        f"{counted(today.new_cards, 'new card')}, {counted(today.reviews, 'review')}, "
        f"about {today.minutes} min"
        if today
        else "nothing"
    )
    return f"Today's plan: {planned}; {percent(forecast.share_done_today)} done"


def fit_text(forecast: ExamForecast) -> str | None:
    """What to do when the plan does not fit the minutes given (None: it fits)."""
    plan = forecast.plan
    if plan.fits:
        return None
    return (
        f"The plan does not fit in {plan.minutes_given} min a day: its busiest day needs "
        f"{plan.busiest} min, {plan.over_by} more. Give more minutes, study the core only, "
        "or choose a later date."
    )


def plan_lines(forecast: ExamForecast) -> list[str]:
    """``ocstudy plan``'s report: the exam, the forecast, each theme, then the days."""
    lines = [
        f"{days_left_text(forecast)}; {forecast.scope_label}, "
        f"{counted(forecast.cards_in_scope, 'card')}",
        readiness_text(forecast),
        "(the share of these cards FSRS predicts you recall on the day; not a mark)",
    ]
    if (problem := fit_text(forecast)) is not None:
        lines.append(problem)
    lines.append("Recall on the day if you stopped now, weakest theme first:")
    lines += [f"  {row.label}: {percent(row.recall)}" for row in forecast.themes]
    lines.append(f"{'day':<10} {'new':>5} {'reviews':>8} {'minutes':>8}")
    lines += [
        f"{day.day.isoformat():<10} {day.new_cards:>5} {day.reviews:>8} {day.minutes:>8}"
        for day in forecast.plan.days
    ]
    return lines


def plan_json(forecast: ExamForecast) -> str:
    return json.dumps(forecast.to_json_dict(), indent=2, ensure_ascii=False)
