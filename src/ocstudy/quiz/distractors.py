"""Wrong options for multiple choice that a learner could actually confuse with the answer.

Dates: the paper's own wrong date first, then other dates of the content and shifted copies
of the answer, all at the answer's precision and within a few years of it. Numbers: the
paper's figure, then numbers close to the answer. Document numbers: other numbers of the
same series and near misses. Entities: others of the kind the question names, then of the same
group and theme; never one that is also right (the caller excludes those). Expansions of an
abbreviation: names sharing its initial letter. Every function takes the caller's seeded
``random.Random``, so choices are stable.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta

from ocstudy.content.dates import DateSpan, PartialDate, days_in_month
from ocstudy.content.model import Entity
from ocstudy.quiz.parsing import normalize_name
from ocstudy.quiz.wording import general_noun, noun

OPTIONS = 4
#: Content dates further than this from the answer are not plausible distractors.
NEAR_YEARS = 6


def choices(answer: str, distractors: Sequence[str], rng: random.Random) -> tuple[str, ...]:
    """The answer and three distractors in a seeded order, or () when there are too few."""
    picked: list[str] = []
    seen = {normalize_name(answer)}
    for option in distractors:
        key = normalize_name(option)
        if key not in seen:
            seen.add(key)
            picked.append(option)
        if len(picked) == OPTIONS - 1:
            options = [answer, *picked]
            rng.shuffle(options)
            return tuple(options)
    return ()


# -- dates ------------------------------------------------------------------------------------


def _shift(date: PartialDate, *, years: int = 0, months: int = 0, days: int = 0) -> PartialDate:
    if days:
        moved = date.first_day() + timedelta(days=days)
        return PartialDate(moved.year, moved.month, moved.day)
    year, month = date.year + years, date.month
    if month is not None:
        index = year * 12 + month - 1 + months
        year, month = divmod(index, 12)
        month += 1
    day = date.day
    if day is not None and month is not None:
        day = min(day, days_in_month(year, month))
    return PartialDate(year, month, day)


def _shifted(span: DateSpan, **amount: int) -> DateSpan:
    end = _shift(span.end, **amount) if span.end is not None else None
    return DateSpan(_shift(span.start, **amount), end)


def _same_shape(one: DateSpan, other: DateSpan) -> bool:
    return one.precision == other.precision and one.is_range == other.is_range


def _nested(one: DateSpan, other: DateSpan) -> bool:
    """One span within the other ('11-12 March 2009' within '11-20 March 2009'): offering
    it would make a second right answer."""
    a, b = (one.first_day(), one.last_day()), (other.first_day(), other.last_day())
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def date_distractors(
    span: DateSpan,
    pool: Iterable[DateSpan],
    rng: random.Random,
    paper: DateSpan | None = None,
    also_true: Iterable[DateSpan] = (),
    *,
    same_year: bool = False,
) -> list[str]:
    """Labels of dates near ``span`` at its precision: the paper's first, then a seeded mix;
    never a date within or around the answer or ``also_true`` (the entity's other dates).
    ``same_year``: every option in the answer's year (the question names the year: 'When was
    the 1925 Convention signed?' must not be answered by the one option in 1925)."""
    true = [span, *also_true]
    near = [
        other
        for other in pool
        if _same_shape(span, other)
        and abs(other.start.year - span.start.year) <= NEAR_YEARS
        and other not in true
    ]
    moves: list[dict[str, int]] = [{"years": k} for k in (-3, -2, -1, 1, 2, 3)]
    if span.precision != "year":
        moves += [{"months": k} for k in (-4, -2, -1, 1, 2, 5)]
    if span.precision == "day":
        moves += [{"days": k} for k in (-9, -3, 3, 11)]
    shifted = [_shifted(span, **move) for move in moves]
    rng.shuffle(near)
    rng.shuffle(shifted)
    candidates = near[:2] + shifted
    first = [paper] if paper is not None and _same_shape(span, paper) else []
    return [
        candidate.label()
        for candidate in [*first, *candidates]
        if not any(candidate == t or _nested(candidate, t) for t in true)
        and (not same_year or _years(candidate) == _years(span))
    ]


def _years(span: DateSpan) -> tuple[int, int]:
    return span.start.year, (span.end or span.start).year


# -- numbers and symbols ----------------------------------------------------------------------


#: How far apart the options of a count are (a share of the answer): close enough to need
#: knowing, far enough that one option alone is right; wider for "about how many".
NUMBER_SPREAD = 0.1
ABOUT_SPREAD = 0.2


def number_distractors(
    value: int, rng: random.Random, paper: int | None = None, *, spread: float = NUMBER_SPREAD
) -> list[str]:
    """Numbers near ``value`` (±1-3 for small numbers; for large ones, steps of ``spread``:
    184 → 166, 202, 147; a round answer among round numbers: 500 → 400, 600, 700)."""
    step = max(1, round(value * spread))
    near = [value + k * step for k in (-3, -2, -1, 1, 2, 3)]
    if value >= 50 and value % 10 == 0:  # a round answer among round options, never alone
        near = [round(n, -1) for n in near]
    near = [
        n
        for n in dict.fromkeys(near)
        if n > 0
        and n != value
        and max(1, spread * value - 0.5) <= abs(n - value) <= max(3, value / 2)
    ]
    rng.shuffle(near)
    first = [paper] if paper is not None and paper != value else []
    return [str(n) for n in [*first, *near]]


_DIGITS = re.compile(r"\d+")


def symbol_distractors(
    symbol: str, pool: Iterable[str], rng: random.Random, paper: str | None = None
) -> list[str]:
    """Other symbols of the same series, then near misses (55/25 → 55/26, 54/25)."""
    others = [other for other in dict.fromkeys(pool) if other != symbol]
    rng.shuffle(others)
    runs = list(_DIGITS.finditer(symbol))
    misses: list[str] = []
    for run in runs[-1:] + runs[:1]:
        number = int(run.group())
        for delta in (1, -1, 2, 10, -10):
            if number + delta > 0:
                misses.append(symbol[: run.start()] + str(number + delta) + symbol[run.end() :])
    rng.shuffle(misses)
    first = [paper] if paper else []
    return [*first, *others[:2], *misses]


# -- entities and places ----------------------------------------------------------------------


def is_a(entity: Entity, asked: str) -> bool:
    """Whether a 'Which <asked>?' question fits the entity ('body' fits a unit)."""
    return asked in {noun(entity), general_noun(entity)}


def asked_noun(answer: Entity, pool: Iterable[Entity], exclude: set[str]) -> str:
    """The noun to ask for: the answer's own ('programme') when at least two other entities
    are of it, so that most options fit the question; else its group's ('body' for the one
    unit), else the one with more."""
    others = [e for e in pool if e.slug != answer.slug and e.slug not in exclude]
    words = list(dict.fromkeys((noun(answer), general_noun(answer))))
    fitting = {word: sum(is_a(e, word) for e in others) for word in words}
    enough = [word for word in words if fitting[word] >= OPTIONS - 2]
    return enough[0] if enough else max(words, key=lambda word: fitting[word])


def rank_entities(
    answer: Entity,
    pool: Iterable[Entity],
    rng: random.Random,
    exclude: set[str],
    distance: Callable[[Entity], float] | None = None,
    asked: str | None = None,
) -> list[Entity]:
    """Entities most like ``answer`` first: of the asked noun (its own by default), same
    group, written alike (an abbreviation among abbreviations), same themes, nearest."""
    themes = set(answer.themes)
    word = asked or noun(answer)
    candidates = [e for e in pool if e.slug != answer.slug and e.slug not in exclude]
    form = _form(answer.short_name)
    keyed = [
        (
            not is_a(e, word),
            noun(e) != noun(answer),
            e.group != answer.group,
            e.is_body != answer.is_body,
            _form(e.short_name) != form,
            not themes & set(e.themes),
            distance(e) if distance else 0.0,
            rng.random(),
            e.slug,
        )
        for e in candidates
    ]
    by_slug = {e.slug: e for e in candidates}
    return [by_slug[key[-1]] for key in sorted(keyed)]


def _form(name: str) -> int:
    """How a name is written, for options that look alike: an abbreviation ('UNODC'), a short
    name ('General Assembly'), or a long one ('Conference of the Parties to UNTOC')."""
    if len(name) <= 8:
        return 0
    return 1 if len(name) <= 26 else 2


def place_distractors(place: str, pool: Iterable[str], rng: random.Random) -> list[str]:
    """Other places of the content that share no part with ``place``."""
    parts = {normalize_name(part) for part in place.split(",")}
    others = list(dict.fromkeys(pool))
    rng.shuffle(others)
    picked: list[str] = []
    for other in others:  # "New York" and "UN Headquarters, New York" are one place
        other_parts = {normalize_name(part) for part in other.split(",")}
        if not parts & other_parts:
            picked.append(other)
            parts |= other_parts
    return picked


def _initial(text: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", text) if w and w.casefold() != "the"]
    return words[0][:1].casefold() if words else ""


def sharing_initial(options: tuple[str, ...], initial: str) -> tuple[str, ...]:
    """The options, or () where the answer alone has the initial (the options would give it
    away: the card is then asked as a flashcard only)."""
    if sum(_initial(o) == initial.casefold() for o in options) == 1:
        return ()
    return options


def expansion_distractors(
    acronym: str,
    answer: Entity,
    pool: Iterable[tuple[Entity, Sequence[str]]],
    rng: random.Random,
    also_right: Callable[[str], bool],
) -> list[str]:
    """Other entities' full names, one per entity, those sharing the acronym's initial first
    ('I…' for ICAT), then of the same group; never one that spells the acronym out too."""
    initial = acronym[:1].casefold()
    keyed: list[tuple[bool, bool, bool, float, str]] = []
    for entity, names in pool:
        if entity.slug == answer.slug:
            continue
        usable = [n for n in names if not also_right(n)]
        if not usable:
            continue
        same = [n for n in usable if _initial(n) == initial]
        picked = same[0] if same else usable[0]
        unlike = abs(len(picked) - len(answer.title)) > len(answer.title) / 2  # its length
        keyed.append((not same, unlike, entity.group != answer.group, rng.random(), picked))
    return [key[-1] for key in sorted(keyed)]


def abbreviation_distractors(
    answer: str,
    pool: Iterable[tuple[Entity, Sequence[str]]],
    rng: random.Random,
    also_right: Callable[[str], bool],
    like: Entity,
) -> list[str]:
    """Other entities' abbreviations, one per entity, those sharing the answer's initial
    first, then of the same group; never one the full name also spells out."""
    initial = answer[:1].casefold()
    keyed: list[tuple[bool, bool, float, str]] = []
    for entity, abbreviations in pool:
        if entity.slug == like.slug:
            continue
        usable = [a for a in abbreviations if not also_right(a)]
        if not usable:
            continue
        same = [a for a in usable if a[:1].casefold() == initial]
        picked = same[0] if same else usable[0]
        keyed.append((not same, entity.group != like.group, rng.random(), picked))
    return [key[-1] for key in sorted(keyed)]
