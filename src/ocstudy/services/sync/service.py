"""One sync through a shared folder (``docs/sync.md``): publish what this device changed,
write again any of its files the folder lost, then fold in every other device's whole files
not folded yet. The learner's database never goes into the folder, and only this device's
subfolder is ever written."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from ocstudy.clock import Clock, utc_now
from ocstudy.phrasing import counted
from ocstudy.services.sync.change_files import (
    ChangeFile,
    NotWholeError,
    TooNewError,
    candidates,
    file_name,
    own_sizes,
    read_first_whole,
    remove_temporaries,
    write_atomically,
)
from ocstudy.services.sync.conflicts import Keep, NoteConflict, note_conflicts, resolve_note
from ocstudy.services.sync.fold import Folded, ReviewMerge, fold
from ocstudy.services.sync.hlc import HybridClock, parse_stamp
from ocstudy.services.sync.outbox import capture, publish
from ocstudy.userdata.database import UserDatabase
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.review_rows import iso
from ocstudy.userdata.sync_store import DEVICE, REVIEWS_PUBLISHED, SyncStore

CLOCK: Final = "clock"
#: the synced folder the app syncs through: a setting of this computer's own, never synced
FOLDER_SETTING: Final = "sync.folder"


class SyncFolderError(OSError):
    """The synced folder cannot be read or written; nothing was changed."""


@dataclass(frozen=True, slots=True)
class SyncReport:
    devices: int
    reviews_in: int
    #: reviews taken out because they were undone on another computer
    reviews_undone: int
    items_in: int
    conflicts: int
    #: own cards changed on both computers, the other version kept as a card of its own
    kept_apart: int
    records_out: int
    rewritten: int
    #: files of other devices not whole yet (still being copied), tried again next time
    waiting: int
    newer: int
    unreadable: int

    @property
    def came_in(self) -> bool:
        counts = (self.reviews_in, self.reviews_undone, self.items_in, self.conflicts)
        return any(counts) or bool(self.kept_apart)

    @property
    def message(self) -> str:
        line = (
            f"Synced with {counted(self.devices, 'other computer')}: "
            f"{counted(self.reviews_in, 'review')} and {counted(self.items_in, 'change')} "
            f"came in, {counted(self.conflicts, 'conflict')} to resolve; "
            f"{counted(self.records_out, 'change')} went out."
        )
        if self.reviews_undone:
            line += (
                f" {counted(self.reviews_undone, 'review')} undone on another computer taken out."
            )
        if self.kept_apart:
            line += (
                f" {counted(self.kept_apart, 'own card')} changed on both computers: "
                "the other version kept as a card of its own."
            )
        if self.waiting:
            line += f" {counted(self.waiting, 'file')} still being copied, read next time."
        if self.newer:
            line += f" {counted(self.newer, 'file')} from a newer ocstudy left unread."
        if self.unreadable:
            line += f" {counted(self.unreadable, 'record')} could not be read and was left out."
        return line


class SyncService:
    def __init__(self, db: UserDatabase, reviews: ReviewMerge, clock: Clock = utc_now) -> None:
        self._store = SyncStore(db)
        self._reviews = reviews
        self._clock: Callable[[], datetime] = clock
        self._notes = NoteStore(db, clock)

    def folder(self) -> Path | None:
        """The folder the app syncs through, None when it does not sync."""
        chosen = self._store.local_setting(FOLDER_SETTING)
        return Path(chosen) if chosen else None

    def set_folder(self, folder: Path | None) -> None:
        """Sync through ``folder`` from now on; None: stop syncing."""
        with self._store.db.atomic():
            self._store.set_local_setting(FOLDER_SETTING, str(folder) if folder else None)

    def note_conflicts(self) -> list[NoteConflict]:
        """The notes changed on two computers at once, each with the text kept beside it."""
        return note_conflicts(self._store, self._notes)

    def resolve_note(self, conflict: NoteConflict, keep: Keep) -> bool:
        """The learner's choice for ``conflict`` (as shown); False if it was resolved
        meanwhile, nothing changed."""
        return resolve_note(self._store, self._notes, conflict, keep)

    def sync_once(self, folder: Path) -> SyncReport:
        """Publish, repair, fold; :class:`SyncFolderError` (nothing changed) if ``folder``
        cannot be read or written."""
        device = self._store.state(DEVICE) or uuid.uuid4().hex
        own = folder / device
        check_apart(folder, self._store.db.path.parent)
        _check_folder(folder, own)
        store, wall = self._store, self._clock()
        with store.db.atomic():
            device = self._device(own)
            hybrid = self._hybrid(device)
            capture(store, hybrid, wall)
            late = store.cards_answered_out_of_order(int(store.state(REVIEWS_PUBLISHED) or 0))
            if late:
                self._reviews.replay_cards(late)
            published = publish(store, device, iso(wall))
            store.set_state(CLOCK, str(hybrid.last or ""))
        try:
            rewritten = _write_own(store, folder / device, published)
            whole, waiting, newer = _whole_files(folder, device, store.folded())
            others = len(candidates(folder, device))
        except OSError as error:
            raise SyncFolderError(
                f"the sync folder {folder} could not be read or written midway: "
                f"{error.strerror or error}; your data is safe, and the next sync carries on"
            ) from None
        folded = Folded()
        if whole:
            with store.db.atomic():
                hybrid = self._hybrid(device)
                folded = fold(store, whole, hybrid, self._clock(), self._reviews)
                store.set_state(CLOCK, str(hybrid.last or ""))
        return SyncReport(
            devices=others,
            reviews_in=folded.reviews,
            reviews_undone=folded.undone,
            items_in=sum(folded.items.values()),
            conflicts=folded.conflicts,
            kept_apart=folded.kept_apart,
            records_out=published[1] if published else 0,
            rewritten=rewritten,
            waiting=waiting,
            newer=newer,
            unreadable=folded.unreadable,
        )

    def _device(self, own: Path) -> str:
        """This device's id; a new one when its subfolder holds a file it did not write (the
        data folder was copied to another computer, which writes there too): then all it has
        published goes out again under the new id."""
        store = self._store
        device = store.state(DEVICE)
        if device is not None and not _cloned(own_sizes(own), store.published_sizes()):
            return device
        device = own.name if device is None else uuid.uuid4().hex
        store.set_state(DEVICE, device)
        store.db.execute("DELETE FROM sync_published")
        store.db.execute("UPDATE sync_versions SET published = NULL WHERE published > 0")
        store.set_state(REVIEWS_PUBLISHED, "0")
        return device

    def _hybrid(self, device: str) -> HybridClock:
        last = self._store.state(CLOCK)
        return HybridClock(device, parse_stamp(last) if last else None)


def _cloned(on_disk: dict[int, int], published: dict[int, int]) -> bool:
    """A file in this device's subfolder past what it published: another computer writes
    there under the same id. (A file of the wrong size is one the folder cut: written again.)"""
    return any(seq not in published for seq in on_disk)


def check_folder(folder: Path) -> None:
    """:class:`SyncFolderError` unless ``folder`` is a folder this user can read and write."""
    try:
        usable = folder.is_dir() and os.access(folder, os.R_OK | os.W_OK | os.X_OK)
        os.listdir(folder)
    except OSError as error:
        raise SyncFolderError(
            f"cannot read the sync folder {folder}: {error.strerror or error}; nothing was changed"
        ) from None
    if not usable:
        raise SyncFolderError(
            f"the sync folder {folder} is not a folder you can read and write; nothing was changed"
        )


def check_apart(folder: Path, data_dir: Path) -> None:
    """:class:`SyncFolderError` if ``folder`` is the data folder, inside it, or holds it: change
    files go nowhere among the learner's data, and a sync tool never copies the database."""
    synced, data = Path(os.path.realpath(folder)), Path(os.path.realpath(data_dir))
    if synced == data or data in synced.parents:
        raise SyncFolderError(
            f"the sync folder {folder} is ocstudy's data folder or inside it; choose a folder "
            f"outside {data_dir}; nothing was changed"
        )
    if synced in data.parents:
        raise SyncFolderError(
            f"the sync folder {folder} holds ocstudy's data folder {data_dir}, whose database "
            "the sync tool would copy between computers; choose another folder; nothing was "
            "changed"
        )


