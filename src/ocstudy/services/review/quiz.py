"""What the quiz view needs: cards, sessions, answers, undo and settings, in one place.

The UI holds a :class:`QuizService`, starts a :class:`QuizSession` for a
:class:`~ocstudy.quiz.scope.Scope`, shows ``session.current``, checks and records answers
through the session, and never sees SQL, fsrs or the content repository. Time and randomness
come from the injected ``clock`` and ``seed``, so tests are exact.
"""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Final

from fsrs import State

from ocstudy.clock import Clock, utc_now
from ocstudy.content.repository import ContentRepository
from ocstudy.content.vocabulary import TIER_CHOICES, AnswerMode, TierChoice
from ocstudy.quiz.days import StudyDay, local_timezone
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.queue import LEARN_AHEAD
from ocstudy.quiz.rating import Rating
from ocstudy.quiz.scheduling import (
    DEFAULT_RETENTION,
    CardScheduler,
    CardState,
    checked_parameters,
)
from ocstudy.quiz.scope import Scope
from ocstudy.quiz.session import QuizSession, anki_counts
from ocstudy.services.browser.actions import DEFAULT_LEECH_THRESHOLD, LEECH_KEY, leech_edit
from ocstudy.services.review.deck import content_deck
from ocstudy.userdata.marks import CardEdit, MarkStore
from ocstudy.userdata.own_cards import OwnCardStore
from ocstudy.userdata.reviews import ReviewStore, StoredState
from ocstudy.userdata.stored_values import BadValueError
from ocstudy.userdata.times import clamped

DEFAULT_NEW_PER_DAY: Final = 20
RETENTION_RANGE: Final = (0.7, 0.99)
NEW_PER_DAY_RANGE: Final = (0, 1000)
PRACTICE_SIZE: Final = 20
UNDO_STEPS: Final = 100
_RETENTION_KEY: Final = "quiz.desired_retention"
_NEW_KEY: Final = "quiz.new_cards_per_day"
_TIERS_KEY: Final = "quiz.tiers"
#: The learner's fitted FSRS parameters, a JSON list; absent or empty: fsrs's defaults.
_PARAMETERS_KEY: Final = "fsrs.parameters"


#: How many recent answer times the time-left estimate uses.
RECENT_ANSWERS = 50


@dataclass(frozen=True, slots=True)
class QuizSettings:
    desired_retention: float = DEFAULT_RETENTION
    new_cards_per_day: int = DEFAULT_NEW_PER_DAY
    tiers: TierChoice = "core"


@dataclass(frozen=True, slots=True)
class ScopeCounts:
    """For a start screen, Anki's three counts of what a session started now would ask: new
    cards (within today's limit), cards in learning, cards to review; and the scope's size."""

    cards: int
    new: int
    learning: int
    review: int
    #: The answers those cards take if each is Good (see ``CardScheduler.answers_to_learn``).
    answers: int = 0

    @property
    def due(self) -> int:
        return self.learning + self.review

    @property
    def session(self) -> int:
        return self.new + self.learning + self.review


def to_stored(s: CardState) -> StoredState:
    return StoredState(
        int(s.state), s.step, s.stability, s.difficulty, s.due, s.last_review, s.reps, s.lapses
    )


def from_stored(s: StoredState) -> CardState:
    return CardState(
        State(s.state), s.step, s.stability, s.difficulty, s.due, s.last_review, s.reps, s.lapses
    )


