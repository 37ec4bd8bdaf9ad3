"""Personal notes: one per entity, keyed by the entity's slug so they outlive any content update.

Every write is one transaction that updates the note and its search index together.
Times are UTC, ISO 8601.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import NamedTuple

from ocstudy.clock import Clock, utc_now
from ocstudy.content.search import fts_match_expression
from ocstudy.userdata.database import UserDatabase, UserDatabaseError
from ocstudy.userdata.times import clamped, stored


class Note(NamedTuple):
    slug: str
    text: str
    created_at: datetime
    updated_at: datetime


def _note(row: dict[str, str]) -> Note:
    return Note(
        row["slug"],
        row["text"],
        stored(row["created_at"]),
        stored(row["updated_at"]),
    )


class NoteStore:
    def __init__(self, db: UserDatabase, clock: Clock = utc_now):
        self._db = db
        self._clock = clock

    def get(self, slug: str) -> Note | None:
        rows = list(self._db.query("SELECT * FROM notes WHERE slug = ?", [slug]))
        return _note(rows[0]) if rows else None

    def slugs(self) -> set[str]:
        return {
            row["slug"] for row in self._db.query("SELECT slug FROM notes WHERE trim(text) != ''")
        }

    def all(self) -> list[Note]:
        return [_note(row) for row in self._db.query("SELECT * FROM notes ORDER BY slug")]

    def save(self, slug: str, text: str) -> Note:
        """Create or replace ``slug``'s note; returns it as stored."""
        now = clamped(self._clock())
        existing = self.get(slug)
        note = Note(slug, text, existing.created_at if existing else now, now)
        self._put(note)
        return note

    def delete(self, slug: str) -> Note | None:
        """Delete ``slug``'s note and return it (for undo), or None if there was none."""
        existing = self.get(slug)
        if existing is not None:
            key = {"slug": slug}
            self._write(
                [
                    ("DELETE FROM notes WHERE slug = :slug", key),
                    ("DELETE FROM notes_search WHERE slug = :slug", key),
                ]
            )
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
                ("INSERT OR REPLACE INTO notes (slug, text, created_at, updated_at) "
                 "VALUES (:slug, :text, :created_at, :updated_at)", row),
                ("DELETE FROM notes_search WHERE slug = :slug", row),
                ("INSERT INTO notes_search (slug, text) VALUES (:slug, :text)", row),
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
        try:
            with self._db.atomic():
                for sql, params in statements:
                    self._db.execute(sql, params)
        except sqlite3.Error as error:
            raise UserDatabaseError(f"could not save your note: {error}") from None
