"""The paper and the reference: claims, sections, footnotes, literature, inconsistencies.

:class:`PaperIndex` reads them first; entity files are then checked against it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ocstudy.content.build.checks import ContentRows, Row, SourceError, load_toml
from ocstudy.content.build.checks import text_field as _text


class PaperIndex:
    """What citations may point at, and the rows for the paper's own tables."""

    def __init__(self, content_dir: Path, claims_path: Path, rows: ContentRows):
        self.content_dir = content_dir
        self.rows = rows
        self.claims = self._read_claims(claims_path)
        self.section_by_title: dict[str, str] = {}
        self.sections: set[str] = set()
        self.footnotes: set[int] = set()

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
        paper = load_toml(self.content_dir / file, file)
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
            self.link_claims(
                "reference_claims",
                {"footnote": number},
                reference.get("claims", []),
                file,
                f"reference {number}",
            )
        for position, work in enumerate(paper.get("literature", []), start=1):
            author = _text(work, "author", file, "literature")
            section = self.section(work.get("section"), file, author)
            self.rows.add(
                "literature",
                {
                    "id": position,
                    "author": author,
                    "work": _text(work, "work", file, author),
                    "section_id": section,
                    "footnote": self.footnote(work.get("footnote"), file, author),
                },
            )
            self.link_claims(
                "literature_claims",
                {"literature_id": position},
                work.get("claims", []),
                file,
                author,
            )
        self._write_claims()

    def link_claims(self, table: str, key: Row, claims: list[str], file: str, who: str) -> None:
        for claim_id in claims:
            self.claim(claim_id, file, who)
            self.rows.add(table, {**key, "claim_id": claim_id})

    def claim(self, claim_id: Any, file: str, who: str) -> Row:
        if claim_id not in self.claims:
            raise SourceError(file, who, "claims", f"unknown claim id {claim_id!r}")
        return self.claims[claim_id]

    def section(self, value: Any, file: str, who: str) -> str:
        if value not in self.sections:
            raise SourceError(file, who, "section", f"unknown section {value!r} (see paper.toml)")
        return str(value)

    def footnote(self, value: Any, file: str, who: str) -> int | None:
        if value is None:
            return None
        if value not in self.footnotes:
            raise SourceError(file, who, "footnote", f"unknown footnote {value!r}")
        return int(value)

    # -- inconsistencies --------------------------------------------------------------------

    def read_inconsistencies(self, slugs: set[str]) -> None:
        file = "inconsistencies.toml"
        data = load_toml(self.content_dir / file, file)
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
            self.link_claims(
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
