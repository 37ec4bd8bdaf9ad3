"""One quiz session: the card on screen, checking, recording, undo, progress and summary.

The session is pure Python: it reaches scheduling state and the review log only through the
:class:`SessionBackend` it is given (``QuizService`` in the app, a fake in tests).

The card on screen is pinned: the first read of ``current`` takes the next card from the queue
and keeps it until it is answered, so checking, previews, rating and undo all act on the card
the learner sees, however long they take (a learning card that falls due meanwhile waits its
turn). Undo goes back up to ``UNDO_STEPS`` answers: each restores the card's exact prior
schedule, removes its log row, and pins the card again, in the mode it was answered in.

A card's options are shown in an order of the session's own (seeded by the session and the
card): the same each time the card comes back, another in the next session, so that a
learner remembers the answer, not its place.
"""

from __future__ import annotations

import math
import random
import statistics
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Final, Protocol

from fsrs import State

from ocstudy.content.vocabulary import AnswerMode
from ocstudy.quiz import answers
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.queue import QueueState, SessionQueue
from ocstudy.quiz.rating import Rating
from ocstudy.quiz.scheduling import CardScheduler, CardState, format_interval

UNDO_STEPS: Final = 100


class SessionBackend(Protocol):
    """What a session needs from the app: the clock, cards, state and the review log."""

    @property
    def scheduler(self) -> CardScheduler: ...

    def now(self) -> datetime: ...

    def card(self, card_id: str) -> QuizCard | None: ...

    def state(self, card_id: str) -> CardState | None: ...

    def available(self, card_id: str) -> bool:
        """False for a card suspended, buried or no longer there: the session skips it."""
        ...

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
    """Anki's three counts for the cards still in the session, and the answers they need."""

    done: int
    new: int
    learning: int
    review: int
    #: Answers still to give: a new card takes one per learning step, a review card one.
    left: int
    minutes_left: int

    @property
    def text(self) -> str:
        """'12 left, about 2 min' beside the progress bar."""
        if self.left == 0:
            return "Done"
        return f"{self.left} left, about {self.minutes_left} min"


def estimate_minutes(left: int, durations_ms: Sequence[int], default_ms: int = 10_000) -> int:
    """Minutes for ``left`` answers at the median recent answer time (10 s with no history)."""
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
    #: Cards seen in the session, and those whose first answer was right: not Again, and
    #: where the answer was checked, right (not partly right, wrong or not answered).
    cards: int
    first_try: int
    #: The other cards seen, in the order they were missed.
    missed: tuple[str, ...]
    time: timedelta
    #: When the next card falls due after this session (None if nothing is scheduled); never
    #: before ``ended``: a card already due is due at ``ended``.
    next_due: datetime | None
    ended: datetime

    @property
    def again(self) -> int:
        return self.answered - self.correct


@dataclass(frozen=True, slots=True)
class Undoable:
    """What undo would take back: an answer (its rating), or a card set aside (why)."""

    card_id: str
    rating: Rating | None
    aside: str | None


@dataclass(frozen=True, slots=True)
class _Step:
    """What undo needs to put back: the card and mode, the log row, the queue, the totals."""

    card_id: str
    mode: AnswerMode
    log_id: int | None
    queue: QueueState
    answered: int
    correct: int
    time_ms: int
    first_answers: tuple[tuple[str, bool], ...]
    #: For a card set aside (buried, suspended): what puts its mark back, and why it went.
    put_back: Callable[[], object] | None = None
    aside: str | None = None
    #: The rating of the answer (None: the card was set aside).
    rating: Rating | None = None


def anki_counts(states: Iterable[CardState | None]) -> tuple[int, int, int]:
    """Anki's three counts of these cards' states: new (never answered), learning (in a
    learning or relearning step) and review."""
    new = learning = review = 0
    for state in states:
        if state is None:
            new += 1
        elif state.state == State.Review:
            review += 1
        else:
            learning += 1
    return new, learning, review


