"""The quiz service and sessions on the real content and a fresh user database, with an
injected clock and seed: scopes, the daily new-card limit, practice mode, learning steps,
previews, progress, summary and undo."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fsrs import Rating
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.review_fixtures import START, FakeClock, ServiceFactory

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.answers import auto_rating
from ocstudy.quiz.days import StudyDay
from ocstudy.quiz.session import QuizSession
from ocstudy.services.review.quiz import QuizService, Scope
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.reviews import ReviewStore


def snapshot(service: QuizService) -> tuple[Any, ...]:
    db = service.schedule.reviews._db
    states = db.execute("SELECT * FROM card_states ORDER BY card_id").fetchall()
    log = db.execute("SELECT * FROM review_log ORDER BY id").fetchall()
    return tuple(states), tuple(log)


def answer_all(session: QuizSession, clock: FakeClock, rating: Rating = Rating.Good) -> int:
    answered = 0
    while session.current is not None and answered < 500:
        session.answer(rating, duration_ms=6000)
        clock.advance(seconds=8)
        answered += 1
    return answered


def test_a_first_session_offers_todays_new_cards(service: QuizService) -> None:
    counts = service.counts()
    core = [card for card in service.catalogue.cards() if card.tier == "core"]
    assert counts.cards == len(core) > 100  # core cards only, by default
    assert (counts.due, counts.new) == (0, 20)
    session = service.start()
    progress = session.progress()
    assert (progress.new, progress.learning, progress.review) == (20, 0, 0)
    assert progress.left == 40  # two learning steps each: 40 answers if all are Good
    assert progress.text == "40 left, about 7 min"  # 10 s an answer with no history
    keys = [service.catalogue.card(i).sibling_key for i in session._queue.snapshot().waiting]  # type: ignore[union-attr]
    assert len(keys) == len(set(keys))  # a fact's forward and reverse never meet


def test_the_daily_new_card_limit(service: QuizService, clock: FakeClock) -> None:
    service.settings.update(new_cards_per_day=5)
    session = service.start()
    assert session.progress().new == 5
    answer_all(session, clock, Rating.Easy)  # straight to review, due in days
    assert service.counts().new == 0
    assert service.start().progress().left == 0
    clock.advance(days=1)
    assert service.counts().new == 5
    assert service.schedule.reviews.new_cards_introduced(START - timedelta(days=1)) == 5


def test_learning_steps_come_back_in_the_session(service: QuizService, clock: FakeClock) -> None:
    session = service.start(limit=1)
    card = session.current
    assert card is not None
    record = session.answer(Rating.Again, duration_ms=3000)
    assert record.due == clock.now + timedelta(minutes=1)
    assert session.current == card  # nothing else left: shown a little early
    session.answer(Rating.Good, duration_ms=3000)
    assert session.current == card  # the 10-minute step, learned ahead
    session.answer(Rating.Good, duration_ms=3000)
    assert session.current is None
    state = service.schedule.state(card.id)
    assert state is not None and state.due > clock.now + timedelta(hours=12)
    summary = session.summary()
    assert (summary.answered, summary.correct, summary.again) == (3, 2, 1)
    assert summary.time == timedelta(seconds=9) and summary.next_due == state.due


def test_previews_show_each_ratings_interval(service: QuizService, clock: FakeClock) -> None:
    session = service.start()
    previews = session.previews()
    assert list(previews) == list(Rating)
    assert previews[Rating.Again] < previews[Rating.Good] < previews[Rating.Easy]
    assert session.preview_labels()[Rating.Again] == "1m"
    record = session.answer(Rating.Easy)
    assert record.due == clock.now + previews[Rating.Easy]


def test_practice_never_changes_the_schedule(service: QuizService, clock: FakeClock) -> None:
    answer_all(service.start(limit=3), clock, Rating.Good)
    before = snapshot(service)
    session = service.start(Scope.theme("drugs"), practice=True, limit=6)
    assert session.practice and session.progress().left == 6  # practice: one answer a card
    first = session.current
    session.answer(Rating.Again)  # comes back after a few others
    for rating in (Rating.Good, Rating.Hard, Rating.Easy):
        session.answer(rating)
    assert session.current == first
    session.undo()
    typed = session.current
    assert typed is not None
    session.answer(Rating.Good, mode="typed")
    answer_all(session, clock)
    assert session.summary().practice and session.summary().answered >= 7
    assert snapshot(service) == before


def test_undo_goes_back_thirty_steps_exactly(service: QuizService, clock: FakeClock) -> None:
    session = service.start(limit=12)
    history = []
    ratings = [Rating.Again, Rating.Good, Rating.Hard, Rating.Easy, Rating.Good]
    for n in range(35):
        card = session.current
        assert card is not None
        history.append((card.id, snapshot(service), session.progress().left, session.answered))
        session.answer(ratings[n % len(ratings)], duration_ms=1000 + n)
        clock.advance(minutes=2)
    for card_id, state, left, answered in reversed(history):
        shown = session.undo()
        assert shown is not None and shown.id == card_id
        assert snapshot(service) == state
        assert (session.progress().left, session.answered) == (left, answered)
    assert not session.can_undo and session.undo() is None


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(list(Rating)), st.integers(0, 3 * 24 * 60)),
        min_size=1,
        max_size=12,
    )
)
def test_property_undo_restores_the_exact_prior_state(
    content: ContentRepository, answers: list[tuple[Rating, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock()
        store = ReviewStore(open_user_database(Path(folder)))
        service = QuizService.open(content, store, clock=clock, seed=11, fuzz=True, day=StudyDay())
        session = service.start(Scope.theme("firearms"))
        snapshots = []
        for rating, minutes in answers:
            if session.current is None:
                break
            snapshots.append((session.current.id, snapshot(service)))
            record = session.answer(rating)
            assert record.due is not None and record.due > clock.now
            clock.advance(minutes=minutes)
        for card_id, state in reversed(snapshots):
            shown = session.undo()  # the card again (its options in the session's order)
            assert shown is not None and shown.id == card_id
            assert snapshot(service) == state
        store._db.close()


def test_scopes(service: QuizService) -> None:
    untoc = service.catalogue.cards(Scope.entity("untoc"))
    slugs = {slug for card in untoc for slug in card.entity_slugs}
    assert {"untoc", "tip-protocol", "smuggling-protocol", "firearms-protocol"} <= slugs
    assert len(service.catalogue.cards(Scope.entity("tip-protocol"))) < len(untoc)
    trafficking = service.catalogue.cards(Scope.theme("trafficking-in-persons"))
    assert trafficking and all("trafficking-in-persons" in c.themes for c in trafficking)
    dates = service.catalogue.cards(Scope.dates())
    assert {c.kind for c in dates} == {"date", "chronology_order"}  # dates asked, not given
    bodies = service.catalogue.cards(Scope.bodies())
    assert bodies and all("bodies" in c.topics for c in bodies)
    assert "unodc:relation:guardian_of:untoc:reverse" in {c.id for c in bodies}
    session = service.start(Scope.entity("firearms-protocol"))
    assert session.current is not None and "firearms-protocol" in session.current.entity_slugs
    assert service.start(Scope.entity("no-such-entity")).current is None


def test_checked_answers_are_recorded_with_their_rating(
    service: QuizService, clock: FakeClock
) -> None:
    session = service.start(Scope.dates())
    while session.current is not None and session.current.kind != "date":
        session.answer(Rating.Good)
    card = session.current
    assert card is not None
    result = session.check_typed("1 January 1800")
    assert result.verdict == "wrong" and result.difference
    record = session.answer(auto_rating(result, 4000), result.mode, duration_ms=4000)
    assert (record.rating, record.mode) == (Rating.Again, "typed")
    entry = service.schedule.reviews.entry(record.log_id or 0)
    assert entry is not None and (entry.rating, entry.mode, entry.duration_ms) == (1, "typed", 4000)


def test_answer_time_defaults_to_time_shown(service: QuizService, clock: FakeClock) -> None:
    session = service.start()
    assert session.current is not None
    clock.advance(seconds=12)
    assert session.answer(Rating.Good).duration_ms == 12_000


def test_progress_estimates_from_recent_answer_times(
    service: QuizService, clock: FakeClock
) -> None:
    session = service.start(limit=10)
    for _ in range(4):
        session.answer(Rating.Easy, duration_ms=30_000)
    assert session.progress().new == 6
    assert session.progress().text == "12 left, about 6 min"  # this session's 30 s an answer
    answer_all(session, clock, Rating.Easy)
    assert session.progress().text == "Done"


def test_settings(make_service: ServiceFactory) -> None:
    service = make_service()
    assert service.settings.current().desired_retention == 0.9
    assert service.settings.current().new_cards_per_day == 20
    service.settings.update(desired_retention=0.95, new_cards_per_day=7)
    again = make_service()
    assert (
        again.settings.current().desired_retention == 0.95
        and again.schedule.scheduler.desired_retention == 0.95
    )
    assert again.settings.current().new_cards_per_day == 7
    with pytest.raises(ValueError, match=r"desired retention 0\.5 is not in"):
        again.settings.update(desired_retention=0.5)
    with pytest.raises(ValueError, match="new cards per day -1 is not in"):
        again.settings.update(new_cards_per_day=-1)


def test_a_fresh_learners_first_session_is_the_core_in_learning_order(
    service: QuizService,
) -> None:
    """New cards come core first, in the deck's learning order (the paper's order, one card
    per fact), not in a shuffle that mixes trivia into the first session."""
    session = service.start()
    waiting = list(session._queue.snapshot().waiting)  # type: ignore[union-attr]
    cards = [service.catalogue.card(i) for i in waiting]
    assert len(cards) == 20
    assert all(card is not None and card.tier == "core" for card in cards)
    deck = [c for c in service.catalogue.cards() if c.tier == "core"]
    seen: set[str] = set()
    expected = []
    for card in deck:
        if card.sibling_key not in seen:
            seen.add(card.sibling_key)
            expected.append(card.id)
    assert waiting == expected[:20]
