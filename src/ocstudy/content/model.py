"""The immutable records the content repository returns. Nothing here touches the database.

The records are ``NamedTuple``s, the facts and their citations (:mod:`ocstudy.content.facts`)
too, all defined before the first window can be painted: see that module for why, and why
neither module has ``from __future__ import annotations``.
"""

from typing import NamedTuple

# the facts and their citations are named here too, where every other record is
from ocstudy.content.facts import Citation as Citation
from ocstudy.content.facts import Count as Count
from ocstudy.content.facts import Document as Document
from ocstudy.content.facts import Event as Event
from ocstudy.content.facts import Fact as Fact
from ocstudy.content.facts import Provision as Provision
from ocstudy.content.facts import Reference as Reference
from ocstudy.content.facts import Relation as Relation
from ocstudy.content.facts import Section as Section
from ocstudy.content.facts import Statement as Statement


class Theme(NamedTuple):
    key: str
    label: str


class KindGroup(NamedTuple):
    key: str
    label: str


class Inconsistency(NamedTuple):
    key: str
    title: str
    text: str
    claim_ids: tuple[str, ...]
    entity_slugs: tuple[str, ...]


class Entity(NamedTuple):
    """An instrument or a body, as listed in the tree."""

    slug: str
    kind: str
    kind_label: str
    group: str
    is_body: bool
    title: str
    short_name: str
    abbreviations: tuple[str, ...]
    names: tuple[str, ...]
    themes: tuple[str, ...]
    parent_slug: str | None
    section_id: str
    year: int | None
    summary: str
    provisions_label: str | None
    ref_key: str | None
    #: the paper's own misspellings of the name: shown as such, never taught or asked
    paper_spellings: tuple[str, ...] = ()

    @property
    def main_theme(self) -> str:
        return self.themes[0]


class EntityDetail(NamedTuple):
    """Everything the paper says about one entity, each fact with its citations."""

    entity: Entity
    section: Section
    events: tuple[Event, ...]
    counts: tuple[Count, ...]
    documents: tuple[Document, ...]
    provisions: tuple[Provision, ...]
    statements: tuple[Statement, ...]
    relations: tuple[Relation, ...]
    inconsistencies: tuple[Inconsistency, ...] = ()

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (
            *self.events,
            *self.counts,
            *self.documents,
            *self.provisions,
            *self.statements,
            *self.relations,
        )

    @property
    def differences(self) -> tuple[tuple[Fact, Citation], ...]:
        return tuple((fact, c) for fact in self.facts for c in fact.citations if c.differs)


class CardReview(NamedTuple):
    """A reader's decision on one generated quiz card (``cards/*.toml``)."""

    card_id: str
    decision: str  # keep, reword, drop
    tier: str  # core, detail, extra
    #: the generated card's prompt and answer as they were read, and its options (if asked by
    #: choice with the generated options)
    asked: str
    answered: str
    prompt: str | None = None
    answer: str | None = None
    accepted: tuple[str, ...] | None = None
    options: tuple[str, ...] | None = None
    modes: tuple[str, ...] | None = None
    details: tuple[str, ...] | None = None
    reason: str | None = None
    file: str = ""
    offered: tuple[str, ...] | None = None
    #: the card lint's classes its reader judged wrong for this card (``reason`` says why)
    waive: tuple[str, ...] = ()


class WrittenCard(NamedTuple):
    """A quiz card written by hand: a definition, a key fact, one of the paper's errors."""

    card_id: str
    kind: str
    tier: str
    entity_slug: str | None
    themes: tuple[str, ...]
    prompt: str
    answer: str
    accepted: tuple[str, ...]
    options: tuple[str, ...]
    details: tuple[str, ...]
    fact_ids: tuple[str, ...]
    #: where the paper says it, for a card that cites the paper rather than facts
    section: Section | None
    footnote: int | None
    quote: str | None
    reason: str | None
    file: str
    waive: tuple[str, ...] = ()
