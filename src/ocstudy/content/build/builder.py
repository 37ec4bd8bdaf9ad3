"""Build ``data/ocstudy.db`` from the content sources with sqlite-utils.

The build is deterministic (same sources, same table contents) and atomic: it writes a
temporary file next to the target and replaces the target only when everything succeeded.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import sqlite_utils

from ocstudy.content import CONTENT_SCHEMA_VERSION
from ocstudy.content.build.schema import SCHEMA
from ocstudy.content.build.sources import ContentRows, load_content


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
