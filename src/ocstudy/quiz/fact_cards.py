"""Cards from single facts: dates (both ways), places, counts and document numbers.

Ambiguity rules: a forward question is dropped when the entity has another fact of the same
kind it could mean; a reverse date question is dropped when another event of the same kind
overlaps the date (two instruments adopted on 15 November 2000, or a year-only date that
another event of that kind falls in); a reverse document question is dropped when another
entity shares the number; a place or number that the entity's own name gives away is not
asked. A card is marked "the paper differs" only where the paper's value for the asked field
differs (the paper's wrong month does not mark the place card of the same event), and a
place the paper does not name is marked the record's even where the paper gives the date.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterator
from typing import Final

from ocstudy.content.dates import DateSpan, PartialDate
from ocstudy.content.model import Document, Entity, Event
from ocstudy.content.vocabulary import COUNT_KINDS, DOCUMENT_KINDS, EVENT_KINDS
from ocstudy.quiz import distractors as d
from ocstudy.quiz.building import (
    ContentIndex,
    build_card,
    card_rng,
    names_of,
    reveals,
)
from ocstudy.quiz.differences import (
    date_differs,
    mentions,
    number_differs,
    paper_date,
    place_differs,
)
from ocstudy.quiz.event_fields import as_date, as_place, dated_value
from ocstudy.quiz.implied import linked
from ocstudy.quiz.model import DateAnswer, NumberAnswer, QuizCard, TextAnswer
from ocstudy.quiz.parsing import find_number, normalize_name
from ocstudy.quiz.wording import (
    count_question,
    event_question,
    name,
    reverse_event_question,
)

#: Events a "where" question makes sense for (an entry into force has no place).
_NO_PLACE_KINDS: Final = frozenset({"entry_into_force", "target_date"})

_DOCUMENT_QUESTIONS: Final[dict[str, str]] = {
    "ga_resolution": "What is the number of the General Assembly resolution on {N}?",
    "ecosoc_resolution": "What is the number of the ECOSOC resolution on {N}?",
    "cop_resolution": "What is the number of the Conference of the Parties resolution on {N}?",
    "unts": "Where is {N} published in the United Nations Treaty Series?",
    "registration": "What is the UN registration number of {N}?",
    "document_symbol": "What is the document symbol of {N}?",
}
_REVERSE_DOCUMENT_KINDS: Final = frozenset({"ga_resolution", "ecosoc_resolution"})


def fact_cards(index: ContentIndex, seed: int) -> Iterator[QuizCard]:
    yield from _date_cards(index, seed)
    yield from _place_cards(index, seed)
    yield from _count_cards(index, seed)
    yield from _document_cards(index, seed)


# -- dates ------------------------------------------------------------------------------------


def _forward_ambiguous(event: Event, index: ContentIndex) -> bool:
    """Another event of the entity has the same kind, and the label cannot tell them apart."""
    default = EVENT_KINDS.get(event.kind)
    return any(
        other.id != event.id
        and other.entity_slug == event.entity_slug
        and other.kind == event.kind
        and (other.label == event.label or event.label == default)
        for other in index.events
    )


def _overlaps(one: Event, other: Event) -> bool:
    return one.date_start <= _last(other) and other.date_start <= _last(one)


def _last(event: Event) -> str:
    return DateSpan.parse(event.date).last_day().isoformat()


def _date_cards(index: ContentIndex, seed: int) -> Iterator[QuizCard]:
    pool = [DateSpan.parse(e.date) for e in index.events]
    for event in index.events:
        entity = index.entity_of(event)
        span = DateSpan.parse(event.date)
        details = (
            dated_value(event),
            event.label if event.label != EVENT_KINDS.get(event.kind) else "",
        )
        prompt = event_question("When", entity, event)
        if prompt is not None and not _forward_ambiguous(event, index):
            card_id = f"{event.id}:forward"
            concerns = date_differs(span)
            paper = next(
                (p for c in event.differences if concerns(c) and (p := paper_date(c))), None
            )
            own = [
                DateSpan.parse(o.date)
                for o in index.events
                if o.entity_slug == event.entity_slug and o.id != event.id
            ]
            named = _names_year(entity, span)  # '1925' in the name: every option in 1925
            options = d.date_distractors(
                span, pool, card_rng(seed, card_id), paper, own, same_year=named
            )
            choices = d.choices(span.label(), options, card_rng(seed, card_id))
            yield build_card(
                id=card_id,
                kind="date",
                prompt=prompt,
                answer=DateAnswer(span, paper),
                answer_text=span.label(),
                choices=() if named and span.precision == "year" else choices,
                details=details,
                facts=(as_date(event),),
                entities=(entity,),
                topics=("dates",),
                sibling_key=event.id,
                concerns=concerns,
            )
        exclude = linked(index.truths, entity.slug)
        word = d.asked_noun(entity, index.entities.values(), exclude)
        question = reverse_event_question(entity, event, span, word)
        clash = any(
            o.id != event.id and o.kind == event.kind and _overlaps(event, o) for o in index.events
        )
        if question is None or clash:
            continue
        card_id = f"{event.id}:reverse"
        rng = card_rng(seed, card_id)
        same_kind = {o.entity_slug: o for o in index.events if o.kind == event.kind}

        def distance(
            other: Entity, kind_events: dict[str, Event] = same_kind, year: int = span.start.year
        ) -> float:
            found = kind_events.get(other.slug)
            return 1000.0 if found is None else abs(int(found.date_start[:4]) - year)

        ranked = [
            other  # a name dated after the date asked is no option ('1971 Convention', 1964)
            for other in d.rank_entities(
                entity, index.entities.values(), rng, exclude, distance, asked=word
            )
            if not any(year > span.start.year for year in _named_years(other))
        ]
        choices = d.choices(entity.short_name, [e.short_name for e in ranked], rng)
        yield build_card(
            id=card_id,
            kind="date_reverse",
            prompt=question,
            answer=TextAnswer(names_of(entity)),
            answer_text=entity.short_name,
            choices=() if _named_in(entity, question, span) else choices,
            details=(entity.title, *details),
            facts=(as_date(event),),
            entities=(entity,),
            topics=("dates",),
            sibling_key=event.id,
        )


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _named_years(entity: Entity) -> set[int]:
    """The years an entity's names carry ('1988 Vienna Convention', 'UNGASS 1998')."""
    return {int(year) for name in names_of(entity) for year in _YEAR.findall(name)}