class QuizSession:
    """One run through a queue of cards. In practice mode nothing is written to the database."""

    def __init__(
        self,
        service: SessionBackend,
        card_ids: Sequence[str],
        later: Sequence[tuple[datetime, str]] = (),
        *,
        practice: bool = False,
        seed: int | None = None,
    ) -> None:
        self._service = service
        self.practice = practice
        #: The options' order of this session (see the module's docstring).
        self._seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
        self._queue = SessionQueue(card_ids, later)
        self._undo: deque[_Step] = deque(maxlen=UNDO_STEPS)
        self._pinned: tuple[str, datetime] | None = None  # the card on screen, since when
        #: The mode the card on screen was answered in before an undo (None: the view chooses).
        self.resumed_mode: AnswerMode | None = None
        self._first: dict[str, bool] = {}  # card id -> its first answer was right
        #: The card on screen's checked answer, if it was checked (id, result).
        self._checked: tuple[str, answers.CheckResult] | None = None
        self._durations: list[int] = []
        self.answered = self.correct = self._time_ms = 0

    @property
    def current(self) -> QuizCard | None:
        """The card on screen, or None when the session is over. The first read after an
        answer pins the next card (and starts its answer timer); it stays until answered, or
        until it is no longer there (an own card deleted meanwhile)."""
        if self._pinned is not None and self._service.card(self._pinned[0]) is None:
            self._queue.answered(self._pinned[0], self._service.now(), None)
            self._pinned = None
        if self._pinned is None:
            now = self._service.now()
            card_id = self._queue.next(now)
            while card_id is not None and not self._service.available(card_id):
                self._queue.answered(card_id, now, None)  # suspended, buried or deleted meanwhile
                card_id = self._queue.next(now)
            if card_id is None:
                return None
            self._pinned = (card_id, now)
        return self._shown(self._service.card(self._pinned[0]))

    def _shown(self, card: QuizCard | None) -> QuizCard | None:
        """``card`` as this session shows it: its options in the session's order."""
        if card is None or len(card.choices) < 2:
            return card
        rng = random.Random(f"{self._seed}:{card.id}")
        return replace(card, choices=tuple(rng.sample(card.choices, len(card.choices))))

    def previews(self) -> dict[Rating, timedelta]:
        """The interval each rating would give the card on screen (for the rating buttons)."""
        card = self._require()
        service = self._service
        return service.scheduler.preview(card.id, service.state(card.id), service.now())

    def preview_labels(self) -> dict[Rating, str]:
        return {rating: format_interval(gap) for rating, gap in self.previews().items()}

    # -- checking (nothing is recorded) -----------------------------------------------------

    def check_typed(self, text: str) -> answers.CheckResult:
        card = self._require()
        return self._check(card, answers.check_typed(card, text))

    def check_choice(self, index: int) -> answers.CheckResult:
        """Check option ``index`` of the card on screen, as the session shows its options."""
        card = self._require()
        return self._check(card, answers.check_choice(card, index))

    def check_order(self, order: Sequence[int]) -> answers.CheckResult:
        card = self._require()
        return self._check(card, answers.check_order(card, order))

    def give_up(self, mode: AnswerMode) -> answers.CheckResult:
        """The answer shown without one given: "I don't know" (suggests Again)."""
        card = self._require()
        return self._check(card, answers.not_answered(card, mode))

    def _check(self, card: QuizCard, result: answers.CheckResult) -> answers.CheckResult:
        """Keep ``result`` for the first-try count of ``card``'s answer."""
        self._checked = (card.id, result)
        return result

    # -- recording --------------------------------------------------------------------------

    def answer(
        self,
        rating: Rating,
        mode: AnswerMode = "flashcard",
        duration_ms: int | None = None,
        *,
        card_id: str | None = None,
    ) -> AnswerRecord:
        """Rate the card on screen; schedules it and logs the answer (not in practice mode).
        ``card_id``, when given, must be that card: a rating never lands on another one."""
        card = self._require()
        if card_id is not None and card_id != card.id:
            raise LookupError(f"{card_id} is not the card on screen ({card.id})")
        service, now = self._service, self._service.now()
        duration = self._duration(duration_ms, now)
        step = _Step(
            card.id,
            mode,
            None,
            self._queue.snapshot(),
            *self._totals(),
            self._first_items(),
            rating=rating,
        )
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
            # a card the answer suspended (a leech) does not come back in this session
            self._queue.answered(card.id, now, due if service.available(card.id) else None)
        self._undo.append(step)
        checked = self._checked[1] if self._checked and self._checked[0] == card.id else None
        self._pinned, self.resumed_mode, self._checked = None, None, None
        self.answered += 1
        self.correct += rating != Rating.Again
        right = rating != Rating.Again and (checked is None or checked.verdict == "correct")
        self._first.setdefault(card.id, right)
        self._time_ms += duration
        self._durations.append(duration)
        return AnswerRecord(card.id, rating, mode, duration, due, step.log_id)

    def set_aside(
        self,
        card_id: str,
        put_back: Callable[[], object],
        mode: AnswerMode = "flashcard",
        *,
        reason: str = "set aside",
    ) -> None:
        """The card on screen was buried or suspended (``reason``): it leaves the session
        unanswered; undo calls ``put_back`` (which restores its mark) and shows it again."""
        card = self._require()
        if card_id != card.id:
            raise LookupError(f"{card_id} is not the card on screen ({card.id})")
        step = _Step(
            card.id,
            mode,
            None,
            self._queue.snapshot(),
            *self._totals(),
            self._first_items(),
            put_back,
            reason,
        )
        self._queue.answered(card.id, self._service.now(), None)
        self._undo.append(step)
        self._pinned, self.resumed_mode, self._checked = None, None, None

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def undoable(self) -> Undoable | None:
        """What ``undo`` would take back now (None: nothing)."""
        if not self._undo:
            return None
        step = self._undo[-1]
        return Undoable(step.card_id, step.rating, step.aside)

    def undo(self) -> QuizCard | None:
        """Take back the last answer: the card's schedule and log are restored exactly, and
        the card is on screen again. None when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo[-1]
        if step.put_back is not None:
            step.put_back()
        elif step.log_id is not None:
            self._service.unrecord(step.log_id)
        self._undo.pop()
        self._queue.restore(step.queue)
        self.answered, self.correct, self._time_ms = step.answered, step.correct, step.time_ms
        self._first = dict(step.first_answers)
        self._durations = self._durations[: step.answered]
        self._pinned = (step.card_id, self._service.now())
        self.resumed_mode, self._checked = step.mode, None
        return self.current

    # -- progress ---------------------------------------------------------------------------

    def progress(self) -> Progress:
        """The counts of the cards left (the one on screen included) and the time they need."""
        ids = set(self._queue.card_ids())
        if self._pinned is not None:
            ids.add(self._pinned[0])
        states = [self._service.state(card_id) for card_id in ids]
        new, learning, review = anki_counts(states)
        scheduler = self._service.scheduler
        left = sum(1 if self.practice else scheduler.answers_to_learn(s) for s in states)
        durations = self._durations[-20:] if len(self._durations) >= 3 else None
        minutes = estimate_minutes(left, durations or self._service.recent_durations())
        return Progress(self.answered, new, learning, review, left, minutes)

    def summary(self) -> SessionSummary:
        now = self._service.now()
        next_due = self._service.next_due()
        return SessionSummary(
            practice=self.practice,
            answered=self.answered,
            correct=self.correct,
            cards=len(self._first),
            first_try=sum(self._first.values()),
            missed=tuple(card_id for card_id, right in self._first.items() if not right),
            time=timedelta(milliseconds=self._time_ms),
            next_due=max(next_due, now) if next_due is not None else None,
            ended=now,
        )

    def _totals(self) -> tuple[int, int, int]:
        return self.answered, self.correct, self._time_ms

    def _first_items(self) -> tuple[tuple[str, bool], ...]:
        return tuple(self._first.items())

    def _require(self) -> QuizCard:
        card = self.current
        if card is None:
            raise LookupError("the session has no card left")
        return card

    def _duration(self, duration_ms: int | None, now: datetime) -> int:
        """The answer time: the UI's measure, else the time since the card was shown."""
        if duration_ms is not None:
            return max(0, duration_ms)
        if self._pinned is None:
            return 0
        elapsed = now - self._pinned[1]
        return max(0, min(int(elapsed.total_seconds() * 1000), 3_600_000))
