"""What a session shows and counts (issue 23): one option order a card a session, kept when
the card comes back and through undo, another order in another session; "right on the first
try" only for a first answer that was right, and what undo takes back."""

from __future__ import annotations

from fsrs import Rating
from tests.review_fixtures import FakeClock

from ocstudy.quiz.session import QuizSession, Undoable
from ocstudy.services.review.quiz import QuizService


def choice_cards(service: QuizService, count: int) -> list[str]:
    chosen: dict[str, str] = {}
    for card in service.catalogue.cards():
        if card.choices and "order" not in card.modes:
            chosen.setdefault(card.sibling_key, card.id)
    return list(chosen.values())[:count]


def shown_orders(service: QuizService, ids: list[str], seed: int) -> list[tuple[str, ...]]:
    session = QuizSession(service.schedule, ids, seed=seed, practice=True)
    orders = []
    while (card := session.current) is not None:
        generated = service.catalogue.card(card.id)
        assert generated is not None and sorted(card.choices) == sorted(generated.choices)
        orders.append(card.choices)
        session.answer(Rating.Good)
    return orders


def test_each_session_has_its_own_option_order(service: QuizService) -> None:
    """A learner cannot learn an answer's place instead of the answer."""
    ids = choice_cards(service, 8)
    assert shown_orders(service, ids, 1) == shown_orders(service, ids, 1)
    assert shown_orders(service, ids, 1) != shown_orders(service, ids, 2)


def test_a_card_that_comes_back_keeps_its_option_order(
    service: QuizService, clock: FakeClock
) -> None:
    a, b = choice_cards(service, 2)
    session = QuizSession(service.schedule, [a, b])
    first = session.current
    assert first is not None and first.id == a
    wrong = next(i for i, c in enumerate(first.choices) if c != first.answer_text)
    assert session.check_choice(wrong).verdict == "wrong"
    session.answer(Rating.Again, "choice")
    assert session.undo() == first
    session.answer(Rating.Again, "choice")
    session.answer(Rating.Good, "choice")  # b
    clock.advance(minutes=2)
    assert session.current == first  # a again, its options as they were


def test_right_on_the_first_try_needs_a_right_first_answer(service: QuizService) -> None:
    """Shown without an answer ("I don't know") or picked wrong, then rated Good: not right
    on the first try, and among the cards missed."""
    ids = choice_cards(service, 4)
    session = QuizSession(service.schedule, ids)
    for how in ("not answered", "wrong", "right", "flashcard"):
        card = session.current
        assert card is not None
        if how == "not answered":
            session.give_up("choice")
        elif how == "wrong":
            session.check_choice(
                next(i for i, c in enumerate(card.choices) if c != card.answer_text)
            )
        elif how == "right":
            session.check_choice(card.choices.index(card.answer_text))
        session.answer(Rating.Good, "flashcard" if how == "flashcard" else "choice")
    summary = session.summary()
    assert (summary.cards, summary.first_try) == (4, 2)
    assert summary.missed == tuple(ids[:2])


def test_undo_says_what_it_takes_back(service: QuizService, clock: FakeClock) -> None:
    a, b = choice_cards(service, 2)
    session = QuizSession(service.schedule, [a, b])
    assert session.undoable is None
    session.answer(Rating.Hard, "choice")
    assert session.undoable == Undoable(a, Rating.Hard, None)
    session.set_aside(b, lambda: None, "choice", reason="buried")
    assert session.undoable == Undoable(b, None, "buried")
    session.undo()
    assert session.undoable == Undoable(a, Rating.Hard, None)
