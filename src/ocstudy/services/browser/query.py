"""The cards browser's search as a tree of terms, and that tree compiled into a plain
predicate over :class:`~ocstudy.services.browser.rows.CardRow` values (filtering 100,000
rows calls no service and no Qt). ``search`` reads Anki's syntax into the tree."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from ocstudy.userdata.card_tags import NO_TAG

if TYPE_CHECKING:
    from ocstudy.services.browser.rows import CardRow

Matcher = Callable[["CardRow"], bool]
#: The ids of the cards answered in the last N days (today is day 1), optionally with a rating.
RatedLookup = Callable[[int, int | None], frozenset[str]]

#: ``prop:`` names and the row field each compares.
PROPS: Final = {
    "due": "due_days",
    "ivl": "interval",
    "r": "retrievability",
    "s": "stability",
    "d": "difficulty",
    "lapses": "lapses",
    "reps": "reps",
}

# -- the query tree --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    pattern: str  # casefolded; may hold ``*``


@dataclass(frozen=True, slots=True)
class Field:
    name: Literal["entity", "theme", "kind", "tier", "tag"]
    pattern: str


@dataclass(frozen=True, slots=True)
class Is:
    value: str


@dataclass(frozen=True, slots=True)
class Flag:
    number: int


@dataclass(frozen=True, slots=True)
class Prop:
    name: str
    operator: str
    number: float


@dataclass(frozen=True, slots=True)
class Rated:
    days: int
    rating: int | None


@dataclass(frozen=True, slots=True)
class Not:
    term: Term


@dataclass(frozen=True, slots=True)
class AllOf:
    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    terms: tuple[Term, ...]


Term = Text | Field | Is | Flag | Prop | Rated | Not | AllOf | AnyOf


@dataclass(frozen=True, slots=True)
class SearchContext:
    """What a search needs beyond the rows: who was answered when (for ``rated:``)."""

    rated: RatedLookup


# -- compiling --------------------------------------------------------------------------------


def _pattern(text: str) -> Callable[[str], bool]:
    """A test for ``text`` inside a string (``*`` is any text); both casefolded."""
    if "*" not in text:
        return lambda haystack: text in haystack
    regex = re.compile(".*".join(re.escape(part) for part in text.split("*")), re.DOTALL)
    return lambda haystack: regex.search(haystack) is not None


def _whole(text: str) -> Callable[[str], bool]:
    """A test for a whole value equal to ``text`` (``*`` is any text)."""
    if "*" not in text:
        return lambda value: value == text
    regex = re.compile(".*".join(re.escape(part) for part in text.split("*")), re.DOTALL)
    return lambda value: regex.fullmatch(value) is not None


def _compare(operator: str, number: float) -> Callable[[float], bool]:
    return {
        "<": lambda value: value < number,
        ">": lambda value: value > number,
        "<=": lambda value: value <= number,
        ">=": lambda value: value >= number,
        "=": lambda value: value == number,
        "!=": lambda value: value != number,
    }[operator]


def compile_term(term: Term, context: SearchContext) -> Matcher:
    """``term`` as a predicate over rows."""
    if isinstance(term, Text):
        found = _pattern(term.pattern)
        return lambda row: found(row.haystack)
    if isinstance(term, Field):
        equal = _whole(term.pattern)
        if term.name == "kind":
            return lambda row: equal(row.kind)
        if term.name == "tier":
            return lambda row: equal(row.tier)
        if term.name == "tag":
            return _tag(term.pattern, equal)
        attribute = "entity_slugs" if term.name == "entity" else "themes"
        return lambda row: any(equal(value) for value in getattr(row, attribute))
    if isinstance(term, Is):
        return _is(term.value)
    if isinstance(term, Flag):
        return lambda row: row.flag == term.number
    if isinstance(term, Prop):
        attribute, test = PROPS[term.name], _compare(term.operator, term.number)

        def prop(row: CardRow) -> bool:
            value = getattr(row, attribute)
            return value is not None and test(value)

        return prop
    if isinstance(term, Rated):
        ids = context.rated(term.days, term.rating)
        return lambda row: row.id in ids
    if isinstance(term, Not):
        inner = compile_term(term.term, context)
        return lambda row: not inner(row)
    matchers = [compile_term(t, context) for t in term.terms]
    if isinstance(term, AllOf):
        return lambda row: all(m(row) for m in matchers)
    return lambda row: any(m(row) for m in matchers)


def _tag(pattern: str, equal: Callable[[str], bool]) -> Matcher:
    """``tag:none``: no tag (as in Anki); else a tag equal to ``pattern``, case aside."""
    if pattern == NO_TAG:
        return lambda row: not row.tags
    return lambda row: any(equal(tag.casefold()) for tag in row.tags)


def _is(value: str) -> Matcher:
    if value == "new":
        return lambda row: row.state == "new"
    if value == "learn":
        return lambda row: row.state in ("learning", "relearning")
    if value == "review":
        return lambda row: row.state in ("review", "relearning")
    if value == "due":
        return lambda row: row.is_due
    if value == "own":
        return lambda row: row.own
    if value in ("paper", "record"):
        return lambda row: row.origin == value
    attribute = {"suspended": "suspended", "buried": "buried", "leech": "leech"}[value]
    return lambda row: bool(getattr(row, attribute))
