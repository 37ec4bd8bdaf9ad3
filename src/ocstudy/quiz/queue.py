"""The order cards come in during one session.

Pure bookkeeping, no storage: the quiz service records answers and asks this queue what
comes next. Cards still in learning come back within the session: after an answer, a card
due again within ``LEARN_AHEAD`` re-enters the queue, and is shown when due (or earlier, if
nothing else is left).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

LEARN_AHEAD: Final = timedelta(minutes=20)
#: In practice, a card answered Again comes back after this many other cards.
PRACTICE_GAP: Final = 3


@dataclass(frozen=True, slots=True)
class QueueState:
    """A snapshot of the queue, for undo."""

    waiting: tuple[str, ...]
    learning: tuple[tuple[datetime, str], ...]


class SessionQueue:
    def __init__(
        self, card_ids: Iterable[str], learning: Iterable[tuple[datetime, str]] = ()
    ) -> None:
        self._waiting: list[str] = list(dict.fromkeys(card_ids))
        self._learning: list[tuple[datetime, str]] = sorted(learning)

    def __len__(self) -> int:
        return len(self._waiting) + len(self._learning)

    def __contains__(self, card_id: object) -> bool:
        return card_id in self._waiting or any(c == card_id for _, c in self._learning)

    def card_ids(self) -> list[str]:
        """Every card still in the queue, waiting or learning."""
        return [*self._waiting, *(card_id for _, card_id in self._learning)]

    def next(self, now: datetime) -> str | None:
        """The card to show at ``now``: a learning card now due, else the next new or review
        card, else the learning card due soonest within ``LEARN_AHEAD``."""
        if self._learning and self._learning[0][0] <= now:
            return self._learning[0][1]
        if self._waiting:
            return self._waiting[0]
        if self._learning and self._learning[0][0] <= now + LEARN_AHEAD:
            return self._learning[0][1]
        return None

    def answered(self, card_id: str, now: datetime, due: datetime | None) -> None:
        """Take ``card_id`` off the queue; put it back if ``due`` falls within the session."""
        self._remove(card_id)
        if due is not None and due <= now + LEARN_AHEAD:
            self._learning.append((due, card_id))
            self._learning.sort()

    def again_later(self, card_id: str) -> None:
        """Practice mode: show ``card_id`` again after a few others."""
        self._remove(card_id)
        self._waiting.insert(min(PRACTICE_GAP, len(self._waiting)), card_id)

    def snapshot(self) -> QueueState:
        return QueueState(tuple(self._waiting), tuple(self._learning))

    def restore(self, state: QueueState) -> None:
        self._waiting = list(state.waiting)
        self._learning = list(state.learning)

    def _remove(self, card_id: str) -> None:
        if card_id in self._waiting:
            self._waiting.remove(card_id)
        self._learning = [(due, c) for due, c in self._learning if c != card_id]
