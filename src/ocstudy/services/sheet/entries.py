"""One entry's section of the sheet: names, a short summary, dates, numbers, document
symbols, provisions, relations and every place where the paper differs from the record.

A value's source is the paper's section and footnote where the paper gives it, and the record
(its site) where the paper does not; an event's date and its place are marked each on its own
(the paper dates the Firearms Protocol's adoption and names no place for it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ocstudy.content import citing
from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Citation, EntityDetail, Event, Fact, Relation
from ocstudy.content.vocabulary import FactStatus
from ocstudy.phrasing import keep_together
from ocstudy.quiz.building import status_for
from ocstudy.quiz.differences import date_differs, place_differs
from ocstudy.quiz.event_fields import as_date, as_place
from ocstudy.quiz.parsing import normalize_name
from ocstudy.services.sheet.model import (
    Block,
    Cell,
    Contradiction,
    Difference,
    Markdown,
    Paragraph,
    Section,
    Table,
)

#: About two printed lines of the sheet's body text.
SUMMARY_CHARS = 230

MARKS = (
    ("\u26a0", "the paper differs from the record; the record's value is given"),
    ("?", "the paper's value, not checked against the record"),
    ("\u25c7", "from the record; the paper does not give it"),
)


def short_summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first sentences that fit in ``limit`` characters; a longer first sentence is cut
    at a word and ends with an ellipsis."""
    sentences = [s for s in text.replace(". ", ".\n").split("\n") if s]
    kept = ""
    for sentence in sentences:
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def where(citation: Citation) -> str:
    """'§ UNTOC (2000), fn 5', kept together on the narrow page (``content.citing``)."""
    return keep_together(citing.where(citation, short=True))


def sources(fact: Fact) -> str:
    """'§ UNTOC (2000), fn 5' where the paper says it; 'record (treaties.un.org)' where the
    value is the record's; 'place: record (undocs.org)' for a place cited apart."""
    return "; ".join(keep_together(s) for s in citing.sources(fact.citations, short=True))


def _shown(status: FactStatus) -> FactStatus | None:
    """The status a value is marked with: every one but agreeing with the record."""
    return None if status is FactStatus.AGREES else status


def _status(fact: Fact) -> FactStatus | None:
    return _shown(fact.status)


class EventMarks:
    """How an event's date and its place each stand against the record: the paper's wrong
    place (UNTOC "adopted in Palermo") does not mark the date, nor its wrong month the place."""

    def __init__(self, events: Iterable[Event]):
        self.known = {
            normalize_name(part) for e in events if e.place for part in e.place.split(",")
        }

    def date(self, event: Event) -> FactStatus | None:
        return _shown(status_for(as_date(event), date_differs(DateSpan.parse(event.date))))

    def place(self, event: Event) -> FactStatus | None:
        if not event.place:
            return None
        concerns = place_differs(event.place, self.known)
        return _shown(status_for(as_place(event, concerns), concerns))

    def date_cell(self, event: Event) -> Cell:
        span = DateSpan.parse(event.date)
        note = {"month": " (month only)", "year": " (year only)"}.get(span.precision, "")
        return Cell(span.label() + note, self.date(event))

    def place_cell(self, event: Event) -> Cell:
        return Cell(event.place or "", self.place(event))


class EntrySection:
    """Builds entries' sections; ``title_of`` names another entity by its slug."""

    def __init__(self, title_of: Callable[[str], str], marks: EventMarks):
        self.title_of = title_of
        self.marks = marks

    def section(self, detail: EntityDetail, level: int, note: str | None) -> Section:
        e = detail.entity
        blocks: list[Block] = []
        other = [n for n in (e.short_name, *e.abbreviations, *e.names) if n != e.title]
        if other:
            blocks.append(Paragraph("Also: " + " \u00b7 ".join(dict.fromkeys(other)), "muted"))
        blocks.append(Paragraph(e.kind_label + (f", {e.year}" if e.year else ""), "kind"))
        blocks.append(Paragraph(short_summary(e.summary), "summary"))
        blocks.extend(self._tables(detail))
        blocks.extend(Contradiction(i.title, i.text) for i in detail.inconsistencies)
        blocks.extend(self.difference(fact, c, e.slug) for fact, c in detail.differences)
        if note and note.strip():
            blocks.append(Paragraph("Your note", "kind"))
            blocks.append(Markdown(note))
        return Section(e.title, f"entry-{e.slug}", level, tuple(blocks), slug=e.slug)

    def _tables(self, detail: EntityDetail) -> list[Block]:
        tables: list[Block] = []
        rows: tuple[tuple[Cell, ...], ...]
        if detail.events:
            rows = tuple(
                (
                    self.marks.date_cell(f),
                    Cell(f.label),
                    self.marks.place_cell(f),
                    Cell(sources(f)),
                )
                for f in detail.events
            )
            tables.append(Table(("Date", "What", "Where", "Source"), rows, (22, 38, 18, 22)))
        if detail.counts:
            rows = tuple(
                (
                    Cell(f.label),
                    Cell(f"{getattr(f, 'number', 0):,}", _status(f)),
                    Cell(_as_at(getattr(f, "as_at", None))),
                    Cell(sources(f)),
                )
                for f in detail.counts
            )
            tables.append(Table(("Number", "How many", "As at", "Source"), rows, (40, 14, 24, 22)))
        if detail.documents:
            rows = tuple(
                (Cell(f.label), Cell(f.value, _status(f)), Cell(sources(f)))
                for f in detail.documents
            )
            tables.append(Table(("Document", "Symbol", "Source"), rows, (48, 30, 22)))
        if detail.provisions:
            rows = tuple(
                (Cell(f.label), Cell(f.value, _status(f)), Cell(sources(f)))
                for f in detail.provisions
            )
            label = detail.entity.provisions_label or "Provisions"
            tables.append(Table(("No.", label, "Source"), rows, (8, 70, 22)))
        if detail.relations:
            by_label: dict[str, list[str]] = {}
            for relation in detail.relations:
                other = self.title_of(relation.other_end(detail.entity.slug))
                mark = " \u26a0" if relation.status.differs else ""
                by_label.setdefault(relation.label_from(detail.entity.slug), []).append(
                    other + mark
                )
            rows = tuple(
                (Cell(label), Cell("; ".join(others))) for label, others in by_label.items()
            )
            tables.append(Table(("Relation", "With"), rows, (26, 74)))
        return tables

    def difference(self, fact: Fact, citation: Citation, slug: str) -> Difference:
        if isinstance(fact, Relation):
            record = f"{fact.label_from(slug)}: {self.title_of(fact.other_end(slug))}"
        else:
            record = fact.value
        return Difference(
            what=fact.label,
            paper=citation.says or "",
            record=record,
            where=where(citation),
            explanation=citation.note,
            source=citation.record_source,
            source_kind=citation.record_source_kind,
        )


def _as_at(value: str | None) -> str:
    return DateSpan.parse(value).label() if value else "undated"
