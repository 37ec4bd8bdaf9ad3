"""What this device has not published yet (``docs/sync.md``): each item whose database value
is not the version in front becomes a new version, stamped by the device's clock; the new
versions and the review log's new answers go out in the next change file, whose exact bytes
are kept in ``sync_published`` first (in the same transaction), so the file can always be
written again."""

from __future__ import annotations

from datetime import datetime

from ocstudy.services.sync.change_files import Record, encode
from ocstudy.services.sync.hlc import HybridClock
from ocstudy.services.sync.versions import resolve
from ocstudy.userdata.sync_items import KINDS, THREE_WAY, canonical, read_items
from ocstudy.userdata.sync_store import REVIEWS_PUBLISHED, StoredVersion, SyncStore


def capture(store: SyncStore, clock: HybridClock, wall: datetime) -> int:
    """Each local change since the last sync as a new version (not yet published); how many.
    The caller holds a transaction."""
    made = 0
    for kind in KINDS:
        local = read_items(store.db, kind)
        versions = store.versions(kind)
        three_way = kind in THREE_WAY
        conflicts = store.conflicts(kind) if three_way else {}
        for key in sorted(set(local) | set(versions)):
            resolved = resolve(versions.get(key, ()), three_way)
            value = canonical(local.get(key))
            kept = conflicts.get(key, {})
            dropped = [other.stamp for other in resolved.others if other.stamp not in kept]
            if value == resolved.value and not dropped:
                continue
            supersedes = tuple(stamp for stamp in resolved.heads if stamp not in kept)
            version = StoredVersion(str(clock.now(wall)), value, supersedes if three_way else ())
            store.add_version(kind, key, version, None)
            made += 1
    return made


def _review_record(row: tuple[object, ...]) -> Record:
    card, rating, reviewed_at, duration_ms, origin, mode = row
    return {
        "kind": "review",
        "card": card,
        "rating": rating,
        "reviewed_at": reviewed_at,
        "duration_ms": duration_ms,
        "origin": origin,
        "mode": mode,
    }


def publish(store: SyncStore, device: str, written_at: str) -> tuple[int, int] | None:
    """Put what is not yet published into the next change file's bytes, kept in
    ``sync_published``; (its sequence number, its number of records), or None when there is
    nothing to publish. The caller holds a transaction."""
    last_id = int(store.state(REVIEWS_PUBLISHED) or 0)
    newest_id, reviews = store.review_records_after(last_id)
    records = [_review_record(row) for row in reviews]
    for kind, key, version in store.unpublished():
        records.append(
            {
                "kind": kind,
                "key": key,
                "stamp": version.stamp,
                "value": version.value,
                "supersedes": list(version.supersedes),
            }
        )
    if not records:
        return None
    seq = store.last_published() + 1
    store.publish(seq, encode(device, seq, records, written_at))
    store.mark_published(seq)
    store.set_state(REVIEWS_PUBLISHED, str(newest_id))
    return seq, len(records)
