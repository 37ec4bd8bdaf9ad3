"""The quiz view's entry point: sessions started over a scope, built from the review's pieces.

The pieces are a :class:`CardCatalogue` (the cards), a :class:`Schedule` (states, answers,
marks) and :class:`ReviewSettings`; the plan of a session is ``quiz.planner``'s, over plain
values. The UI holds a :class:`QuizService`, starts a :class:`QuizSession` for a
:class:`~ocstudy.quiz.scope.Scope`, shows ``session.current``, checks and records answers
through the session, and never sees SQL, fsrs or the content repository. Time and randomness
come from the injected ``clock`` and ``seed``, so tests are exact.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from ocstudy.clock import Clock, utc_now
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.days import StudyDay
from ocstudy.quiz.planner import SessionPlan, practice_plan, session_plan
from ocstudy.quiz.scope import Scope
from ocstudy.quiz.session import QuizSession, anki_counts
from ocstudy.services.browser.actions import CardActions
from ocstudy.services.progress import Progress
from ocstudy.services.review.catalogue import CardCatalogue
from ocstudy.services.review.exam import ExamService
from ocstudy.services.review.exam_practice import PracticeExams
from ocstudy.services.review.fsrs_fit import FsrsFit
from ocstudy.services.review.schedule import Schedule, from_stored, to_stored
from ocstudy.services.review.settings import QuizSettings, ReviewSettings
from ocstudy.userdata.own_cards import OwnCardStore
from ocstudy.userdata.reviews import ReviewStore

PRACTICE_SIZE: Final = 20


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


class QuizService:
    """Sessions over the review's three pieces, which it hands to whoever needs one."""

    def __init__(
        self, catalogue: CardCatalogue, schedule: Schedule, settings: ReviewSettings
    ) -> None:
        self.catalogue = catalogue
        self.schedule = schedule
        self.settings = settings
        #: The exam date, its plan and forecast; while a date is set, its plan decides
        #: today's new cards and, on the last days, the reviews ahead.
        self.exam = ExamService(catalogue, schedule, settings)
        schedule.new_limit = self.exam.new_limit_today
        self.practice_exams = PracticeExams(catalogue, schedule, self.exam)

    @cached_property
    def card_actions(self) -> CardActions:
        """The learner's actions on cards (flags, suspend, bury, forget, due dates, tags) on
        this schedule: one for the quiz's keys and the browser alike."""
        return CardActions(self.schedule)

    def card_actions_reporting(
        self, progress: Progress, rng: random.Random | None = None
    ) -> CardActions:
        """Actions on many cards that report ``progress`` (and stop when it says so): an
        operation's, on a worker's own service."""
        return CardActions(self.schedule, rng, progress)

    @cached_property
    def fsrs_fit(self) -> FsrsFit:
        """The learner's FSRS parameters: measure, fit, keep, reset."""
        return FsrsFit(self.catalogue, self.schedule, self.settings)

    @classmethod
    def open(
        cls,
        content: ContentRepository,
        reviews: ReviewStore,
        *,
        clock: Clock = utc_now,
        seed: int | None = None,
        fuzz: bool = True,
        day: StudyDay | None = None,
        own: OwnCardStore | None = None,
    ) -> QuizService:
        """The pieces on ``content`` and the learner's ``reviews`` (and ``own`` cards)."""
        seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
        settings = ReviewSettings(reviews, seed=seed, fuzz=fuzz)
        catalogue = CardCatalogue(content, settings, own)
        schedule = Schedule(catalogue, reviews, settings, clock=clock, day=day)
        return cls(catalogue, schedule, settings)

    def counts(self, scope: Scope | None = None, *, practice: bool = False) -> ScopeCounts:
        """What ``start(scope, practice=practice)`` would ask now, by Anki's three counts."""
        ids, later = self._plan(scope, practice=practice, limit=None)
        states = [self.schedule.state(card_id) for card_id in [*ids, *(i for _, i in later)]]
        new, learning, review = anki_counts(states)
        scheduler = self.schedule.scheduler
        answers = sum(1 if practice else scheduler.answers_to_learn(s) for s in states)
        return ScopeCounts(len(self.catalogue.studied(scope)), new, learning, review, answers)

    def start(
        self, scope: Scope | None = None, *, practice: bool = False, limit: int | None = None
    ) -> QuizSession:
        """A session over ``scope``: the cards due today, then new cards up to today's limit
        (the learner's own cards first, then the deck's in learning order), in the tiers the
        settings choose, one card per
        fact (a fact's forward and reverse never meet in one session). In practice mode: any
        cards of the scope, weakest first, and nothing is ever written."""
        ids, later = self._plan(scope, practice=practice, limit=limit)
        self.schedule.watch()
        return QuizSession(self.schedule, ids, later, practice=practice)

    def practice(self, card_ids: Sequence[str]) -> QuizSession:
        """Practice on the given cards (the ones missed in a session): the schedule stays."""
        ids = [i for i in card_ids if i in self.catalogue]
        return QuizSession(self.schedule, ids, practice=True)

    def custom(self, card_ids: Sequence[str], *, reschedule: bool) -> QuizSession:
        """Custom study of exactly ``card_ids``, in their order (a plan of
        ``services.custom_study``): practice, or with ``reschedule`` each answer a review as
        in any session (a card studied ahead is scheduled from the day it is answered)."""
        self.schedule.watch()
        ids = [i for i in card_ids if i in self.catalogue]
        return QuizSession(self.schedule, ids, practice=not reschedule)

    def _plan(self, scope: Scope | None, *, practice: bool, limit: int | None) -> SessionPlan:
        """The cards a session asks at once, and the learning cards it asks when due."""
        schedule = self.schedule
        cards, now, hidden = self.catalogue.studied(scope), schedule.now(), schedule.hidden()
        states = schedule.states()
        if practice:
            seed = f"{self.settings.seed}:practice:{schedule.day.day_of(now)}"
            size = limit or PRACTICE_SIZE

            def chance(card_id: str) -> float:
                return schedule.retrievability(states.get(card_id), now)

            return SessionPlan(practice_plan(cards, chance, seed, hidden=hidden, size=size), [])
        end = schedule.day.end(schedule.day.day_of(now))
        left = schedule.new_left_today()
        ahead = self.exam.review_ahead()
        return session_plan(
            cards, states, now, end, hidden=hidden, new_left=left, limit=limit, ahead=ahead
        )


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