def _names_year(entity: Entity, span: DateSpan) -> bool:
    """Whether the entity's name carries the year of ``span`` (the question names it)."""
    return bool(_named_years(entity) & {span.start.year, (span.end or span.start).year})


def _named_in(entity: Entity, question: str, span: DateSpan) -> bool:
    """Whether the answer's name carries what the question says: the year of the date asked,
    or a place ('Which meeting was held in Shanghai in 1909?'). Such a card is not asked by
    choice: the one option with '1925' or 'Shanghai' in its name would give it away."""
    words = {w for w in re.findall(r"\b[A-Z][a-z]{3,}\b", question) if reveals(w, entity)}
    return _names_year(entity, span) or bool(words - _QUESTION_WORDS)


#: Capitalised words of questions that are no place ('Which', 'When', months).
_QUESTION_WORDS: Final = frozenset({"Which", "When", "Where", "What", "According"}) | frozenset(
    calendar.month_name[1:]
)


# -- places -----------------------------------------------------------------------------------


def _place_cards(index: ContentIndex, seed: int) -> Iterator[QuizCard]:
    places = [e.place for e in index.events if e.place]
    known = {normalize_name(part) for place in places for part in place.split(",")}
    asked: set[tuple[str, str]] = set()
    for event in index.events:
        place = event.place
        if not place or event.kind in _NO_PLACE_KINDS or _forward_ambiguous(event, index):
            continue
        entity = index.entity_of(event)
        prompt = event_question("Where", entity, event, with_label=False)
        key = (entity.slug, normalize_name(place))
        if prompt is None or key in asked or any(reveals(p, entity) for p in place.split(",")):
            continue
        asked.add(key)
        card_id = f"{event.id}:place"
        rng = card_rng(seed, card_id)
        parts = tuple(part.strip() for part in place.split(","))
        concerns = place_differs(place, known)
        yield build_card(
            id=card_id,
            kind="place",
            prompt=prompt,
            answer=TextAnswer(tuple(dict.fromkeys((place, *parts)))),
            answer_text=place,
            choices=d.choices(place, d.place_distractors(place, places, rng), rng),
            details=(event.value,),
            facts=(as_place(event, concerns),),
            entities=(entity,),
            sibling_key=event.id,
            concerns=concerns,
        )


