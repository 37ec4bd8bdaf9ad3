"""A practice exam: N questions drawn across the scope's themes, weighted to the core and to
the cards FSRS predicts weakest, in mixed kinds (choice, typed dates and numbers,
ordering), marked only at the end. The result is kept (``exam_results``) for the
statistics; the review log and the cards' states are never written."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from ocstudy.content.vocabulary import AnswerMode
from ocstudy.quiz import answers
from ocstudy.quiz.forecast import exam_moment, recall_on
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.planner import one_per_sibling
from ocstudy.services.review.catalogue import CardCatalogue
from ocstudy.services.review.exam import ExamService
from ocstudy.services.review.schedule import Schedule
from ocstudy.userdata.exam_results import ExamResultStore, StoredExamResult

DEFAULT_QUESTIONS: Final = 30
QUESTIONS_RANGE: Final = (1, 200)
#: The kinds of answer an exam marks, the least used first for each question.
EXAM_MODES: Final[tuple[AnswerMode, ...]] = ("order", "typed", "choice")
#: A core card weighs this many times a card of another tier.
CORE_WEIGHT: Final = 2.0

#: What the learner gave: an option's index, a typed text, an order of the items, or nothing.
Given = int | str | tuple[int, ...] | None


@dataclass(frozen=True, slots=True)
class ExamQuestion:
    card: QuizCard
    mode: AnswerMode


@dataclass(frozen=True, slots=True)
class MarkedQuestion:
    question: ExamQuestion
    result: answers.CheckResult

    @property
    def right(self) -> bool:
        return self.result.verdict == "correct"


@dataclass(frozen=True, slots=True)
class ExamResult:
    taken_at: datetime
    scope: str
    marked: tuple[MarkedQuestion, ...]
    #: Each theme's label: right answers, questions.
    themes: dict[str, tuple[int, int]]

    @property
    def right(self) -> int:
        return sum(1 for mark in self.marked if mark.right)

    @property
    def score(self) -> float:
        return self.right / len(self.marked) if self.marked else 0.0

    @property
    def missed(self) -> list[MarkedQuestion]:
        return [mark for mark in self.marked if not mark.right]


def exam_modes(card: QuizCard) -> tuple[AnswerMode, ...]:
    """The modes an exam can mark ``card`` in (a flashcard cannot be marked)."""
    modes = answers.supported_modes(card)
    return tuple(mode for mode in EXAM_MODES if mode in modes)


def draw_questions(
    cards: Sequence[QuizCard], recall: dict[str, float], size: int, rng: random.Random
) -> list[ExamQuestion]:
    """``size`` questions: each theme's share in proportion to its cards, drawn within it
    with weight (core twice) times (1.1 - predicted recall); one card per fact; mixed kinds."""
    markable = [card for card in cards if exam_modes(card)]
    kept = one_per_sibling([c.id for c in markable], {c.id: c.sibling_key for c in markable})
    by_theme: dict[str, list[QuizCard]] = {}
    for card in markable:
        if card.id in kept:
            by_theme.setdefault(card.themes[0] if card.themes else "", []).append(card)
    total = sum(len(group) for group in by_theme.values())
    size = min(size, total)
    shares = {key: size * len(group) / total for key, group in by_theme.items()} if total else {}
    quota = {key: int(share) for key, share in shares.items()}
    for key in sorted(shares, key=lambda k: (int(shares[k]) - shares[k], k))[
        : size - sum(quota.values())
    ]:
        quota[key] += 1
    chosen: list[QuizCard] = []
    for key, group in sorted(by_theme.items()):
        weighted = sorted(group, key=lambda card: _key(card, recall, rng), reverse=True)
        chosen.extend(weighted[: quota[key]])
    rng.shuffle(chosen)
    used: Counter[AnswerMode] = Counter()
    questions = []
    for card in chosen:
        mode = min(exam_modes(card), key=lambda m: (used[m], EXAM_MODES.index(m)))
        used[mode] += 1
        questions.append(ExamQuestion(card, mode))
    return questions


def _key(card: QuizCard, recall: dict[str, float], rng: random.Random) -> float:
    """Weighted sampling without replacement (Efraimidis and Spirakis): u ** (1 / weight)."""
    weight = (CORE_WEIGHT if card.tier == "core" else 1.0) * (1.1 - recall.get(card.id, 0.0))
    return float(rng.random() ** (1.0 / weight))


def mark(question: ExamQuestion, given: Given) -> answers.CheckResult:
    """Check one answer as the quiz would; nothing given is "unanswered"."""
    card = question.card
    if given is None or given == "" or (question.mode == "choice" and not isinstance(given, int)):
        return answers.not_answered(card, question.mode)
    if isinstance(given, int):
        return answers.check_choice(card, given)
    if isinstance(given, tuple):
        return answers.check_order(card, given)
    return answers.check_typed(card, given)


class PracticeExams:
    def __init__(self, catalogue: CardCatalogue, schedule: Schedule, exam: ExamService) -> None:
        self._catalogue = catalogue
        self._schedule = schedule
        self._exam = exam
        self._results = ExamResultStore(schedule.reviews.database)

    def scope(self) -> str:
        """The exam's scope, or the tiers the learner studies when no date is set."""
        exam = self._exam.stored()
        return exam.scope if exam is not None else "studied"

    def paper(self, size: int = DEFAULT_QUESTIONS, seed: str = "") -> list[ExamQuestion]:
        """A practice exam of ``size`` questions (ValueError out of 1-200)."""
        if not QUESTIONS_RANGE[0] <= size <= QUESTIONS_RANGE[1]:
            raise ValueError(f"{size} questions: a practice exam has 1 to 200")
        exam, schedule = self._exam.stored(), self._schedule
        now = schedule.now()
        cards = self._exam.cards(exam.scope) if exam else self._catalogue.studied()
        moment = exam_moment(schedule.day, exam.exam_day) if exam else now
        hidden = schedule.hidden()
        cards = tuple(card for card in cards if card.id not in hidden)
        recall = recall_on(schedule.scheduler, schedule.states(), [c.id for c in cards], moment)
        rng = random.Random(seed or f"{self._exam.seed}:exam:{now.isoformat()}")
        return draw_questions(cards, recall, size, rng)

    def finish(self, questions: Sequence[ExamQuestion], given: Sequence[Given]) -> ExamResult:
        """Mark the exam and keep its result (never in the review log)."""
        outcome = self.mark(questions, given)
        self.keep(outcome)
        return outcome

    def mark(self, questions: Sequence[ExamQuestion], given: Sequence[Given]) -> ExamResult:
        """The exam marked, as the end of an exam marks it (nothing is written)."""
        marked = tuple(mark(q, g) for q, g in zip(questions, given, strict=True))
        labels = {theme.key: theme.label for theme in self._catalogue.themes}
        themes: dict[str, tuple[int, int]] = {}
        result = tuple(MarkedQuestion(q, r) for q, r in zip(questions, marked, strict=True))
        for item in result:
            card = item.question.card
            label = labels.get(card.themes[0], card.themes[0]) if card.themes else "Other"
            right, asked = themes.get(label, (0, 0))
            themes[label] = (right + item.right, asked + 1)
        return ExamResult(self._schedule.now(), self.scope(), result, themes)

    def keep(self, outcome: ExamResult) -> None:
        """Keep a marked exam's result for the statistics (UserDatabaseError if it cannot
        be written: a read-only folder, a full disk)."""
        missed = tuple(item.question.card.id for item in outcome.missed)
        stored = StoredExamResult(
            outcome.taken_at,
            outcome.scope,
            len(outcome.marked),
            outcome.right,
            outcome.themes,
            missed,
        )
        self._results.add(stored)

    def results(self) -> list[StoredExamResult]:
        return self._results.all()
