"""Entity files: one instrument or body each, with its facts and their citations."""

from __future__ import annotations

from typing import Any

from ocstudy.content import vocabulary as vocab
from ocstudy.content.build import facts
from ocstudy.content.build.checks import Row, SourceError, load_toml
from ocstudy.content.build.checks import text_field as _text
from ocstudy.content.build.checks import text_list as _text_list
from ocstudy.content.build.paper import PaperIndex
from ocstudy.content.build.record_sources import RecordSources
from ocstudy.content.vocabulary import FactStatus

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
    "paraphrase",
    "source_kind",
    "differs",
    "about",
}
#: What a citation may stand for alone: ``about = "place"`` cites the record for an event's
#: place, where the paper gives the date but names no place.
CITATION_SUBJECTS = {"place"}
ENTITY_KEYS = {
    "slug",
    "ref_key",
    "kind",
    "title",
    "short_name",
    "abbreviations",
    "names",
    "paper_spellings",
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


class EntityReader:
    """Checks every entity file against the paper index and adds its rows."""

    def __init__(self, paper: PaperIndex):
        self.paper = paper
        self.rows = paper.rows
        self.fact_ids: set[str] = set()
        self.relation_keys: set[tuple[str, str, str]] = set()
        self.pending_relations: list[tuple[str, str, str, str]] = []
        self.citation_count = 0
        self.record_sources = RecordSources.read(paper.content_dir)

    # -- entities ---------------------------------------------------------------------------

    def read_entities(self) -> set[str]:
        files = sorted((self.paper.content_dir / "entities").glob("*.toml"))
        if not files:
            raise SourceError("entities/", None, None, "no entity files")
        documents = []
        slugs: set[str] = set()
        for path in files:
            file = f"entities/{path.name}"
            data = load_toml(path, file)
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
                "section_id": self.paper.section(data.get("section"), file, slug),
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
        names += [("paper_spelling", n) for n in _text_list(data, "paper_spellings", file, slug)]
        if data.get("ref_key"):
            names.append(("reference_key", data["ref_key"]))
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
        statuses: list[FactStatus] = []
        origins = []
        for seq, citation in enumerate(citations):
            cite_where = where if seq == 0 else f"{where}.also[{seq}]"
            if seq > 0 and set(citation) - CITATION_KEYS:
                bad = sorted(set(citation) - CITATION_KEYS)[0]
                raise SourceError(file, slug, f"{cite_where}.{bad}", "unknown citation field")
            about = self._about(file, slug, cite_where, seq, citation, detail)
            status = self._read_citation(
                file, slug, cite_where, fact_id, seq, citation, value, about
            )
            if about is None:  # a place's own citation says nothing of the date
                statuses.append(status)
                origins.append(citation.get("origin", "paper"))
            else:
                origins.append("place")
        if fact_type == "event" and detail["place"] is not None:
            by_record = "place" in origins or set(origins) == {"record"}
            detail["place_origin"] = "record" if by_record else "paper"
        status = FactStatus.worst(statuses)
        self.rows.add(
            "facts",
            {
                "id": fact_id,
                "entity_slug": owner,
                "fact_type": fact_type,
                "kind": detail["kind"],
                "label": detail.pop("label"),
                "value": value,
                "status": status.value,
            },
        )
        self.rows.add(table, {"fact_id": fact_id, **detail})

    def _about(
        self, file: str, slug: str, where: str, seq: int, citation: Row, detail: Row
    ) -> str | None:
        """What the citation stands for alone (``place``), or None: the whole fact."""
        about = citation.get("about")
        if about is None:
            return None
        if about not in CITATION_SUBJECTS:
            raise SourceError(file, slug, f"{where}.about", "must be 'place'")
        if seq == 0 or detail.get("place") is None:
            raise SourceError(
                file, slug, f"{where}.about", "only an [[events.also]] of an event with a place"
            )
        if citation.get("origin") != "record":
            raise SourceError(
                file, slug, f"{where}.origin", "a place's own citation is the record's"
            )
        return str(about)

    def _read_citation(
        self,
        file: str,
        slug: str,
        where: str,
        fact_id: str,
        seq: int,
        citation: Row,
        value: str,
        about: str | None = None,
    ) -> FactStatus:
        claim_ids = citation.get("claims", [])
        if not isinstance(claim_ids, list):
            raise SourceError(file, slug, f"{where}.claims", "must be a list of claim ids")
        claims = [self.paper.claim(claim_id, file, f"{slug}: {where}") for claim_id in claim_ids]
        origin = citation.get("origin", "paper")
        if origin not in ("paper", "record"):
            raise SourceError(file, slug, f"{where}.origin", "must be 'paper' or 'record'")
        first = claims[0] if claims else None
        section_value, footnote_value = self._where_in_paper(citation, first)
        source = citation.get("source")
        if not claims and section_value is None:
            raise SourceError(file, slug, where, "a fact needs a citation: claims or a section")
        if origin == "record" and not claims and not source:
            raise SourceError(
                file, slug, f"{where}.source", "a record value needs claims or a source"
            )
        differing = [claim for claim in claims if claim["status"] == FactStatus.DIFFERS]
        flagged = citation.get("differs", False)
        if not isinstance(flagged, bool):
            raise SourceError(file, slug, f"{where}.differs", "must be true or false")
        if flagged and not (claims and citation.get("source")):
            raise SourceError(
                file, slug, f"{where}.differs", "a flagged difference needs claims and a source"
            )
        status = citation_status(origin, claims, flagged=flagged)
        says, note = citation.get("says"), citation.get("note")
        if status.differs:
            for name, text in (("says", says), ("note", note)):
                if not isinstance(text, str) or not text.strip():
                    raise SourceError(
                        file,
                        slug,
                        f"{where}.{name}",
                        f"required: claim {(differing or claims)[0]['id']} differs from the record",
                    )
        source, source_kind = self._record_source(citation, claims, status, file, slug, where)
        if about is not None and not source:
            raise SourceError(file, slug, f"{where}.source", "a place's citation needs a source")
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
                "section_id": self.paper.section(section_value, file, f"{slug}: {where}"),
                "footnote": self.paper.footnote(footnote_value, file, f"{slug}: {where}"),
                "quote": quote,
                "status": status.value,
                "origin": origin,
                "says": says,
                "note": note,
                "record_source": source,
                "record_source_kind": source_kind,
                "paraphrase": _optional_text(citation, "paraphrase", file, slug, where),
                "about": about,
            },
        )
        for claim in claims:
            self.rows.add("citation_claims", {"citation_id": citation_id, "claim_id": claim["id"]})
        if status.differs:
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

    def _where_in_paper(self, citation: Row, first: Row | None) -> tuple[Any, Any]:
        """The citation's section and footnote, else its first claim's (a section given
        without a footnote means none)."""
        section_value = citation.get("section")
        if section_value is None and first is not None:
            section_value = self.paper.section_by_title.get(first["paper_section"])
        footnote_value = citation.get("footnote")
        if footnote_value is None and first is not None and "section" not in citation:
            footnote_value = first["footnote"]
        return section_value, footnote_value

    def _record_source(
        self, citation: Row, claims: list[Row], status: FactStatus, file: str, slug: str, where: str
    ) -> tuple[str | None, str | None]:
        """Where the record's value comes from, and its kind: the citation's own source, else
        the source the differing claim (or the first claim with one) was checked against."""
        source = citation.get("source")
        source_kind = _optional_text(citation, "source_kind", file, slug, where)
        if source is not None:
            return source, source_kind or self.record_sources.kind_of(source)
        claim_ids = [claim["id"] for claim in claims]
        if status.differs:
            differing = [claim for claim in claims if claim["status"] == FactStatus.DIFFERS]
            return self.record_sources.resolve(differing[0]["source_url"], claim_ids)
        seen = next((claim["source_url"] for claim in claims if claim["source_url"]), None)
        return self.record_sources.resolve(seen, claim_ids)


def citation_status(origin: str, claims: list[Row], *, flagged: bool) -> FactStatus:
    """A citation's status: the record's own value; else the worst its claims say (a
    difference flagged by hand counts as one); unchecked without claims."""
    if origin == "record":
        return FactStatus.RECORD
    if flagged or any(claim["status"] == FactStatus.DIFFERS for claim in claims):
        return FactStatus.DIFFERS
    if any(claim["status"] == FactStatus.UNVERIFIED for claim in claims):
        return FactStatus.UNVERIFIED
    return FactStatus.AGREES if claims else FactStatus.UNCHECKED


def _optional_text(citation: Row, key: str, file: str, slug: str, where: str) -> str | None:
    value = citation.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise SourceError(file, slug, f"{where}.{key}", "must be text")
    return " ".join(value.split())
