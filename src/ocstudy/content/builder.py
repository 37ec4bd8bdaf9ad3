"""Build ``data/ocstudy.db`` from the content sources with sqlite-utils.

The build is deterministic (same sources, same table contents) and atomic: it writes a
temporary file next to the target and replaces the target only when everything succeeded.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Any

import sqlite_utils

from ocstudy.content import CONTENT_SCHEMA_VERSION
from ocstudy.content.sources import ContentRows, load_content

T, I = str, int

#: table -> (columns, primary key, foreign keys as (column, other table, other column)),
#: in creation order (a table comes after the tables it refers to).
SCHEMA: dict[str, tuple[dict[str, type], str | tuple[str, ...] | None, list[tuple[str, str, str]]]] = {
    "meta": ({"key": T, "value": T}, "key", []),
    "themes": ({"key": T, "label": T, "position": I}, "key", []),
    "kind_groups": ({"key": T, "label": T, "position": I}, "key", []),
    "kinds": (
        {"key": T, "label": T, "group_key": T, "is_body": I},
        "key",
        [("group_key", "kind_groups", "key")],
    ),
    "relation_kinds": ({"key": T, "label": T, "inverse_label": T}, "key", []),
    "sections": ({"id": T, "title": T, "position": I}, "id", []),
    "paper_references": ({"footnote": I, "kind": T, "text": T, "note": T}, "footnote", []),
    "claims": (
        {
            "id": T, "subject_key": T, "attribute": T, "paper_text": T, "paper_normalized": T,
            "section_id": T, "footnote": I, "status": T, "record_value": T, "source_url": T,
            "comment": T,
        },
        "id",
        [("section_id", "sections", "id")],
    ),
    "reference_claims": (
        {"footnote": I, "claim_id": T},
        ("footnote", "claim_id"),
        [("footnote", "paper_references", "footnote"), ("claim_id", "claims", "id")],
    ),
    "literature": (
        {"id": I, "author": T, "work": T, "section_id": T, "footnote": I},
        "id",
        [("section_id", "sections", "id"), ("footnote", "paper_references", "footnote")],
    ),
    "literature_claims": (
        {"literature_id": I, "claim_id": T},
        ("literature_id", "claim_id"),
        [("literature_id", "literature", "id"), ("claim_id", "claims", "id")],
    ),
    "entities": (
        {
            "slug": T, "ref_key": T, "kind": T, "title": T, "short_name": T, "main_theme": T,
            "parent_slug": T, "section_id": T, "year": I, "summary": T, "provisions_label": T,
            "position": I,
        },
        "slug",
        [
            ("kind", "kinds", "key"), ("main_theme", "themes", "key"),
            ("parent_slug", "entities", "slug"), ("section_id", "sections", "id"),
        ],
    ),
    "entity_themes": (
        {"slug": T, "theme": T, "is_main": I},
        ("slug", "theme"),
        [("slug", "entities", "slug"), ("theme", "themes", "key")],
    ),
    "entity_names": ({"slug": T, "name": T, "name_kind": T}, None, [("slug", "entities", "slug")]),
    "facts": (
        {
            "id": T, "entity_slug": T, "fact_type": T, "kind": T, "label": T, "value": T,
            "status": T,
        },
        "id",
        [("entity_slug", "entities", "slug")],
    ),
    "events": (
        {
            "fact_id": T, "kind": T, "date": T, "date_start": T, "date_end": T, "precision": T,
            "is_range": I, "place": T,
        },
        "fact_id",
        [("fact_id", "facts", "id")],
    ),
    "counts": (
        {"fact_id": T, "kind": T, "value": I, "as_at": T}, "fact_id", [("fact_id", "facts", "id")]
    ),
    "documents": ({"fact_id": T, "kind": T, "symbol": T}, "fact_id", [("fact_id", "facts", "id")]),
    "provisions": (
        {"fact_id": T, "kind": T, "number": T, "text": T}, "fact_id", [("fact_id", "facts", "id")]
    ),
    "relations": (
        {"fact_id": T, "kind": T, "object_slug": T, "subject_slug": T},
        "fact_id",
        [
            ("fact_id", "facts", "id"), ("kind", "relation_kinds", "key"),
            ("subject_slug", "entities", "slug"), ("object_slug", "entities", "slug"),
        ],
    ),
    "statements": ({"fact_id": T, "kind": T, "text": T}, "fact_id", [("fact_id", "facts", "id")]),
    "citations": (
        {
            "id": I, "fact_id": T, "seq": I, "section_id": T, "footnote": I, "quote": T,
            "status": T, "origin": T, "says": T, "note": T, "record_source": T,
        },
        "id",
        [
            ("fact_id", "facts", "id"), ("section_id", "sections", "id"),
            ("footnote", "paper_references", "footnote"),
        ],
    ),
    "citation_claims": (
        {"citation_id": I, "claim_id": T},
        ("citation_id", "claim_id"),
        [("citation_id", "citations", "id"), ("claim_id", "claims", "id")],
    ),
    "differences": (
        {
            "citation_id": I, "fact_id": T, "paper_value": T, "record_value": T,
            "record_source": T, "explanation": T,
        },
        "citation_id",
        [("citation_id", "citations", "id"), ("fact_id", "facts", "id")],
    ),
    "inconsistencies": ({"key": T, "title": T, "text": T}, "key", []),
    "inconsistency_claims": (
        {"inconsistency_key": T, "claim_id": T},
        ("inconsistency_key", "claim_id"),
        [("inconsistency_key", "inconsistencies", "key"), ("claim_id", "claims", "id")],
    ),
    "inconsistency_entities": (
        {"inconsistency_key": T, "slug": T},
        ("inconsistency_key", "slug"),
        [("inconsistency_key", "inconsistencies", "key"), ("slug", "entities", "slug")],
    ),
}  # fmt: skip


def sources_hash(content_dir: Path, claims_path: Path) -> str:
    """SHA-256 over every source file's relative path and bytes, in sorted order."""
    digest = hashlib.sha256()
    files = sorted(p for p in content_dir.rglob("*") if p.is_file() and p.suffix == ".toml")
    for path in [*files, claims_path]:
        name = path.relative_to(content_dir.parent).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _search_rows(rows: ContentRows) -> list[dict[str, str]]:
    """One row per entity: every text a learner might type to find it."""
    tables = {table: rows.tables.get(table, []) for table in SCHEMA}
    names: dict[str, list[str]] = {}
    for row in tables["entity_names"]:
        names.setdefault(row["slug"], []).append(row["name"])
    facts_text: dict[str, list[str]] = {}
    provisions_text: dict[str, list[str]] = {}
    facts_by_id = {fact["id"]: fact for fact in tables["facts"]}
    for fact in tables["facts"]:
        bucket = provisions_text if fact["fact_type"] == "provision" else facts_text
        bucket.setdefault(fact["entity_slug"], []).append(f"{fact['label']}: {fact['value']}")
    for citation in tables["citations"]:
        slug = facts_by_id[citation["fact_id"]]["entity_slug"]
        facts_text.setdefault(slug, []).extend(
            text for text in (citation["quote"], citation["says"]) if text
        )
    return [
        {
            "slug": entity["slug"],
            "title": entity["title"],
            "names": " | ".join([entity["short_name"], *names.get(entity["slug"], [])]),
            "summary": entity["summary"],
            "provisions": "\n".join(provisions_text.get(entity["slug"], [])),
            "facts": "\n".join(facts_text.get(entity["slug"], [])),
        }
        for entity in tables["entities"]
    ]


