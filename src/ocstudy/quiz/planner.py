"""What a quiz session asks, as pure functions over plain values: the cards due today, new
cards in learning order up to today's limit (the learner's own first), one card per sibling
group (a fact's forward and reverse never meet in one session), learning steps when they fall
due, and for practice the weakest cards first. No database, no clock: the service hands in
the cards, their states, the time and the day's end, the hidden ids and the limits."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime
from typing import NamedTuple

from fsrs import State

from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.queue import LEARN_AHEAD
from ocstudy.quiz.scheduling import CardState


class SessionPlan(NamedTuple):
    """The cards a session asks at once, in order, and the learning steps it asks when due."""

    ids: list[str]
    later: list[tuple[datetime, str]]


def one_per_sibling(ids: Sequence[str], sibling_of: Mapping[str, str]) -> dict[str, None]:
    """``ids`` in order, keeping the first card of each sibling group."""
    seen: set[str] = set()
    kept: dict[str, None] = {}
    for card_id in ids:
        if sibling_of[card_id] not in seen:
            seen.add(sibling_of[card_id])
            kept[card_id] = None
    return kept


def session_plan(
    cards: Sequence[QuizCard],
    states: Mapping[str, CardState],
    now: datetime,
    day_end: datetime,
    *,
    hidden: Collection[str] = (),
    new_left: int,
    limit: int | None = None,
    ahead: Sequence[str] = (),
) -> SessionPlan:
    """A session over ``cards`` (in learning order): the cards due before ``day_end``, then
    up to ``new_left`` new cards, the learner's own first; ``hidden`` ones (suspended, buried)
    left out. A review due today comes at once; a learning step waits until it is due, if
    that is soon (:data:`LEARN_AHEAD`; later steps are left for a later session). ``ahead``:
    cards to review before they are due (an exam's last days), after the due ones."""
    shown = [card for card in cards if card.id not in hidden]
    siblings = {card.id: card.sibling_key for card in shown}
    due = [i for _, i in sorted((states[c.id].due, c.id) for c in shown if c.id in states)]
    due = [i for i in due if states[i].due < day_end]
    own = {card.id for card in shown if card.is_own}
    new = [c.id for c in shown if c.id not in states]
    new.sort(key=lambda i: i not in own)
    kept = one_per_sibling(due + new, siblings)
    new = [i for i in new if i in kept][:new_left]
    ready = [i for i in due if i in kept and (states[i].due <= now or _reviewing(states[i]))]
    soon = now + LEARN_AHEAD
    later = [(states[i].due, i) for i in due if i in kept and now < states[i].due <= soon]
    later = [(when, i) for when, i in later if i not in ready]
    early = [i for i in ahead if i in siblings and i not in kept]
    early = [i for i in one_per_sibling([*ready, *early], siblings) if i not in ready]
    ids = ready + early + [i for i in new if siblings[i] not in {siblings[e] for e in early}]
    return SessionPlan(ids[:limit] if limit else ids, later)


def practice_plan(
    cards: Sequence[QuizCard],
    chance: Callable[[str], float],
    seed: str,
    *,
    hidden: Collection[str] = (),
    size: int,
) -> list[str]:
    """Up to ``size`` cards to practise, the weakest first (``chance``: a card's predicted
    recall now), ties in an order fixed by ``seed``, one per sibling group."""
    shown = [card for card in cards if card.id not in hidden]
    order = [card.id for card in shown]
    random.Random(seed).shuffle(order)
    order.sort(key=chance)
    return list(one_per_sibling(order, {card.id: card.sibling_key for card in shown}))[:size]


def _reviewing(state: CardState) -> bool:
    return state.state == State.Review
