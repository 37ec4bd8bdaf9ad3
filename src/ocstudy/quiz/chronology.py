"""Chronology cards: put four events in order, and which of four came first.

Within each theme (of any of an entity's themes), the dated events are walked in date order and
cut into sets of four: four different entities whose dates do not overlap, so the order is
never ambiguous (a year-only "1991" and "21 November 1991" overlap and never share a set).
Neighbouring events make the hardest, most useful sets. Sets alternate between ordering
cards and which-came-first cards. A card's id is a digest of its sorted fact ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Final

from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Event
from ocstudy.quiz.building import ContentIndex, build_card, card_rng
from ocstudy.quiz.model import OrderAnswer, QuizCard, TextAnswer
from ocstudy.quiz.wording import event_phrase

SET_SIZE: Final = 4
#: A target date is not something that happened.
_SKIPPED_KINDS: Final = frozenset({"target_date"})


def chronology_id(kind: str, events: Sequence[Event]) -> str:
    digest = hashlib.sha256("|".join(sorted(e.id for e in events)).encode()).hexdigest()
    return f"chronology:{kind}:{digest[:16]}"


def event_sets(index: ContentIndex) -> Iterator[tuple[str, tuple[Event, ...]]]:
    """(theme, four events in date order) for every theme, in the order of the themes met."""
    by_theme: dict[str, list[Event]] = {}
    for event in index.events:  # already in date order
        if event.kind not in _SKIPPED_KINDS:
            for theme in index.entity_of(event).themes:
                by_theme.setdefault(theme, []).append(event)
    seen: set[frozenset[str]] = set()
    for theme, events in by_theme.items():
        current: list[Event] = []
        for event in events:
            if current and (
                event.entity_slug in {e.entity_slug for e in current}
                or DateSpan.parse(current[-1].date).last_day()
                >= DateSpan.parse(event.date).first_day()
            ):
                continue
            current.append(event)
            if len(current) == SET_SIZE:
                ids = frozenset(e.id for e in current)
                if ids not in seen:
                    seen.add(ids)
                    yield theme, tuple(current)
                current = []


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
        facts=events,
        entities=[index.entity_of(e) for e in events],
        themes=(theme,),
        topics=("dates",),
    )


def _first_card(index: ContentIndex, theme: str, events: tuple[Event, ...], seed: int) -> QuizCard:
    card_id = chronology_id("first", events)
    rng = card_rng(seed, card_id)
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
        facts=events,
        entities=[index.entity_of(e) for e in events],
        themes=(theme,),
        topics=("dates",),
    )
