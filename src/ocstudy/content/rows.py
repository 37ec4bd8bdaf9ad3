"""How the content database's rows read as records: the queries of facts, their citations and
the search, and the decoding of a row into an entity, a fact, a citation, a quiz card's record
or a search hit's snippet. A row that no record can be made of is damage
(:class:`ContentDatabaseError`), as an unreadable file is."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from ocstudy.content.model import (
    CardReview,
    Citation,
    Count,
    Document,
    Entity,
    Event,
    Fact,
    Provision,
    Reference,
    Relation,
    Section,
    Statement,
    WrittenCard,
)
from ocstudy.content.search import SNIPPET_END, SNIPPET_START
from ocstudy.content.vocabulary import FactStatus

REBUILD_HINT = "reinstall ocstudy, or run `ocstudy build-content` in a checkout"


class ContentDatabaseError(RuntimeError):
    """The bundled content database is missing, unreadable, damaged or of an unknown version."""


#: Every fact with the columns of its type; a ``WHERE`` (and ``ORDER BY``) is appended.
FACT_QUERY = """
SELECT f.id, f.entity_slug, f.fact_type, f.kind, f.label, f.value, f.status,
       e.date, e.date_start, e.date_end, e.precision, e.is_range, e.place, e.place_origin,
       c.value AS number, c.as_at, d.symbol, p.number AS provision_number, p.text AS provision_text,
       s.text AS statement_text, r.subject_slug, r.object_slug, rk.inverse_label,
       se.kind AS subject_kind, oe.kind AS object_kind
FROM facts f
LEFT JOIN events e ON e.fact_id = f.id
LEFT JOIN counts c ON c.fact_id = f.id
LEFT JOIN documents d ON d.fact_id = f.id
LEFT JOIN provisions p ON p.fact_id = f.id
LEFT JOIN statements s ON s.fact_id = f.id
LEFT JOIN relations r ON r.fact_id = f.id
LEFT JOIN relation_kinds rk ON rk.key = r.kind
LEFT JOIN entities se ON se.slug = r.subject_slug
LEFT JOIN entities oe ON oe.slug = r.object_slug
"""

#: The citations of the facts whose ids fill ``{marks}``, in each fact's order.
CITATION_QUERY = """
SELECT ci.id, ci.fact_id, ci.section_id, ci.footnote, ci.quote, ci.status, ci.origin, ci.says,
       ci.note, ci.record_source, ci.record_source_kind, ci.paraphrase, ci.about,
       (SELECT group_concat(claim_id, ' ') FROM
           (SELECT claim_id FROM citation_claims cc WHERE cc.citation_id = ci.id ORDER BY claim_id)
       ) AS claim_ids
