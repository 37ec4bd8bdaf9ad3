"""Answer buttons per kind of card, the spreads of intervals, stability and difficulty, the
time range (month, year, all) and the scope (a search, one theme) of the statistics, on
synthetic histories; and ``ocstudy stats --range --search`` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.review_fixtures import FakeClock

from ocstudy.content.repository import ContentRepository
from ocstudy.services.browser.search import SearchSyntaxError
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats import compute_stats, stats_json
from ocstudy.services.review.stats_text import stats_text
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.reviews import ReviewStore

from .review_log import record_history
from .test_stats import REVIEW, at, history, stored

__all__ = ["history"]  # the five cards' history, a fixture


def buttons(service: QuizService, **options: str) -> dict[str, tuple[int, ...]]:
    stats = compute_stats(service, **options)
    return {b.kind: b.counts for b in stats.answer_buttons}


def test_answer_buttons_per_kind_of_card(service: QuizService, history: dict[str, str]) -> None:
    """New, learning and relearning cards are 'learning'; b's Again, c's second Good and e's
    Good were answers to cards in review with an interval of 2 days or less: young."""
    assert buttons(service) == {
        "learning": (0, 0, 5, 1),  # a, b (Easy), e, c, b relearning, d
        "young": (1, 0, 2, 0),
        "mature": (0, 0, 0, 0),
    }
    learning, young, _mature = compute_stats(service).answer_buttons
    assert (learning.share_correct, young.share_correct) == (1.0, pytest.approx(2 / 3))


def test_an_answer_to_a_card_with_three_weeks_is_mature(service: QuizService) -> None:
    card = service.catalogue.cards()[0].id
    first = datetime(2026, 2, 1, 10, tzinfo=UTC)
    after = stored(REVIEW, datetime(2026, 2, 22, 10, tzinfo=UTC), first)  # 21 days
    store = service.schedule.reviews
    store.record(card, rating=3, mode="flashcard", reviewed_at=first, duration_ms=1,
                 before=None, after=after)  # fmt: skip
    store.record(card, rating=1, mode="flashcard", reviewed_at=at(1, 10), duration_ms=1,
                 before=after, after=stored(3, at(1, 10, 10), at(1, 10)))  # fmt: skip
    assert buttons(service, time_range="year")["mature"] == (1, 0, 0, 0)
    (line,) = store.lines(since=at(1, 0), intervals=True)
    assert line.interval_before == pytest.approx(21.0)
    assert store.lines(since=at(1, 0))[0].interval_before is None  # only when asked for


def test_an_answer_whose_schedule_before_cannot_be_read_counts_as_young(
    service: QuizService, history: dict[str, str]
) -> None:
    service.schedule.reviews.database.execute(
        "UPDATE review_log SET before_json = 'not json' WHERE state_before = 2"
    )
    assert buttons(service)["young"] == (1, 0, 2, 0)
    assert len(service.schedule.reviews.lines(intervals=True)) == 9  # no answer left out


def test_intervals_stability_and_difficulty(service: QuizService, history: dict[str, str]) -> None:
    stats = compute_stats(service)
    intervals = stats.intervals  # b: 28 hours, c: 6 days, e: due before its last answer
    assert intervals.cards == 3 and intervals.median == pytest.approx(28 / 24)
    assert {b.label: b.count for b in intervals.bins if b.count} == {
        "< 1 d": 1,
        "1 d": 1,
        "3\u20136 d": 1,
    }
    assert stats.stability.cards == 5 and stats.stability.average == pytest.approx(3.6)
    assert stats.difficulty.average == 5.0
    assert {b.label: b.count for b in stats.difficulty.bins if b.count} == {"5\u20136": 5}
    data = stats.to_json_dict()
    assert data["intervals"]["median"] == round(28 / 24, 4)
    assert data["answer_buttons"][1] == {
        "kind": "young", "again": 1, "hard": 0, "good": 2, "easy": 0, "correct": 0.6667
    }  # fmt: skip
    text = stats_text(service)
    assert "Intervals of the cards in review (3 cards; median 1.2 days):" in text
    assert "Stability, days (5 cards; average 3.6 days):" in text
    assert "Difficulty, 1 to 10 (5 cards; average 5.0 of 10):" in text


@pytest.fixture
def long_history(service: QuizService, clock: FakeClock) -> int:
    """200 days of study of 20 cards, ending yesterday: how many answers."""
    ids = [card.id for card in service.catalogue.cards()][:20]
    return record_history(service.schedule.reviews, ids, clock.now - timedelta(days=200), days=200,
                          new_per_day=5)  # fmt: skip


def test_the_time_range_bounds_the_history(service: QuizService, long_history: int) -> None:
    month, year, every = (compute_stats(service, time_range=r) for r in ("month", "year", "all"))
    assert (month.window_days, year.window_days, every.window_days) == (30, 365, 201)
    assert every.first_day == month.today - timedelta(days=200)
    for stats in (month, year, every):
        answered = sum(d.count for d in stats.reviews_per_day)
        assert answered == sum(b.total for b in stats.answer_buttons)
        assert stats.reviews_per_day[-1].day == stats.today
        assert stats.calendar == month.calendar  # a year, whatever the range
        assert stats.streak_days == month.streak_days  # however long, whatever the range
    assert sum(d.count for d in year.reviews_per_day) == long_history
    assert sum(d.count for d in month.reviews_per_day) < long_history
    assert month.retention_answers < year.retention_answers == every.retention_answers
    assert [m.month.month for m in every.theme_retention[0].months] == [8, 9, 10, 11, 12, 1, 2, 3]
    assert every.retention_period == "month"
    with pytest.raises(ValueError, match="month, year, all"):
        compute_stats(service, time_range="week")


def test_a_search_or_a_theme_limits_every_figure(service: QuizService, long_history: int) -> None:
    whole = compute_stats(service, time_range="all")
    firearms = compute_stats(service, time_range="all", search="theme:firearms")
    cards = [card for card in service.catalogue.cards() if "firearms" in card.themes]
    ids = {card.id for card in cards}
    assert firearms.total_cards == len(cards) < whole.total_cards
    states = {i: s for i, s in service.schedule.states().items() if i in ids}
    assert firearms.never_reviewed == len(cards) - len(states)
    horizon = firearms.today + timedelta(days=30)
    soon = [s for s in states.values() if service.schedule.day.day_of(s.due) < horizon]
    assert sum(d.count for d in firearms.forecast) == len(soon)
    answers = [line for line in service.schedule.reviews.lines() if line.card_id in ids]
    assert sum(d.count for d in firearms.reviews_per_day) == len(answers)
    assert sum(b.total for b in firearms.answer_buttons) == len(answers)
    assert firearms.intervals.cards == sum(1 for s in states.values() if s.state == REVIEW)
    assert firearms.stability.cards == len(states)
    assert [k.key for k in firearms.themes] == sorted(
        {key for card in cards for key in card.themes},
        key=[t.key for t in service.catalogue.themes].index,
    )
    assert {k.key for k in firearms.entities} == {s for c in cards for s in c.entity_slugs}
    assert {t.key for t in firearms.theme_retention} == {k.key for k in firearms.themes}
    assert firearms.search == "theme:firearms" and whole.search == ""
    assert compute_stats(service, search="  ") == compute_stats(service)  # all: the same
    studied = compute_stats(service, search="-is:new")
    assert studied.total_cards == len(service.schedule.states()) and studied.never_reviewed == 0


@pytest.mark.parametrize(
    ("query", "message"), [("theme:(", "is not closed"), ("prop:zz>1", "prop:"), ("is:", "is:")]
)
def test_a_search_that_cannot_be_read_says_what_is_wrong(
    service: QuizService, query: str, message: str
) -> None:
    with pytest.raises(SearchSyntaxError, match=message):
        compute_stats(service, search=query)


def ocstudy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ocstudy", *args], capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def test_stats_on_the_command_line_takes_a_range_and_a_search(
    tmp_path: Path, repository: ContentRepository
) -> None:
    data_dir = tmp_path / "data"
    store = ReviewStore(open_user_database(data_dir))
    now = datetime.now(UTC)
    quiz = QuizService.open(repository, store, fuzz=False, seed=1)
    ids = [card.id for card in quiz.catalogue.cards() if "firearms" in card.themes][:5]
    answers = record_history(store, ids, now - timedelta(days=60), days=59, new_per_day=5)
    data = ["--data-dir", str(data_dir)]
    done = ocstudy(*data, "stats", "--json", "--range", "year", "--search", "theme:firearms")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert (figures["time_range"], figures["search"]) == ("year", "theme:firearms")
    assert sum(d["count"] for d in figures["reviews_per_day"]) == answers
    expected = stats_json(quiz, time_range="year", search="theme:firearms")
    assert {k: v for k, v in figures.items() if k != "generated_at"} == {
        k: v for k, v in expected.items() if k != "generated_at"
    }
    text = ocstudy(*data, "stats", "--range", "all", "--search", "theme:firearms")
    assert text.returncode == 0 and "Cards: the cards “theme:firearms” finds;" in text.stdout
    assert "Answer buttons, all" in text.stdout
    bad = ocstudy(*data, "stats", "--search", "theme:(")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.strip().splitlines() == ["ocstudy: --search: a “(” is not closed: add a “)”"]


def test_a_streak_longer_than_the_days_read_is_counted_whole(service: QuizService) -> None:
    """The month's figures read a year of answers; a 400-day streak goes on before it. With a
    search, only the days the cards it finds were answered count."""
    first = next(card for card in service.catalogue.cards() if card.entity_slugs)
    other = next(
        c
        for c in service.catalogue.cards()
        if c.entity_slugs and not set(c.entity_slugs) & set(first.entity_slugs)
    )
    today = service.schedule.day.day_of(service.schedule.now())
    store = service.schedule.reviews
    for back in range(400, 0, -1):  # every day up to yesterday; ``other`` the last 3 days
        when = service.schedule.day.start(today - timedelta(days=back)) + timedelta(hours=2)
        card = other.id if back <= 3 else first.id
        store.record(card, rating=3, mode="flashcard", reviewed_at=when, duration_ms=1,
                     before=None, after=stored(REVIEW, when + timedelta(days=1), when))  # fmt: skip
    assert compute_stats(service).streak_days == 400
    assert compute_stats(service, search=f"entity:{other.entity_slugs[0]}").streak_days == 3
    assert compute_stats(service, search=f"entity:{first.entity_slugs[0]}").streak_days == 0


def test_all_the_history_of_a_learner_with_no_answers_is_today(service: QuizService) -> None:
    stats = compute_stats(service, time_range="all")
    assert (stats.first_day, stats.window_days) == (stats.today, 1)
    assert [d.count for d in stats.reviews_per_day] == [0]
    assert "answers: all 1 day since " in stats_text(service, time_range="all")
    later = datetime(2026, 4, 1, tzinfo=UTC)  # a clock that was set ahead
    card = service.catalogue.cards()[0].id
    reviews = service.schedule.reviews
    reviews.record(card, rating=3, mode="flashcard", reviewed_at=later, duration_ms=1,
                   before=None, after=stored(REVIEW, later, later))  # fmt: skip
    assert compute_stats(service, time_range="all").first_day == stats.today
