"""What a backup holds, for the list File > Restore shows: how many notes, reviews and own
cards, counted in the backup itself, read-only.

A backup is never written once it has its name (it is written under another and renamed,
see :mod:`ocstudy.userdata.backups`), so it is opened immutable: SQLite takes no lock and makes
no ``-shm`` or ``-wal`` beside it. A count goes through the smallest index of its table, so a
backup of tens of megabytes is counted in milliseconds. A backup older than a table counts 0
of it; one that cannot be read is None, and the restore itself says why if it is chosen."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BackupContents:
    notes: int
    reviews: int
    own_cards: int


#: What each count counts: a note with nothing in it is no note (as in the window's status bar).
_COUNTS = {
    "notes": "SELECT count(*) FROM notes WHERE trim(text) != ''",
    "review_log": "SELECT count(*) FROM review_log",
    "own_cards": "SELECT count(*) FROM own_cards",
}


def backup_contents(path: Path) -> BackupContents | None:
    """How many notes, answers and own cards the backup at ``path`` holds; None if it cannot
    be read as an ocstudy database."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        tables = {
            str(name)
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "notes" not in tables:
            return None  # some other SQLite file
        counts = {
            table: int(connection.execute(query).fetchone()[0]) if table in tables else 0
            for table, query in _COUNTS.items()
        }
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return BackupContents(counts["notes"], counts["review_log"], counts["own_cards"])
