"""The learner's items a sync carries, read and written as plain JSON values: notes, own
cards, card marks, tags and settings (``docs/sync.md``, "Records"). A value that cannot be
JSON (text stored as bytes) is read as its UTF-8 text, so it travels and is never left out."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Final

from ocstudy.userdata.database import UserDatabase

Value = object
NOTE, OWN_CARD, MARK, TAG, SETTING = "note", "own_card", "mark", "tag", "setting"
KINDS: Final = (NOTE, OWN_CARD, MARK, TAG, SETTING)
#: kinds merged three ways, both texts kept on a conflict; the others go by the latest stamp
THREE_WAY: Final = frozenset({NOTE, OWN_CARD})
#: settings that belong to this computer and are never synced
LOCAL_SETTINGS: Final = "sync."
_NOTE_FIELDS: Final = ("text", "created_at", "updated_at")
_OWN_CARD_FIELDS: Final = ("front", "back", "entity_slug", "themes", "created_at", "updated_at")
#: what tells two versions apart for the learner (two computers that wrote the same text at
#: different times did not write two texts)
_TIMES: Final = frozenset({"created_at", "updated_at"})
_MARK_FIELDS: Final = ("suspended", "buried_until", "flag", "leech")


def _plain(value: object) -> object:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def read_items(db: UserDatabase, kind: str) -> dict[str, Value]:
    """Every item of ``kind`` in the database, by key."""
    readers: dict[str, Callable[[UserDatabase], dict[str, Value]]] = {
        NOTE: _notes,
        OWN_CARD: _own_cards,
        MARK: _marks,
        TAG: _tags,
        SETTING: _settings,
    }
    return readers[kind](db)


def _notes(db: UserDatabase) -> dict[str, Value]:
    rows = db.execute(f"SELECT slug, {', '.join(_NOTE_FIELDS)} FROM notes")
    return {
        str(_plain(row[0])): dict(zip(_NOTE_FIELDS, map(_plain, row[1:]), strict=True))
        for row in rows
    }


def _own_cards(db: UserDatabase) -> dict[str, Value]:
    rows = db.execute(f"SELECT id, {', '.join(_OWN_CARD_FIELDS)} FROM own_cards")
    return {
        str(_plain(row[0])): dict(zip(_OWN_CARD_FIELDS, map(_plain, row[1:]), strict=True))
        for row in rows
    }


def _marks(db: UserDatabase) -> dict[str, Value]:
    rows = db.execute(f"SELECT card_id, {', '.join(_MARK_FIELDS)} FROM card_marks")
    return {
        str(_plain(row[0])): dict(zip(_MARK_FIELDS, map(_plain, row[1:]), strict=True))
        for row in rows
    }


def _tags(db: UserDatabase) -> dict[str, Value]:
    rows = db.execute("SELECT card_id, tag FROM card_tags")
    return {f"{_plain(card)}\n{_plain(tag)}": True for card, tag in rows}


def _settings(db: UserDatabase) -> dict[str, Value]:
    rows = db.execute(
        "SELECT key, value FROM settings WHERE substr(key, 1, 5) != ?", [LOCAL_SETTINGS]
    )
    return {str(_plain(key)): _plain(value) for key, value in rows}


def write_item(db: UserDatabase, kind: str, key: str, value: Value | None) -> None:
    """Put ``value`` (None: remove the item) in the database; the caller holds a transaction."""
    if kind == NOTE:
        _write_note(db, key, value)
    elif kind == OWN_CARD:
        _write_row(db, "own_cards", "id", key, value, _OWN_CARD_FIELDS)
    elif kind == MARK:
        _write_row(db, "card_marks", "card_id", key, value, _MARK_FIELDS)
    elif kind == TAG:
        card, _, tag = key.partition("\n")
        if value is None:
            db.execute("DELETE FROM card_tags WHERE card_id = ? AND tag = ?", [card, tag])
        else:
            db.execute("INSERT OR IGNORE INTO card_tags (card_id, tag) VALUES (?, ?)", [card, tag])
    elif value is None:
        db.execute("DELETE FROM settings WHERE key = ?", [key])
    else:
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, value])


def _write_note(db: UserDatabase, slug: str, value: Value | None) -> None:
    """As ``notes.py`` writes one: the note and its search row (under the note's rowid)."""
    db.execute(
        "DELETE FROM notes_search WHERE rowid = (SELECT rowid FROM notes WHERE slug = ?)", [slug]
    )
    if not isinstance(value, dict):
        db.execute("DELETE FROM notes WHERE slug = ?", [slug])
        return
    db.execute(
        "INSERT INTO notes (slug, text, created_at, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (slug) DO UPDATE SET text = excluded.text, created_at = excluded.created_at, "
        "updated_at = excluded.updated_at",
        [slug, *(value.get(name) for name in _NOTE_FIELDS)],
    )
    db.execute(
        "INSERT INTO notes_search (rowid, slug, text) SELECT rowid, slug, text FROM notes "
        "WHERE slug = ?",
        [slug],
    )


def _write_row(
    db: UserDatabase,
    table: str,
    key_column: str,
    key: str,
    value: Value | None,
    fields: tuple[str, ...],
) -> None:
    if not isinstance(value, dict):
        db.execute(f"DELETE FROM {table} WHERE {key_column} = ?", [key])
        return
    db.execute(
        f"INSERT INTO {table} ({key_column}, {', '.join(fields)}) "
        f"VALUES (?, {', '.join('?' for _ in fields)}) ON CONFLICT ({key_column}) DO UPDATE SET "
        + ", ".join(f"{name} = excluded.{name}" for name in fields),
        [key, *(value.get(name) for name in fields)],
    )


def canonical(value: Value | None) -> str | None:
    """A value as ``sync_versions`` keeps it (None: a deletion)."""
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content(value: str | None) -> str | None:
    """A canonical value without its times: what the learner wrote."""
    if value is None:
        return None
    loaded = json.loads(value)
    if isinstance(loaded, dict):
        loaded = {name: field for name, field in loaded.items() if name not in _TIMES}
    return canonical(loaded)


def text_of(kind: str, value: str) -> str:
    """A version's text as the learner reads it (a note's text, an own card's front); a
    value that is not JSON (written wrong) is read as the text it is, never left out."""
    try:
        loaded = json.loads(value)
    except ValueError:
        return value
    if isinstance(loaded, dict):
        return str(loaded.get("text" if kind == NOTE else "front", ""))
    return str(loaded)
