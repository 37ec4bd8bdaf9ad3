"""Another device's change files folded into the learner's database (``docs/sync.md``):
reviews through the one review merge (``userdata/review_merge.py``: each once, the card's log
replayed by the scheduler in force); versions of notes, own cards, marks, tags and settings
added to those known, and each touched item written as its versions resolve, the other texts
of a note changed on both computers kept beside it, an own card changed on both kept as two
cards. A record that cannot be read is left out and counted; the rest of its file is folded."""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final, Protocol

from ocstudy.services.sync.change_files import ChangeFile, Record
from ocstudy.services.sync.hlc import COUNTER_LIMIT, HybridClock, Stamp, StampError, parse_stamp
from ocstudy.services.sync.outbox import capture
from ocstudy.services.sync.versions import Resolved, resolve
from ocstudy.userdata.own_cards import ID_PREFIX
from ocstudy.userdata.review_merge import ORIGINS, ForeignReview, Merged, take_out_reviews
from ocstudy.userdata.stored_values import (
    BadValueError,
    optional_whole_number,
    text_value,
    time_value,
    whole_number,
)
from ocstudy.userdata.sync_items import (
    MARK,
    NOTE,
    OWN_CARD,
    SETTING,
    TAG,
    THREE_WAY,
    canonical,
    read_items,
    write_item,
)
from ocstudy.userdata.sync_store import FOLDED_IN, REVIEWS_PUBLISHED, StoredVersion, SyncStore
from ocstudy.userdata.undone_reviews import REVIEW_UNDONE


class ReviewMerge(Protocol):
    """The review history's one merge (``ReviewExchange``): reviews from elsewhere joined
    once, and cards replayed from their logs."""

    def merge(self, reviews: Sequence[ForeignReview]) -> Merged: ...

    def replay_cards(self, card_ids: Sequence[str]) -> None: ...


_VALUE_TYPES: dict[str, tuple[type, ...]] = {
    NOTE: (dict,),
    OWN_CARD: (dict,),
    MARK: (dict,),
    TAG: (bool,),
    SETTING: (str,),
    REVIEW_UNDONE: (bool,),
}


@dataclass(slots=True)
class Folded:
    reviews: int = 0
    #: items written, by kind
    items: Counter[str] = field(default_factory=Counter)
    #: items that now hold texts of two computers side by side
    conflicts: int = 0
    #: own cards changed on both computers, the other version added as a card of its own
    kept_apart: int = 0
    #: reviews deleted because they were undone on another computer
    undone: int = 0
    #: records that could not be read (left out)
    unreadable: int = 0


def _review(record: Record) -> ForeignReview:
    origin = record.get("origin")
    duration = record.get("duration_ms")
    return ForeignReview(
        text_value(record.get("card"), "card"),
        whole_number(record.get("rating"), "rating", 1, 4),
        time_value(record.get("reviewed_at"), "reviewed_at"),
        optional_whole_number(duration, "duration_ms", 0),
        origin if isinstance(origin, str) and origin in ORIGINS else "ocstudy",
        text_value(record.get("mode") or "flashcard", "mode"),
    )


#: The fields each kind's value must hold, and their types (the store's NOT NULL columns); a
#: field not listed may be missing or null.
_REQUIRED: dict[str, dict[str, type | tuple[type, ...]]] = {
    NOTE: {"text": str, "created_at": str, "updated_at": str},
    OWN_CARD: {"front": str, "back": str, "themes": str, "created_at": str, "updated_at": str},
    MARK: {"suspended": int, "flag": int, "leech": int},
}


def _check_fields(kind: str, value: object) -> None:
    """BadValueError for a value lacking a field its row needs, or holding one of another
    type (a record written wrong elsewhere is counted as unreadable, never half-written)."""
    for name, wanted in _REQUIRED.get(kind, {}).items():
        field_value = value.get(name) if isinstance(value, dict) else None
        if not isinstance(field_value, wanted) or isinstance(field_value, bool):
            raise BadValueError(name, field_value, f"a {kind}'s {name}")


def _version(record: Record) -> tuple[str, str, StoredVersion]:
    kind, key, value = record.get("kind"), record.get("key"), record.get("value")
    if kind not in _VALUE_TYPES or not isinstance(key, str):
        raise BadValueError("kind", kind, "a kind of record this ocstudy knows")
    supersedes = record.get("supersedes")
    if not isinstance(supersedes, list):
        raise BadValueError("supersedes", supersedes, "a list of stamps")
    for stamp in (record.get("stamp"), *supersedes):
        parse_stamp(stamp)
    if value is not None:
        if not isinstance(value, str) or not isinstance(json.loads(value), _VALUE_TYPES[kind]):
            raise BadValueError("value", value, f"a {kind}'s value")
        _check_fields(kind, json.loads(value))
        value = canonical(json.loads(value))
    if kind == REVIEW_UNDONE and value != "true":
        raise BadValueError("value", value, "an undone review's true")
    return kind, key, StoredVersion(str(record["stamp"]), value, tuple(supersedes))


