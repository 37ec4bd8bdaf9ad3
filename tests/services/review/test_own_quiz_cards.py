"""Own cards in the quiz: flashcards in the scopes, scheduled by FSRS under their id, in the
statistics and in the cards browser (``is:own``); an edit keeps the schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.scope import Scope
from ocstudy.services.browser.query import SearchContext
from ocstudy.services.browser.rows import RatedCards, card_rows
from ocstudy.services.browser.search import parse_search
from ocstudy.services.own_cards import CardDraft, OwnCardInputError, OwnCardService
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats import compute_stats
from ocstudy.userdata.database import UserDatabase, open_user_database
from ocstudy.userdata.own_cards import OwnCardStore
from ocstudy.userdata.reviews import ReviewStore


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def user_db(data_dir: Path) -> UserDatabase:
    return open_user_database(data_dir)


@pytest.fixture
def store(user_db: UserDatabase, clock: Clock) -> OwnCardStore:
    return OwnCardStore(user_db, clock)


@pytest.fixture
def quiz(
    repository: ContentRepository, user_db: UserDatabase, store: OwnCardStore, clock: Clock
) -> QuizService:
    reviews = ReviewStore(user_db)
    return QuizService.open(repository, reviews, clock=clock, fuzz=False, seed=3, own=store)


@pytest.fixture
def own(quiz: QuizService, store: OwnCardStore) -> OwnCardService:
    return OwnCardService(quiz.catalogue, store)


def test_an_own_card_is_a_flashcard_with_its_entry_and_themes(own: OwnCardService) -> None:
    generated = len(own.catalogue.cards())
    card = own.add(CardDraft("Front **md**", "Back", "smuggling-protocol", ("migrant-smuggling",)))
    quiz_card = own.catalogue.card(card.id)
    assert quiz_card is not None and quiz_card.is_own
    assert quiz_card.modes == ("flashcard",) and quiz_card.choices == ()
    assert (quiz_card.prompt, quiz_card.answer_text) == ("Front **md**", "Back")
    assert quiz_card.entity_slugs == ("smuggling-protocol",)
    assert len(own.catalogue.cards()) == generated + 1


def test_own_cards_are_in_the_scopes_they_belong_to(own: OwnCardService) -> None:
    on_protocol = own.add(CardDraft("q1", "a1", "smuggling-protocol", ("migrant-smuggling",)))
    nowhere = own.add(CardDraft("q2", "a2", None, ()))

    def ids(scope: Scope) -> set[str]:
        return {card.id for card in own.catalogue.cards(scope)}

    assert {on_protocol.id, nowhere.id} <= ids(Scope.everything())
    assert on_protocol.id in ids(Scope.theme("migrant-smuggling"))
    assert on_protocol.id not in ids(Scope.theme("drugs"))
    assert on_protocol.id in ids(Scope.entity("smuggling-protocol"))
    assert on_protocol.id in ids(Scope.entity("untoc"))  # the convention includes its protocol
    assert nowhere.id not in ids(Scope.entity("untoc")) | ids(Scope.theme("migrant-smuggling"))
    assert nowhere.id not in ids(Scope.dates()) | ids(Scope.bodies())


def test_an_own_card_is_scheduled_and_an_edit_keeps_its_schedule(
    quiz: QuizService, own: OwnCardService, clock: Clock
) -> None:
    card = own.add(CardDraft("What is my own question?", "My answer", None, ()))
    session = quiz.start(Scope.everything(), limit=None)
    asked = []
    while session.current is not None and card.id not in asked:
        asked.append(session.current.id)
        session.answer(Rating.Good, duration_ms=1000)
    assert asked[0] == card.id, "a new own card comes first among the new cards"
    state = quiz.schedule.state(card.id)
    assert state is not None and state.reps == 1
    clock.now += timedelta(minutes=5)
    own.edit(card, CardDraft("What is my own question, edited?", "My answer", "untoc", ()))
    assert quiz.schedule.state(card.id) == state
    assert own.catalogue.card(card.id).prompt == "What is my own question, edited?"  # type: ignore[union-attr]
    assert card.id in quiz.schedule.states()


def test_deleting_hides_the_card_and_restoring_brings_back_its_schedule(
    quiz: QuizService,
    own: OwnCardService,
) -> None:
    card = own.add(CardDraft("q", "a", None, ()))
    session = quiz.practice([card.id])
    assert session.current is not None and session.current.id == card.id
    quiz.start(Scope.everything())  # a real answer through the service
    now = quiz.schedule.now()
    after = quiz.schedule.scheduler.review(card.id, None, Rating.Good, now)
    quiz.schedule.record(card.id, Rating.Good, "flashcard", now, 900, None, after)
    deleted = own.delete(card.id)
    assert deleted is not None and own.catalogue.card(card.id) is None
    assert card.id not in quiz.schedule.states()
    own.restore(deleted)
    assert own.catalogue.card(card.id) is not None
    assert quiz.schedule.states()[card.id].reps == 1


def test_an_empty_side_adds_nothing(own: OwnCardService) -> None:
    for draft in (CardDraft("", "back"), CardDraft("front", "  \n"), CardDraft(" ", "")):
        with pytest.raises(OwnCardInputError, match="Nothing was saved"):
            own.add(draft)
    assert own.cards() == []


def test_is_own_finds_exactly_the_own_cards_and_the_row_says_own(
    quiz: QuizService, own: OwnCardService
) -> None:
    first = own.add(CardDraft("Palermo question", "answer", "untoc", ("organized-crime",)))
    second = own.add(CardDraft("Another", "one", None, ()))
    rows = card_rows(quiz)
    matcher = parse_search("is:own").matcher(SearchContext(RatedCards(quiz)))
    assert {row.id for row in rows if matcher(row)} == {first.id, second.id}
    assert {row.id for row in rows if row.own} == {first.id, second.id}
    by_id = {row.id: row for row in rows}
    assert by_id[first.id].entity == "UNTOC" and by_id[first.id].kind == "own"
    assert by_id[second.id].entity == ""
    words = parse_search("palermo is:own").matcher(SearchContext(RatedCards(quiz)))
    assert {row.id for row in rows if words(row)} == {first.id}


def test_own_cards_count_in_the_statistics(quiz: QuizService, own: OwnCardService) -> None:
    before = compute_stats(quiz)
    own.add(CardDraft("q", "a", "untoc", ("organized-crime",)))
    after = compute_stats(quiz)
    assert after.total_cards == before.total_cards + 1
    assert after.never_reviewed == before.never_reviewed + 1
    theme = {k.key: k for k in after.themes}["organized-crime"]
    assert theme.cards == {k.key: k for k in before.themes}["organized-crime"].cards + 1


def test_the_browser_shows_and_searches_an_own_cards_markdown_as_plain_text(
    quiz: QuizService,
    own: OwnCardService,
) -> None:
    card = own.add(CardDraft("Which **three** [Protocols](https://x.org)?", "- one\n- *two*"))
    row = next(r for r in card_rows(quiz) if r.id == card.id)
    assert (row.question, row.answer) == ("Which three Protocols?", "one two")
    phrase = parse_search('"three protocols"').matcher(SearchContext(RatedCards(quiz)))
    assert phrase(row)


def test_a_session_skips_an_own_card_deleted_while_it_waits(
    quiz: QuizService, own: OwnCardService
) -> None:
    first, second = (
        own.add(CardDraft("q1", "a1", None, ())),
        own.add(CardDraft("q2", "a2", None, ())),
    )
    session = quiz.start(Scope.everything())
    on_screen = session.current
    assert on_screen is not None and on_screen.id in (first.id, second.id)
    own.delete(second.id if on_screen.id == first.id else first.id)
    session.answer(Rating.Good, duration_ms=1000)
    following = session.current
    assert following is not None and not following.is_own, "the deleted card is skipped"


def test_a_session_goes_on_past_an_own_card_deleted_on_screen(
    quiz: QuizService, own: OwnCardService
) -> None:
    card = own.add(CardDraft("q", "a", None, ()))
    session = quiz.start(Scope.everything())
    assert session.current is not None and session.current.id == card.id
    own.delete(card.id)
    assert session.current is not None and not session.current.is_own
    own.restore(card)
    assert card.id not in session._queue.card_ids(), "a card skipped once stays skipped"
