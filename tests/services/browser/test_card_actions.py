"""Card actions (issue 14 §1) on the real content and a fresh user database: suspend, bury,
flag, forget and set due date, each undone exactly; undo that keeps a later change; bad
due-date input; leeches; suspended and buried cards out of sessions and counts; failed
writes change nothing."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta
from typing import Any

import pytest
from fsrs import Rating, State
from tests.review_fixtures import FakeClock

from ocstudy.quiz.session import QuizSession
from ocstudy.services.browser.actions import (
    CardActions,
    DueDateError,
    OtherChange,
    parse_due_days,
)
from ocstudy.services.browser.query import SearchContext
from ocstudy.services.browser.rows import card_rows
from ocstudy.services.browser.search import parse_search
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.schedule import leech_edit
from ocstudy.userdata.database import UserDatabaseError
from ocstudy.userdata.marks import NO_MARK, CardMark, MarkStore
from ocstudy.userdata.reviews import ReviewStoreError


def snapshot(service: QuizService) -> tuple[Any, ...]:
    db = service.schedule.reviews.database
    return tuple(
        tuple(db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall())
        for table in ("card_states", "review_log", "card_marks")
    )


def answer(service: QuizService, clock: FakeClock, count: int, rating: Rating) -> list[str]:
    """Answer ``count`` cards of a new session with ``rating``; their ids."""
    session = service.start(limit=count)
    ids = []
    for _ in range(count):
        card = session.current
        assert card is not None
        session.answer(rating, duration_ms=3000)
        ids.append(card.id)
        clock.advance(seconds=5)
    return ids


def found(service: QuizService, query: str) -> set[str]:
    matcher = parse_search(query).matcher(SearchContext(lambda days, rating: frozenset()))
    return {row.id for row in card_rows(service) if matcher(row)}


@pytest.fixture
def actions(service: QuizService) -> CardActions:
    return CardActions(service.schedule, random.Random(3))


def test_suspend_toggles_as_anki_and_undo_puts_back_exactly(
    service: QuizService, actions: CardActions, clock: FakeClock
) -> None:
    reviewed = answer(service, clock, 2, Rating.Good)
    never = next(c.id for c in service.catalogue.cards() if service.schedule.state(c.id) is None)
    before = snapshot(service)
    change = actions.toggle_suspend([reviewed[0], never])
    assert change.message == "Suspended 2 cards"
    assert found(service, "is:suspended") == {reviewed[0], never}
    # one of the two suspended already: the other is suspended, none unsuspended
    actions.toggle_suspend([reviewed[0], reviewed[1]])
    assert found(service, "is:suspended") == {*reviewed, never}
    # all suspended: unsuspend them all
    assert actions.toggle_suspend([*reviewed, never]).message == "Unsuspended 3 cards"
    assert found(service, "is:suspended") == set()
    for _ in range(3):
        actions.undo_last()
    assert snapshot(service) == before
    assert actions.undo_last() is None


def test_suspended_and_buried_cards_leave_sessions_and_due_counts(
    service: QuizService, actions: CardActions, clock: FakeClock
) -> None:
    ids = answer(service, clock, 3, Rating.Good)
    clock.advance(days=30)
    assert service.counts().due == 3
    actions.toggle_suspend([ids[0]])
    actions.bury([ids[1]])
    assert service.counts().due == 1
    session = service.start()
    asked = set()
    while (card := session.current) is not None:
        asked.add(card.id)
        session.answer(Rating.Good, duration_ms=1000)
    assert ids[2] in asked and ids[0] not in asked and ids[1] not in asked
    assert found(service, "is:buried") == {ids[1]}
    clock.advance(days=1)  # the next study day: the buried card is back, the suspended not
    assert found(service, "is:buried") == set()
    assert ids[1] in service.start()._queue.card_ids()
    assert ids[0] not in service.start()._queue.card_ids()


def test_a_new_card_suspended_is_not_offered_as_new(
    service: QuizService, actions: CardActions
) -> None:
    first = service.start().current
    assert first is not None
    actions.toggle_suspend([first.id])
    assert first.id not in service.start()._queue.card_ids()
    assert service.counts().new == 20  # the next new card takes its place


def test_a_card_suspended_elsewhere_leaves_a_running_session(
    service: QuizService, actions: CardActions, clock: FakeClock
) -> None:
    session = service.start(limit=3)
    waiting = session._queue.card_ids()
    actions.toggle_suspend([waiting[1]])
    shown = []
    while (card := session.current) is not None:
        shown.append(card.id)
        session.answer(Rating.Easy, duration_ms=1000)
    assert waiting[1] not in shown and len(shown) == 2


def test_flags_toggle_and_search(service: QuizService, actions: CardActions) -> None:
    a, b, c = (card.id for card in service.catalogue.cards()[:3])
    assert actions.flag([a, b], 1).message == "Flag red on 2 cards"
    actions.flag([c], 4)
    assert found(service, "flag:1") == {a, b} and found(service, "flag:4") == {c}
    assert found(service, "-flag:0") == {a, b, c}
    assert actions.flag([a, b], 1).message == "No flag on 2 cards"  # all had it: it comes off
    assert found(service, "flag:1") == set()
    actions.flag([a, c], 2)  # not all had 2: both get it
    assert found(service, "flag:2") == {a, c}
    with pytest.raises(ValueError, match="not 0-7"):
        actions.flag([a], 8)


def test_forget_makes_cards_new_and_keeps_the_log(
    service: QuizService, actions: CardActions, clock: FakeClock
) -> None:
    ids = answer(service, clock, 2, Rating.Good)
    log = snapshot(service)[1]
    before = snapshot(service)
    change = actions.forget(ids)
    assert change.message == "Forgot 2 cards: new again"
    assert all(service.schedule.state(i) is None for i in ids)
    assert found(service, "is:new") >= set(ids)
    assert snapshot(service)[1] == log  # the review log stays, as Anki's Forget
    assert actions.undo_last() == "Undone: forgot 2 cards: new again"
    assert snapshot(service) == before


def test_set_due_date_today_in_days_and_in_a_range(
    service: QuizService, actions: CardActions, clock: FakeClock
) -> None:
    ids = answer(service, clock, 3, Rating.Good)
    never = next(c.id for c in service.catalogue.cards() if service.schedule.state(c.id) is None)
    today = service.schedule.day.day_of(clock.now)
    before = snapshot(service)
    assert actions.set_due([ids[0]], "0").message == "1 card due today"
    assert service.schedule.state(ids[0]).due <= clock.now  # type: ignore[union-attr]
    assert service.counts().due >= 1
    actions.set_due([ids[1], never], " 3 ")
    for card_id in (ids[1], never):
        state = service.schedule.state(card_id)
        assert state is not None and service.schedule.day.day_of(state.due) == today + timedelta(
            days=3
        )
    change = actions.set_due([ids[2]], "3-7")
    assert change.message == "1 card due in 3 to 7 days"
    state = service.schedule.state(ids[2])
    assert state is not None
    assert 3 <= (service.schedule.day.day_of(state.due) - today).days <= 7
    for _ in range(3):
        actions.undo_last()
    assert snapshot(service) == before


@pytest.mark.parametrize("text", ["", "x", "-1", "7-3", "3!", "1.5", "99999", "3-", "3--4"])
def test_a_due_date_that_cannot_be_read_says_how_and_changes_nothing(
    service: QuizService, actions: CardActions, text: str
) -> None:
    card_id = service.catalogue.cards()[0].id
    before = snapshot(service)
    with pytest.raises(DueDateError) as problem:
        actions.set_due([card_id], text)
    assert "\n" not in str(problem.value) and str(problem.value)
    assert snapshot(service) == before and not actions.can_undo


def test_due_date_ranges() -> None:
    assert parse_due_days("0") == (0, 0)
    assert parse_due_days("3-7") == (3, 7)
    assert parse_due_days(" 2 - 2 ") == (2, 2)
    with pytest.raises(DueDateError, match="0 \\(today\\)"):
        parse_due_days("tomorrow")


def test_undo_keeps_a_change_made_since(
    service: QuizService, actions: CardActions, clock: FakeClock
) -> None:
    ids = answer(service, clock, 2, Rating.Good)
    actions.flag(ids, 3)
    other = CardActions(service.schedule)  # the quiz's own actions
    other.flag([ids[0]], 5)
    message = actions.undo_last()
    assert message is not None and "1 card changed since and kept" in message
    assert (
        service.schedule.marks.mark(ids[0]).flag == 5
        and service.schedule.marks.mark(ids[1]).flag == 0
    )
    # forget, then the card is answered again: undoing the forget keeps the new answer
    actions.forget([ids[1]])
    QuizSession(service.schedule, [ids[1]]).answer(Rating.Good, duration_ms=1000)
    after = service.schedule.reviews.state(ids[1])
    assert after is not None and after.reps == 1
    message = actions.undo_last()
    assert message is not None and "1 card changed since and kept" in message
    assert service.schedule.reviews.state(ids[1]) == after


def test_leech_threshold_rules() -> None:
    mark = NO_MARK
    assert leech_edit("c", mark, 7, 8, 8) == leech_edit("c", mark, 11, 12, 8)
    edit = leech_edit("c", mark, 7, 8, 8)
    assert edit is not None and edit.mark == (NO_MARK, CardMark(suspended=True, leech=True))
    assert leech_edit("c", mark, 6, 7, 8) is None
    assert leech_edit("c", mark, 8, 9, 8) is None
    assert leech_edit("c", mark, 8, 8, 8) is None  # no new lapse
    # many lapses at once (reviews brought in): as if answered one by one
    assert leech_edit("c", mark, 0, 9, 8) == edit
    assert leech_edit("c", mark, 8, 11, 8) is None
    assert leech_edit("c", mark, 8, 13, 8) == edit


def lapse_to(service: QuizService, clock: FakeClock, card_id: str, lapses: int) -> int | None:
    """Answer ``card_id`` until it has lapsed ``lapses`` times; the last answer's log id."""
    log_id = None
    while (state := service.schedule.state(card_id)) is None or state.lapses < lapses:
        session = QuizSession(service.schedule, [card_id])
        reviewing = state is not None and state.state == State.Review
        record = session.answer(Rating.Again if reviewing else Rating.Easy, duration_ms=1000)
        log_id = record.log_id
        clock.advance(days=60)
    return log_id


