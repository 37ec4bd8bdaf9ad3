"""Read and check the TOML content sources, and turn them into the rows the builder writes.

Every problem stops the load with one :class:`SourceError` naming the file, the entity and the
field, so that an author can fix it without reading a traceback.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocstudy.content import facts
from ocstudy.content import vocabulary as vocab
from ocstudy.content.checks import Row, SourceError
from ocstudy.content.checks import text_field as _text
from ocstudy.content.checks import text_list as _text_list

CITATION_KEYS = {
    "claims",
    "section",
    "footnote",
    "quote",
    "says",
    "note",
    "source",
    "origin",
    "also",
}
ENTITY_KEYS = {
    "slug",
    "ref_key",
    "kind",
    "title",
    "short_name",
    "abbreviations",
    "names",
    "themes",
    "parent",
    "section",
    "year",
    "provisions_label",
    "summary",
    "events",
    "counts",
    "documents",
    "provisions",
    "relations",
    "statements",
}
FACT_TABLES: dict[str, tuple[set[str], set[str]]] = {
    # table: (required keys, optional keys) besides the citation keys
    "events": ({"kind", "date"}, {"place", "label", "key"}),
    "counts": ({"kind", "value"}, {"as_at", "label", "key"}),
    "documents": ({"kind", "value"}, {"label", "key"}),
    "provisions": ({"number", "text"}, {"key"}),
    "relations": ({"kind", "target"}, {"subject", "key"}),
    "statements": ({"attribute", "label", "text"}, {"key"}),
}


@dataclass
class ContentRows:
    """Everything the builder writes, table by table, in a deterministic order."""

    meta: dict[str, str] = field(default_factory=dict)
    tables: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.tables.setdefault(table, []).append(row)


def _load_toml(path: Path, relative: str) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise SourceError(relative, None, None, f"not valid TOML: {error}") from None


class _Reader:
    """Builds :class:`ContentRows` from the sources, checking as it goes."""

    def __init__(self, content_dir: Path, claims_path: Path):
        self.content_dir = content_dir
        self.rows = ContentRows()
        self.claims = self._read_claims(claims_path)
        self.section_by_title: dict[str, str] = {}
        self.sections: set[str] = set()
        self.footnotes: set[int] = set()
        self.fact_ids: set[str] = set()
        self.relation_keys: set[tuple[str, str, str]] = set()
        self.pending_relations: list[tuple[str, str, str, str]] = []
        self.citation_count = 0

    # -- reference claims -------------------------------------------------------------------

    def _read_claims(self, claims_path: Path) -> dict[str, Row]:
        try:
            items = json.loads(claims_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SourceError(
                str(claims_path), None, None, f"cannot read claims: {error}"
            ) from None
        return {item["id"]: item for item in items}

    def _write_claims(self) -> None:
        for claim_id in sorted(self.claims):
            claim = self.claims[claim_id]
            section = self.section_by_title.get(claim["paper_section"])
            if section is None:
                raise SourceError(
                    "reference/claims.json",
                    claim_id,
                    "paper_section",
                    f"{claim['paper_section']!r} is not a section title in paper.toml",
                )
            self.rows.add(
                "claims",
                {
                    "id": claim_id,
                    "subject_key": claim["subject_key"],
                    "attribute": claim["attribute"],
                    "paper_text": claim["paper_value"]["text"],
                    "paper_normalized": claim["paper_value"]["normalized"],
                    "section_id": section,
                    "footnote": claim["footnote"],
                    "status": claim["status"],
                    "record_value": claim["authoritative_value"] or None,
                    "source_url": claim["source_url"] or None,
                    "comment": claim["comment"] or None,
                },
            )

    # -- paper ------------------------------------------------------------------------------

    def read_paper(self) -> None:
        file = "paper.toml"
        paper = _load_toml(self.content_dir / file, file)
        for key in ("title", "author", "affiliation", "source_file"):
            self.rows.meta[f"paper_{key}"] = _text(paper, key, file, "paper")
        for position, section in enumerate(paper.get("sections", []), start=1):
            section_id = _text(section, "id", file, "sections")
            title = _text(section, "title", file, section_id)
            if section_id in self.sections:
                raise SourceError(file, section_id, "id", "duplicate section id")
            self.sections.add(section_id)
            self.section_by_title[title] = section_id
            short_title = _text(section, "short_title", file, section_id)
            self.rows.add(
                "sections",
                {
                    "id": section_id,
                    "title": title,
                    "short_title": short_title,
                    "position": position,
                },
            )
        for reference in paper.get("references", []):
            number = reference.get("number")
            if not isinstance(number, int) or number in self.footnotes:
                raise SourceError(file, f"reference {number}", "number", "missing or duplicate")
            self.footnotes.add(number)
            self.rows.add(
                "paper_references",
                {
                    "footnote": number,
                    "kind": _text(reference, "kind", file, f"reference {number}"),
                    "text": _text(reference, "text", file, f"reference {number}"),
                    "note": reference.get("note"),
                },
            )
            self._link_claims(
                "reference_claims",
                {"footnote": number},
                reference.get("claims", []),
                file,
                f"reference {number}",
            )
        for position, work in enumerate(paper.get("literature", []), start=1):
            author = _text(work, "author", file, "literature")
            section = self._section(work.get("section"), file, author)
            self.rows.add(
                "literature",
                {
                    "id": position,
                    "author": author,
                    "work": _text(work, "work", file, author),
                    "section_id": section,
                    "footnote": self._footnote(work.get("footnote"), file, author),
                },
            )
            self._link_claims(
                "literature_claims",
                {"literature_id": position},
                work.get("claims", []),
                file,
                author,
            )
        self._write_claims()

    def _link_claims(self, table: str, key: Row, claims: list[str], file: str, who: str) -> None:
        for claim_id in claims:
            self._claim(claim_id, file, who)
            self.rows.add(table, {**key, "claim_id": claim_id})

    def _claim(self, claim_id: Any, file: str, who: str) -> Row:
        if claim_id not in self.claims:
            raise SourceError(file, who, "claims", f"unknown claim id {claim_id!r}")
        return self.claims[claim_id]

    def _section(self, value: Any, file: str, who: str) -> str:
        if value not in self.sections:
            raise SourceError(file, who, "section", f"unknown section {value!r} (see paper.toml)")
        return str(value)

    def _footnote(self, value: Any, file: str, who: str) -> int | None:
        if value is None:
            return None
        if value not in self.footnotes:
            raise SourceError(file, who, "footnote", f"unknown footnote {value!r}")
        return int(value)

    # -- inconsistencies --------------------------------------------------------------------

    def read_inconsistencies(self, slugs: set[str]) -> None:
        file = "inconsistencies.toml"
        data = _load_toml(self.content_dir / file, file)
        seen: set[str] = set()
        for item in data.get("inconsistencies", []):
            key = _text(item, "key", file, "inconsistencies")
            if key in seen:
                raise SourceError(file, key, "key", "duplicate key")
            seen.add(key)
            self.rows.add(
                "inconsistencies",
                {
                    "key": key,
                    "title": _text(item, "title", file, key),
                    "text": _text(item, "text", file, key),
                },
            )
            self._link_claims(
                "inconsistency_claims",
                {"inconsistency_key": key},
                item.get("claims", []),
                file,
                key,
            )
            for slug in item.get("entities", []):
                if slug not in slugs:
                    raise SourceError(file, key, "entities", f"unknown entity {slug!r}")
                self.rows.add("inconsistency_entities", {"inconsistency_key": key, "slug": slug})

    # -- entities ---------------------------------------------------------------------------

    def read_entities(self) -> set[str]:
        files = sorted((self.content_dir / "entities").glob("*.toml"))
        if not files:
            raise SourceError("entities/", None, None, "no entity files")
        documents = []
        slugs: set[str] = set()
        for path in files:
            file = f"entities/{path.name}"
            data = _load_toml(path, file)
            slug = data.get("slug")
            if slug != path.stem:
                raise SourceError(
                    file, str(slug), "slug", f"must equal the file name {path.stem!r}"
                )
            if slug in slugs:
                raise SourceError(file, slug, "slug", "duplicate slug")
            slugs.add(slug)
            documents.append((file, data))
        for position, (file, data) in enumerate(documents, start=1):
            self._read_entity(file, data, position, slugs)
        for file, slug, name, target in self.pending_relations:
            if target not in slugs:
                raise SourceError(file, slug, name, f"unknown entity {target!r}")
        return slugs

    def _read_entity(self, file: str, data: dict[str, Any], position: int, slugs: set[str]) -> None:
        slug = data["slug"]
        unknown = set(data) - ENTITY_KEYS
        if unknown:
            raise SourceError(file, slug, ", ".join(sorted(unknown)), "unknown field")
        kind = _text(data, "kind", file, slug)
        if kind not in vocab.KINDS:
            raise SourceError(file, slug, "kind", f"unknown kind {kind!r}")
        themes = _text_list(data, "themes", file, slug, required=True)
        for theme in themes:
            if theme not in vocab.THEMES:
                raise SourceError(file, slug, "themes", f"unknown theme {theme!r}")
        parent = data.get("parent")
        if parent is not None and parent not in slugs:
            raise SourceError(file, slug, "parent", f"unknown entity {parent!r}")
        year = data.get("year")
        if year is not None and not isinstance(year, int):
            raise SourceError(file, slug, "year", "must be an integer")
        summary = " ".join(_text(data, "summary", file, slug).split())
        self.rows.add(
            "entities",
            {
                "slug": slug,
                "ref_key": data.get("ref_key"),
                "kind": kind,
                "title": _text(data, "title", file, slug),
                "short_name": _text(data, "short_name", file, slug),
                "main_theme": themes[0],
                "parent_slug": parent,
                "section_id": self._section(data.get("section"), file, slug),
                "year": year,
                "summary": summary,
                "provisions_label": data.get("provisions_label"),
                "position": position,
            },
        )
        for rank, theme in enumerate(themes):
            self.rows.add("entity_themes", {"slug": slug, "theme": theme, "is_main": rank == 0})
        names: list[tuple[str, str]] = [
            ("abbreviation", n) for n in _text_list(data, "abbreviations", file, slug)
        ]
        names += [("other", n) for n in _text_list(data, "names", file, slug)]
        for name_kind, name in names:
            self.rows.add("entity_names", {"slug": slug, "name": name, "name_kind": name_kind})
        for table, (required, optional) in FACT_TABLES.items():
            items = data.get(table, [])
            if not isinstance(items, list):
                raise SourceError(file, slug, table, f"must be an array of tables ([[{table}]])")
            ordinals: dict[str, int] = {}
            for index, item in enumerate(items, start=1):
                where = f"{table}[{index}]"
                unknown = set(item) - required - optional - CITATION_KEYS
                if unknown:
                    raise SourceError(file, slug, f"{where}.{sorted(unknown)[0]}", "unknown field")
                missing = required - set(item)
                if missing:
                    raise SourceError(file, slug, f"{where}.{sorted(missing)[0]}", "missing field")
                self._read_fact(file, slug, table, item, where, ordinals)

    def _read_fact(
        self, file: str, slug: str, table: str, item: Row, where: str, ordinals: dict[str, int]
    ) -> None:
        fact_type = table[:-1]
        detail, value, base_key = facts.detail_row(fact_type, item, file, slug, where)
        if fact_type == "relation":
            subject = item.get("subject", slug)
            target = detail["object_slug"]
            detail["subject_slug"] = subject
            if slug not in (subject, target):
                raise SourceError(file, slug, f"{where}.subject", "neither end is this entity")
            relation_key = (subject, detail["kind"], target)
            if relation_key in self.relation_keys:
                raise SourceError(file, slug, where, f"duplicate relation {relation_key}")
            self.relation_keys.add(relation_key)
            for end in (subject, target):
                self.pending_relations.append((file, slug, f"{where}.target", end))
            owner = subject
        else:
            owner = slug
        ordinals[base_key] = ordinals.get(base_key, 0) + 1
        key = item.get("key") or (
            base_key if ordinals[base_key] == 1 else f"{base_key}:{ordinals[base_key]}"
        )
        fact_id = f"{owner}:{fact_type}:{key}"
        if fact_id in self.fact_ids:
            raise SourceError(file, slug, f"{where}.key", f"duplicate fact id {fact_id!r}")
        self.fact_ids.add(fact_id)
        citations = [item, *item.get("also", [])]
        statuses = []
        for seq, citation in enumerate(citations):
            cite_where = where if seq == 0 else f"{where}.also[{seq}]"
            if seq > 0 and set(citation) - CITATION_KEYS:
                bad = sorted(set(citation) - CITATION_KEYS)[0]
                raise SourceError(file, slug, f"{cite_where}.{bad}", "unknown citation field")
            statuses.append(
                self._read_citation(file, slug, cite_where, fact_id, seq, citation, value)
            )
        status = min(statuses, key=vocab.STATUS_SEVERITY.index)
        self.rows.add(
            "facts",
            {
                "id": fact_id,
                "entity_slug": owner,
                "fact_type": fact_type,
                "kind": detail["kind"],
                "label": detail.pop("label"),
                "value": value,
                "status": status,
            },
        )
        self.rows.add(table, {"fact_id": fact_id, **detail})

    def _read_citation(
        self, file: str, slug: str, where: str, fact_id: str, seq: int, citation: Row, value: str
    ) -> str:
        claim_ids = citation.get("claims", [])
        if not isinstance(claim_ids, list):
            raise SourceError(file, slug, f"{where}.claims", "must be a list of claim ids")
        claims = [self._claim(claim_id, file, f"{slug}: {where}") for claim_id in claim_ids]
        origin = citation.get("origin", "paper")
        if origin not in ("paper", "record"):
            raise SourceError(file, slug, f"{where}.origin", "must be 'paper' or 'record'")
        first = claims[0] if claims else None
        section_value = citation.get("section")
        if section_value is None and first is not None:
            section_value = self.section_by_title.get(first["paper_section"])
        footnote_value = citation.get("footnote")
        if footnote_value is None and first is not None and "section" not in citation:
            footnote_value = first["footnote"]
        source = citation.get("source")
        if not claims and section_value is None:
            raise SourceError(file, slug, where, "a fact needs a citation: claims or a section")
        if origin == "record" and not claims and not source:
            raise SourceError(
                file, slug, f"{where}.source", "a record value needs claims or a source"
            )
        differing = [claim for claim in claims if claim["status"] == "differs"]
        if origin == "record":
            status = "record"
        elif differing:
            status = "differs"
        elif any(claim["status"] == "unverified" for claim in claims):
            status = "unverified"
        elif claims:
            status = "agrees"
        else:
            status = "unchecked"
        says, note = citation.get("says"), citation.get("note")
        if status == "differs":
            for name, text in (("says", says), ("note", note)):
                if not isinstance(text, str) or not text.strip():
                    raise SourceError(
                        file,
                        slug,
                        f"{where}.{name}",
                        f"required: claim {differing[0]['id']} differs from the record",
                    )
            source = source or differing[0]["source_url"]
        elif origin == "record":
            source = source or next((c["source_url"] for c in claims if c["source_url"]), None)
        quote = citation.get("quote")
        if quote is None and first is not None and origin == "paper":
            quote = first["paper_value"]["text"]
        self.citation_count += 1
        citation_id = self.citation_count
        self.rows.add(
            "citations",
            {
                "id": citation_id,
                "fact_id": fact_id,
                "seq": seq,
                "section_id": self._section(section_value, file, f"{slug}: {where}"),
                "footnote": self._footnote(footnote_value, file, f"{slug}: {where}"),
                "quote": quote,
                "status": status,
                "origin": origin,
                "says": says,
                "note": note,
                "record_source": source,
            },
        )
        for claim in claims:
            self.rows.add("citation_claims", {"citation_id": citation_id, "claim_id": claim["id"]})
        if status == "differs":
            self.rows.add(
                "differences",
                {
                    "citation_id": citation_id,
                    "fact_id": fact_id,
                    "paper_value": says,
                    "record_value": value,
                    "record_source": source,
                    "explanation": note,
                },
            )
        return status


def load_content(content_dir: Path, claims_path: Path) -> ContentRows:
    """Read and check every source; the result is ready for :func:`builder.write_database`."""
    reader = _Reader(content_dir, claims_path)
    reader.read_paper()
    slugs = reader.read_entities()
    reader.read_inconsistencies(slugs)
    _derive(reader.rows)
    _add_vocabulary(reader.rows)
    return reader.rows


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
