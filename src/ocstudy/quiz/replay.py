"""A card's schedule as its review log makes it: each answer, oldest first, played through
the scheduler in force. After reviews from elsewhere (Anki, another machine) join a card's
log, its state is this replay, never a state copied from the file; and since the scheduler's
fuzz is seeded by the card and its review count, a log of ocstudy's own answers replays into
the states they gave (with the same parameters)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ocstudy.quiz.scheduling import CardScheduler, CardState


def replay(
    scheduler: CardScheduler,
    card_id: str,
    answers: Iterable[tuple[int, datetime]],
    start: CardState | None = None,
) -> list[CardState]:
    """The card's state after each answer (a rating 1-4 and its time), from ``start`` (None: a
    new card); the answers are taken in the order given (the log's: by time)."""
    return scheduler.replay(card_id, answers, start)
