"""The learner's weak spots: the cards failed most, then those least likely to be recalled now.
Only cards answered at least once count (a card never seen is new, not weak); the review
history is only read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.rating import Rating
from ocstudy.services.review.schedule import Schedule


@dataclass(frozen=True)
class WeakSpot:
    card: QuizCard
    failures: int  # answers rated Again
    answers: int
    retrievability: float


def has_history(schedule: Schedule) -> bool:
    return schedule.first_review() is not None


def weak_spots(schedule: Schedule, cards: Iterable[QuizCard], count: int) -> tuple[WeakSpot, ...]:
    """The ``count`` weakest of ``cards``: most failures first, then lowest retrievability,
    then the card's id (so that the order is stable)."""
    if count <= 0:
        return ()
    failures: Counter[str] = Counter()
    answers: Counter[str] = Counter()
    for line in schedule.lines():
        answers[line.card_id] += 1
        if line.rating == int(Rating.Again):
            failures[line.card_id] += 1
    states, now = schedule.states(), schedule.now()
    spots = [
        WeakSpot(
            card,
            failures[card.id],
            answers[card.id],
            schedule.retrievability(states.get(card.id), now),
        )
        for card in cards
        if answers[card.id]
    ]
    spots.sort(key=lambda s: (-s.failures, s.retrievability, s.card.id))
    return tuple(spots[:count])