def fold(
    store: SyncStore,
    files: Sequence[ChangeFile],
    clock: HybridClock,
    wall: datetime,
    review_log: ReviewMerge,
) -> Folded:
    """Fold ``files`` in; the caller holds the transaction (all or nothing). Local changes
    not yet captured are captured first, so that a text typed meanwhile is a version too and
    is never overwritten."""
    done = Folded()
    capture(store, clock, wall)
    reviews: list[ForeignReview] = []
    touched: dict[str, set[str]] = defaultdict(set)
    for change in files:
        for record in change.records:
            try:
                if record.get("kind") == "review":
                    reviews.append(_review(record))
                    continue
                kind, key, version = _version(record)
            except (BadValueError, StampError, ValueError, TypeError, RecursionError):
                done.unreadable += 1
                continue
            if not store.known([version.stamp]):
                store.add_version(kind, key, version, FOLDED_IN)
                clock.seen(parse_stamp(version.stamp))
                touched[kind].add(key)
        store.mark_folded(change.device, change.seq)
    undone = touched.pop(REVIEW_UNDONE, set())
    _write_touched(store, touched, done)
    if undone:
        _undo_reviews(store, undone, review_log, done)
    if reviews:
        _merge(store, reviews, review_log.merge, done)
    return done


def _write_touched(store: SyncStore, touched: dict[str, set[str]], done: Folded) -> None:
    for kind, keys in touched.items():
        local = read_items(store.db, kind)
        versions = store.versions(kind)
        conflicts = store.conflicts(kind)
        for key in sorted(keys):
            resolved = resolve(versions[key], kind in THREE_WAY)
            if canonical(local.get(key)) != resolved.value:
                value = None if resolved.value is None else json.loads(resolved.value)
                write_item(store.db, kind, key, value)
                done.items[kind] += 1
            others = {other.stamp: str(other.value) for other in resolved.others}
            if kind == OWN_CARD and others:
                done.kept_apart += _keep_apart(store, key, resolved, local, versions)
                others = {}
            if others != conflicts.get(key, {}):
                store.set_conflicts(kind, key, others)
                done.conflicts += bool(others)


#: the ids of own cards kept apart are made from this and the version's own key and stamp, so
#: that every computer folding the same versions makes the same card
_KEPT_APART: Final = uuid.UUID("5c1d0e57-7a3b-4f0e-9c39-0c5d0c0a26f1")


def kept_apart(key: str, version: StoredVersion) -> tuple[str, StoredVersion]:
    """The card that keeps ``version`` of own card ``key`` apart: its id, and its first
    version (its stamp that of ``version`` made another device's)."""
    derived = uuid.uuid5(_KEPT_APART, f"{key}/{version.stamp}").hex
    stamp = parse_stamp(version.stamp)
    first = StoredVersion(str(Stamp(stamp.millis, stamp.counter, derived)), version.value, ())
    return f"{ID_PREFIX}{derived}", first


def joined(resolved: Resolved) -> StoredVersion:
    """The version of an own card kept as two that supersedes every head: the one in front,
    under a stamp made from the heads (just after the latest)."""
    assert resolved.front is not None
    latest = max(parse_stamp(stamp) for stamp in resolved.heads)
    device = uuid.uuid5(_KEPT_APART, "\n".join(sorted(resolved.heads))).hex
    counter = min(latest.counter + 1, COUNTER_LIMIT)
    stamp = Stamp(latest.millis, counter, device)
    return StoredVersion(str(stamp), resolved.front.value, tuple(sorted(resolved.heads)))


def _keep_apart(
    store: SyncStore,
    key: str,
    resolved: Resolved,
    local: dict[str, object],
    versions: dict[str, list[StoredVersion]],
) -> int:
    """An own card changed on both computers stays the version in front; each other version
    becomes a card of its own beside it (as an edit that met another process's does, in
    ``OwnCardStore.edit_as_found``), unless that card is already there or has a history of its
    own. The new cards' first versions and the card's version joining its heads are made
    from the versions alone, so every computer that folds the same heads makes the same, and
    they are sent too (a computer that gets the joining version with the heads in one go
    never sees two heads). How many cards were added."""
    added = 0
    for other in resolved.others:
        card_id, first = kept_apart(key, other)
        if card_id in local or card_id in versions or first.value is None:
            continue
        store.add_version(OWN_CARD, card_id, first, None)
        write_item(store.db, OWN_CARD, card_id, json.loads(first.value))
        added += 1
    store.add_version(OWN_CARD, key, joined(resolved), None)
    return added


def _undo_reviews(store: SyncStore, keys: set[str], review_log: ReviewMerge, done: Folded) -> None:
    """Take out the reviews undone on another computer; their cards follow their logs."""
    deleted, replay = take_out_reviews(store.db, keys)
    done.undone += deleted
    if replay:
        review_log.replay_cards(replay)


def _merge(
    store: SyncStore,
    reviews: list[ForeignReview],
    merge_reviews: Callable[[Sequence[ForeignReview]], Merged],
    done: Folded,
) -> None:
    """The reviews through the review merge (which leaves out those undone here or
    elsewhere); if no answer was given here since the last publish, the ones just added are
    not published back to where they came from."""
    unpublished = store.last_review_id() != int(store.state(REVIEWS_PUBLISHED) or 0)
    done.reviews = merge_reviews(reviews).added
    if not unpublished:
        store.set_state(REVIEWS_PUBLISHED, str(store.last_review_id()))
