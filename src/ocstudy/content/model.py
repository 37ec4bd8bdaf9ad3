"""The immutable records the content repository returns. Nothing here touches the database.

Plain records are ``NamedTuple``s, and only the facts, which inherit their common fields, are
dataclasses: on Python 3.11 a frozen dataclass costs about a millisecond to define (it
compiles six methods), a NamedTuple a tenth of that, and every one of these is defined before
the first window can be painted. (No ``slots=True``: it makes each class twice.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ocstudy.content.vocabulary import FactStatus


class Theme(NamedTuple):
    key: str
    label: str


class KindGroup(NamedTuple):
    key: str
    label: str


class Section(NamedTuple):
    id: str
    title: str
    short_title: str
    position: int


class Reference(NamedTuple):
    footnote: int
    kind: str
    text: str
    note: str | None


class Citation(NamedTuple):
    """Where the paper says a fact, and how that place stands against the record."""

    section: Section
    footnote: int | None
    reference: Reference | None
    quote: str | None
    status: FactStatus
    origin: str
    says: str | None
    note: str | None
    record_source: str | None
    claim_ids: tuple[str, ...]
    #: our words for what the paper says, where its own words need explaining (shown as ours)
    paraphrase: str | None = None
    #: what kind of source ``record_source`` is, where it is not the official one
    record_source_kind: str | None = None
    #: ``place`` where the citation stands for an event's place alone (the record's, where
    #: the paper names none); None where it stands for the whole fact
    about: str | None = None

    @property
    def differs(self) -> bool:
        return self.status.differs


@dataclass(frozen=True, kw_only=True)
class Fact:
    """One thing the paper says about an entity; its kinds below add their own fields."""

    id: str
    entity_slug: str
    fact_type: str
    kind: str
    label: str
    value: str
    status: FactStatus
    citations: tuple[Citation, ...]

    @property
    def differences(self) -> tuple[Citation, ...]:
        return tuple(citation for citation in self.citations if citation.differs)


@dataclass(frozen=True, kw_only=True)
class Event(Fact):
    """A dated event: adopted, opened for signature, in force, held."""

    date: str
    date_start: str
    date_end: str
    precision: str
    is_range: bool
    place: str | None
    #: "record" where the paper names no place for the event and the place is the record's
    #: (cited by a citation ``about`` the place, or by the whole fact's, from the record)
    place_origin: str | None = None

    @property
    def place_citations(self) -> tuple[Citation, ...]:
        """The citations of the place alone (the record's, where the paper gives none)."""
        return tuple(c for c in self.citations if c.about == "place")

    @property
    def date_citations(self) -> tuple[Citation, ...]:
        """The citations of the event itself: its date, and its place unless cited apart."""
        return tuple(c for c in self.citations if c.about is None)


@dataclass(frozen=True, kw_only=True)
class Count(Fact):
    """A number, as at a date: parties, signatories, members."""

    number: int
    as_at: str | None


@dataclass(frozen=True, kw_only=True)
class Document(Fact):
    """A document symbol: a resolution, a report."""

    symbol: str


@dataclass(frozen=True, kw_only=True)
class Provision(Fact):
    """An article or main term of an instrument."""

    number: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Statement(Fact):
    """Something the paper states in its own words."""

    text: str


@dataclass(frozen=True, kw_only=True)
class Relation(Fact):
    """A link between two entities, read both ways."""

    subject_slug: str
    object_slug: str
    inverse_label: str
    #: the kinds of its two ends ('convention', 'board'), for rules that tell an instrument
    #: from a body
    subject_kind: str | None = None
    object_kind: str | None = None

    def other_end(self, slug: str) -> str:
        return self.object_slug if slug == self.subject_slug else self.subject_slug

    def label_from(self, slug: str) -> str:
        """'Supplements' seen from the subject, 'Supplemented by' seen from the object."""
        return self.label if slug == self.subject_slug else self.inverse_label


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