def test_the_eighth_lapse_makes_a_leech_and_undo_takes_it_back(
    service: QuizService, clock: FakeClock
) -> None:
    card_id = service.catalogue.cards()[0].id
    lapse_to(service, clock, card_id, 7)
    assert not service.schedule.marks.mark(card_id).leech
    log_id = lapse_to(service, clock, card_id, 8)
    assert service.schedule.leeched(log_id)
    assert service.schedule.marks.mark(card_id) == CardMark(suspended=True, leech=True)
    assert found(service, "is:leech") == {card_id}
    assert card_id not in service.start()._queue.card_ids()
    assert log_id is not None
    service.schedule.unrecord(log_id)
    assert service.schedule.marks.mark(card_id) == NO_MARK
    assert service.schedule.state(card_id).lapses == 7  # type: ignore[union-attr]


def test_the_leech_threshold_is_a_setting(service: QuizService, clock: FakeClock) -> None:
    service.schedule.reviews.set_settings({"quiz.leech_threshold": "2"})
    card_id = service.catalogue.cards()[0].id
    lapse_to(service, clock, card_id, 2)
    assert service.schedule.marks.mark(card_id).leech


def test_a_write_that_fails_changes_nothing(
    service: QuizService, actions: CardActions, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = answer(service, clock, 2, Rating.Good)
    before = snapshot(service)
    original = MarkStore._write_mark
    calls = []

    def full_disk(self: MarkStore, card_id: str, mark: CardMark) -> None:
        calls.append(card_id)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        original(self, card_id, mark)

    monkeypatch.setattr(MarkStore, "_write_mark", full_disk)
    with pytest.raises(UserDatabaseError, match="disk is full"):
        actions.toggle_suspend(ids)
    assert snapshot(service) == before and not actions.can_undo
    monkeypatch.undo()
    db = service.schedule.reviews.database
    monkeypatch.setattr(db, "read_only", True)
    monkeypatch.setattr(db, "_reopen_writable", lambda: False)
    with pytest.raises(UserDatabaseError, match="cannot be written"):
        actions.forget(ids)
    assert snapshot(service) == before


def test_an_undo_that_fails_keeps_the_answer_and_its_leech(
    service: QuizService, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    card_id = service.catalogue.cards()[0].id
    log_id = lapse_to(service, clock, card_id, 8)
    assert log_id is not None and service.schedule.leeched(log_id)
    before = snapshot(service)

    def full_disk(self: MarkStore, card_id: str, mark: CardMark) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(MarkStore, "_write_mark", full_disk)
    with pytest.raises(UserDatabaseError, match="disk is full"):
        service.schedule.unrecord(log_id)
    assert snapshot(service) == before
    monkeypatch.undo()
    service.schedule.unrecord(log_id)  # it can be undone once the disk has room
    assert service.schedule.marks.mark(card_id) == NO_MARK
    assert len(snapshot(service)[1]) == len(before[1]) - 1


def test_an_other_change_is_undone_in_turn_and_stays_when_its_undo_fails(
    service: QuizService, actions: CardActions
) -> None:
    card_id = service.catalogue.cards()[0].id
    undone: list[str] = []
    failing = [True]

    def put_back() -> str:
        if failing[0]:
            raise UserDatabaseError("the disk is full")
        undone.append("own card")
        return "Undone: your card's deletion"

    actions.remember(OtherChange(put_back, "own:1"))
    actions.flag([card_id], 2)
    assert actions.last is not None and not isinstance(actions.last, OtherChange)
    assert actions.undo_last() == "Undone: flag orange on 1 card"
    assert isinstance(actions.last, OtherChange) and actions.last.card_id == "own:1"
    with pytest.raises(UserDatabaseError):
        actions.undo_last()
    assert actions.can_undo and undone == [], "a failed undo stays to be tried again"
    failing[0] = False
    assert actions.undo_last() == "Undone: your card's deletion" and undone == ["own card"]
    assert not actions.can_undo and actions.undo_last() is None


@pytest.mark.parametrize("change", ["forget", "set due"])
def test_the_quiz_undo_never_writes_over_a_later_browser_change(
    service: QuizService, actions: CardActions, change: str
) -> None:
    """Answer in the quiz, forget the card (or give it a due date) in the browser, then undo
    the answer in the quiz: refused, saying why; the browser's change and the answer stay, and
    the browser's own undo then puts back exactly the answered schedule."""
    session = service.start(limit=2)
    card = session.current
    assert card is not None
    session.answer(Rating.Good, duration_ms=1000)
    answered = service.schedule.reviews.state(card.id)
    if change == "forget":
        actions.forget([card.id])
    else:
        actions.set_due([card.id], "30")
    changed = service.schedule.reviews.state(card.id)
    with pytest.raises(ReviewStoreError, match="changed after this answer"):
        session.undo()
    assert service.schedule.reviews.state(card.id) == changed and session.can_undo
    assert len(service.schedule.reviews.lines()) == 1  # the answer stays in the log
    actions.undo_last()
    assert service.schedule.reviews.state(card.id) == answered
