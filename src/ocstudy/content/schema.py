"""The content database's tables: columns, keys and foreign keys, in creation order."""

from __future__ import annotations

TEXT, INT = str, int
Columns = dict[str, type]
ForeignKeys = list[tuple[str, str, str]]

#: table -> (columns, primary key, foreign keys as (column, other table, other column)),
#: in creation order (a table comes after the tables it refers to).
SCHEMA: dict[str, tuple[Columns, str | tuple[str, ...] | None, ForeignKeys]] = {
    "meta": ({"key": TEXT, "value": TEXT}, "key", []),
    "themes": ({"key": TEXT, "label": TEXT, "position": INT}, "key", []),
    "kind_groups": ({"key": TEXT, "label": TEXT, "position": INT}, "key", []),
    "kinds": (
        {"key": TEXT, "label": TEXT, "group_key": TEXT, "is_body": INT},
        "key",
        [("group_key", "kind_groups", "key")],
    ),
    "relation_kinds": ({"key": TEXT, "label": TEXT, "inverse_label": TEXT}, "key", []),
    "sections": ({"id": TEXT, "title": TEXT, "short_title": TEXT, "position": INT}, "id", []),
    "paper_references": (
        {"footnote": INT, "kind": TEXT, "text": TEXT, "note": TEXT},
        "footnote",
        [],
    ),
    "claims": (
        {
            "id": TEXT,
            "subject_key": TEXT,
            "attribute": TEXT,
            "paper_text": TEXT,
            "paper_normalized": TEXT,
            "section_id": TEXT,
            "footnote": INT,
            "status": TEXT,
            "record_value": TEXT,
            "source_url": TEXT,
            "comment": TEXT,
        },
        "id",
        [("section_id", "sections", "id")],
    ),
    "reference_claims": (
        {"footnote": INT, "claim_id": TEXT},
        ("footnote", "claim_id"),
        [("footnote", "paper_references", "footnote"), ("claim_id", "claims", "id")],
    ),
    "literature": (
        {"id": INT, "author": TEXT, "work": TEXT, "section_id": TEXT, "footnote": INT},
        "id",
        [("section_id", "sections", "id"), ("footnote", "paper_references", "footnote")],
    ),
    "literature_claims": (
        {"literature_id": INT, "claim_id": TEXT},
        ("literature_id", "claim_id"),
        [("literature_id", "literature", "id"), ("claim_id", "claims", "id")],
    ),
    "entities": (
        {
            "slug": TEXT,
            "ref_key": TEXT,
            "kind": TEXT,
            "title": TEXT,
            "short_name": TEXT,
            "main_theme": TEXT,
            "parent_slug": TEXT,
            "section_id": TEXT,
            "year": INT,
            "summary": TEXT,
            "provisions_label": TEXT,
            "position": INT,
        },
        "slug",
        [
            ("kind", "kinds", "key"),
            ("main_theme", "themes", "key"),
            ("parent_slug", "entities", "slug"),
            ("section_id", "sections", "id"),
        ],
    ),
    "entity_themes": (
        {"slug": TEXT, "theme": TEXT, "is_main": INT},
        ("slug", "theme"),
        [("slug", "entities", "slug"), ("theme", "themes", "key")],
    ),
    "entity_names": (
        {"slug": TEXT, "name": TEXT, "name_kind": TEXT},
        None,
        [("slug", "entities", "slug")],
    ),
    "facts": (
        {
            "id": TEXT,
            "entity_slug": TEXT,
            "fact_type": TEXT,
            "kind": TEXT,
            "label": TEXT,
            "value": TEXT,
            "status": TEXT,
        },
        "id",
        [("entity_slug", "entities", "slug")],
    ),
    "events": (
        {
            "fact_id": TEXT,
            "kind": TEXT,
            "date": TEXT,
            "date_start": TEXT,
            "date_end": TEXT,
            "precision": TEXT,
            "is_range": INT,
            "place": TEXT,
            "place_origin": TEXT,
        },
        "fact_id",
        [("fact_id", "facts", "id")],
    ),
    "counts": (
        {"fact_id": TEXT, "kind": TEXT, "value": INT, "as_at": TEXT},
        "fact_id",
        [("fact_id", "facts", "id")],
    ),
    "documents": (
        {"fact_id": TEXT, "kind": TEXT, "symbol": TEXT},
        "fact_id",
        [("fact_id", "facts", "id")],
    ),
    "provisions": (
        {"fact_id": TEXT, "kind": TEXT, "number": TEXT, "text": TEXT},
        "fact_id",
        [("fact_id", "facts", "id")],
    ),
    "relations": (
        {"fact_id": TEXT, "kind": TEXT, "object_slug": TEXT, "subject_slug": TEXT},
        "fact_id",
        [
            ("fact_id", "facts", "id"),
            ("kind", "relation_kinds", "key"),
            ("subject_slug", "entities", "slug"),
            ("object_slug", "entities", "slug"),
        ],
    ),
    "statements": (
        {"fact_id": TEXT, "kind": TEXT, "text": TEXT},
        "fact_id",
        [("fact_id", "facts", "id")],
    ),
    "citations": (
        {
            "id": INT,
            "fact_id": TEXT,
            "seq": INT,
            "section_id": TEXT,
            "footnote": INT,
            "quote": TEXT,
            "status": TEXT,
            "origin": TEXT,
            "says": TEXT,
            "note": TEXT,
            "record_source": TEXT,
            "record_source_kind": TEXT,
            "paraphrase": TEXT,
            "about": TEXT,
        },
        "id",
        [
            ("fact_id", "facts", "id"),
            ("section_id", "sections", "id"),
            ("footnote", "paper_references", "footnote"),
        ],
    ),
    "citation_claims": (
        {"citation_id": INT, "claim_id": TEXT},
        ("citation_id", "claim_id"),
        [("citation_id", "citations", "id"), ("claim_id", "claims", "id")],
    ),
    "differences": (
        {
            "citation_id": INT,
            "fact_id": TEXT,
            "paper_value": TEXT,
            "record_value": TEXT,
            "record_source": TEXT,
            "explanation": TEXT,
        },
        "citation_id",
        [("citation_id", "citations", "id"), ("fact_id", "facts", "id")],
    ),
    "inconsistencies": ({"key": TEXT, "title": TEXT, "text": TEXT}, "key", []),
    "inconsistency_claims": (
        {"inconsistency_key": TEXT, "claim_id": TEXT},
        ("inconsistency_key", "claim_id"),
        [("inconsistency_key", "inconsistencies", "key"), ("claim_id", "claims", "id")],
    ),
    "inconsistency_entities": (
        {"inconsistency_key": TEXT, "slug": TEXT},
        ("inconsistency_key", "slug"),
        [("inconsistency_key", "inconsistencies", "key"), ("slug", "entities", "slug")],
    ),
}
