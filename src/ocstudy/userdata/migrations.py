"""The user database's schema, one sqlite-utils migration at a time. Never edit an applied
migration: add a new one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("ocstudy-user")


@MIGRATIONS(name="0001_notes")
def _notes(db: Database) -> None:
    db.table("notes").create(
        {"slug": str, "text": str, "created_at": str, "updated_at": str},
        pk="slug",
        not_null={"text", "created_at", "updated_at"},
    )
    db.execute(
        "CREATE VIRTUAL TABLE notes_search USING fts5(slug UNINDEXED, text, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
