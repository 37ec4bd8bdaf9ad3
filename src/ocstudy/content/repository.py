"""The only reader of the bundled content database: SQL in, immutable records out.

The database is opened read-only through an immutable URI, so the app can never change it,
and SQLite does no locking on it. The big queries, and how a row reads as a record, are in
:mod:`ocstudy.content.rows`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from ocstudy.content import CONTENT_SCHEMA_VERSION
from ocstudy.content.model import (
    CardReview,
    Citation,
    Count,
    Document,
    Entity,
    EntityDetail,
    Event,
    Fact,
    Inconsistency,
    KindGroup,
    Provision,
    Reference,
    Relation,
    Section,
    Statement,
    Theme,
    WrittenCard,
)
from ocstudy.content.rows import (
    CITATION_QUERY,
    FACT_QUERY,
    REBUILD_HINT,
    SEARCH_QUERY,
    card_review_from_row,
    citation_from_row,
    entity_from_row,
    fact_from_row,
    snippet_from_row,
    written_card_from_row,
)
from ocstudy.content.rows import ContentDatabaseError as ContentDatabaseError  # the reader's error
from ocstudy.content.search import (
    SNIPPET_END,
    SNIPPET_START,
    SNIPPET_WORDS,
    covering,
    fts_match_expression,
    name_key,
    words,
)

#: How the search ranks what matches: bm25, a word in the title or the names (the columns
#: after the slug) worth ten in the summary, provisions or facts.
_RANKING = "bm25(0.0, 10.0, 10.0, 1.0, 1.0, 1.0)"


def _check_once(connection: sqlite3.Connection, path: Path) -> None:
    """``quick_check`` the whole file, once per content version: a marker in the user's cache
    folder remembers a version (path, size, time, ``content_version``) that passed. A header
    and schema can be whole while pages in the middle are zeroed."""
    from ocstudy.paths import checked_content_marker

    marker = None
    try:
        stat = path.stat()
        row = connection.execute("SELECT value FROM meta WHERE key = 'content_version'").fetchone()
        identity = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{row[0] if row else ''}"
        marker = checked_content_marker(identity)
        with contextlib.suppress(OSError):
            if marker is not None and marker.read_text("utf-8", "surrogateescape") == identity:
                return
        check = connection.execute("PRAGMA quick_check").fetchone()[0]
    except (OSError, sqlite3.Error) as error:
        check = str(error)
    if check != "ok":
        connection.close()
        raise ContentDatabaseError(f"content database damaged: {path} ({check}; {REBUILD_HINT})")
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(identity, "utf-8", "surrogateescape")


class ContentRepository:
    def __init__(self, connection: sqlite3.Connection, path: Path):
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> ContentRepository:
        """Open ``path`` read-only, checking that it is a content database this app knows."""
        if not path.is_file():
            raise ContentDatabaseError(f"content database not found: {path} ({REBUILD_HINT})")
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
            connection.row_factory = sqlite3.Row
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        except sqlite3.Error as error:
            raise ContentDatabaseError(
                f"content database unreadable or damaged: {path} ({error}; {REBUILD_HINT})"
            ) from None
        if version != CONTENT_SCHEMA_VERSION:
            connection.close()
            raise ContentDatabaseError(
                f"content database {path} has schema version {version}; this ocstudy reads "
                f"version {CONTENT_SCHEMA_VERSION} ({REBUILD_HINT})"
            )
        if not {"entities", "facts", "citations", "meta", "entity_search"} <= tables:
            connection.close()
            raise ContentDatabaseError(f"content database is incomplete: {path} ({REBUILD_HINT})")
        _check_once(connection, path)
        return cls(connection, path)

    def close(self) -> None:
        self._db.close()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            raise ContentDatabaseError(
                f"content database damaged: {self.path} ({error}; {REBUILD_HINT})"
            ) from None

    # -- small tables -----------------------------------------------------------------------

    @cached_property
    def meta(self) -> dict[str, str]:
        return {row["key"]: row["value"] for row in self._rows("SELECT key, value FROM meta")}

    @cached_property
    def themes(self) -> tuple[Theme, ...]:
        rows = self._rows("SELECT key, label FROM themes ORDER BY position")
        return tuple(Theme(row["key"], row["label"]) for row in rows)

    @cached_property
    def kind_groups(self) -> tuple[KindGroup, ...]:
        rows = self._rows("SELECT key, label FROM kind_groups ORDER BY position")
        return tuple(KindGroup(row["key"], row["label"]) for row in rows)

    @cached_property
    def sections(self) -> dict[str, Section]:
        rows = self._rows("SELECT id, title, short_title, position FROM sections ORDER BY position")
        return {row["id"]: Section(*row) for row in rows}

    @cached_property
    def references(self) -> dict[int, Reference]:
        rows = self._rows(
            "SELECT footnote, kind, text, note FROM paper_references ORDER BY footnote"
        )
        return {row["footnote"]: Reference(*row) for row in rows}

    # -- entities ---------------------------------------------------------------------------

    @cached_property
    def _entities(self) -> dict[str, Entity]:
        names: dict[str, dict[str, list[str]]] = {}
        for row in self._rows("SELECT slug, name, name_kind FROM entity_names ORDER BY rowid"):
            names.setdefault(row["slug"], {}).setdefault(row["name_kind"], []).append(row["name"])
        themes: dict[str, list[str]] = {}
        for row in self._rows(
            "SELECT slug, theme FROM entity_themes ORDER BY slug, is_main DESC, rowid"
        ):
            themes.setdefault(row["slug"], []).append(row["theme"])
        rows = self._rows(
            "SELECT en.*, k.label AS kind_label, k.group_key, k.is_body FROM entities en "
            "JOIN kinds k ON k.key = en.kind ORDER BY en.position"
        )
        return {
            row["slug"]: entity_from_row(row, names.get(row["slug"], {}), themes[row["slug"]])
            for row in rows
        }

    def entities(self) -> tuple[Entity, ...]:
        return tuple(self._entities.values())

    def entity(self, slug: str) -> Entity | None:
        return self._entities.get(slug)

    def detail(self, slug: str) -> EntityDetail | None:
        entity = self._entities.get(slug)
        if entity is None:
            return None
        facts = self._facts(
            "WHERE f.entity_slug = ? OR r.object_slug = ? ORDER BY f.rowid", (slug, slug)
        )
        events = sorted((f for f in facts if isinstance(f, Event)), key=lambda e: e.date_start)
        return EntityDetail(
            entity=entity,
            section=self.sections[entity.section_id],
            events=tuple(events),
            counts=tuple(f for f in facts if isinstance(f, Count)),
            documents=tuple(f for f in facts if isinstance(f, Document)),
            provisions=tuple(f for f in facts if isinstance(f, Provision)),
            statements=tuple(f for f in facts if isinstance(f, Statement)),
            relations=tuple(f for f in facts if isinstance(f, Relation)),
            inconsistencies=self._inconsistencies(slug),
        )

    def card_reviews(self) -> dict[str, CardReview]:
        """The reader's decision on each generated quiz card, by card id."""
        rows = self._rows("SELECT * FROM card_reviews ORDER BY rowid")
        return {row["id"]: card_review_from_row(row) for row in rows}

    def written_cards(self) -> tuple[WrittenCard, ...]:
        """The quiz cards written by hand, in the order their files list them."""
        rows = self._rows("SELECT * FROM written_cards ORDER BY file, position")
        return tuple(written_card_from_row(row, self.sections) for row in rows)

    def facts(self, fact_ids: Iterable[str]) -> dict[str, Fact]:
        """The facts of ``fact_ids`` that exist, by id."""
        wanted = list(dict.fromkeys(fact_ids))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        return {fact.id: fact for fact in self._facts(f"WHERE f.id IN ({marks})", wanted)}

    def events(self) -> tuple[Event, ...]:
        """Every dated event, in date order."""
        facts = self._facts("WHERE f.fact_type = 'event' ORDER BY e.date_start, e.date_end, f.id")
        return tuple(fact for fact in facts if isinstance(fact, Event))

    def search(self, text: str, limit: int = 500) -> list[str]:
        """Slugs of the entities matching ``text``, best first; [] when nothing is searchable."""
        return [slug for slug, _ in self.search_hits(text, limit)]

    def search_hits(self, text: str, limit: int = 500) -> list[tuple[str, str | None]]:
        """The entities matching ``text``, best first, each with a one-line snippet that shows
        why it matches, or None where its short name does (the row itself then shows why).

        First come the entities one of whose names is exactly the text (``CND``, ``Palermo
        Convention``), then the others by FTS5's bm25 rank (``_RANKING``). The snippet is
        chosen by :func:`~ocstudy.content.rows.snippet_from_row`; matched words are marked
        with ``SNIPPET_START`` and ``SNIPPET_END``."""
        expression = fts_match_expression(text)
        if expression is None:
            return []
        covers = covering(words(text))
        exact = self._slugs_by_name.get(name_key(text), set())
        marks = (SNIPPET_START, SNIPPET_END, "\u2026", SNIPPET_WORDS)
        # "rank MATCH" weighs the columns and keeps FTS5's own ORDER BY rank, which makes the
        # snippets of the rows returned only, not of every row that matches
        params = (*marks[:2], *marks[:2], *marks, *marks, *marks, expression, _RANKING)
        rows = self._rows(f"{SEARCH_QUERY} ORDER BY rank LIMIT ?", (*params, limit))
        missing = exact - {row["slug"] for row in rows}
        if missing:
            places = ", ".join("?" * len(missing))
            rows += self._rows(
                f"{SEARCH_QUERY} AND slug IN ({places})", (*params, *sorted(missing))
            )
        rows = sorted(rows, key=lambda row: row["slug"] not in exact)[:limit]  # stable
        return [
            (row["slug"], snippet_from_row(row, self._entities.get(row["slug"]), covers))
            for row in rows
        ]

    @cached_property
    def _slugs_by_name(self) -> dict[str, set[str]]:
        """Every name of every entity (abbreviations, titles, other names, the paper's
        spellings), as :func:`name_key` makes it, and the entities that bear it."""
        found: dict[str, set[str]] = {}
        for entity in self._entities.values():
            for name in (
                entity.short_name,
                entity.title,
                *entity.abbreviations,
                *entity.names,
                *entity.paper_spellings,
            ):
                found.setdefault(name_key(name), set()).add(entity.slug)
        return found

    def inconsistencies(self) -> tuple[Inconsistency, ...]:
        return self._inconsistencies(None)

    # -- loading helpers --------------------------------------------------------------------

    def _inconsistencies(self, slug: str | None) -> tuple[Inconsistency, ...]:
        where = "WHERE key IN (SELECT inconsistency_key FROM inconsistency_entities WHERE slug = ?)"
        rows = self._rows(
            f"SELECT key, title, text FROM inconsistencies {where if slug else ''} ORDER BY rowid",
            (slug,) if slug else (),
        )
        result = []
        for row in rows:
            claims = self._rows(
                "SELECT claim_id FROM inconsistency_claims "
                "WHERE inconsistency_key = ? ORDER BY claim_id",
                (row["key"],),
            )
            slugs = self._rows(
                "SELECT slug FROM inconsistency_entities "
                "WHERE inconsistency_key = ? ORDER BY rowid",
                (row["key"],),
            )
            result.append(
                Inconsistency(
                    row["key"],
                    row["title"],
                    row["text"],
                    tuple(r[0] for r in claims),
                    tuple(r[0] for r in slugs),
                )
            )
        return tuple(result)

    def _facts(self, where: str, params: Sequence[Any] = ()) -> list[Fact]:
        rows = self._rows(f"{FACT_QUERY} {where}", params)
        citations = self._citations(row["id"] for row in rows)
        return [fact_from_row(row, citations.get(row["id"], ())) for row in rows]

    def _citations(self, fact_ids: Iterable[str]) -> dict[str, tuple[Citation, ...]]:
        ids = list(dict.fromkeys(fact_ids))
        result: dict[str, list[Citation]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sql = CITATION_QUERY.format(marks=", ".join("?" * len(chunk)))
            for row in self._rows(sql, chunk):
                result.setdefault(row["fact_id"], []).append(
                    citation_from_row(row, self.sections, self.references)
                )
        return {fact_id: tuple(citations) for fact_id, citations in result.items()}
