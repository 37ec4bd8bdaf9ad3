"""The exam date in the quiz service: the plan decides the new cards, the clock past the
date clears it with a message, and a practice exam leaves the review log and the schedule
byte for byte as they were."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from tests.review_fixtures import FakeClock, ServiceFactory

from ocstudy.quiz.rating import Rating
from ocstudy.services.review.exam import EXAM_SETTINGS
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.reviews import ReviewStore


def answer_some(service: QuizService, count: int) -> None:
    session = service.start()
    for _ in range(count):
        assert session.current is not None
        session.answer(Rating.Good, "flashcard", 4000)


def test_no_exam_date_no_forecast_and_the_settings_limit(service: QuizService) -> None:
    assert service.exam.forecast() is None
    assert service.counts().new == 20


def test_the_new_card_limit_follows_the_plan_while_a_date_is_set(
    service: QuizService, clock: FakeClock
) -> None:
    today = service.schedule.today()
    changes = service.exam.set(today + timedelta(days=13), "core", 20)
    assert changes.settings == frozenset(EXAM_SETTINGS)
    core = len(service.exam.cards("core"))
    forecast = service.exam.forecast()
    assert forecast is not None
    assert forecast.cards_in_scope == core
    first = forecast.plan.days[0].new_cards
    assert first == -(-core // 11)  # 11 days to learn them in, 3 days before the exam
    assert service.counts().new == first
    assert forecast.to_json_dict()["days_left"] == 13
    service.exam.clear()
    assert service.counts().new == 20


def test_the_forecast_is_zero_if_you_stop_with_no_reviews_and_today_is_counted(
    service: QuizService,
) -> None:
    service.exam.set(service.schedule.today() + timedelta(days=20), "detail", 30)
    before = service.exam.forecast()
    assert before is not None
    assert before.plan.recall_if_you_stop == 0.0
    assert before.plan.recall_if_you_follow > 0.8
    assert before.done_today == 0
    answer_some(service, 3)
    after = service.exam.forecast()
    assert after is not None
    assert after.plan.recall_if_you_stop > 0
    assert after.done_today == 3
    assert 0 < after.share_done_today < 1
    assert [t.recall for t in after.themes] == sorted(t.recall for t in after.themes)


def test_the_clock_past_the_exam_date_clears_the_plan_with_a_message(
    service: QuizService, clock: FakeClock, store: ReviewStore
) -> None:
    exam_day = service.schedule.today() + timedelta(days=5)
    service.exam.set(exam_day, "core", 30)
    clock.advance(days=5)
    assert service.exam.forecast() is not None  # the exam day itself still has its plan
    clock.advance(days=1)
    assert service.exam.forecast() is None
    assert service.exam.passed_message is not None
    assert exam_day.strftime("%d %B %Y") in service.exam.passed_message
    assert store.setting("exam.date") == ""
    assert service.counts().new == 20


def test_bad_exam_settings_are_refused_and_change_nothing(
    service: QuizService, store: ReviewStore
) -> None:
    today = service.schedule.today()
    with pytest.raises(ValueError, match="has passed"):
        service.exam.set(today - timedelta(days=1))
    with pytest.raises(ValueError, match="scope"):
        service.exam.set(today + timedelta(days=9), "everything")
    with pytest.raises(ValueError, match="minutes"):
        service.exam.set(today + timedelta(days=9), "core", 0)
    assert store.setting("exam.date") is None


def dump(store: ReviewStore) -> list[tuple[object, ...]]:
    connection: sqlite3.Connection = store.database.conn
    rows = [("log", *r) for r in connection.execute("SELECT * FROM review_log ORDER BY id")]
    states = connection.execute("SELECT * FROM card_states ORDER BY card_id")
    return rows + [("state", *r) for r in states]


def test_a_practice_exam_leaves_the_log_and_the_schedule_byte_identical(
    make_service: ServiceFactory, store: ReviewStore, clock: FakeClock
) -> None:
    service = make_service()
    answer_some(service, 12)
    clock.advance(days=3)
    service.exam.set(service.schedule.today() + timedelta(days=10), "all", 30)
    before = dump(store)
    exams = service.practice_exams
    paper = exams.paper(30)
    assert len(paper) == 30
    assert len({q.card.sibling_key for q in paper}) == 30
    assert {q.mode for q in paper} >= {"choice", "typed", "order"}
    given = [0 if q.mode == "choice" else "1999" if q.mode == "typed" else None for q in paper]
    result = exams.finish(paper, given)
    assert dump(store) == before
    assert len(result.marked) == 30
    assert sum(asked for _, asked in result.themes.values()) == 30
    kept = exams.results()
    assert [(r.questions, r.right) for r in kept] == [(30, result.right)]
    assert set(kept[0].missed) == {m.question.card.id for m in result.missed}
    assert make_service().practice_exams.paper(30, seed="x") == exams.paper(30, seed="x")
