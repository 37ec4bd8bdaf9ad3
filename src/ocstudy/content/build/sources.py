"""Read and check the TOML content sources, and turn them into the rows the builder writes.

Every problem stops the load with one :class:`SourceError` naming the file, the entity and the
field, so that an author can fix it without reading a traceback.
"""

from __future__ import annotations

from pathlib import Path

from ocstudy.content import vocabulary as vocab
from ocstudy.content.build.card_sources import read_card_sources
from ocstudy.content.build.checks import ContentRows, SourceError
from ocstudy.content.build.entities import EntityReader
from ocstudy.content.build.paper import PaperIndex

__all__ = ["ContentRows", "SourceError", "load_content"]


def load_content(content_dir: Path, claims_path: Path) -> ContentRows:
    """Read and check every source; the result is ready for :func:`builder.write_database`."""
    rows = ContentRows()
    paper = PaperIndex(content_dir, claims_path, rows)
    paper.read_paper()
    slugs = EntityReader(paper).read_entities()
    paper.read_inconsistencies(slugs)
    _derive(rows)
    read_card_sources(
        content_dir, rows, slugs=slugs, sections=paper.sections, footnotes=paper.footnotes
    )
    _add_vocabulary(rows)
    return rows


def _add_vocabulary(rows: ContentRows) -> None:
    for position, (key, label) in enumerate(vocab.THEMES.items(), start=1):
        rows.add("themes", {"key": key, "label": label, "position": position})
    for position, (key, label) in enumerate(vocab.KIND_GROUPS.items(), start=1):
        rows.add("kind_groups", {"key": key, "label": label, "position": position})
    for key, (label, group, is_body) in vocab.KINDS.items():
        rows.add("kinds", {"key": key, "label": label, "group_key": group, "is_body": is_body})
    for key, (forward, inverse) in vocab.RELATION_KINDS.items():
        rows.add("relation_kinds", {"key": key, "label": forward, "inverse_label": inverse})


def _derive(rows: ContentRows) -> None:
    """Fill what is computed rather than written: relation values and default years."""
    titles = {row["slug"]: row["short_name"] for row in rows.tables.get("entities", [])}
    relation_targets = {
        row["fact_id"]: row["object_slug"] for row in rows.tables.get("relations", [])
    }
    for fact in rows.tables.get("facts", []):
        if fact["id"] in relation_targets:
            fact["value"] = titles[relation_targets[fact["id"]]]
    for difference in rows.tables.get("differences", []):
        if difference["fact_id"] in relation_targets:
            difference["record_value"] = titles[relation_targets[difference["fact_id"]]]
    first_years: dict[str, int] = {}
    established: dict[str, int] = {}
    kinds_of_fact = {fact["id"]: fact for fact in rows.tables.get("facts", [])}
    for event in rows.tables.get("events", []):
        if event["kind"] in ("target_date", "observed"):
            continue
        slug = kinds_of_fact[event["fact_id"]]["entity_slug"]
        year = int(event["date_start"][:4])
        first_years[slug] = min(year, first_years.get(slug, year))
        if event["kind"] == "established":
            established[slug] = min(year, established.get(slug, year))
    for entity in rows.tables.get("entities", []):
        if entity["year"] is None:
            is_body = vocab.KINDS[entity["kind"]][2]
            entity["year"] = (
                established.get(entity["slug"]) if is_body else first_years.get(entity["slug"])
            )
