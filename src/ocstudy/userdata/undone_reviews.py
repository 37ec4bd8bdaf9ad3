"""An answer undone on a computer that syncs leaves a tombstone (``docs/sync.md``): a version of
kind :data:`REVIEW_UNDONE` keyed by the review's identity (its card and its time to the
millisecond). The sync sends it as any version; every computer that folds it deletes that
review and replays the card, and a copy of the review sent back later is never merged again.

The tombstone's stamp is made from the review's identity, not from a clock: every computer
that undoes, or folds the undoing of, the same review holds the same tombstone once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Final

from ocstudy.userdata.database import UserDatabase
from ocstudy.userdata.sync_store import DEVICE

#: ``sync_versions.kind`` of an undone answer's tombstone
REVIEW_UNDONE: Final = "review_undone"
_NAMESPACE: Final = uuid.UUID("0b8e9f6a-3f1c-4d52-8a0e-5b7d2c9e4f13")


def undone_key(card_id: str, identity: str) -> str:
    """A tombstone's key: the review's card and the first 23 characters of its stored time."""
    return f"{card_id}\n{identity}"


def tombstone_stamp(key: str) -> str:
    """A stamp (as the sync's clock writes them) made from the review's identity alone."""
    identity = key.partition("\n")[2]
    try:
        moment = datetime.fromisoformat(identity).replace(tzinfo=UTC)
        millis = min(max(int(moment.timestamp() * 1000), 0), 9_999_999_999_999)
    except ValueError:
        millis = 0
    return f"{millis:013d}.00000.{uuid.uuid5(_NAMESPACE, key).hex}"


def record_undone(db: UserDatabase, card_id: str, identity: str) -> None:
    """Keep the tombstone of the review of ``card_id`` at ``identity``, if this database syncs
    (it has a device id); the caller holds the transaction that deletes the review."""
    if db.execute("SELECT 1 FROM sync_state WHERE key = ?", [DEVICE]).fetchone() is None:
        return
    key = undone_key(card_id, identity)
    db.execute(
        "INSERT OR IGNORE INTO sync_versions (stamp, kind, key, value, supersedes, published) "
        "VALUES (?, ?, ?, 'true', '[]', NULL)",
        [tombstone_stamp(key), REVIEW_UNDONE, key],
    )


def undone_keys(db: UserDatabase) -> set[str]:
    """Every review undone here or on another computer, by key."""
    rows = db.execute(
        "SELECT key FROM sync_versions WHERE kind = ? AND value = 'true'", [REVIEW_UNDONE]
    )
    return {str(row[0]) for row in rows}
