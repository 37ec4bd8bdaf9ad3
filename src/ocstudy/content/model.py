"""Frozen dataclasses the content repository returns. Nothing here touches the database.

(No ``slots=True``: it makes each class twice, which costs start-up time for little gain.)
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Theme:
    key: str
    label: str


@dataclass(frozen=True)
class KindGroup:
    key: str
    label: str


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    short_title: str
    position: int


@dataclass(frozen=True)
class Reference:
    footnote: int
    kind: str
    text: str
    note: str | None


@dataclass(frozen=True)
class Citation:
    """Where the paper says a fact, and how that place stands against the record."""

    section: Section
    footnote: int | None
    reference: Reference | None
    quote: str | None
    status: str
    origin: str
    says: str | None
    note: str | None
    record_source: str | None
    claim_ids: tuple[str, ...]

    @property
    def differs(self) -> bool:
        return self.status == "differs"


@dataclass(frozen=True, kw_only=True)
class Fact:
    id: str
    entity_slug: str
    fact_type: str
    kind: str
    label: str
    value: str
    status: str
    citations: tuple[Citation, ...]

    @property
    def differences(self) -> tuple[Citation, ...]:
        return tuple(citation for citation in self.citations if citation.differs)


@dataclass(frozen=True, kw_only=True)
class Event(Fact):
    date: str
    date_start: str
    date_end: str
    precision: str
    is_range: bool
    place: str | None


@dataclass(frozen=True, kw_only=True)
class Count(Fact):
    number: int
    as_at: str | None


@dataclass(frozen=True, kw_only=True)
class Document(Fact):
    symbol: str


@dataclass(frozen=True, kw_only=True)
class Provision(Fact):
    number: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Statement(Fact):
    text: str


@dataclass(frozen=True, kw_only=True)
class Relation(Fact):
    subject_slug: str
    object_slug: str
    inverse_label: str

    def other_end(self, slug: str) -> str:
        return self.object_slug if slug == self.subject_slug else self.subject_slug

    def label_from(self, slug: str) -> str:
        """'Supplements' seen from the subject, 'Supplemented by' seen from the object."""
        return self.label if slug == self.subject_slug else self.inverse_label


@dataclass(frozen=True)
class Inconsistency:
    key: str
    title: str
    text: str
    claim_ids: tuple[str, ...]
    entity_slugs: tuple[str, ...]


@dataclass(frozen=True)
class Entity:
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

    @property
    def main_theme(self) -> str:
        return self.themes[0]


@dataclass(frozen=True)
class EntityDetail:
    """Everything the paper says about one entity, each fact with its citations."""

    entity: Entity
    section: Section
    events: tuple[Event, ...]
    counts: tuple[Count, ...]
    documents: tuple[Document, ...]
    provisions: tuple[Provision, ...]
    statements: tuple[Statement, ...]
    relations: tuple[Relation, ...]
    inconsistencies: tuple[Inconsistency, ...] = field(default=())

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
