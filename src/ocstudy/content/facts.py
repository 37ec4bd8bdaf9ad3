"""The facts the content repository returns: what the paper says about an entity, each with
its citations. Nothing here touches the database.

Each kind of fact is a ``NamedTuple`` of the common fields (repeated in each, in the order of
:data:`FACT_FIELDS`) and its own, with :class:`Fact` mixed in for what every fact does. All
are defined before the first window can be painted (issue 28): on Python 3.11 a frozen
dataclass costs about 0.8 ms to define (it compiles six methods), a NamedTuple of a dozen
fields 0.1 ms, but 0.4 ms under ``from __future__ import annotations`` (each field's
annotation, a string then, is compiled), which this module and ``model`` therefore do not
have. Being tuples, two facts of different kinds with the same values would compare equal:
no two facts have the same id.
"""

from typing import TYPE_CHECKING, NamedTuple

from ocstudy.content.vocabulary import FactStatus


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


class Fact:
    """One thing the paper says about an entity: the fields and methods every kind below
    has. Each kind is a NamedTuple of these fields and its own, with this class mixed in."""

    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def id(self) -> str: ...
        @property
        def entity_slug(self) -> str: ...
        @property
        def fact_type(self) -> str: ...
        @property
        def kind(self) -> str: ...
        @property
        def label(self) -> str: ...
        @property
        def value(self) -> str: ...
        @property
        def status(self) -> FactStatus: ...
        @property
        def citations(self) -> tuple[Citation, ...]: ...

    @property
    def differences(self) -> tuple[Citation, ...]:
        return tuple(citation for citation in self.citations if citation.differs)

    def field_names(self) -> tuple[str, ...]:
        """Its fields' names: :data:`FACT_FIELDS`, then its kind's own."""
        return type(self)._fields  # type: ignore[attr-defined,no-any-return]


#: The fields every fact has, in order (each kind's own follow).
FACT_FIELDS = (
    "id",
    "entity_slug",
    "fact_type",
    "kind",
    "label",
    "value",
    "status",
    "citations",
)


class _EventFields(NamedTuple):
    id: str
    entity_slug: str
    fact_type: str
    kind: str
    label: str
    value: str
    status: FactStatus
    citations: tuple[Citation, ...]
    date: str
    date_start: str
    date_end: str
    precision: str
    is_range: bool
    place: str | None
    #: "record" where the paper names no place for the event and the place is the record's
    #: (cited by a citation ``about`` the place, or by the whole fact's, from the record)
    place_origin: str | None = None


class Event(_EventFields, Fact):
    """A dated event: adopted, opened for signature, in force, held."""

    __slots__ = ()

    @property
    def place_citations(self) -> tuple[Citation, ...]:
        """The citations of the place alone (the record's, where the paper gives none)."""
        return tuple(c for c in self.citations if c.about == "place")

    @property
    def date_citations(self) -> tuple[Citation, ...]:
        """The citations of the event itself: its date, and its place unless cited apart."""
        return tuple(c for c in self.citations if c.about is None)


class _CountFields(NamedTuple):
    id: str
    entity_slug: str
    fact_type: str
    kind: str
    label: str
    value: str
    status: FactStatus
    citations: tuple[Citation, ...]
    number: int
    as_at: str | None


class Count(_CountFields, Fact):
    """A number, as at a date: parties, signatories, members."""

    __slots__ = ()


class _DocumentFields(NamedTuple):
    id: str
    entity_slug: str
    fact_type: str
    kind: str
    label: str
    value: str
    status: FactStatus
    citations: tuple[Citation, ...]
    symbol: str


class Document(_DocumentFields, Fact):
    """A document symbol: a resolution, a report."""

    __slots__ = ()


class _ProvisionFields(NamedTuple):
    id: str
    entity_slug: str
    fact_type: str
    kind: str
    label: str
    value: str
    status: FactStatus
    citations: tuple[Citation, ...]
    number: str
    text: str


class Provision(_ProvisionFields, Fact):
    """An article or main term of an instrument."""

    __slots__ = ()


class _StatementFields(NamedTuple):
    id: str
    entity_slug: str
    fact_type: str
    kind: str
    label: str
    value: str
    status: FactStatus
    citations: tuple[Citation, ...]
    text: str


class Statement(_StatementFields, Fact):
    """Something the paper states in its own words."""

    __slots__ = ()


class _RelationFields(NamedTuple):
    id: str
    entity_slug: str
    fact_type: str
    kind: str
    label: str
    value: str
    status: FactStatus
    citations: tuple[Citation, ...]
    subject_slug: str
    object_slug: str
    inverse_label: str
    #: the kinds of its two ends ('convention', 'board'), for rules that tell an instrument
    #: from a body
    subject_kind: str | None = None
    object_kind: str | None = None


class Relation(_RelationFields, Fact):
    """A link between two entities, read both ways."""

    __slots__ = ()

    def other_end(self, slug: str) -> str:
        return self.object_slug if slug == self.subject_slug else self.subject_slug

    def label_from(self, slug: str) -> str:
        """'Supplements' seen from the subject, 'Supplemented by' seen from the object."""
        return self.label if slug == self.subject_slug else self.inverse_label
