"""Small synthetic content for tests that need exact control over facts."""

from __future__ import annotations

from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Citation, Entity, EntityDetail, Event, Relation, Section
from ocstudy.content.vocabulary import FactStatus

SECTION = Section("test", "A test section", "Test section", 1)


def entity(slug: str, kind: str = "convention", *, body: bool = False, **more: object) -> Entity:
    values: dict[str, object] = {
        "slug": slug,
        "kind": kind,
        "kind_label": kind.replace("_", " ").capitalize(),
        "group": "bodies" if body else "conventions",
        "is_body": body,
        "title": f"The {slug} title",
        "short_name": f"{slug.capitalize()} Accord",
        "abbreviations": (),
        "names": (),
        "themes": ("drugs",),
        "parent_slug": None,
        "section_id": "test",
        "year": None,
        "summary": "",
        "provisions_label": None,
        "ref_key": None,
    }
    values.update(more)
    return Entity(**values)  # type: ignore[arg-type]


def citation(
    status: str = "agrees", *, says: str | None = None, footnote: int | None = None
) -> Citation:
    return Citation(
        section=SECTION,
        footnote=footnote,
        reference=None,
        quote=None,
        status=FactStatus(status),
        origin="record" if status == "record" else "paper",
        says=says,
        note="Why the paper is wrong." if says else None,
        record_source="https://treaties.un.org/x" if status == "record" else None,
        claim_ids=(),
    )


def event(
    slug: str,
    kind: str,
    date: str,
    *,
    label: str | None = None,
    status: str = "agrees",
    says: str | None = None,
    suffix: str = "",
    place: str | None = None,
) -> Event:
    span = DateSpan.parse(date)
    return Event(
        id=f"{slug}:event:{kind}{suffix}",
        entity_slug=slug,
        fact_type="event",
        kind=kind,
        label=label
        or {"adopted": "Adopted", "entry_into_force": "Entered into force"}.get(
            kind, kind.capitalize()
        ),
        value=span.label() + (f", {place}" if place else ""),
        status=FactStatus(status),
        citations=(citation(status, says=says, footnote=9 if says else None),),
        date=date,
        date_start=span.first_day().isoformat(),
        date_end=span.last_day().isoformat(),
        precision=span.precision,
        is_range=span.is_range,
        place=place,
    )


def relation(
    subject: str,
    kind: str,
    obj: str,
    *,
    status: str = "agrees",
    kinds: tuple[str | None, str | None] = (None, None),
) -> Relation:
    return Relation(
        id=f"{subject}:relation:{kind}:{obj}",
        entity_slug=subject,
        fact_type="relation",
        kind=kind,
        label=kind.capitalize(),
        value=f"{obj.capitalize()} Accord",
        status=FactStatus(status),
        citations=(citation(status),),
        subject_slug=subject,
        object_slug=obj,
        inverse_label=f"{kind} (inverse)",
        subject_kind=kinds[0],
        object_kind=kinds[1],
    )


def detail(the_entity: Entity, *facts: Event | Relation) -> EntityDetail:
    return EntityDetail(
        entity=the_entity,
        section=SECTION,
        events=tuple(f for f in facts if isinstance(f, Event)),
        counts=(),
        documents=(),
        provisions=(),
        statements=(),
        relations=tuple(f for f in facts if isinstance(f, Relation)),
    )
