"""The sync's own tables (migration ``0008_sync``, ``docs/sync.md``): this device's state,
the change files it published, the files of others folded in, every known version of an
item, and the texts kept beside an item changed on two computers at once."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ocstudy.userdata.database import UserDatabase

#: ``sync_versions.published`` of a version folded in from another device
FOLDED_IN = -1
#: ``sync_state``'s key of this device's id (a database that has it syncs)
DEVICE: Final = "device"
#: ``sync_state``'s key of the last review log row sent out
REVIEWS_PUBLISHED: Final = "reviews_published"


def forget_sent_from(db: UserDatabase, first_id: int) -> None:
    """The review log's rows from ``first_id`` on were deleted (an undo, an undo from another
    computer): SQLite gives the next answers those ids again, so the mark of the rows sent out
    goes back below them, and those answers are sent. The caller holds the transaction."""
    db.execute(
        "UPDATE sync_state SET value = ? WHERE key = ? AND CAST(value AS INTEGER) >= ?",
        [str(first_id - 1), REVIEWS_PUBLISHED, first_id],
    )


@dataclass(frozen=True, slots=True)
class StoredVersion:
    stamp: str
    #: canonical JSON, None for a deletion
    value: str | None
    supersedes: tuple[str, ...]


class SyncStore:
    def __init__(self, db: UserDatabase) -> None:
        self.db = db

    def state(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_state(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", [key, value]
        )

    def local_setting(self, key: str) -> str | None:
        """A setting of this computer's own (``sync.*``: never synced)."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_local_setting(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM settings WHERE key = ?", [key])
        else:
            self.db.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, value]
            )

    def versions(self, kind: str) -> dict[str, list[StoredVersion]]:
        found: dict[str, list[StoredVersion]] = defaultdict(list)
        rows = self.db.execute(
            "SELECT key, stamp, value, supersedes FROM sync_versions WHERE kind = ?", [kind]
        )
        for key, stamp, value, supersedes in rows:
            found[key].append(StoredVersion(stamp, value, tuple(json.loads(supersedes))))
        return found

    def known(self, stamps: Iterable[str]) -> set[str]:
        wanted = list(stamps)
        known: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.db.execute(
                f"SELECT stamp FROM sync_versions WHERE stamp IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            known.update(row[0] for row in rows)
        return known

    def add_version(
        self, kind: str, key: str, version: StoredVersion, published: int | None
    ) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO sync_versions (stamp, kind, key, value, supersedes, published) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [version.stamp, kind, key, version.value, json.dumps(version.supersedes), published],
        )

    def unpublished(self) -> list[tuple[str, str, StoredVersion]]:
        rows = self.db.execute(
            "SELECT kind, key, stamp, value, supersedes FROM sync_versions "
            "WHERE published IS NULL ORDER BY stamp"
        )
        return [
            (kind, key, StoredVersion(stamp, value, tuple(json.loads(supersedes))))
            for kind, key, stamp, value, supersedes in rows
        ]

    def mark_published(self, seq: int) -> None:
        self.db.execute("UPDATE sync_versions SET published = ? WHERE published IS NULL", [seq])

    def conflicts(self, kind: str) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = defaultdict(dict)
        rows = self.db.execute(
            "SELECT key, stamp, value FROM sync_conflicts WHERE kind = ?", [kind]
        )
        for key, stamp, value in rows:
            found[key][stamp] = value
        return found

    def set_conflicts(self, kind: str, key: str, others: dict[str, str]) -> None:
        self.db.execute("DELETE FROM sync_conflicts WHERE kind = ? AND key = ?", [kind, key])
        self.db.conn.executemany(
            "INSERT INTO sync_conflicts (kind, key, stamp, value) VALUES (?, ?, ?, ?)",
            [(kind, key, stamp, value) for stamp, value in others.items()],
        )

    def publish(self, seq: int, body: bytes) -> None:
        self.db.execute("INSERT INTO sync_published (seq, body) VALUES (?, ?)", [seq, body])

    def published_sizes(self) -> dict[int, int]:
        rows = self.db.execute("SELECT seq, length(body) FROM sync_published")
        return {seq: size for seq, size in rows}

    def published_body(self, seq: int) -> bytes:
        row = self.db.execute("SELECT body FROM sync_published WHERE seq = ?", [seq]).fetchone()
        return bytes(row[0])

    def last_published(self) -> int:
        return int(
            self.db.execute("SELECT coalesce(max(seq), 0) FROM sync_published").fetchone()[0]
        )

    def folded(self) -> set[tuple[str, int]]:
        return {
            (device, seq) for device, seq in self.db.execute("SELECT device, seq FROM sync_folded")
        }

    def mark_folded(self, device: str, seq: int) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO sync_folded (device, seq) VALUES (?, ?)", [device, seq]
        )

    def review_records_after(self, last_id: int) -> tuple[int, list[tuple[object, ...]]]:
        """The log's rows after ``last_id`` (card, rating, time, answer time, origin, mode),
        and the log's last id."""
        rows = self.db.execute(
            "SELECT card_id, rating, reviewed_at, duration_ms, origin, mode FROM review_log "
            "WHERE id > ? ORDER BY id",
            [last_id],
        ).fetchall()
        return self.last_review_id(), [tuple(row) for row in rows]

    def cards_answered_out_of_order(self, last_id: int) -> list[str]:
        """The cards of the log's rows after ``last_id`` that are older than a row already
        in their card's log (answered on a computer whose clock is behind another's)."""
        rows = self.db.execute(
            "SELECT DISTINCT n.card_id FROM review_log n WHERE n.id > ? AND EXISTS (SELECT 1 "
            "FROM review_log o WHERE o.card_id = n.card_id AND o.id < n.id "
            "AND o.reviewed_at > n.reviewed_at)",
            [last_id],
        )
        return [str(row[0]) for row in rows]

    def last_review_id(self) -> int:
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM review_log").fetchone()[0])