def write_database(rows: ContentRows, target: Path, source_hash: str) -> None:
    """Write ``rows`` to ``target`` atomically: a failure leaves any old database untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(temporary)
        db = sqlite_utils.Database(connection)
        db.execute("PRAGMA foreign_keys = ON")
        meta_rows = [
            {"key": key, "value": value}
            for key, value in sorted(
                {
                    **rows.meta,
                    "content_schema_version": str(CONTENT_SCHEMA_VERSION),
                    "sources_hash": source_hash,
                    "content_version": source_hash[:12],
                }.items()
            )
        ]
        all_rows = {**rows.tables, "meta": meta_rows}
        for table, (columns, pk, foreign_keys) in SCHEMA.items():
            db.table(table).create(columns, pk=pk, foreign_keys=foreign_keys, strict=True)
            db.table(table).insert_all(all_rows.get(table, []))
        db.execute(
            "CREATE VIRTUAL TABLE entity_search USING fts5(slug UNINDEXED, title, names, summary, "
            "provisions, facts, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        db.table("entity_search").insert_all(_search_rows(rows))
        violations = db.execute("PRAGMA foreign_key_check").fetchall()
        if violations:
            raise ValueError(f"foreign key violations: {violations[:5]}")
        db.execute(f"PRAGMA user_version = {CONTENT_SCHEMA_VERSION}")
        connection.commit()
        db.execute("VACUUM")
        connection.close()
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def build(content_dir: Path, claims_path: Path, target: Path) -> ContentRows:
    """Check the sources and (re)build the content database at ``target``."""
    rows = load_content(content_dir, claims_path)
    write_database(rows, target, sources_hash(content_dir, claims_path))
    return rows


def uncovered_claims(rows: ContentRows, claims_path: Path) -> list[str]:
    """Claim ids of the reference that no fact, reference or literature entry encodes."""
    import json

    all_ids = {claim["id"] for claim in json.loads(claims_path.read_text(encoding="utf-8"))}
    encoded = {
        row["claim_id"]
        for table in ("citation_claims", "reference_claims", "literature_claims")
        for row in rows.tables.get(table, [])
    }
    return sorted(all_ids - encoded)
