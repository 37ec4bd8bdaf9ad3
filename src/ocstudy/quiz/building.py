"""What every card builder shares: the content index, the card's own random source, and
``build_card``, which applies the honesty rules to every kind of card.

Honesty rules: the answer is the record's value;
where a citation differs the paper's value is noted with its section and footnote; facts the
record does not confirm are asked "According to the paper, ..."; facts only the record gives
are marked "From the record".
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from ocstudy.content import citing
from ocstudy.content.model import (
    Citation,
    Count,
    Document,
    Entity,
    EntityDetail,
    Event,
    Fact,
    Provision,
    Relation,
    Section,
    Statement,
)
from ocstudy.content.vocabulary import AnswerMode, FactStatus
from ocstudy.quiz.implied import Truth, implied_truths, past_entities
from ocstudy.quiz.model import Answer, CardKind, QuizCard, Topic
from ocstudy.quiz.parsing import normalize_name
from ocstudy.quiz.wording import according_to_paper

MARKERS: Final[dict[FactStatus, str]] = {
    FactStatus.DIFFERS: "The paper differs from the record: the answer is the record's value",
    FactStatus.UNVERIFIED: "According to the paper; not checked against the record",
    FactStatus.UNCHECKED: "According to the paper; no record covers it",
    FactStatus.RECORD: "From the record; the paper does not give it",
}


@dataclass
class ContentIndex:
    """The content as card builders need it: entities, and each fact once."""

    entities: dict[str, Entity] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    #: Every relation the content states or implies (``implied``).
    truths: set[Truth] = field(default_factory=set)
    #: Entities that no longer act: their questions are in the past tense.
    past: set[str] = field(default_factory=set)
    #: Every fact, by id.
    facts_by_id: dict[str, Fact] = field(default_factory=dict)
    #: Entities the paper never names: every citation of their facts is the record's, so
    #: even their names are the record's (ECOSOC).
    record_only: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, details: Iterable[EntityDetail]) -> ContentIndex:
        index = cls()
        seen: set[str] = set()
        for detail in details:
            index.entities[detail.entity.slug] = detail.entity
            index.sections[detail.entity.slug] = detail.section
            if {c.origin for fact in detail.facts for c in fact.citations} == {"record"}:
                index.record_only.add(detail.entity.slug)
            for fact in detail.facts:
                if fact.id in seen:  # a relation is listed under both of its ends
                    continue
                seen.add(fact.id)
                index.facts_by_id[fact.id] = fact
                if isinstance(fact, Event):
                    index.events.append(fact)
                elif isinstance(fact, Count):
                    index.counts.append(fact)
                elif isinstance(fact, Document):
                    index.documents.append(fact)
                elif isinstance(fact, Relation):
                    index.relations.append(fact)
                elif isinstance(fact, Provision):
                    index.provisions.append(fact)
                elif isinstance(fact, Statement):
                    index.statements.append(fact)
        index.events.sort(key=lambda e: (e.date_start, e.date_end, e.id))
        index.relations = [
            r
            for r in index.relations
            if r.subject_slug in index.entities and r.object_slug in index.entities
        ]
        index.truths = implied_truths(index.relations)
        index.past = past_entities(index.events, index.relations)
        return index

    def entity_of(self, fact: Fact) -> Entity:
        return self.entities[fact.entity_slug]


def card_rng(seed: int, card_id: str) -> random.Random:
    """The card's own random source: the same card draws the same options on every run."""
    return random.Random(f"{seed}:{card_id}")


#: Whether a differing citation concerns the value the card asks (the date, not the place).
Concerns = Callable[[Citation], bool]


def status_for(fact: Fact, concerns: Concerns) -> FactStatus:
    """The fact's status as the card sees it: a difference about another field of the fact
    (the date, on a card asking the place) does not make the card's value differ."""
    if not fact.status.differs or any(concerns(c) for c in fact.differences):
        return fact.status
    return FactStatus.worst(c.status for c in fact.citations if not c.differs)


def worst_status(facts: Sequence[Fact], concerns: Concerns | None = None) -> FactStatus:
    return FactStatus.worst(status_for(fact, concerns or _always) for fact in facts)


def _always(citation: Citation) -> bool:
    return True


def paper_says(fact: Fact) -> str | None:
    """The paper's own value where it differs from the record (the first differing citation)."""
    return next((c.says for c in fact.differences if c.says), None)


def names_of(entity: Entity) -> tuple[str, ...]:
    """Every name an entity answers to, the short name first."""
    return tuple(
        dict.fromkeys((entity.short_name, entity.title, *entity.names, *entity.abbreviations))
    )


def reveals(text: str, entity: Entity) -> bool:
    """Whether ``text`` (an answer) can be read off the entity's names ('Vienna' in
    '1988 Vienna Convention', '45/108' in 'GA resolution 45/108')."""
    needle = normalize_name(text)
    haystack = " ".join(normalize_name(n) for n in names_of(entity))
    return bool(needle) and f" {needle} " in f" {haystack} "


def themes_of(entities: Sequence[Entity]) -> tuple[str, ...]:
    """The card's themes: those of its most specific entity (UNODC has every theme; the
    protocol it guards has one or two)."""
    specific = min(entities, key=lambda e: len(e.themes))
    return specific.themes


def build_card(
    *,
    id: str,
    kind: CardKind,
    prompt: str,
    answer: Answer,
    answer_text: str,
    facts: Sequence[Fact],
    entities: Sequence[Entity],
    choices: tuple[str, ...] = (),
    items: tuple[str, ...] = (),
    details: Sequence[str] = (),
    modes: Sequence[AnswerMode] = ("flashcard", "choice", "typed"),
    topics: Iterable[Topic] = (),
    sibling_key: str | None = None,
    fallback_sources: Sequence[str] = (),
    fallback_status: FactStatus = FactStatus.AGREES,
    themes: tuple[str, ...] | None = None,
    concerns: Concerns | None = None,
) -> QuizCard:
    """Assemble a card, adding the status marker, the paper's notes and the sources.

    ``concerns`` tells which of the paper's differences are about the asked value (all, by
    default); only those mark the card "the paper differs" and are noted. A card that asks no
    fact (a name) has ``fallback_sources`` and ``fallback_status`` instead."""
    concerns = concerns or _always
    status = worst_status(facts, concerns) if facts else fallback_status
    citations = [citation for fact in facts for citation in fact.citations]
    sources = tuple(dict.fromkeys(citing.source(c) for c in citations)) or tuple(fallback_sources)
    offered = tuple(m for m in modes if m != "choice" or choices)
    return QuizCard(
        id=id,
        kind=kind,
        prompt=according_to_paper(prompt) if status.is_hearsay else prompt,
        answer=answer,
        answer_text=answer_text,
        details=tuple(d for d in dict.fromkeys(details) if d and d != answer_text),
        choices=choices,
        items=items,
        modes=offered,
        status=status,
        marker=MARKERS.get(status),
        paper_notes=tuple(
            citing.paper_note(c) for fact in facts for c in fact.differences if concerns(c)
        ),
        sources=sources,
        entity_slugs=tuple(dict.fromkeys(e.slug for e in entities)),
        themes=themes if themes is not None else themes_of(entities),
        topics=frozenset(topics),
        fact_ids=tuple(fact.id for fact in facts),
        sibling_key=sibling_key or id,
        origin="record" if status is FactStatus.RECORD else "paper",
    )
