"""``ocstudy export json``: the whole content as one JSON document, keyed by slug.

The format is documented in README.md ("JSON export"); ``format_version`` changes when it does.
"""

from __future__ import annotations

import json
from typing import Any

from ocstudy.content.facts import FACT_FIELDS
from ocstudy.content.model import Citation, EntityDetail, Event, Fact, Relation
from ocstudy.content.repository import ContentRepository
from ocstudy.services.exchange.formats import CONTENT

_COMMON = set(FACT_FIELDS) - {"citations", "entity_slug"}
#: Said elsewhere in the export: a relation's ends' kinds are their entities'.
_NOT_EXPORTED = {"citations", "entity_slug", "subject_kind", "object_kind"}


def citation_json(citation: Citation, fact: Fact) -> dict[str, Any]:
    data: dict[str, Any] = {
        "section": {"id": citation.section.id, "title": citation.section.title},
        "footnote": citation.footnote,
        "reference": citation.reference.text if citation.reference else None,
        "quote": citation.quote,
        "paraphrase": citation.paraphrase,
        "status": citation.status,
        "origin": citation.origin,
        "claims": list(citation.claim_ids),
    }
    if citation.differs:
        data["difference"] = {
            "paper": citation.says,
            "record": fact.value,
            "record_source": citation.record_source,
            "explanation": citation.note,
        }
    elif citation.record_source:
        data["record_source"] = citation.record_source
    if citation.record_source_kind:
        data["record_source_kind"] = citation.record_source_kind
    if citation.about:
        data["about"] = citation.about
    return data


def fact_json(fact: Fact, seen_from: str | None = None) -> dict[str, Any]:
    data = {name: getattr(fact, name) for name in sorted(_COMMON)}
    data["entity"] = fact.entity_slug
    for name in fact.field_names():
        if name not in _COMMON and name not in _NOT_EXPORTED:
            data[name] = getattr(fact, name)
    if isinstance(fact, Relation) and seen_from is not None:
        data["label"] = fact.label_from(seen_from)
        data["other"] = fact.other_end(seen_from)
    data["citations"] = [citation_json(c, fact) for c in fact.citations]
    return data


def entity_json(detail: EntityDetail) -> dict[str, Any]:
    entity = detail.entity
    slug = entity.slug
    return {
        "slug": slug,
        "kind": entity.kind,
        "kind_label": entity.kind_label,
        "title": entity.title,
        "short_name": entity.short_name,
        "abbreviations": list(entity.abbreviations),
        "names": list(entity.names),
        "paper_spellings": list(entity.paper_spellings),
        "themes": list(entity.themes),
        "year": entity.year,
        "parent": entity.parent_slug,
        "summary": entity.summary,
        "section": {"id": detail.section.id, "title": detail.section.title},
        "events": [fact_json(f) for f in detail.events],
        "counts": [fact_json(f) for f in detail.counts],
        "documents": [fact_json(f) for f in detail.documents],
        "provisions": [fact_json(f) for f in detail.provisions],
        "statements": [fact_json(f) for f in detail.statements],
        "relations": [fact_json(f, seen_from=slug) for f in detail.relations],
        "differences": [
            {"fact": fact.id, "label": fact.label, **citation_json(c, fact)["difference"]}
            for fact, c in detail.differences
        ],
        "inconsistencies": [i.key for i in detail.inconsistencies],
    }


def export_document(repository: ContentRepository) -> dict[str, Any]:
    instruments: dict[str, Any] = {}
    bodies: dict[str, Any] = {}
    for entity in repository.entities():
        detail = repository.detail(entity.slug)
        assert detail is not None
        (bodies if entity.is_body else instruments)[entity.slug] = entity_json(detail)
    meta = repository.meta
    events: list[Event] = list(repository.events())
    return {
        "format": CONTENT.name,
        "format_version": CONTENT.version,
        "content_version": meta["content_version"],
        "paper": {key[6:]: value for key, value in meta.items() if key.startswith("paper_")},
        "instruments": instruments,
        "bodies": bodies,
        "events": [fact_json(event) for event in events],
        "references": {
            str(number): {"kind": ref.kind, "text": ref.text, "note": ref.note}
            for number, ref in repository.references.items()
        },
        "inconsistencies": {
            item.key: {
                "title": item.title,
                "text": item.text,
                "claims": list(item.claim_ids),
                "entities": list(item.entity_slugs),
            }
            for item in repository.inconsistencies()
        },
    }


def export_json(repository: ContentRepository) -> str:
    return json.dumps(export_document(repository), indent=2, ensure_ascii=False) + "\n"