def _check_folder(folder: Path, own: Path) -> None:
    """Read the folder and write in this device's subfolder, or :class:`SyncFolderError`."""
    check_folder(folder)
    try:
        own.mkdir(exist_ok=True)
        probe = own / f".probe-{uuid.uuid4().hex}.tmp"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise SyncFolderError(
            f"cannot read or write the sync folder {folder}: {error.strerror or error}; "
            "nothing was changed"
        ) from None


def _write_own(store: SyncStore, own: Path, published: tuple[int, int] | None) -> int:
    """Write the file just published and again any the folder lost or cut; how many again."""
    own.mkdir(exist_ok=True)
    remove_temporaries(own)
    on_disk = own_sizes(own)
    rewritten = 0
    for seq, size in sorted(store.published_sizes().items()):
        if on_disk.get(seq) != size:
            write_atomically(own / file_name(seq), store.published_body(seq))
            rewritten += published is None or seq != published[0]
    return rewritten


def _whole_files(
    folder: Path, device: str, folded: set[tuple[str, int]]
) -> tuple[list[ChangeFile], int, int]:
    """The other devices' files not folded yet that are whole, by device and sequence; how
    many are not whole yet; how many are from a newer ocstudy."""
    whole: list[ChangeFile] = []
    waiting = newer = 0
    for other, files in sorted(candidates(folder, device).items()):
        for seq, paths in sorted(files.items()):
            if (other, seq) in folded:
                continue
            try:
                whole.append(read_first_whole(paths, other, seq))
            except TooNewError:
                newer += 1
            except NotWholeError:
                waiting += 1
    return whole, waiting, newer
