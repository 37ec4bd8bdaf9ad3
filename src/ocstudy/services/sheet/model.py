"""The revision sheet as a plain document: sections of blocks (paragraphs, tables, places where
the paper differs, a timeline figure, Markdown notes). It knows nothing of pages or fonts: the
UI layer draws it (``ocstudy.ui.sheet``), the tests read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ocstudy.content.vocabulary import FactStatus
from ocstudy.services.timeline import TimelineItem

PageSize = Literal["a4", "letter"]
PAGE_SIZES: tuple[PageSize, ...] = ("a4", "letter")
ScopeKind = Literal["all", "theme", "entity"]


@dataclass(frozen=True)
class SheetRequest:
    """What the learner asked for: a scope, the notes or not, how many weak spots, the page."""

    scope: ScopeKind = "all"
    key: str | None = None  # the theme's key or the entity's slug
    with_notes: bool = False
    weak: int = 0  # 0: no "Your weak spots"
    page: PageSize = "a4"


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Literal["plain", "muted", "summary", "kind"] = "plain"


@dataclass(frozen=True)
class Cell:
    text: str
    #: How the value stands against the record, marked as on screen (⚠ where the paper gets
    #: it wrong); None: unmarked.
    status: FactStatus | None = None


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: Relative column widths, summing to 100; () for even ones.
    widths: tuple[int, ...] = ()
    caption: str = ""


@dataclass(frozen=True)
class Difference:
    """A place where the paper differs: "The paper says … — the record says … (source)"."""

    what: str  # the fact's label ("Entered into force")
    paper: str
    record: str
    where: str  # where the paper says it: "§ UNTOC (2000), footnote 9"
    explanation: str | None
    source: str | None  # the record's source, a URL
    #: what kind of source it is where it is not the official one ("secondary: …")
    source_kind: str | None = None


@dataclass(frozen=True)
class Contradiction:
    """A place where the paper contradicts itself."""

    title: str
    text: str


@dataclass(frozen=True)
class TimelineFigure:
    """A theme's timeline (or the whole content's): every event, one lane per theme; an
    item whose main theme has no lane goes in the first, in its own theme's colour."""

    items: tuple[TimelineItem, ...]
    lanes: tuple[tuple[str, str], ...]  # (theme key, label), top to bottom
    caption: str
    themes: tuple[tuple[str, str], ...] = ()  # every theme's (key, label), for the legend


@dataclass(frozen=True)
class Markdown:
    """The learner's own text, drawn from Markdown."""

    text: str


Block = Paragraph | Table | Difference | Contradiction | TimelineFigure | Markdown


@dataclass(frozen=True)
class Section:
    """A heading with its blocks and subsections; ``anchor`` is unique in the sheet. Level 1
    is a part (the chronology, a kind of entry, the weak spots), level 2 an entry, level 3 an
    entry under the one before it (a protocol under its convention). All are in the contents."""

    title: str
    anchor: str
    level: int
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    #: The entity slug of an entry's section (for tests and the contents), else None.
    slug: str | None = None

    def walk(self) -> tuple[Section, ...]:
        """This section and every section below it, in reading order."""
        return (self, *(s for child in self.sections for s in child.walk()))


@dataclass(frozen=True)
class Sheet:
    title: str
    subtitle: str
    paper_title: str
    paper_author: str
    printed: date
    content_version: str
    sections: tuple[Section, ...]
    page: PageSize = "a4"
    legend: tuple[tuple[str, str], ...] = field(default=())  # (mark, meaning)

    def walk(self) -> tuple[Section, ...]:
        return tuple(s for section in self.sections for s in section.walk())

    @property
    def entry_slugs(self) -> tuple[str, ...]:
        return tuple(s.slug for s in self.walk() if s.slug)

    @property
    def footer(self) -> str:
        return (
            f"{self.paper_title} \u2014 {self.paper_author} \u00b7 printed "
            f"{self.printed.isoformat()} \u00b7 content {self.content_version}"
        )
