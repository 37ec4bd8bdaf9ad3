"""The session planner on plain values: no database, no clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import State

from ocstudy.quiz.model import OWN_KIND, QuizCard, TextAnswer
from ocstudy.quiz.planner import one_per_sibling, practice_plan, session_plan
from ocstudy.quiz.scheduling import CardState

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
END = datetime(2026, 3, 3, 4, tzinfo=UTC)


def card(card_id: str, sibling: str | None = None, *, own: bool = False) -> QuizCard:
    return QuizCard(
        id=card_id,
        kind=OWN_KIND if own else "date",
        prompt=card_id,
        answer=TextAnswer((card_id,)),
        answer_text=card_id,
        details=(),
        choices=(),
        items=(),
        modes=("flashcard",),
        status=None,
        marker=None,
        paper_notes=(),
        sources=(),
        entity_slugs=(),
        themes=(),
        topics=frozenset(),
        fact_ids=(),
        sibling_key=sibling or card_id,
    )


def due(when: datetime, state: State = State.Review) -> CardState:
    return CardState(state, None if state == State.Review else 0, 3.0, 5.0, when, NOW, 2, 0)


def test_due_cards_come_first_by_due_date_then_new_ones_own_first_up_to_the_limit() -> None:
    cards = [card("a"), card("b"), card("c"), card("d"), card("mine", own=True)]
    states = {"b": due(NOW - timedelta(days=1)), "a": due(NOW - timedelta(days=2))}
    plan = session_plan(cards, states, NOW, END, new_left=2)
    assert plan.ids == ["a", "b", "mine", "c"]
    assert plan.later == []


def test_a_card_due_after_the_day_ends_or_hidden_is_not_asked() -> None:
    cards = [card("a"), card("b"), card("c")]
    states = {"a": due(END + timedelta(hours=1)), "b": due(NOW)}
    plan = session_plan(cards, states, NOW, END, hidden={"c"}, new_left=5)
    assert plan.ids == ["b"]


def test_one_card_per_sibling_group_and_a_learning_step_waits_until_it_is_due() -> None:
    cards = [card("fwd", "fact"), card("rev", "fact"), card("step"), card("far")]
    soon, later = NOW + timedelta(minutes=5), NOW + timedelta(hours=5)
    states = {"step": due(soon, State.Learning), "far": due(later, State.Learning)}
    plan = session_plan(cards, states, NOW, END, new_left=5, limit=None)
    assert plan.ids == ["fwd"]
    assert plan.later == [(soon, "step")]
    assert session_plan(cards, {}, NOW, END, new_left=5, limit=1).ids == ["fwd"]


def test_practice_asks_the_weakest_first_one_per_sibling_and_no_more_than_asked() -> None:
    cards = [card("strong"), card("weak", "w"), card("weak-twin", "w"), card("middling")]
    chance = {"strong": 0.9, "weak": 0.1, "weak-twin": 0.1, "middling": 0.5}
    order = practice_plan(cards, chance.__getitem__, "seed", size=3)
    assert order[0] in {"weak", "weak-twin"} and order[1:] == ["middling", "strong"]
    assert practice_plan(
        cards, chance.__getitem__, "seed", size=1, hidden={"weak", "weak-twin"}
    ) == ["middling"]
    assert order == practice_plan(cards, chance.__getitem__, "seed", size=3)  # the seed fixes ties


def test_one_per_sibling_keeps_the_first_of_each_group_in_order() -> None:
    siblings = {"a": "x", "b": "y", "c": "x", "d": "z"}
    assert list(one_per_sibling(["c", "b", "a", "d"], siblings)) == ["c", "b", "d"]