# -- counts -----------------------------------------------------------------------------------


def _count_cards(index: ContentIndex, seed: int) -> Iterator[QuizCard]:
    kinds = Counter((c.entity_slug, c.kind) for c in index.counts)
    for count in index.counts:
        entity = index.entity_of(count)
        if kinds[(count.entity_slug, count.kind)] > 1 or reveals(str(count.number), entity):
            continue
        card_id = f"{count.id}:forward"
        rng = card_rng(seed, card_id)
        said = [find_number(c.says) for c in count.differences if c.says]
        paper = next((n for n in said if n is not None and n != count.number), None)
        as_at = PartialDate.parse(count.as_at).label() if count.as_at else None
        kind_label = COUNT_KINDS.get(count.kind, count.kind)
        prompt = count_question(entity, count.kind, kind_label, as_at, count.label)
        answer = str(count.number)
        about = re.search(r"\babout\b", prompt, re.IGNORECASE)
        spread = d.ABOUT_SPREAD if about else d.NUMBER_SPREAD
        options = d.number_distractors(count.number, rng, paper, spread=spread)
        yield build_card(
            id=card_id,
            kind="count",
            prompt=prompt,
            answer=NumberAnswer(count.number, paper),
            answer_text=answer,
            choices=d.choices(answer, options, rng),
            details=(count.value, count.label if count.label != kind_label else ""),
            facts=(count,),
            entities=(entity,),
            topics=("bodies",) if entity.is_body else (),
            concerns=number_differs(count.number),
        )


# -- documents --------------------------------------------------------------------------------


def _document_cards(index: ContentIndex, seed: int) -> Iterator[QuizCard]:
    kinds = Counter((doc.entity_slug, doc.kind) for doc in index.documents)
    holders = Counter((doc.kind, normalize_name(doc.symbol)) for doc in index.documents)
    for doc in index.documents:
        entity = index.entity_of(doc)
        template = _DOCUMENT_QUESTIONS.get(doc.kind)
        if template is None or reveals(doc.symbol, entity):
            continue
        series = [o.symbol for o in index.documents if o.kind == doc.kind]
        label = DOCUMENT_KINDS.get(doc.kind, doc.kind)
        if kinds[(doc.entity_slug, doc.kind)] == 1:
            yield _document_card(doc, entity, template, series, seed)
        if (
            doc.kind in _REVERSE_DOCUMENT_KINDS
            and holders[(doc.kind, normalize_name(doc.symbol))] == 1
        ):
            card_id = f"{doc.id}:reverse"
            rng = card_rng(seed, card_id)
            exclude = linked(index.truths, entity.slug)
            word = d.asked_noun(entity, index.entities.values(), exclude)
            ranked = d.rank_entities(entity, index.entities.values(), rng, exclude, asked=word)
            yield build_card(
                id=card_id,
                kind="document_reverse",
                prompt=f"Which {word} goes with {label} {doc.symbol}?",
                answer=TextAnswer(names_of(entity)),
                answer_text=entity.short_name,
                choices=d.choices(entity.short_name, [e.short_name for e in ranked], rng),
                details=(entity.title,),
                facts=(doc,),
                entities=(entity,),
                sibling_key=doc.id,
            )


def _document_card(
    doc: Document, entity: Entity, template: str, series: list[str], seed: int
) -> QuizCard:
    card_id = f"{doc.id}:forward"
    rng = card_rng(seed, card_id)
    concerns = mentions(doc.symbol)
    says = next((c.says for c in doc.differences if c.says and concerns(c)), None)
    paper = says if says and len(says) <= 20 else None  # a bare number, not a sentence
    accepted = [doc.symbol]
    if doc.kind == "ga_resolution":
        accepted.append(f"A/RES/{doc.symbol}")
    options = d.symbol_distractors(doc.symbol, series, rng, paper)
    return build_card(
        id=card_id,
        kind="document",
        prompt=template.format(N=name(entity)),
        answer=TextAnswer(tuple(accepted), paper),
        answer_text=doc.symbol,
        choices=d.choices(doc.symbol, options, rng),
        details=(doc.label,),
        facts=(doc,),
        entities=(entity,),
        sibling_key=doc.id,
        concerns=concerns,
    )
