"""The quiz card: one question generated from the content, with everything the answer side shows.

Cards are plain frozen values. They know nothing of scheduling or storage: a card's ``id`` is
the key the user database files its review history under, derived from the content's stable
fact ids so that history survives content rebuilds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from ocstudy.content.dates import DateSpan
from ocstudy.content.vocabulary import AnswerMode, FactStatus, Tier

CardKind = Literal[
    "date",  # when did X happen?
    "date_reverse",  # which instrument ... on that date?
    "place",  # where did X happen?
    "count",  # how many ...?
    "document",  # which resolution / treaty series number?
    "document_reverse",  # which instrument goes with resolution N?
    "relation",  # asks for the object: which body did X create?
    "relation_reverse",  # asks for the subject: which body is the guardian of X?
    "abbreviation",  # what does CCPCJ stand for?
    "abbreviation_reverse",  # what is the abbreviation of ...?
    "chronology_order",  # put four events in order
    "chronology_first",  # which of four events came first?
    "provision",  # which item is missing from UNCAC's five areas?
    "statement",  # which instrument is the first legally binding one on small arms?
    "own",  # one of the learner's own cards (Markdown front and back), never generated
    "definition",  # written: one of the paper's definitions
    "key_fact",  # written: what the paper says a thing is or does, its firsts
    "paper_error",  # written: the paper gives X; what does the record say?
]
#: The kinds the content's cards are generated in (an own card's kind is ``OWN_KIND``).
CARD_KINDS: Final[tuple[CardKind, ...]] = (
    "date",
    "date_reverse",
    "place",
    "count",
    "document",
    "document_reverse",
    "relation",
    "relation_reverse",
    "abbreviation",
    "abbreviation_reverse",
    "chronology_order",
    "chronology_first",
    "provision",
    "statement",
)

OWN_KIND: Final[CardKind] = "own"
#: The kinds of the cards written by hand (``WRITTEN_KINDS``), the tiers (``TIERS``) and the
#: answer modes (``AnswerMode``) are the content's vocabulary: ``content.vocabulary``.

#: Where a card's answer comes from: the paper (right or wrong, with the record beside it),
#: the record alone, or the learner (an own card).
Origin = Literal["paper", "record", "own"]

#: Topics a session can be narrowed to ("dates only", "bodies only").
Topic = Literal["dates", "bodies"]


@dataclass(frozen=True, slots=True)
class DateAnswer:
    span: DateSpan
    #: The paper's own (wrong) date, where it differs from the record and can be read as a date.
    paper: DateSpan | None = None


@dataclass(frozen=True, slots=True)
class NumberAnswer:
    value: int
    paper: int | None = None


@dataclass(frozen=True, slots=True)
class TextAnswer:
    #: Every answer that counts as right; the first is the one shown.
    accepted: tuple[str, ...]
    paper: str | None = None


@dataclass(frozen=True, slots=True)
class OrderAnswer:
    #: Indices into the card's ``items``, earliest first.
    order: tuple[int, ...]
    #: The date of each item, aligned with ``items``.
    dates: tuple[str, ...]


Answer = DateAnswer | NumberAnswer | TextAnswer | OrderAnswer


@dataclass(frozen=True, slots=True)
class QuizCard:
    id: str
    kind: CardKind
    prompt: str
    answer: Answer
    #: The answer as the answer side shows it first (for choice cards: the right option).
    answer_text: str
    #: More lines for the answer side: the full value with its place, the fact's label, ...
    details: tuple[str, ...]
    #: Four options, the answer among them, in display order; () when no four plausible exist.
    choices: tuple[str, ...]
    #: Ordering cards: the events to put in order, in display (shuffled) order.
    items: tuple[str, ...]
    modes: tuple[AnswerMode, ...]
    #: The worst citation status of the facts behind the card; None for an own card.
    status: FactStatus | None
    #: A short flag for the card ("According to the paper", "The paper differs", ...) or None.
    marker: str | None
    #: Where the paper differs: "The paper says “…” (§ section, footnote N). Why it is wrong."
    paper_notes: tuple[str, ...]
    #: Where the fact comes from (``content.citing``): "§ UNTOC (2000)", "§ References,
    #: footnote 5", "the record (treaties.un.org)".
    sources: tuple[str, ...]
    #: The entities the card is about; the first is the one to open in the study window.
    entity_slugs: tuple[str, ...]
    themes: tuple[str, ...]
    topics: frozenset[Topic]
    fact_ids: tuple[str, ...]
    #: Cards sharing this key (forward and reverse of one fact) are not shown in one session.
    sibling_key: str
    tier: Tier = "detail"
    origin: Origin = "paper"

    @property
    def entity_slug(self) -> str:
        """The entity to open ("" for an own card that belongs to no entry)."""
        return self.entity_slugs[0] if self.entity_slugs else ""

    @property
    def is_own(self) -> bool:
        """One of the learner's own cards: its prompt and answer are Markdown."""
        return self.kind == OWN_KIND
