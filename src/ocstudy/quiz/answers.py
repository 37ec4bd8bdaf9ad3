"""Checking an answer, explaining the difference, and turning the result into a rating.

Automatic results map to FSRS ratings so that the schedule learns from every mode:

* wrong → Again;
* partial (the year of a full date, a date inside the right range, a near-miss spelling, an
  order one swap away from right) → Hard;
* right but slow (longer than ``SLOW_MS`` for the mode) → Hard;
* right → Good;
* no answer (the answer shown without a pick or with an empty field) → Again: "I don't know".

An order earns partial credit by pairs: the share of the pairs of events the learner put in
the right order. All pairs right → Good; at least ``ORDER_HARD`` of them → Hard; less → Again.

An explanation (``difference``) never repeats the right answer: the card page shows the answer
once, under the verdict.

Easy is never given automatically: only the learner can say a card was easy (flashcard mode).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal

from ocstudy.content.dates import DateSpan, PartialDate
from ocstudy.content.vocabulary import AnswerMode
from ocstudy.phrasing import counted
from ocstudy.quiz.model import (
    DateAnswer,
    NumberAnswer,
    OrderAnswer,
    QuizCard,
    TextAnswer,
)
from ocstudy.quiz.parsing import normalize_name, parse_date, parse_number
from ocstudy.quiz.rating import Rating

Verdict = Literal["correct", "partial", "wrong", "unanswered"]

#: Answers slower than this (milliseconds) are rated Hard even when right.
SLOW_MS: Final[dict[AnswerMode, int]] = {"choice": 15_000, "typed": 25_000, "order": 45_000}
#: The share of pairs in the right order that still earns Hard.
ORDER_HARD: Final = 0.8


@dataclass(frozen=True, slots=True)
class CheckResult:
    verdict: Verdict
    mode: AnswerMode
    given: str
    expected: str
    #: A human explanation when not plainly right: "right year, wrong day (13, not 15)".
    difference: str | None = None
    #: Ordering: the order given (indices into the card's items) and the share of pairs in
    #: the right order.
    order: tuple[int, ...] = ()
    score: float | None = None

    @property
    def correct(self) -> bool:
        return self.verdict in ("correct", "partial")


def auto_rating(result: CheckResult, duration_ms: int | None = None) -> Rating:
    """The FSRS rating an automatic check earns (see the module docstring)."""
    if result.verdict in ("wrong", "unanswered"):
        return Rating.Again
    slow = duration_ms is not None and duration_ms > SLOW_MS.get(result.mode, 30_000)
    if result.verdict == "partial" or slow:
        return Rating.Hard
    return Rating.Good


def paper_value(card: QuizCard) -> str | None:
    """The paper's own (wrong) value as an option would show it, where it differs."""
    answer = card.answer
    if isinstance(answer, DateAnswer) and answer.paper is not None:
        return answer.paper.label()
    if isinstance(answer, NumberAnswer) and answer.paper is not None:
        return str(answer.paper)
    if isinstance(answer, TextAnswer):
        return answer.paper
    return None


def not_answered(card: QuizCard, mode: AnswerMode) -> CheckResult:
    """The answer shown without one given: "I don't know"."""
    return CheckResult("unanswered", mode, "", card.answer_text)


# -- choice and order -------------------------------------------------------------------------


def check_choice(card: QuizCard, index: int) -> CheckResult:
    """Check the option at ``index`` of ``card.choices``."""
    if not 0 <= index < len(card.choices):
        raise IndexError(f"card {card.id} has {len(card.choices)} options, not {index + 1}")
    given = card.choices[index]
    if given == card.answer_text:
        return CheckResult("correct", "choice", given, card.answer_text)
    why = f"{given} is what the paper says, not the record." if given == paper_value(card) else None
    return CheckResult("wrong", "choice", given, card.answer_text, why)