class QuizService:
    def __init__(
        self,
        content: ContentRepository,
        reviews: ReviewStore,
        *,
        clock: Clock = utc_now,
        seed: int | None = None,
        fuzz: bool = True,
        day: StudyDay | None = None,
        own: OwnCardStore | None = None,
    ) -> None:
        self.content = content
        self.reviews = reviews
        #: The learner's own cards (None: none), quizzed with the content's.
        self.own = own
        self.clock = clock
        self.seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
        self.day = day or StudyDay(local_timezone())
        self._known_states: dict[str, CardState | None] = {}
        self._durations: list[int] | None = None
        self.marks = MarkStore(reviews)
        self._hidden: tuple[date, set[str]] | None = None
        #: The leech marks answers made (by log id), for undoing the answer.
        self._leeches: dict[int, CardEdit] = {}
        retention = self.settings().desired_retention
        self.scheduler = CardScheduler(
            retention, fuzz=fuzz, seed=self.seed, parameters=self.fitted_parameters()
        )

    # -- cards and state --------------------------------------------------------------------

    @cached_property
    def _generated(self) -> dict[str, QuizCard]:
        """The content's deck: the generated cards as their reader decided, and the cards
        written by hand, in learning order (``quiz.deck``)."""
        return {card.id: card for card in content_deck(self.content)}

    @cached_property
    def _cards(self) -> dict[str, QuizCard]:
        """The content's cards, then the learner's own (``reload_own_cards`` reads them again)."""
        from ocstudy.services.own_cards import own_quiz_card

        own = self.own.all() if self.own is not None else []
        return {**self._generated, **{card.id: own_quiz_card(card) for card in own}}

    def reload_own_cards(self) -> None:
        """Read the own cards again (after one was added, edited or deleted)."""
        self.__dict__.pop("_cards", None)

    def cards(self, scope: Scope | None = None) -> tuple[QuizCard, ...]:
        """Every card (generated once from the content, in a stable order), or ``scope``'s."""
        cards = tuple(self._cards.values())
        return cards if scope is None else tuple(scope.select(cards, self.content.entities()))

    def studied(self, scope: Scope | None = None) -> tuple[QuizCard, ...]:
        """The cards of ``scope`` in the tiers the learner studies (the quiz's settings)."""
        tiers = TIER_CHOICES[self.settings().tiers]
        return tuple(card for card in self.cards(scope) if card.tier in tiers)

    def card(self, card_id: str) -> QuizCard | None:
        return self._cards.get(card_id)

    def now(self) -> datetime:
        return clamped(self.clock())  # a clock far off must not overflow a due date

    def state(self, card_id: str) -> CardState | None:
        """A card's scheduling state. Kept in memory once read: this service is the only
        writer of the review history while it lives, and it updates the copy as it writes."""
        if card_id not in self._known_states:
            stored = self.reviews.state(card_id)
            self._known_states[card_id] = from_stored(stored) if stored else None
        return self._known_states[card_id]

    def states(self) -> dict[str, CardState]:
        """Scheduling state of every card reviewed at least once (current content only)."""
        return {k: from_stored(v) for k, v in self.reviews.states().items() if k in self._cards}

    def hidden(self) -> set[str]:
        """The cards no session asks now: suspended, or buried until a later day."""
        today = self.day.day_of(self.now())
        if self._hidden is None or self._hidden[0] != today:
            self._hidden = (today, self.marks.hidden(self.now()))
        return self._hidden[1]

    def available(self, card_id: str) -> bool:
        """Whether a session may ask the card now: it is there (an own card may have been
        deleted since the session started) and neither suspended nor buried."""
        return card_id in self._cards and card_id not in self.hidden()

    def leech_threshold(self) -> int:
        return self.reviews.whole_setting(LEECH_KEY, DEFAULT_LEECH_THRESHOLD, 0, 1000)

    def leeched(self, log_id: int | None) -> bool:
        """Whether answer ``log_id`` made its card a leech (and suspended it)."""
        return log_id in self._leeches

    def new_left_today(self) -> int:
        today = self.day.day_of(self.now())
        start, end = self.day.start(today), self.day.end(today)
        introduced = self.reviews.new_cards_introduced(start, until=end)  # none dated later
        return max(0, self.settings().new_cards_per_day - introduced)

    def counts(self, scope: Scope | None = None, *, practice: bool = False) -> ScopeCounts:
        """What ``start(scope, practice=practice)`` would ask now, by Anki's three counts."""
        ids, later = self._plan(scope, practice=practice, limit=None)
        states = [self.state(card_id) for card_id in [*ids, *(i for _, i in later)]]
        new, learning, review = anki_counts(states)
        answers = sum(1 if practice else self.scheduler.answers_to_learn(s) for s in states)
        return ScopeCounts(len(self.studied(scope)), new, learning, review, answers)

    def next_due(self) -> datetime | None:
        """When the next card falls due (None while nothing has been reviewed)."""
        return min((s.due for s in self.states().values()), default=None)

    # -- the session backend (see ocstudy.quiz.session.SessionBackend) ----------------------

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
                card_id, self.marks.mark(card_id), lapses, after.lapses, self.leech_threshold()
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

    def forget_cached_state(self) -> None:
        """Read states and answer times from the database again (after a restore)."""
        self._known_states.clear()
        self._durations = None
        self._hidden = None
        self.reload_own_cards()

    def history_changed_elsewhere(self) -> bool:
        """Whether another process or a restore changed the review history since a session
        started or this service last wrote it: a running session is then out of date."""
        return self.reviews.changed_elsewhere()

    def recent_durations(self) -> list[int]:
        """The latest answer times (for the time-left estimate), read once and then kept."""
        if self._durations is None:
            self._durations = self.reviews.recent_durations(RECENT_ANSWERS)
        return self._durations

    # -- settings ---------------------------------------------------------------------------

    def settings(self) -> QuizSettings:
        """The learner's settings; a stored value out of its range, or not a number, counts as
        the default (and is said once)."""
        tiers = self.reviews.choice_setting(_TIERS_KEY, "core", tuple(TIER_CHOICES))
        return QuizSettings(
            self.reviews.number_setting(_RETENTION_KEY, DEFAULT_RETENTION, *RETENTION_RANGE),
            self.reviews.whole_setting(_NEW_KEY, DEFAULT_NEW_PER_DAY, *NEW_PER_DAY_RANGE),
            next((choice for choice in TIER_CHOICES if choice == tiers), "core"),
        )

    def update_settings(
        self,
        *,
        desired_retention: float | None = None,
        new_cards_per_day: int | None = None,
        tiers: str | None = None,
    ) -> QuizSettings:
        """Change the desired retention (0.70-0.99), the daily new-card limit (0-1000) and/or
        which tiers sessions ask (``core``, ``detail``: core and detail, ``all``)."""
        values: dict[str, str] = {}
        if tiers is not None:
            if tiers not in TIER_CHOICES:
                raise ValueError(f"tiers {tiers!r} is not one of {', '.join(TIER_CHOICES)}")
            values[_TIERS_KEY] = tiers
        if desired_retention is not None:
            if not RETENTION_RANGE[0] <= desired_retention <= RETENTION_RANGE[1]:
                raise ValueError(f"desired retention {desired_retention} is not in 0.70-0.99")
            values[_RETENTION_KEY] = repr(desired_retention)
            self.scheduler = self.scheduler.with_retention(desired_retention)
        if new_cards_per_day is not None:
            if not NEW_PER_DAY_RANGE[0] <= new_cards_per_day <= NEW_PER_DAY_RANGE[1]:
                raise ValueError(f"new cards per day {new_cards_per_day} is not in 0-1000")
            values[_NEW_KEY] = str(new_cards_per_day)
        self.reviews.set_settings(values)
        return self.settings()

    def fitted_parameters(self) -> tuple[float, ...] | None:
        """The FSRS parameters fitted to the learner (None: fsrs's defaults). A stored value
        that is not 21 numbers in bounds (edited by hand) counts as none."""
        text = self.reviews.setting(_PARAMETERS_KEY)
        if not text:
            return None
        try:
            return checked_parameters(json.loads(text))
        except (ValueError, TypeError, RecursionError):
            problem = BadValueError("the value", text, "21 FSRS parameters")
            self.reviews.say_bad_setting(_PARAMETERS_KEY, problem, "FSRS's defaults are used")
            return None

    def set_fitted_parameters(self, parameters: Sequence[float] | None) -> None:
        """Keep ``parameters`` (None: back to the defaults) and schedule with them from now."""
        checked = checked_parameters(parameters) if parameters is not None else None
        self.reviews.set_settings({_PARAMETERS_KEY: json.dumps(checked) if checked else ""})
        self.scheduler = self.scheduler.with_parameters(checked)

    # -- sessions ---------------------------------------------------------------------------

    def start(
        self, scope: Scope | None = None, *, practice: bool = False, limit: int | None = None
    ) -> QuizSession:
        """A session over ``scope``: the cards due today, then new cards up to today's limit
        (the learner's own cards first, then the deck's in learning order), in the tiers the
        settings choose, one card per
        fact (a fact's forward and reverse never meet in one session). In practice mode: any
        cards of the scope, weakest first, and nothing is ever written."""
        ids, later = self._plan(scope, practice=practice, limit=limit)
        self.reviews.watch()
        return QuizSession(self, ids, later, practice=practice)

    def practice(self, card_ids: Sequence[str]) -> QuizSession:
        """Practice on the given cards (the ones missed in a session): the schedule stays."""
        return QuizSession(self, [i for i in card_ids if i in self._cards], practice=True)

    def custom(self, card_ids: Sequence[str], *, reschedule: bool) -> QuizSession:
        """Custom study of exactly ``card_ids``, in their order (a plan of
        ``services.custom_study``): practice, or with ``reschedule`` each answer a review as
        in any session (a card studied ahead is scheduled from the day it is answered)."""
        self.reviews.watch()
        ids = [i for i in card_ids if i in self._cards]
        return QuizSession(self, ids, practice=not reschedule)

    def _plan(
        self, scope: Scope | None, *, practice: bool, limit: int | None
    ) -> tuple[list[str], list[tuple[datetime, str]]]:
        """The cards a session asks at once, and the learning cards it asks when due."""
        cards, now, hidden = self.studied(scope), self.now(), self.hidden()
        cards = tuple(card for card in cards if card.id not in hidden)
        if practice:
            return self._practice_ids(cards, now)[: limit or PRACTICE_SIZE], []
        states = self.states()
        end = self.day.end(self.day.day_of(now))
        due = [i for _, i in sorted((states[c.id].due, c.id) for c in cards if c.id in states)]
        due = [i for i in due if states[i].due < end]
        # the learner's own cards first, then the deck's in learning order
        new = [c.id for c in cards if c.id not in states]
        new.sort(key=lambda i: not self._cards[i].is_own)
        kept = _one_per_sibling(due + new, self._cards)
        new = [i for i in new if i in kept][: self.new_left_today()]
        # reviews due today come at once; a learning step waits in the queue until it is due,
        # if that is soon (later steps are left for a later session)
        ready = [i for i in due if i in kept and (states[i].due <= now or _reviewing(states[i]))]
        soon = now + LEARN_AHEAD
        later = [(states[i].due, i) for i in due if i in kept and now < states[i].due <= soon]
        later = [(when, i) for when, i in later if i not in ready]
        ids = ready + new
        return (ids[:limit] if limit else ids), later

    def _practice_ids(self, cards: Sequence[QuizCard], now: datetime) -> list[str]:
        states = self.states()
        order = [c.id for c in cards]
        random.Random(f"{self.seed}:practice:{self.day.day_of(now)}").shuffle(order)
        order.sort(key=lambda i: self.scheduler.retrievability(states.get(i), now))
        return list(_one_per_sibling(order, self._cards))


def _reviewing(state: CardState) -> bool:
    return state.state == State.Review


def _one_per_sibling(ids: Sequence[str], cards: dict[str, QuizCard]) -> dict[str, None]:
    """``ids`` in order, keeping the first card of each sibling group."""
    seen: set[str] = set()
    kept: dict[str, None] = {}
    for card_id in ids:
        if cards[card_id].sibling_key not in seen:
            seen.add(cards[card_id].sibling_key)
            kept[card_id] = None
    return kept


__all__ = [
    "QuizService",
    "QuizSession",
    "QuizSettings",
    "Scope",
    "ScopeCounts",
    "from_stored",
    "to_stored",
    "utc_now",
]
