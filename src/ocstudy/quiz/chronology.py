"""Chronology cards: put four events in order, and which of four came first.

Within each theme (of any of an entity's themes), the dated events are walked in date order and
cut into sets of four: four different entities whose dates do not overlap, so the order is
never ambiguous (a year-only "1991" and "21 November 1991" overlap and never share a set).
Neighbouring events make the hardest, most useful sets. A set holds dates of one origin: the
paper's, or the record's where the paper gives none, so that the card's "From the record" or
"According to the paper" is true of every event in it. Sets alternate between ordering cards
and which-came-first cards. A card's id is a digest of its sorted fact ids. The cards cite
and mark the events' dates only: a place cited apart, or the paper's error about a place
(UNTOC "adopted in Palermo"), says nothing of the order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Final

from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Event
from ocstudy.content.vocabulary import FactStatus
from ocstudy.quiz.building import Concerns, ContentIndex, build_card, card_rng
from ocstudy.quiz.differences import date_differs
from ocstudy.quiz.event_fields import as_date
from ocstudy.quiz.model import OrderAnswer, QuizCard, TextAnswer
from ocstudy.quiz.wording import event_phrase

SET_SIZE: Final = 4
#: A target date is not something that happened.
_SKIPPED_KINDS: Final = frozenset({"target_date"})


def chronology_id(kind: str, events: Sequence[Event]) -> str:
    digest = hashlib.sha256("|".join(sorted(e.id for e in events)).encode()).hexdigest()
    return f"chronology:{kind}:{digest[:16]}"


def date_origin(event: Event) -> str:
    """``record`` where the paper gives no date for the event, else ``paper``."""
    return "record" if event.status is FactStatus.RECORD else "paper"


def event_sets(index: ContentIndex) -> Iterator[tuple[str, tuple[Event, ...]]]:
    """(theme, four events in date order, all of one origin) for every theme, in the order
    of the themes met, the paper's sets of a theme before the record's. A set of events is
    given once, under the first theme it is cut in."""
    by_theme: dict[str, dict[str, list[Event]]] = {}
    for event in index.events:  # already in date order
        if event.kind not in _SKIPPED_KINDS:
            for theme in index.entity_of(event).themes:
                origins = by_theme.setdefault(theme, {"paper": [], "record": []})
                origins[date_origin(event)].append(event)
    seen: set[frozenset[str]] = set()
    for theme, origins in by_theme.items():
        for events in origins.values():
            yield from _cut(theme, events, seen)


def _cut(
    theme: str, events: list[Event], seen: set[frozenset[str]]
) -> Iterator[tuple[str, tuple[Event, ...]]]:
    """Sets of four neighbouring events of different entities whose dates do not overlap."""
    current: list[Event] = []
    for event in events:
        if current and (
            event.entity_slug in {e.entity_slug for e in current}
            or DateSpan.parse(current[-1].date).last_day() >= DateSpan.parse(event.date).first_day()
        ):
            continue
        current.append(event)
        if len(current) == SET_SIZE:
            ids = frozenset(e.id for e in current)
            if ids not in seen:
                seen.add(ids)
                yield theme, tuple(current)
            current = []


def _dates_of(events: Sequence[Event]) -> tuple[tuple[Event, ...], Concerns]:
    """The events as their dates' cards see them, and which of the paper's differences are
    about those dates."""
    dated = {
        citation
        for event in events
        for citation in event.differences
        if date_differs(DateSpan.parse(event.date))(citation)
    }
    return tuple(as_date(e) for e in events), dated.__contains__


def chronology_cards(index: ContentIndex, seed: int) -> Iterator[QuizCard]:
    for number, (theme, events) in enumerate(event_sets(index)):
        if number % 2 == 0:
            yield _order_card(index, theme, events, seed)
        else:
            yield _first_card(index, theme, events, seed)


def _phrases(index: ContentIndex, events: Sequence[Event]) -> list[str]:
    return [event_phrase(index.entity_of(e), e) for e in events]


def _dated(index: ContentIndex, events: Sequence[Event]) -> list[str]:
    return [
        f"{phrase}: {DateSpan.parse(e.date).label()}"
        for phrase, e in zip(_phrases(index, events), events, strict=True)
    ]


def _order_card(index: ContentIndex, theme: str, events: tuple[Event, ...], seed: int) -> QuizCard:
    card_id = chronology_id("order", events)
    rng = card_rng(seed, card_id)
    facts, concerns = _dates_of(events)
    shown = list(range(len(events)))
    while shown == sorted(shown):  # never show them already in order
        rng.shuffle(shown)
    phrases = _phrases(index, events)
    items = tuple(phrases[i] for i in shown)
    order = tuple(shown.index(i) for i in range(len(events)))
    dates = tuple(DateSpan.parse(events[i].date).label() for i in shown)
    return build_card(
        id=card_id,
        kind="chronology_order",
        prompt="Put these in order, earliest first.",
        answer=OrderAnswer(order, dates),
        answer_text=" → ".join(phrases),
        items=items,
        details=_dated(index, events),
        modes=("order", "flashcard"),
        facts=facts,
        entities=[index.entity_of(e) for e in events],
        themes=(theme,),
        topics=("dates",),
        concerns=concerns,
    )


def _first_card(index: ContentIndex, theme: str, events: tuple[Event, ...], seed: int) -> QuizCard:
    card_id = chronology_id("first", events)
    rng = card_rng(seed, card_id)
    facts, concerns = _dates_of(events)
    phrases = _phrases(index, events)
    options = list(phrases)
    rng.shuffle(options)
    return build_card(
        id=card_id,
        kind="chronology_first",
        prompt="Which of these came first?",
        answer=TextAnswer((phrases[0],)),
        answer_text=phrases[0],
        choices=tuple(options),
        details=_dated(index, events),
        modes=("choice", "flashcard"),
        facts=facts,
        entities=[index.entity_of(e) for e in events],
        themes=(theme,),
        topics=("dates",),
        concerns=concerns,
    )
