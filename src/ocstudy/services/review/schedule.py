"""The cards' schedule: each card's state (kept in memory once read: this is the only writer
of the review history while it lives), recording and undoing an answer with the leech mark it
brings, the marks that hide cards (suspended, buried) and the review log's reads. It is what
a :class:`~ocstudy.quiz.session.QuizSession` runs on (``SessionBackend``)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Final

from fsrs import State

from ocstudy.clock import Clock, utc_now
from ocstudy.content.vocabulary import AnswerMode
from ocstudy.quiz.days import StudyDay, local_timezone
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.rating import Rating
from ocstudy.quiz.scheduling import CardScheduler, CardState
from ocstudy.services.review.catalogue import CardCatalogue
from ocstudy.services.review.settings import ReviewSettings
from ocstudy.userdata.marks import CardEdit, CardMark, MarkStore
from ocstudy.userdata.review_rows import LogLine, StoredState
from ocstudy.userdata.reviews import ReviewStore
from ocstudy.userdata.times import clamped

#: How many recent answer times the time-left estimate uses.
RECENT_ANSWERS: Final = 50


def to_stored(s: CardState) -> StoredState:
    return StoredState(
        int(s.state), s.step, s.stability, s.difficulty, s.due, s.last_review, s.reps, s.lapses
    )


def from_stored(s: StoredState) -> CardState:
    return CardState(
        State(s.state), s.step, s.stability, s.difficulty, s.due, s.last_review, s.reps, s.lapses
    )


def leech_edit(
    card_id: str, mark: CardMark, lapses_before: int, lapses_after: int, threshold: int
) -> CardEdit | None:
    """The leech mark and suspension the lapses from ``lapses_before`` to ``lapses_after``
    bring (one answer's, or many reviews brought in at once): when the card's lapses reach
    ``threshold``, and again every half threshold after (as Anki); else None."""
    if threshold <= 0 or lapses_after <= lapses_before or lapses_after < threshold:
        return None
    every = max(1, threshold // 2)
    first = max(lapses_before + 1, threshold)
    marking = threshold + -(-(first - threshold) // every) * every  # the first such count
    if marking > lapses_after:
        return None
    return CardEdit(card_id, mark=(mark, replace(mark, leech=True, suspended=True)))


class Schedule:
    def __init__(
        self,
        catalogue: CardCatalogue,
        reviews: ReviewStore,
        settings: ReviewSettings,
        *,
        clock: Clock = utc_now,
        day: StudyDay | None = None,
    ) -> None:
        self._catalogue = catalogue
        #: The review history's store (tests read it; services ask this schedule).
        self.reviews = reviews
        self._settings = settings
        self.clock = clock
        self.day = day or StudyDay(local_timezone())
        #: The cards' marks: suspended, buried, flagged, leech, tags.
        self.marks = MarkStore(reviews)
        self._known_states: dict[str, CardState | None] = {}
        self._durations: list[int] | None = None
        self._hidden: tuple[date, set[str]] | None = None
        #: The leech marks answers made (by log id), for undoing the answer.
        self._leeches: dict[int, CardEdit] = {}
        #: Today's new-card limit when something other than the setting decides it (an exam
        #: date's plan); None: the setting's.
        self.new_limit: Callable[[], int | None] = lambda: None

    @property
    def scheduler(self) -> CardScheduler:
        """FSRS with the learner's settings (the settings replace it when they change)."""
        return self._settings.scheduler

    def now(self) -> datetime:
        return clamped(self.clock())  # a clock far off must not overflow a due date

    def today(self) -> date:
        return self.day.day_of(self.now())

    def card(self, card_id: str) -> QuizCard | None:
        return self._catalogue.card(card_id)

    # -- states -----------------------------------------------------------------------------

    def state(self, card_id: str) -> CardState | None:
        """A card's scheduling state. Kept in memory once read: this service is the only
        writer of the review history while it lives, and it updates the copy as it writes."""
        if card_id not in self._known_states:
            stored = self.reviews.state(card_id)
            self._known_states[card_id] = from_stored(stored) if stored else None
        return self._known_states[card_id]

    def states(self) -> dict[str, CardState]:
        """Scheduling state of every card reviewed at least once (current content only)."""
        return {k: from_stored(v) for k, v in self.reviews.states().items() if k in self._catalogue}

    def stored_state(self, card_id: str) -> StoredState | None:
        """The card's state as the database holds it now (not the copy kept in memory)."""
        return self.reviews.state(card_id)

    def retrievability(self, state: CardState | None, now: datetime) -> float:
        """The predicted chance of recalling a card in ``state`` at ``now`` (0: never seen)."""
        return self.scheduler.retrievability(state, now)

    def replay(
        self, card_id: str, state: CardState | None, rating: Rating, when: datetime
    ) -> CardState:
        """The state an answer ``rating`` at ``when`` gives a card in ``state``."""
        return self.scheduler.review(card_id, state, rating, when)

    def hidden(self) -> set[str]:
        """The cards no session asks now: suspended, or buried until a later day."""
        today = self.today()
        if self._hidden is None or self._hidden[0] != today:
            self._hidden = (today, self.marks.hidden(self.now()))
        return self._hidden[1]

    def available(self, card_id: str) -> bool:
        """Whether a session may ask the card now: it is there (an own card may have been
        deleted since the session started) and neither suspended nor buried."""
        return card_id in self._catalogue and card_id not in self.hidden()

    def mark_leeches(self, lapses: Mapping[str, tuple[int, int]]) -> None:
        """Mark and suspend the cards that reviews brought in made leeches, as answering here
        would have (``lapses``: each card's lapses before the reviews and after)."""
        threshold = self._settings.leech_threshold()
        edits = [
            edit
            for card_id, (before, after) in lapses.items()
            if (edit := leech_edit(card_id, self.marks.mark(card_id), before, after, threshold))
        ]
        if edits:
            self.marks.apply(edits, "mark the cards leeches")
            self._hidden = None

    def leeched(self, log_id: int | None) -> bool:
        """Whether answer ``log_id`` made its card a leech (and suspended it)."""
        return log_id in self._leeches

    def new_left_today(self) -> int:
        today = self.today()
        start, end = self.day.start(today), self.day.end(today)
        introduced = self.reviews.new_cards_introduced(start, until=end)  # none dated later
        limit = self.new_limit()
        if limit is None:
            limit = self._settings.current().new_cards_per_day
        return max(0, limit - introduced)

    def next_due(self) -> datetime | None:
        """When the next card falls due (None while nothing has been reviewed)."""
        return min((s.due for s in self.states().values()), default=None)

    # -- answers (the session backend) ------------------------------------------------------

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
        self._known_states.pop(card_id, None)
        lapses = before.lapses if before else 0
        leech = (  # read the mark and the setting only for a lapse: most answers are none
            leech_edit(
                card_id,
                self.marks.mark(card_id),
                lapses,
                after.lapses,
                self._settings.leech_threshold(),
            )
            if after.lapses > lapses
            else None
        )
        together = self.reviews.database.atomic() if leech else contextlib.nullcontext()
        with together:  # the answer and its leech mark together (the answer alone is one)
            log_id = self.reviews.record(
                card_id,
                rating=int(rating),
                mode=mode,
                reviewed_at=when,
                duration_ms=duration_ms,
                before=to_stored(before) if before else None,
                after=to_stored(after),
            )
            if leech is not None:
                self.marks.apply([leech], "mark the card a leech")
        if leech is not None:
            self._leeches[log_id] = leech
            self._hidden = None
        self._known_states[card_id] = after
        if self._durations is not None:
            self._durations = [duration_ms, *self._durations][:RECENT_ANSWERS]
        return log_id

    def unrecord(self, log_id: int) -> None:
        self._known_states.clear()
        self._durations = None
        self._hidden = None
        leech = self._leeches.get(log_id)
        with self.reviews.database.atomic():  # a leech mark the answer made goes with it
            self.reviews.undo(log_id)
            if leech is not None:
                self.marks.apply([leech.reversed()], "undo the leech mark")
        self._leeches.pop(log_id, None)

    def recent_durations(self) -> list[int]:
        """The latest answer times (for the time-left estimate), read once and then kept."""
        if self._durations is None:
            self._durations = self.reviews.recent_durations(RECENT_ANSWERS)
        return self._durations

    def forget_cached_state(self) -> None:
        """Read states, marks, answer times and own cards again (after a restore or a change
        made beside this schedule: card actions, an import)."""
        self._known_states.clear()
        self._durations = None
        self._hidden = None
        self._catalogue.reload_own_cards()

    def watch(self) -> None:
        """From now on, ``history_changed_elsewhere`` compares with the history as it is."""
        self.reviews.watch()

    def history_changed_elsewhere(self) -> bool:
        """Whether another process or a restore changed the review history since a session
        started or this service last wrote it: a running session is then out of date."""
        return self.reviews.changed_elsewhere()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """Changes made in the block are written together, or none is."""
        with self.reviews.database.atomic():
            yield

    # -- the review log, read -------------------------------------------------------------

    def lines(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        *,
        intervals: bool = False,
    ) -> list[LogLine]:
        return self.reviews.lines(since, until, intervals=intervals)

    def count(self, since: datetime, until: datetime) -> int:
        """How many answers were given from ``since`` to ``until``."""
        return self.reviews.count(since, until)

    def first_review(self) -> datetime | None:
        return self.reviews.first_review()

    def rating_days(self, shift_hours: float = 0.0) -> list[tuple[str, int, int]]:
        return self.reviews.rating_days(shift_hours)