def check_order(card: QuizCard, order: Sequence[int]) -> CheckResult:
    """Check an ordering: ``order`` lists indices into ``card.items``, earliest first."""
    answer = card.answer
    if not isinstance(answer, OrderAnswer):
        raise TypeError(f"card {card.id} is not an ordering card")
    if sorted(order) != sorted(answer.order):
        raise ValueError(f"an ordering of {card.id} must use each item once: {list(order)}")
    given = " → ".join(card.items[i] for i in order)
    right = " → ".join(f"{card.items[i]} ({answer.dates[i]})" for i in answer.order)
    pairs = len(order) * (len(order) - 1) // 2
    right_pairs = pairs - _adjacent_swaps(list(order), list(answer.order))
    score = right_pairs / pairs if pairs else 1.0
    verdict: Verdict = "correct" if score == 1 else "partial" if score >= ORDER_HARD else "wrong"
    why = None if score == 1 else f"{right_pairs} of {counted(pairs, 'pair')} in the right order."
    return CheckResult(verdict, "order", given, right, why, tuple(order), score)


def _adjacent_swaps(given: list[int], right: list[int]) -> int:
    """How many neighbour swaps turn ``given`` into ``right`` (Kendall tau distance)."""
    rank = {item: position for position, item in enumerate(right)}
    ranks = [rank[item] for item in given]
    return sum(
        1 for i in range(len(ranks)) for j in range(i + 1, len(ranks)) if ranks[i] > ranks[j]
    )


# -- typed ------------------------------------------------------------------------------------


def check_typed(card: QuizCard, text: str) -> CheckResult:
    """Check a typed answer, tolerant of format, case, accents and spaces. An empty field
    is no answer ("I don't know")."""
    answer = card.answer
    if not text.strip():
        return replace(not_answered(card, "typed"), given=text)
    if isinstance(answer, DateAnswer):
        return _check_date(answer, text, card.answer_text)
    if isinstance(answer, NumberAnswer):
        return _check_number(answer, text)
    if isinstance(answer, TextAnswer):
        return _check_text(answer, text)
    raise TypeError(f"card {card.id} cannot be answered by typing")


def _check_date(answer: DateAnswer, text: str, expected: str) -> CheckResult:
    typed = parse_date(text)
    right = answer.span
    verdict: Verdict
    why: str | None
    if typed is None:
        verdict, why = "wrong", f"“{text}” is not a date I can read."
    elif typed == right:
        verdict, why = "correct", None
    elif answer.paper is not None and typed == answer.paper:
        verdict, why = "wrong", f"{typed.label()} is what the paper says, not the record."
    elif right.is_range or typed.is_range:
        verdict, why = _compare_ranges(typed, right)
    else:
        verdict, why = _compare_dates(typed.start, right.start)
    return CheckResult(verdict, "typed", text, expected, why)


def _compare_ranges(typed: DateSpan, right: DateSpan) -> tuple[Verdict, str]:
    inside = right.first_day() <= typed.first_day() and typed.last_day() <= right.last_day()
    if right.is_range and not typed.is_range and inside:
        return "partial", "That falls within it, but it ran longer."
    if typed.first_day() <= right.first_day() and right.last_day() <= typed.last_day():
        return "partial", "Right period, not exact."
    return "wrong", "Not that period."


def _compare_dates(typed: PartialDate, right: PartialDate) -> tuple[Verdict, str | None]:
    fields = [("year", typed.year, right.year)]
    if right.month is not None and typed.month is not None:
        fields.append(("month", typed.month, right.month))
    if right.day is not None and typed.day is not None:
        fields.append(("day", typed.day, right.day))
    wrong = [f for f in fields if f[1] != f[2]]
    if not wrong:  # consistent, only more or less precise
        if _rank(typed) < _rank(right):
            missing = {(0, 1): "month", (0, 2): "day and month"}.get(
                (_rank(typed), _rank(right)), "day"
            )
            return "partial", f"Right so far, but the {missing} missing."
        return "correct", f"Right; ocstudy knows it only to the {right.precision}."
    good = [name for name, a, b in fields if a == b]
    bad = [name for name, _, _ in wrong]
    why = f"Right {' and '.join(good)}, wrong {' and '.join(bad)}" if good else "Wrong date"
    years = typed.year - right.year
    if years and [f[0] for f in wrong] == ["year"]:
        plural = "s" if abs(years) > 1 else ""
        why += f" ({abs(years)} year{plural} too {'late' if years > 0 else 'early'})"
    return "wrong", f"{why}."


