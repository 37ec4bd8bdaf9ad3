"""Personal notes: one per entity, keyed by the entity's slug so they outlive any content update.

Every write is one transaction that updates the note and its search index together.
Times are UTC, ISO 8601.

The search index (FTS5) can look a row up only by its rowid: each note's index row has the
note's own rowid, so a write touches one row whatever the number of notes. A database whose
index was written otherwise (by an earlier ocstudy) is re-indexed once, before the first write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, NamedTuple

from ocstudy.clock import Clock, utc_now
from ocstudy.content.search import fts_match_expression
from ocstudy.userdata.database import UserDatabase, UserDatabaseError
from ocstudy.userdata.stored_values import (
    ID_LENGTH,
    Unreadable,
    learners_text,
    learners_time,
    shown,
)
from ocstudy.userdata.times import clamped


class Note(NamedTuple):
    slug: str
    text: str
    created_at: datetime
    updated_at: datetime


def _note(row: dict[str, Any], unreadable: Unreadable) -> Note:
    """A stored note. Its text is the learner's: it is never left out. Text stored as bytes
    (or a number) is read as UTF-8 (or its digits), a time that is not one as the earliest
    time; each said once. The next save writes the note back as it was read."""
    slug = row["slug"]
    name = f"the note on {shown(slug, ID_LENGTH)}"
    return Note(
        str(slug),
        learners_text(row["text"], "text", unreadable, name),
        learners_time(row["created_at"], "created_at", unreadable, name),
        learners_time(row["updated_at"], "updated_at", unreadable, name),
    )


class NoteStore:
    def __init__(self, db: UserDatabase, clock: Clock = utc_now):
        self._db = db
        self._clock = clock
        self._index_checked = False

    @property
    def database(self) -> UserDatabase:
        return self._db

    def data_version(self) -> int:
        """A number that changes when another connection (another process: an import on the
        command line, a restore) commits to the database: SQLite's ``data_version``."""
        try:
            return int(self._db.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as error:
            raise UserDatabaseError(f"cannot read your notes: {error}") from None

    def get(self, slug: str) -> Note | None:
        rows = list(self._db.query("SELECT * FROM notes WHERE slug = ?", [slug]))
        return _note(rows[0], self._db.unreadable_rows) if rows else None

    def slugs(self) -> set[str]:
        return {
            row["slug"] for row in self._db.query("SELECT slug FROM notes WHERE trim(text) != ''")
        }

    def all(self) -> list[Note]:
        rows = self._db.query("SELECT * FROM notes ORDER BY slug")
        return [_note(row, self._db.unreadable_rows) for row in rows]

    def save(self, slug: str, text: str) -> Note:
        """Create or replace ``slug``'s note; returns it as stored."""
        now = clamped(self._clock())
        existing = self.get(slug)
        note = Note(slug, text, existing.created_at if existing else now, now)
        self._put(note)
        return note

    def save_unless_changed(self, slug: str, text: str, base: str) -> Note | None:
        """Save ``text`` as ``slug``'s note only if the stored text is still ``base`` (what the
        writer last read; "" for no note), in one transaction; None (nothing written) if another
        process changed it since."""
        with self._transaction():
            existing = self.get(slug)
            if (existing.text if existing else "") != base:
                return None
            return self.save(slug, text)

    def delete(self, slug: str) -> Note | None:
        """Delete ``slug``'s note and return it (for undo), or None if there was none."""
        existing = self.get(slug)
        if existing is not None:
            key = {"slug": slug}
            self._write(
                [
                    ("DELETE FROM notes_search WHERE rowid = "
                     "(SELECT rowid FROM notes WHERE slug = :slug)", key),
                    ("DELETE FROM notes WHERE slug = :slug", key),
                ]
            )  # fmt: skip
        return existing

    def restore(self, note: Note) -> None:
        """Put back a deleted note exactly as it was."""
        self._put(note)

    def _put(self, note: Note) -> None:
        row = {
            "slug": note.slug,
            "text": note.text,
            "created_at": note.created_at.isoformat(),
            "updated_at": note.updated_at.isoformat(),
        }
        self._write(
            [
                ("INSERT INTO notes (slug, text, created_at, updated_at) "
                 "VALUES (:slug, :text, :created_at, :updated_at) ON CONFLICT (slug) DO UPDATE "
                 "SET text = excluded.text, created_at = excluded.created_at, "
                 "updated_at = excluded.updated_at", row),  # the rowid stays the note's
                ("DELETE FROM notes_search WHERE rowid = "
                 "(SELECT rowid FROM notes WHERE slug = :slug)", row),
                ("INSERT INTO notes_search (rowid, slug, text) "
                 "SELECT rowid, slug, text FROM notes WHERE slug = :slug", row),
            ]
        )  # fmt: skip

    def search(self, text: str) -> list[str]:
        """Slugs whose note matches ``text`` (the same word rules as the content search)."""
        expression = fts_match_expression(text)
        if expression is None:
            return []
        rows = self._db.query(
            "SELECT slug FROM notes_search WHERE notes_search MATCH ? ORDER BY rank", [expression]
        )
        return [row["slug"] for row in rows]

    def _write(self, statements: list[tuple[str, dict[str, str]]]) -> None:
        with self._transaction():
            for sql, params in statements:
                self._db.execute(sql, params)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            with self._db.atomic():
                self._align_index()
                yield
        except BaseException as error:
            self._index_checked = False  # a re-index may have been rolled back with the write
            if isinstance(error, sqlite3.Error):
                raise UserDatabaseError(f"could not save your note: {error}") from None
            raise

    def _align_index(self) -> None:
        """Re-index every note under its own rowid if any index row is not there (once)."""
        if self._index_checked:
            return
        notes = self._db.execute("SELECT count(*) FROM notes").fetchone()[0]
        aligned = self._db.execute(
            "SELECT count(*) FROM notes_search s JOIN notes n ON n.rowid = s.rowid "
            "AND n.slug IS s.slug AND n.text IS s.text"
        ).fetchone()[0]
        indexed = self._db.execute("SELECT count(*) FROM notes_search").fetchone()[0]
        if not notes == aligned == indexed:
            self._db.execute("DELETE FROM notes_search")
            self._db.execute(
                "INSERT INTO notes_search (rowid, slug, text) SELECT rowid, slug, text FROM notes"
            )
        self._index_checked = True
