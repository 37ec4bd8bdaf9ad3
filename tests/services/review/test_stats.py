"""Statistics on a synthetic history: due counts, streak, true retention, forecast, reviews
per day and knowledge; the text and JSON forms carry the same figures."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from tests.review_fixtures import FakeClock

from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats import compute_stats, stats_json
from ocstudy.services.review.stats_text import stats_text
from ocstudy.userdata.review_rows import StoredState

LEARNING, REVIEW, RELEARNING = 1, 2, 3


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def stored(kind: int, due: datetime, last: datetime, stability: float = 3.0) -> StoredState:
    return StoredState(kind, 0 if kind != REVIEW else None, stability, 5.0, due, last, 1, 0)


@pytest.fixture
def history(service: QuizService) -> dict[str, str]:
    """Five cards answered over four days (the clock stands at 2 March, 09:00 UTC)."""
    ids = [card.id for card in service.catalogue.cards() if card.entity_slug][
        :5
    ]  # cards on entries
    a, b, c, d, e = ids
    feb27 = datetime(2026, 2, 27, 10, tzinfo=UTC)
    log = [
        # card, rating, when, before, after
        (a, 3, feb27, None, stored(LEARNING, at(2, 10), feb27)),
        (b, 4, feb27, None, stored(REVIEW, at(1, 10), feb27)),
        (e, 3, feb27, None, stored(REVIEW, at(1, 2), feb27)),
        (b, 1, at(1, 10), "b", stored(RELEARNING, at(1, 10, 10), at(1, 10))),
        (c, 3, at(1, 11), None, stored(REVIEW, at(1, 11), at(1, 11))),
        (c, 3, at(1, 12), "c", stored(REVIEW, at(7, 12), at(1, 12), 6.0)),
        # 03:00 UTC on 2 March is still the study day of 1 March (rollover at 4 a.m.)
        (e, 3, at(2, 3), "e", stored(REVIEW, datetime(2026, 2, 20, tzinfo=UTC), at(2, 3))),
        (b, 3, at(2, 8), "b", stored(REVIEW, at(3, 12), at(2, 8))),
        (d, 3, at(2, 8, 30), None, stored(LEARNING, at(2, 8, 40), at(2, 8, 30))),
    ]
    for card, rating, when, before, after in log:
        store = service.schedule.reviews
        previous = store.state(card) if before else None
        store.record(card, rating=rating, mode="flashcard", reviewed_at=when, duration_ms=5000,
                     before=previous, after=after)  # fmt: skip
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def test_figures(service: QuizService, history: dict[str, str]) -> None:
    stats = compute_stats(service)
    assert stats.today == date(2026, 3, 2)
    assert stats.total_cards == len(service.catalogue.cards())
    assert stats.never_reviewed == stats.total_cards - 5
    assert (stats.learning, stats.in_review) == (2, 3)
    assert stats.due_today == 3  # a (10:00 today), d (a learning step), e (overdue)
    assert stats.due_tomorrow == 1  # b
    assert stats.new_available_today == 19  # d was new today
    assert stats.reviewed_today == 2
    assert stats.streak_days == 2
    # answers to review cards: b Again, c Good (12:00), e Good -> 2 of 3
    assert stats.retention_answers == 3
    assert stats.true_retention == pytest.approx(2 / 3)
    forecast = {d.day: d.count for d in stats.forecast}
    assert len(stats.forecast) == 30 and forecast[date(2026, 3, 7)] == 1
    assert sum(forecast.values()) == 5
    per_day = {d.day: d.count for d in stats.reviews_per_day}
    assert len(per_day) == 30 and max(per_day) == date(2026, 3, 2)
    assert (per_day[date(2026, 2, 27)], per_day[date(2026, 3, 1)], per_day[date(2026, 3, 2)]) == (
        3,
        4,
        2,
    )
    themes = {k.key: k for k in stats.themes}
    assert sum(k.reviewed for k in stats.entities) >= 5
    for knowledge in [*stats.themes, *stats.entities]:
        assert 0.0 <= knowledge.retrievability <= 1.0
        assert knowledge.reviewed <= knowledge.cards
    reviewed_themes = [k for k in themes.values() if k.reviewed]
    assert reviewed_themes and all(k.retrievability_reviewed is not None for k in reviewed_themes)


def test_streak_waits_for_today_then_breaks(
    service: QuizService, history: dict[str, str], clock: FakeClock
) -> None:
    clock.now = at(3, 9)
    stats = compute_stats(service)
    assert (stats.streak_days, stats.reviewed_today) == (2, 0)
    clock.now = at(4, 9)
    assert compute_stats(service).streak_days == 0


def test_no_history(service: QuizService) -> None:
    stats = compute_stats(service)
    assert (stats.due_today, stats.reviewed_today, stats.streak_days) == (0, 0, 0)
    assert stats.true_retention is None and stats.new_available_today == 20
    assert "no answers to review cards yet" in stats_text(service)
    assert "none studied yet" in stats_text(service)


def test_text_and_json_agree(service: QuizService, history: dict[str, str]) -> None:
    data = stats_json(service)
    assert json.loads(json.dumps(data)) == data
    assert data == compute_stats(service).to_json_dict()
    assert (data["due_today"], data["due_tomorrow"], data["streak_days"]) == (3, 1, 2)
    assert data["true_retention"] == 0.6667 and data["today"] == "2026-03-02"
    assert data["forecast"][0] == {"day": "2026-03-02", "count": 3}
    text = stats_text(service)
    assert "Due today:       3 (and up to 19 new)" in text
    assert "Due tomorrow:    1" in text
    assert "Reviewed today:  2" in text
    assert "Streak:          2 days" in text
    assert "True retention:  67% of 3 answers to review cards (last 30 days)" in text
    assert "Cards: the whole deck; answers: last 30 days" in text
    assert "  2026-03-07     1  " in text
    assert "  2026-03-01     4  " in text
    for theme in data["themes"]:
        if theme["reviewed"]:
            assert theme["label"] in text


def test_calendar_and_retention_per_theme(service: QuizService, history: dict[str, str]) -> None:
    stats = compute_stats(service)
    assert len(stats.calendar) == 53 * 7 and stats.calendar[-1].day == date(2026, 3, 2)
    calendar = {d.day: d.count for d in stats.calendar}
    assert (
        calendar[date(2026, 2, 27)],
        calendar[date(2026, 3, 1)],
        calendar[date(2026, 3, 2)],
    ) == (
        3,
        4,
        2,
    )
    assert sum(calendar.values()) == 9
    cards = {card.id: card for card in service.catalogue.cards()}
    by_theme = {t.key: t for t in stats.theme_retention}
    assert [t.key for t in stats.theme_retention] == [t.key for t in service.catalogue.themes]
    months = [m.month for m in stats.theme_retention[0].months]
    assert months == [date(2026, 2, 1), date(2026, 3, 1)]  # the last 30 days, 1 Feb - 2 March
    year = compute_stats(service, time_range="year").theme_retention[0].months
    assert [m.month for m in year] == [date(2025, 3 + n, 1) for n in range(10)] + [
        date(2026, n, 1) for n in (1, 2, 3)
    ]  # from 3 March 2025: the 13 months a year touches
    # answers to review cards in March: b Again (1 March), c Good, e Good (both on 1 March)
    expected: dict[str, tuple[int, int]] = {}
    for key, kept in (("b", 0), ("c", 1), ("e", 1)):
        for theme in cards[history[key]].themes:
            answers, kept_so_far = expected.get(theme, (0, 0))
            expected[theme] = (answers + 1, kept_so_far + kept)
    for key, theme in by_theme.items():
        march = theme.months[-1]
        assert (march.answers, march.kept) == expected.get(key, (0, 0))
        assert all(m.answers == 0 for m in theme.months[:-1])
    data = stats_json(service)
    assert data["calendar"][-1] == {"day": "2026-03-02", "count": 2}
    assert data["theme_retention"][0]["months"][-1]["month"] == "2026-03"


def test_mastery_per_tier(service: QuizService, history: dict[str, str]) -> None:
    """The five cards answered are the first the deck teaches: core cards."""
    stats = compute_stats(service)
    by_key = {k.key: k for k in stats.tiers}
    assert list(by_key) == ["core", "detail", "extra"]
    cards = service.catalogue.cards()
    for key, knowledge in by_key.items():
        assert knowledge.cards == sum(1 for c in cards if c.tier == key and not c.is_own)
    tiers = {service.catalogue.card(card_id).tier for card_id in history.values()}  # type: ignore[union-attr]
    assert tiers == {"core"}
    assert by_key["core"].reviewed == 5
    assert all(k.reviewed == 0 for key, k in by_key.items() if key != "core")
    data = stats_json(service)
    assert [t["key"] for t in data["tiers"]] == list(by_key)
    assert "Known, by tier" in stats_text(service)