FROM citations ci
WHERE ci.fact_id IN ({marks})
ORDER BY ci.fact_id, ci.seq
"""

#: The entities that match an FTS5 expression and a ranking (``rank MATCH``), with their title
#: and other names highlighted and a snippet of their facts, provisions and summary; the
#: marks of ``highlight`` and ``snippet`` come first, then the expression and the ranking.
SEARCH_QUERY = (
    "SELECT slug, highlight(entity_search, 1, ?, ?) AS title, "
    "highlight(entity_search, 2, ?, ?) AS names, "
    "snippet(entity_search, 5, ?, ?, ?, ?) AS facts, "
    "snippet(entity_search, 4, ?, ?, ?, ?) AS provisions, "
    "snippet(entity_search, 3, ?, ?, ?, ?) AS summary "
    "FROM entity_search WHERE entity_search MATCH ? AND rank MATCH ? "
)


def snippet_from_row(
    row: sqlite3.Row, entity: Entity | None, covers: Callable[[str], bool]
) -> str | None:
    """The one line of a row of :data:`SEARCH_QUERY` that shows why its entity matches: None
    where the entity's short name holds every word (the row itself then shows why), else the
    title or other name that holds every word, else the line of facts, provisions or summary
    that matched, else the name that holds the most of them."""
    if entity is not None and covers(entity.short_name):
        return None
    named = [row["title"], *row["names"].split(" | ")]
    plain = [name.replace(SNIPPET_START, "").replace(SNIPPET_END, "") for name in named]
    whole = next((n for n, p in zip(named, plain, strict=True) if covers(p)), None)
    line = next(
        (row[c] for c in ("facts", "provisions", "summary") if SNIPPET_START in row[c]),
        None,
    )
    most = max(named, key=lambda name: name.count(SNIPPET_START))
    return whole or line or (most if SNIPPET_START in most else None)


def entity_from_row(row: sqlite3.Row, names: dict[str, list[str]], themes: list[str]) -> Entity:
    """An entity's row (with its kind's label, group and ``is_body``), its names by kind of
    name and its themes, the main one first."""
    return Entity(
        slug=row["slug"],
        kind=row["kind"],
        kind_label=row["kind_label"],
        group=row["group_key"],
        is_body=bool(row["is_body"]),
        title=row["title"],
        short_name=row["short_name"],
        abbreviations=tuple(names.get("abbreviation", [])),
        names=tuple(names.get("other", [])),
        themes=tuple(themes),
        parent_slug=row["parent_slug"],
        section_id=row["section_id"],
        year=row["year"],
        summary=row["summary"],
        provisions_label=row["provisions_label"],
        ref_key=row["ref_key"],
        paper_spellings=tuple(names.get("paper_spelling", [])),
    )


def card_review_from_row(row: sqlite3.Row) -> CardReview:
    return CardReview(
        card_id=row["id"],
        decision=row["decision"],
        tier=row["tier"],
        asked=row["asked"],
        answered=row["answered"],
        prompt=row["prompt"],
        answer=row["answer"],
        accepted=_texts(row["accepted"]),
        options=_texts(row["options"]),
        modes=_texts(row["modes"]),
        details=_texts(row["details"]),
        reason=row["reason"],
        file=row["file"],
        offered=_texts(row["offered"]),
        waive=_texts(row["waive"]) or (),
    )


def written_card_from_row(row: sqlite3.Row, sections: dict[str, Section]) -> WrittenCard:
    return WrittenCard(
        card_id=row["id"],
        kind=row["kind"],
        tier=row["tier"],
        entity_slug=row["entity_slug"],
        themes=_texts(row["themes"]) or (),
        prompt=row["prompt"],
        answer=row["answer"],
        accepted=_texts(row["accepted"]) or (),
        options=_texts(row["options"]) or (),
        details=_texts(row["details"]) or (),
        fact_ids=_texts(row["facts"]) or (),
        section=sections.get(row["section_id"]) if row["section_id"] else None,
        footnote=row["footnote"],
        quote=row["quote"],
        reason=row["reason"],
        file=row["file"],
        waive=_texts(row["waive"]) or (),
    )


def citation_from_row(
    row: sqlite3.Row, sections: dict[str, Section], references: dict[int, Reference]
) -> Citation:
    """A row of :data:`CITATION_QUERY`, its section and its footnote's reference."""
    footnote = row["footnote"]
    return Citation(
        section=sections[row["section_id"]],
        footnote=footnote,
        reference=references.get(footnote) if footnote else None,
        quote=row["quote"],
        status=_status(row["status"]),
        origin=row["origin"],
        says=row["says"],
        note=row["note"],
        record_source=row["record_source"],
        claim_ids=tuple((row["claim_ids"] or "").split()),
        paraphrase=row["paraphrase"],
        record_source_kind=row["record_source_kind"],
        about=row["about"],
    )


def fact_from_row(row: sqlite3.Row, citations: tuple[Citation, ...]) -> Fact:
    """A row of :data:`FACT_QUERY` as the fact of its type, with its ``citations``."""
    common: dict[str, Any] = {
        "id": row["id"],
        "entity_slug": row["entity_slug"],
        "fact_type": row["fact_type"],
        "kind": row["kind"],
        "label": row["label"],
        "value": row["value"],
        "status": _status(row["status"]),
        "citations": citations,
    }
    fact_type = row["fact_type"]
    if fact_type == "event":
        return Event(
            **common,
            date=row["date"],
            date_start=row["date_start"],
            date_end=row["date_end"],
            precision=row["precision"],
            is_range=bool(row["is_range"]),
            place=row["place"],
            place_origin=row["place_origin"],
        )
    if fact_type == "count":
        return Count(**common, number=row["number"], as_at=row["as_at"])
    if fact_type == "document":
        return Document(**common, symbol=row["symbol"])
    if fact_type == "provision":
        return Provision(**common, number=row["provision_number"], text=row["provision_text"])
    if fact_type == "statement":
        return Statement(**common, text=row["statement_text"])
    if fact_type == "relation":
        return Relation(
            **common,
            subject_slug=row["subject_slug"],
            object_slug=row["object_slug"],
            inverse_label=row["inverse_label"],
            subject_kind=row["subject_kind"],
            object_kind=row["object_kind"],
        )
    raise ContentDatabaseError(f"unknown fact type {fact_type!r} in fact {row['id']}")


def _status(value: str) -> FactStatus:
    try:
        return FactStatus(value)
    except ValueError:
        raise ContentDatabaseError(
            f"content database damaged: {value!r} is no fact's status ({REBUILD_HINT})"
        ) from None


def _texts(value: str | None) -> tuple[str, ...] | None:
    """A JSON array of texts from the database; None stays None (not given)."""
    return None if value is None else tuple(json.loads(value))
