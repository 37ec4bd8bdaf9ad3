"""Assemble a revision sheet from the content, the learner's notes and review history.

Entries come in a reading order: conventions, each with its protocols under it, then
declarations, programmes, documents, campaigns, meetings and bodies (the tree's kind groups),
each group by year. A theme's sheet holds the theme's entries and no others; an entry's sheet
holds the entry and what it includes (a convention's protocols), as the quiz scope does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Entity
from ocstudy.content.reading import reading_order
from ocstudy.content.repository import ContentRepository
from ocstudy.content.vocabulary import FactStatus
from ocstudy.phrasing import counted
from ocstudy.quiz.scope import Scope, descendants
from ocstudy.services.progress import Progress, report
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.sheet.entries import MARKS, EntrySection, EventMarks, sources
from ocstudy.services.sheet.model import (
    Block,
    Cell,
    Paragraph,
    Section,
    Sheet,
    SheetRequest,
    Table,
    TimelineFigure,
)
from ocstudy.services.sheet.weak import weak_spots
from ocstudy.services.timeline import timeline_items


class SheetError(ValueError):
    """The request names no theme or entry this content has."""


def entries_in_scope(content: ContentRepository, request: SheetRequest) -> list[Entity]:
    entities = content.entities()
    if request.scope == "all":
        return list(entities)
    if request.scope == "theme":
        keys = [t.key for t in content.themes]
        if request.key not in keys:
            raise SheetError(f"no theme {request.key!r}; themes: {', '.join(keys)}")
        return [e for e in entities if request.key in e.themes]
    if content.entity(request.key or "") is None:
        raise SheetError(f"no entry {request.key!r} (give its slug, e.g. untoc)")
    family = descendants(entities, request.key or "")
    return [e for e in entities if e.slug in family]


class SheetAssembler:
    def __init__(
        self,
        content: ContentRepository,
        *,
        notes: Callable[[], dict[str, str]] | None = None,
        quiz: Callable[[], QuizService] | None = None,
    ):
        self.content = content
        self.notes = notes
        self.quiz = quiz

    def _title(self, slug: str) -> str:
        entity = self.content.entity(slug)
        return entity.short_name if entity else slug

    def assemble(
        self, request: SheetRequest, today: date, progress: Progress | None = None
    ) -> Sheet:
        """The sheet; raises :class:`SheetError` for an unknown theme or entry, and
        ``OperationCancelledError`` when ``progress`` says stop."""
        content = self.content
        entities = entries_in_scope(content, request)
        ordered = reading_order(entities, [g.key for g in content.kind_groups])
        notes = self.notes() if (request.with_notes and self.notes) else {}
        marks = EventMarks(content.events())
        builder = EntrySection(self._title, marks)
        groups: dict[str, list[Section]] = {}
        for index, (entity, depth) in enumerate(ordered):
            report(progress, index, len(ordered))
            detail = content.detail(entity.slug)
            assert detail is not None
            section = builder.section(detail, 2 + min(depth, 1), notes.get(entity.slug))
            groups.setdefault(entity.group, []).append(section)
        report(progress, len(ordered), len(ordered))
        labels = {t.key: t.label for t in content.themes}
        title, subtitle = self._titles(request, labels)
        sections = [self._overview(request, entities, labels, marks)]
        sections += [
            Section(group.label, f"group-{group.key}", 1, sections=tuple(groups[group.key]))
            for group in content.kind_groups
            if group.key in groups
        ]
        if request.weak > 0 and self.quiz is not None:
            sections.append(self._weak(request, entities))
        meta = content.meta
        return Sheet(
            title=title,
            subtitle=subtitle,
            paper_title=meta.get("paper_title", ""),
            paper_author=meta.get("paper_author", ""),
            printed=today,
            content_version=meta.get("content_version", "?"),
            sections=tuple(sections),
            page=request.page,
            legend=MARKS,
        )

    def _titles(self, request: SheetRequest, labels: dict[str, str]) -> tuple[str, str]:
        if request.scope == "theme":
            return f"Revision sheet: {labels[request.key or '']}", "One theme, every entry in it"
        if request.scope == "entity":
            entity = self.content.entity(request.key or "")
            assert entity is not None
            return f"Revision sheet: {entity.short_name}", entity.title
        return "Revision sheet: everything", "Every instrument and body of the paper"

    def _overview(
        self,
        request: SheetRequest,
        entities: Sequence[Entity],
        labels: dict[str, str],
        marks: EventMarks,
    ) -> Section:
        """The chronology table and the timeline figure of the sheet's entries."""
        slugs = {e.slug for e in entities}
        events = [e for e in self.content.events() if e.entity_slug in slugs]
        rows = tuple(
            (
                Cell(DateSpan.parse(e.date).label(), marks.date(e)),
                Cell(self._title(e.entity_slug)),
                Cell(e.label),
                marks.place_cell(e),
                Cell(sources(e)),
            )
            for e in events
        )
        table = Table(("Date", "Entry", "What", "Where", "Source"), rows, (18, 20, 30, 14, 18))
        items = tuple(
            item
            for item in timeline_items(self.content)
            if item.entity_slug in slugs and item.kind != "span"
        )
        if request.scope == "theme":
            lanes: tuple[tuple[str, str], ...] = ((request.key or "", labels[request.key or ""]),)
        else:
            used = {item.theme for item in items}
            lanes = tuple((key, label) for key, label in labels.items() if key in used)
        figure = TimelineFigure(
            items,
            lanes,
            f"Every event of the {counted(len(entities), 'entry', 'entries')}, "
            f"{len(items)} in all.",
            tuple(labels.items()),
        )
        blocks = (
            Paragraph(
                f"{counted(len(events), 'dated event')}. Where the paper gives a wrong date or "
                "place, the one shown is the record's, marked \u26a0; where it gives none, the "
                "record's, marked \u25c7; ? marks the paper's, not checked.",
                "muted",
            ),
            table,
            figure,
        )
        return Section("Chronology and timeline", "chronology", 1, blocks)

    def _weak(self, request: SheetRequest, entities: Sequence[Entity]) -> Section:
        assert self.quiz is not None
        quiz = self.quiz()
        scope = {
            "all": Scope.everything(),
            "theme": Scope.theme(request.key or ""),
            "entity": Scope.entity(request.key or ""),
        }[request.scope]
        spots = weak_spots(quiz.schedule, quiz.catalogue.cards(scope), request.weak)
        if not spots:
            body: tuple[Block, ...] = (
                Paragraph("No card of this sheet has been answered yet.", "muted"),
            )
        else:
            rows = tuple(
                (
                    Cell(s.card.prompt),
                    Cell(
                        s.card.answer_text,
                        FactStatus.DIFFERS if s.card.status is FactStatus.DIFFERS else None,
                    ),
                    Cell("; ".join(s.card.sources)),
                    Cell(f"{s.failures} of {s.answers}"),
                )
                for s in spots
            )
            table = Table(("Question", "Answer", "Source", "Failed"), rows, (44, 26, 20, 10))
            note = Paragraph(
                f"{_cards(len(spots))} of this sheet you answered: those you fail most often "
                "first, then those you are least likely to recall today.",
                "muted",
            )
            body = (note, table)
        return Section("Your weak spots", "weak-spots", 1, body)


def _cards(count: int) -> str:
    return "The one card" if count == 1 else f"The {count} cards"
