"""The card on screen is the card rated (issue 12, part 1): a session pins the card it shows,
and a learning card that falls due meanwhile waits its turn."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fsrs import Rating
from tests.review_fixtures import FakeClock

from ocstudy.quiz.session import QuizSession
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.reviews import ReviewStoreError


def logged(service: QuizService) -> list[tuple[str, int]]:
    rows = service.schedule.reviews._db.execute(
        "SELECT card_id, rating FROM review_log ORDER BY id"
    )
    return [(row[0], row[1]) for row in rows]


def two_new_cards(service: QuizService) -> tuple[str, str]:
    first, second = [c.id for c in service.catalogue.cards() if c.kind == "date"][:2]
    return first, second


@pytest.mark.parametrize(
    "pause", [timedelta(minutes=1, seconds=1), timedelta(hours=1), timedelta(hours=15, minutes=5)]
)
def test_a_card_falling_due_meanwhile_waits_its_turn(
    service: QuizService, clock: FakeClock, pause: timedelta
) -> None:
    """Rate A Again (due in a minute), B is shown, the learner pauses, A falls due: rating
    acts on B, and A comes next. (Before the fix, B's rating was logged against A.)"""
    a, b = two_new_cards(service)
    session = QuizSession(service.schedule, [a, b])
    assert session.current is not None and session.current.id == a
    session.answer(Rating.Again)
    shown = session.current
    assert shown is not None and shown.id == b
    clock.now += pause  # past midnight, with the 15-hour pause from 9:00
    assert session.current is not None and session.current.id == b
    assert session.check_typed("1 January 1900").verdict == "wrong"  # checks B, not A
    previews = session.previews()
    assert previews == service.schedule.scheduler.preview(b, None, clock.now)  # B's intervals, new
    record = session.answer(Rating.Good, "typed", card_id=b)
    assert record.card_id == b and logged(service) == [(a, 1), (b, 3)]
    assert session.current is not None and session.current.id == a  # now due, its turn


def test_a_rating_for_another_card_is_refused(service: QuizService) -> None:
    a, b = two_new_cards(service)
    session = QuizSession(service.schedule, [a, b])
    with pytest.raises(LookupError):
        session.answer(Rating.Good, card_id=b)
    assert logged(service) == []


def test_undo_restores_the_card_its_state_and_mode(service: QuizService, clock: FakeClock) -> None:
    a, b = two_new_cards(service)
    session = QuizSession(service.schedule, [a, b])
    session.answer(Rating.Again, "choice")
    assert session.current is not None and session.current.id == b
    before = session.progress()
    clock.advance(minutes=5)  # A is due now
    session.answer(Rating.Good, "typed")
    assert session.current is not None and session.current.id == a
    clock.advance(minutes=1)
    shown = session.undo()
    assert shown is not None and shown.id == b and session.resumed_mode == "typed"
    assert service.schedule.state(b) is None and logged(service) == [(a, 1)]
    assert session.progress() == before
    clock.advance(hours=2)
    assert session.current is not None and session.current.id == b  # pinned, A waits
    session.answer(Rating.Hard, "typed")
    assert logged(service) == [(a, 1), (b, 2)] and session.resumed_mode is None


def test_progress_goes_down_as_you_answer(service: QuizService, clock: FakeClock) -> None:
    """ "N left" counts the answers still to give, so it falls with each Good answer (it
    stayed at "20 left" after 12 answers); Anki's three counts move as cards do."""
    session = service.start()
    lefts = [session.progress().left]
    for _ in range(12):
        session.answer(Rating.Good, duration_ms=5000)
        clock.advance(seconds=6)
        lefts.append(session.progress().left)
    assert lefts == list(range(40, 27, -1))
    progress = session.progress()
    assert (progress.new, progress.learning, progress.review) == (8, 12, 0)
    assert progress.minutes_left == 3  # 28 answers at this session's 5 s
    session.answer(Rating.Again, duration_ms=5000)  # back to the first step: one more
    assert session.progress().left == 28


def test_the_summary_counts_first_tries_and_missed_cards(
    service: QuizService, clock: FakeClock
) -> None:
    session = service.start(limit=3)
    ids = [card.id for card in service.catalogue.cards() if card.id in session._queue.card_ids()]
    ratings = {ids[0]: Rating.Good, ids[1]: Rating.Again, ids[2]: Rating.Good}
    while (card := session.current) is not None:
        session.answer(ratings.get(card.id, Rating.Good), duration_ms=4000)
        ratings[card.id] = Rating.Good
        clock.advance(minutes=11)
    summary = session.summary()
    assert (summary.cards, summary.first_try, summary.missed) == (3, 2, (ids[1],))
    assert summary.answered == 7 and summary.time == timedelta(seconds=28)
    assert summary.next_due is not None and summary.next_due > clock.now
    clock.advance(days=30)  # everything overdue: the next due time is now, never past
    assert session.summary().next_due == clock.now


def test_counts_on_the_start_page_agree_with_the_session(
    service: QuizService, clock: FakeClock
) -> None:
    for practice in (False, True):
        counts = service.counts(practice=practice)
        progress = service.start(practice=practice).progress()
        assert (counts.new, counts.learning, counts.review) == (
            progress.new,
            progress.learning,
            progress.review,
        )
        assert counts.answers == progress.left
    session = service.start(limit=6)
    for rating in (Rating.Good, Rating.Again, Rating.Easy, Rating.Good, Rating.Good):
        session.answer(rating, duration_ms=3000)
    clock.advance(minutes=30)
    counts, progress = service.counts(), service.start().progress()
    assert (counts.new, counts.learning, counts.review) == (
        progress.new,
        progress.learning,
        progress.review,
    )
    assert counts.learning == 4 and counts.new == 15  # 20 a day, 5 introduced


def test_an_undo_that_cannot_be_stored_can_be_tried_again(
    service: QuizService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed undo (a read-only disk, say) leaves the answer and the step to undo it: the
    second try, once the disk is back, takes the answer back."""
    a, b = two_new_cards(service)
    session = QuizSession(service.schedule, [a, b])
    session.answer(Rating.Again)
    real_unrecord = service.schedule.unrecord

    def read_only(log_id: int) -> None:
        raise ReviewStoreError("attempt to write a readonly database")

    monkeypatch.setattr(service.schedule, "unrecord", read_only)
    with pytest.raises(ReviewStoreError):
        session.undo()
    assert session.current is not None and session.current.id == b and session.answered == 1
    monkeypatch.setattr(service.schedule, "unrecord", real_unrecord)
    shown = session.undo()
    assert shown is not None and shown.id == a and logged(service) == []
