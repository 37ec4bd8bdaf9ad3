"""The exam date: its settings (the date, the scope, the minutes a day), the plan to it and
the forecast of what the learner will recall on the day (``quiz.exam_plan``,
``quiz.forecast``), the daily new-card limit that follows the plan while a date is set, and
the plan cleared, with a message, once the date has passed."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Final

from ocstudy.content.vocabulary import TIER_CHOICE_WORDS, TIER_CHOICES
from ocstudy.quiz.exam_plan import (
    ExamPlan,
    PlanRequest,
    make_plan,
    new_cards_per_day,
    seconds_per_answer,
)
from ocstudy.quiz.forecast import CRAM_DAYS, exam_moment, mean_recall, recall_on
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.scope import Scope
from ocstudy.services.operations import Changes
from ocstudy.services.review.catalogue import CardCatalogue
from ocstudy.services.review.schedule import Schedule
from ocstudy.services.review.settings import ReviewSettings

if TYPE_CHECKING:
    from ocstudy.content.model import Theme

DATE_KEY: Final = "exam.date"
SCOPE_KEY: Final = "exam.scope"
MINUTES_KEY: Final = "exam.minutes"
#: The settings an exam date keeps (``Changes.settings`` names them when they change).
EXAM_SETTINGS: Final = (DATE_KEY, SCOPE_KEY, MINUTES_KEY)
DEFAULT_SCOPE: Final = "core"
DEFAULT_MINUTES: Final = 30
#: How far ahead an exam may be: a plan spans at most this many days (a date in year 9999
#: overflowed the forecast's dates).
MAX_DAYS_AHEAD: Final = 3 * 366
#: The simulation's seed: fixed, so that the same history gives the same plan and forecast in
#: every run of the app and of ``ocstudy plan`` (the session's own seed changes per process).
FORECAST_SEED: Final = 27
MINUTES_RANGE: Final = (1, 1440)


def exam_scopes(themes: Sequence[Theme]) -> list[tuple[str, str]]:
    """The scopes an exam can cover, (key, label): the tier choices, then each theme."""
    tiers = [(key, words[0]) for key, words in TIER_CHOICE_WORDS.items()]
    return [*tiers, *((t.key, f"Theme: {t.label}") for t in themes)]


def check_exam(
    exam_day: date, scope: str, minutes: int, *, today: date, scopes: Sequence[tuple[str, str]]
) -> None:
    """ValueError for an exam that cannot be set: a date passed or more than
    ``MAX_DAYS_AHEAD`` days ahead, a scope not in ``scopes``, minutes out of range. It needs
    no learner data, so the command line checks before it makes a data folder."""
    if exam_day < today:
        raise ValueError(f"the exam date {exam_day.isoformat()} has passed")
    if exam_day > today + timedelta(days=MAX_DAYS_AHEAD):
        raise ValueError(
            f"the exam date {exam_day.isoformat()} is more than {MAX_DAYS_AHEAD} days ahead"
        )
    keys = [key for key, _ in scopes]
    if scope not in keys:
        raise ValueError(f"scope {scope!r} is not one of {', '.join(keys)}")
    if not MINUTES_RANGE[0] <= minutes <= MINUTES_RANGE[1]:
        raise ValueError(f"minutes a day {minutes} is not in 1-1440")


@dataclass(frozen=True, slots=True)
class ExamSettings:
    exam_day: date
    #: ``core``, ``detail`` (core and detail), ``all``, or a theme's key.
    scope: str = DEFAULT_SCOPE
    minutes: int = DEFAULT_MINUTES


@dataclass(frozen=True, slots=True)
class ThemeRecall:
    key: str
    label: str
    cards: int
    recall: float


@dataclass(frozen=True, slots=True)
class ExamForecast:
    """What the start page, the statistics and ``ocstudy plan`` show."""

    settings: ExamSettings
    scope_label: str
    cards_in_scope: int
    plan: ExamPlan
    #: Each theme's recall on the day if the learner stopped now, weakest first.
    themes: tuple[ThemeRecall, ...]
    #: Answers given today, and the answers today's plan asks (given ones included).
    done_today: int
    planned_today: int

    @property
    def share_done_today(self) -> float:
        return min(1.0, self.done_today / self.planned_today) if self.planned_today else 1.0

    def to_json_dict(self) -> dict[str, Any]:
        plan = self.plan
        return {
            "exam_date": self.settings.exam_day.isoformat(),
            "days_left": plan.days_left,
            "scope": self.settings.scope,
            "cards_in_scope": self.cards_in_scope,
            "plan": [
                {
                    "day": day.day.isoformat(),
                    "new_cards": day.new_cards,
                    "reviews": day.reviews,
                    "minutes": day.minutes,
                }
                for day in plan.days
            ],
            "recall_if_you_stop": round(plan.recall_if_you_stop, 4),
            "recall_if_you_follow": round(plan.recall_if_you_follow, 4),
        }


class ExamService:
    def __init__(
        self, catalogue: CardCatalogue, schedule: Schedule, settings: ReviewSettings
    ) -> None:
        self._catalogue = catalogue
        self._schedule = schedule
        self._settings = settings
        #: Said once the clock passed the exam date and the plan was cleared.
        self.passed_message: str | None = None

    def today(self) -> date:
        return self._schedule.today()

    @property
    def seed(self) -> int:
        return self._settings.seed

    # -- the settings ------------------------------------------------------------------------

    def scopes(self) -> list[tuple[str, str]]:
        """The scopes an exam can cover: (key, label)."""
        return exam_scopes(self._catalogue.themes)

    def latest_day(self) -> date:
        """The latest day an exam may be set on."""
        return self._schedule.today() + timedelta(days=MAX_DAYS_AHEAD)

    def stored(self) -> ExamSettings | None:
        """The exam as set (None: no date, or one that cannot be read, said once)."""
        text = self._settings.setting(DATE_KEY)
        if not text:
            return None
        try:
            exam_day = date.fromisoformat(text)
            if exam_day > self.latest_day():
                raise ValueError(text)
        except ValueError:
            from ocstudy.userdata.stored_values import BadValueError

            expected = f"a date such as 2026-06-15, at most {MAX_DAYS_AHEAD} days ahead"
            problem = BadValueError("the value", text, expected)
            self._settings.say_bad_setting(DATE_KEY, problem, "no exam date is set")
            return None
        keys = [key for key, _ in self.scopes()]
        scope = self._settings.choice_setting(SCOPE_KEY, DEFAULT_SCOPE, keys)
        minutes = self._settings.whole_setting(MINUTES_KEY, DEFAULT_MINUTES, *MINUTES_RANGE)
        return ExamSettings(exam_day, scope, minutes)

    def current(self) -> ExamSettings | None:
        """The exam as set; once the clock is past its day, the plan is cleared and
        ``passed_message`` says so."""
        stored = self.stored()
        if stored is None or stored.exam_day >= self._schedule.today():
            return stored
        self.clear()
        limit = self._settings.current().new_cards_per_day
        self.passed_message = (
            f"Your exam on {stored.exam_day:%d %B %Y} has passed: its plan is cleared, and "
            f"your own limit of {limit} new cards a day is back."
        )
        return None

    def set(
        self, exam_day: date, scope: str = DEFAULT_SCOPE, minutes: int = DEFAULT_MINUTES
    ) -> Changes:
        """Set the exam; ValueError (nothing written) for what :func:`check_exam` refuses."""
        check_exam(exam_day, scope, minutes, today=self.today(), scopes=self.scopes())
        values = {DATE_KEY: exam_day.isoformat(), SCOPE_KEY: scope, MINUTES_KEY: str(minutes)}
        self._settings.set_settings(values)
        self.passed_message = None
        return Changes.of_settings(*EXAM_SETTINGS)

    def clear(self) -> Changes:
        self._settings.set_settings(dict.fromkeys(EXAM_SETTINGS, ""))
        return Changes.of_settings(*EXAM_SETTINGS)

    # -- the cards in scope -----------------------------------------------------------------

    def scope_label(self, scope: str) -> str:
        return dict(self.scopes()).get(scope, scope)

    def cards(self, scope: str) -> tuple[QuizCard, ...]:
        """The cards an exam of ``scope`` covers: a tier choice's, or a theme's in the tiers
        the learner studies; never a suspended one."""
        hidden = {i for i, mark in self._schedule.marks.marks().items() if mark.suspended}
        if scope in TIER_CHOICES:
            tiers = TIER_CHOICES[scope]
            cards: Sequence[QuizCard] = [c for c in self._catalogue.cards() if c.tier in tiers]
        else:
            cards = self._catalogue.studied(Scope.theme(scope))
        return tuple(card for card in cards if card.id not in hidden)

    # -- the plan ---------------------------------------------------------------------------

    def _introduced_today(self) -> int:
        today = self._schedule.today()
        start, end = self._schedule.day.start(today), self._schedule.day.end(today)
        return self._schedule.reviews.new_cards_introduced(start, until=end)

    def new_limit_today(self) -> int | None:
        """Today's new-card limit from the plan (None: no exam date set, or it has passed)."""
        exam = self.stored()
        today = self._schedule.today()
        if exam is None or exam.exam_day < today:
            return None
        known = self._schedule.reviews.states()
        unseen = sum(1 for card in self.cards(exam.scope) if card.id not in known)
        introduced = self._introduced_today()
        return new_cards_per_day(unseen + introduced, today, exam.exam_day).get(today, 0)

    def forecast(self) -> ExamForecast | None:
        """The plan and the forecast for the exam set (None: none set)."""
        exam = self.current()
        if exam is None:
            return None
        schedule = self._schedule
        cards = self.cards(exam.scope)
        ids = [card.id for card in cards]
        states = schedule.states()
        today = schedule.today()
        request = PlanRequest(
            ids,
            today,
            exam.exam_day,
            exam.minutes,
            schedule.recent_durations(),
            self._introduced_today(),
            FORECAST_SEED,
        )
        scheduler = schedule.scheduler.with_retention(schedule.scheduler.desired_retention)
        scheduler.fuzz = False
        plan = make_plan(scheduler, states, schedule.day, request)
        moment = exam_moment(schedule.day, exam.exam_day)
        recall = recall_on(scheduler, states, ids, moment)
        done = schedule.count(schedule.day.start(today), schedule.day.end(today))
        planned = plan.on(today)
        planned_answers = (planned.reviews if planned else 0) + self._learning_answers(
            planned.new_cards if planned else 0
        )
        return ExamForecast(
            exam,
            self.scope_label(exam.scope),
            len(cards),
            plan,
            self._themes(cards, recall),
            done,
            done + planned_answers,
        )

    def _learning_answers(self, new_cards: int) -> int:
        return new_cards * self._schedule.scheduler.answers_to_learn(None)

    def _themes(
        self, cards: Sequence[QuizCard], recall: dict[str, float]
    ) -> tuple[ThemeRecall, ...]:
        rows = []
        for theme in self._catalogue.themes:
            ids = [card.id for card in cards if theme.key in card.themes]
            if ids:
                rows.append(ThemeRecall(theme.key, theme.label, len(ids), mean_recall(recall, ids)))
        return tuple(sorted(rows, key=lambda row: (row.recall, row.label)))

    def review_ahead(self) -> list[str]:
        """On the last days before the exam, the cards in scope not due today that FSRS
        predicts weakest on the day, as many as the minutes left today allow."""
        exam = self.stored()
        schedule = self._schedule
        today = schedule.today()
        if exam is None or not 0 < (exam.exam_day - today).days <= CRAM_DAYS:
            return []
        states = schedule.states()
        start, end = schedule.day.start(today), schedule.day.end(today)
        due = sum(1 for state in states.values() if state.due < end)
        answers = math.floor(exam.minutes * 60 / seconds_per_answer(schedule.recent_durations()))
        spare = answers - due - schedule.count(start, end)
        if spare <= 0:
            return []
        ids = [c.id for c in self.cards(exam.scope) if c.id in states and states[c.id].due >= end]
        moment = exam_moment(schedule.day, exam.exam_day)
        recall = recall_on(schedule.scheduler, states, ids, moment)
        return sorted(ids, key=lambda card_id: (recall[card_id], card_id))[:spare]
