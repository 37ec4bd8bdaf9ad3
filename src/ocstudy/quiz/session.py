"""One quiz session: the current card, checking, recording, undo, progress and summary.

The session is pure Python: it reaches scheduling state and the review log only through the
:class:`SessionBackend` it is given (``QuizService`` in the app, a fake in tests). Undo goes
back up to ``UNDO_STEPS`` answers: each restores the card's exact prior schedule, removes its
log row, and shows the card again.
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Final, Protocol

from fsrs import Rating

from ocstudy.quiz import answers
from ocstudy.quiz.model import AnswerMode, QuizCard
from ocstudy.quiz.queue import QueueState, SessionQueue
from ocstudy.quiz.scheduling import CardScheduler, CardState, format_interval

UNDO_STEPS: Final = 100


class SessionBackend(Protocol):
    """What a session needs from the app: the clock, cards, state and the review log."""

    scheduler: CardScheduler

    def now(self) -> datetime: ...

    def card(self, card_id: str) -> QuizCard | None: ...

    def state(self, card_id: str) -> CardState | None: ...

    def record(
        self,
        card_id: str,
        rating: Rating,
        mode: AnswerMode,
        when: datetime,
        duration_ms: int,
        before: CardState | None,
        after: CardState,
    ) -> int:
        """Store the answer and the card's new state; the log row's id."""
        ...

    def unrecord(self, log_id: int) -> None:
        """Delete the log row and put the card's state back as it was before."""
        ...

    def recent_durations(self) -> list[int]: ...

    def next_due(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    left: int
    minutes_left: int

    @property
    def text(self) -> str:
        """'12 left, about 2 min' for the progress bar."""
        if self.left == 0:
            return "Done"
        return f"{self.left} left, about {self.minutes_left} min"


def estimate_minutes(left: int, durations_ms: Sequence[int], default_ms: int = 10_000) -> int:
    """Minutes for ``left`` cards at the median recent answer time (10 s with no history)."""
    if left == 0:
        return 0
    per_card = statistics.median(durations_ms) if durations_ms else default_ms
    return max(1, math.ceil(left * per_card / 60_000))


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """An answer as recorded: the new due date is None in practice mode (nothing changes)."""

    card_id: str
    rating: Rating
    mode: AnswerMode
    duration_ms: int
    due: datetime | None
    log_id: int | None


@dataclass(frozen=True, slots=True)
class SessionSummary:
    practice: bool
    answered: int
    #: Answers rated Hard, Good or Easy.
    correct: int
    time: timedelta
    #: When the next card falls due after this session (None if nothing is scheduled).
    next_due: datetime | None

    @property
    def again(self) -> int:
        return self.answered - self.correct


@dataclass(frozen=True, slots=True)
class _Step:
    """What undo needs to put back: the log row, the queue, the running totals."""

    card_id: str
    log_id: int | None
    queue: QueueState
    answered: int
    correct: int
    time_ms: int


class QuizSession:
    """One run through a queue of cards. In practice mode nothing is written to the database."""

    def __init__(
        self,
        service: SessionBackend,
        card_ids: Sequence[str],
        later: Sequence[tuple[datetime, str]] = (),
        *,
        practice: bool = False,
    ) -> None:
        self._service = service
        self.practice = practice
        self._queue = SessionQueue(card_ids, later)
        self._undo: deque[_Step] = deque(maxlen=UNDO_STEPS)
        self._pinned: str | None = None  # an undone card comes back first
        self._shown: tuple[str, datetime] | None = None
        self.answered = self.correct = self._time_ms = 0

    @property
    def current(self) -> QuizCard | None:
        """The card to show now, or None when the session is over. The first read of a
        card starts its answer timer (used when ``answer`` gets no ``duration_ms``)."""
        card_id = self._pinned or self._queue.next(self._service.now())
        if card_id is None:
            return None
        if self._shown is None or self._shown[0] != card_id:
            self._shown = (card_id, self._service.now())
        return self._service.card(card_id)

    def previews(self) -> dict[Rating, timedelta]:
        """The interval each rating would give the current card (for the rating buttons)."""
        card = self._require()
        service = self._service
        return service.scheduler.preview(card.id, service.state(card.id), service.now())

    def preview_labels(self) -> dict[Rating, str]:
        return {rating: format_interval(gap) for rating, gap in self.previews().items()}

    # -- checking (nothing is recorded) -----------------------------------------------------

    def check_typed(self, text: str) -> answers.CheckResult:
        return answers.check_typed(self._require(), text)

    def check_choice(self, index: int) -> answers.CheckResult:
        return answers.check_choice(self._require(), index)

    def check_order(self, order: Sequence[int]) -> answers.CheckResult:
        return answers.check_order(self._require(), order)

    # -- recording --------------------------------------------------------------------------

    def answer(
        self, rating: Rating, mode: AnswerMode = "flashcard", duration_ms: int | None = None
    ) -> AnswerRecord:
        """Rate the current card; schedules it and logs the answer (not in practice mode)."""
        card = self._require()
        service, now = self._service, self._service.now()
        duration = self._duration(duration_ms)
        step = _Step(card.id, None, self._queue.snapshot(), *self._totals())
        due: datetime | None = None
        if self.practice:
            if rating == Rating.Again:
                self._queue.again_later(card.id)
            else:
                self._queue.answered(card.id, now, None)
        else:
            before = service.state(card.id)
            after = service.scheduler.review(card.id, before, rating, now)
            log_id = service.record(card.id, rating, mode, now, duration, before, after)
            step = replace(step, log_id=log_id)
            due = after.due
            self._queue.answered(card.id, now, due)
        self._undo.append(step)
        self._pinned, self._shown = None, None
        self.answered += 1
        self.correct += rating != Rating.Again
        self._time_ms += duration
        return AnswerRecord(card.id, rating, mode, duration, due, step.log_id)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> QuizCard | None:
        """Take back the last answer: the card's schedule and log are restored exactly, and
        the card is shown again. None when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo.pop()
        if step.log_id is not None:
            self._service.unrecord(step.log_id)
        self._queue.restore(step.queue)
        self.answered, self.correct, self._time_ms = step.answered, step.correct, step.time_ms
        self._pinned, self._shown = step.card_id, None
        return self.current

    # -- progress ---------------------------------------------------------------------------

    def progress(self) -> Progress:
        left = len(self._queue) + (1 if self._pinned and self._pinned not in self._queue else 0)
        durations = self._service.recent_durations()
        return Progress(self.answered, left, estimate_minutes(left, durations))

    def summary(self) -> SessionSummary:
        return SessionSummary(
            practice=self.practice,
            answered=self.answered,
            correct=self.correct,
            time=timedelta(milliseconds=self._time_ms),
            next_due=self._service.next_due(),
        )

    def _totals(self) -> tuple[int, int, int]:
        return self.answered, self.correct, self._time_ms

    def _require(self) -> QuizCard:
        card = self.current
        if card is None:
            raise LookupError("the session has no card left")
        return card

    def _duration(self, duration_ms: int | None) -> int:
        """The answer time: the UI's measure, else the time since the card was shown."""
        if duration_ms is not None:
            return max(0, duration_ms)
        if self._shown is None:
            return 0
        elapsed = self._service.now() - self._shown[1]
        return max(0, min(int(elapsed.total_seconds() * 1000), 3_600_000))
