"""The timeline's data: every dated event of the content, placed in its main theme's lane,
plus the span from adoption to entry into force of each instrument that has both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ocstudy.content import citing
from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Entity, Event
from ocstudy.content.repository import ContentRepository
from ocstudy.content.vocabulary import EVENT_KINDS, FactStatus
from ocstudy.phrasing import counted

SPAN_START_KINDS = ("adopted", "signed", "concluded")
#: The kind of the derived items that span from adoption (or signature) to entry into force.
SPAN_KIND = "span"


@dataclass(frozen=True)
class TimelineItem:
    """One thing on the timeline, with everything its marker and tooltip need."""

    key: str
    entity_slug: str
    entity_name: str
    entity_title: str
    kind: str  # an event kind, or SPAN_KIND
    what: str  # short: the kind of event ("Entered into force")
    description: str  # the content's own label, which may be longer
    when: str
    place: str | None
    precision: str
    is_range: bool
    theme: str
    other_themes: tuple[str, ...]
    status: FactStatus
    differences: tuple[str, ...]  # "The paper says ... (§ ...); the record says ... (source)"
    sources: tuple[str, ...]  # "§ UNTOC (2000), footnote 5", "the record (treaties.un.org)"
    start: date
    end: date

    @property
    def differs(self) -> bool:
        return self.status.differs

    @property
    def label(self) -> str:
        return f"{self.entity_name}: {self.what}"


def _differences(event: Event) -> tuple[str, ...]:
    return tuple(citing.difference(c, event.value) for c in event.differences)


def _item(event: Event, entity: Entity) -> TimelineItem:
    span = DateSpan.parse(event.date)
    return TimelineItem(
        key=event.id,
        entity_slug=entity.slug,
        entity_name=entity.short_name,
        entity_title=entity.title,
        kind=event.kind,
        what=EVENT_KINDS[event.kind],
        description=event.label,
        when=span.label(),
        place=event.place,
        precision=event.precision,
        is_range=event.is_range,
        theme=entity.main_theme,
        other_themes=entity.themes[1:],
        status=event.status,
        differences=_differences(event),
        sources=citing.sources(event.citations),
        start=span.first_day(),
        end=span.last_day(),
    )


def _span(start: Event, end: Event, entity: Entity) -> TimelineItem:
    first = DateSpan.parse(start.date).first_day()
    last = DateSpan.parse(end.date).last_day()
    years = round((last - first).days / 365.25, 1)
    return TimelineItem(
        key=f"{entity.slug}:span:{start.kind}-entry_into_force",
        entity_slug=entity.slug,
        entity_name=entity.short_name,
        entity_title=entity.title,
        kind=SPAN_KIND,
        what=f"{EVENT_KINDS[start.kind].lower()} \u2192 in force ({counted(years, 'year')})",
        description=f"From {start.label.lower()} to entry into force: {counted(years, 'year')}",
        when=f"{DateSpan.parse(start.date).label()} \u2013 {DateSpan.parse(end.date).label()}",
        place=None,
        precision="day",
        is_range=True,
        theme=entity.main_theme,
        other_themes=entity.themes[1:],
        status=FactStatus.DIFFERS
        if start.status.differs or end.status.differs
        else FactStatus.AGREES,
        differences=(),
        sources=tuple(dict.fromkeys(citing.sources((*start.citations, *end.citations)))),
        start=first,
        end=last,
    )


def timeline_items(content: ContentRepository) -> list[TimelineItem]:
    """Every event, and every adoption-to-entry-into-force span, in date order."""
    items: list[TimelineItem] = []
    by_entity: dict[str, list[Event]] = {}
    for event in content.events():
        entity = content.entity(event.entity_slug)
        if entity is None:
            continue
        items.append(_item(event, entity))
        by_entity.setdefault(entity.slug, []).append(event)
    for slug, events in by_entity.items():
        entity = content.entity(slug)
        assert entity is not None
        starts = [e for e in events if e.kind in SPAN_START_KINDS]
        ends = [e for e in events if e.kind == "entry_into_force"]
        if starts and ends and starts[0].date_start < ends[0].date_start:
            items.append(_span(starts[0], ends[0], entity))
    return sorted(items, key=lambda item: (item.start, item.end, item.key))