def _rank(date: PartialDate) -> int:
    return {"year": 0, "month": 1, "day": 2}[date.precision]


def _check_number(answer: NumberAnswer, text: str) -> CheckResult:
    typed = parse_number(text)
    expected = str(answer.value)
    if typed is None:
        return CheckResult("wrong", "typed", text, expected, "Not a number I can read.")
    if typed == answer.value:
        return CheckResult("correct", "typed", text, expected)
    if answer.paper is not None and typed == answer.paper:
        why = f"{typed} is the paper's figure, not the record's."
    else:
        off = typed - answer.value
        why = f"Too {'high' if off > 0 else 'low'} by {abs(off)}."
    return CheckResult("wrong", "typed", text, expected, why)


def _check_text(answer: TextAnswer, text: str) -> CheckResult:
    expected = answer.accepted[0]
    typed = _symbolic(normalize_name(text))
    accepted = {_symbolic(normalize_name(a)): a for a in answer.accepted}
    if typed in accepted:
        return CheckResult("correct", "typed", text, expected)
    if answer.paper is not None and typed == _symbolic(normalize_name(answer.paper)):
        why = f"{text} is what the paper says, not the record."
        return CheckResult("wrong", "typed", text, expected, why)
    close = difflib.get_close_matches(typed, list(accepted), n=1, cutoff=0.85)
    if close and len(typed) >= 5 and not any(c.isdigit() for c in typed):
        return CheckResult("partial", "typed", text, expected, "Nearly: a spelling slip.")
    return CheckResult("wrong", "typed", text, expected)


def _symbolic(text: str) -> str:
    """'a/res/55/25', 'resolution 55/25', 'res 55/25' all read as '55/25'."""
    for prefix in ("a/res/", "e/res/", "resolution ", "res "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


# -- which modes a card supports, and what the typed field asks for ---------------------------

#: Text answers short and exact enough to type: symbols, registration numbers, abbreviations.
_TYPED_TEXT_KINDS: Final = frozenset({"document", "abbreviation_reverse"})


def supported_modes(card: QuizCard) -> tuple[AnswerMode, ...]:
    """The modes ``card`` can be answered in, from its kind and answer: typing is for dates,
    years, numbers, symbols and abbreviations (never names or places); choice needs options."""
    answer = card.answer
    typable = isinstance(answer, DateAnswer | NumberAnswer) or (
        isinstance(answer, TextAnswer) and card.kind in _TYPED_TEXT_KINDS
    )
    allowed: set[AnswerMode] = {"flashcard"}
    if typable:
        allowed.add("typed")
    if card.choices:
        allowed.add("choice")
    if isinstance(answer, OrderAnswer):
        allowed.add("order")
    return tuple(mode for mode in card.modes if mode in allowed) or ("flashcard",)


def typed_hint(card: QuizCard) -> str:
    """The typed field's placeholder: the kind of answer asked, with a neutral example."""
    answer = card.answer
    if isinstance(answer, DateAnswer):
        if answer.span.is_range:
            return "Type the dates, then Enter (e.g. 12\u201315 December 2000)"
        return {
            "year": "Type the year, then Enter (e.g. 1961)",
            "month": "Type the month and year, then Enter (e.g. March 1961)",
        }.get(answer.span.start.precision, "Type the date, then Enter (e.g. 30 March 1961)")
    if isinstance(answer, NumberAnswer):
        return "Type the number, then Enter (e.g. 12)"
    if card.kind == "abbreviation_reverse":
        return "Type the abbreviation, then Enter (e.g. ABC)"
    if card.kind == "document" and "/" in card.answer_text:
        return "Type the symbol, then Enter (e.g. 12/345 or A/RES/12/345)"
    if card.kind == "document":
        return "Type the number, then Enter (e.g. 12345)"
    return "Type the name, then Enter"
