"""Backups of the learner's database: consistent copies made with SQLite's backup API (never
a file copy of a live database), kept as a ladder of daily, weekly and monthly copies.

A backup is written to a ``.partial`` file of its own (held locked while it is written, see
:mod:`ocstudy.userdata.scratch`) and takes its name only when complete, never over another:
a crash never leaves a half backup that looks whole, and two backups started together (the
app's timer and ``ocstudy backup``) both succeed.

Each backup's name carries the time on the clock and a sequence number, one more than the
highest in the folder: the newest backup is the one written last, whatever the clock said
(a clock set to 2031 once, or to 1970 by a dead battery, would otherwise make an old backup
look newest, or the newest look old enough to prune). Backups of an ocstudy that wrote no
number come before every numbered one.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ocstudy.userdata.database import BACKUP_DIR
from ocstudy.userdata.scratch import (
    PARTIAL_BACKUPS,
    held_file,
    move_without_overwriting,
    remove_stale,
)

_NAME = re.compile(r"^user-(\d{8}-\d{6})(?:-(\d+))?(?:-n(\d+))?\.db$")
#: The newest RECENT backups are always kept; older ones as a ladder of the newest backup of
#: each of the last 7 days, 4 weeks and 12 months.
RECENT = 10
LADDER = {"daily": 7, "weekly": 4, "monthly": 12}
#: A backup whose name is later than now by more than this was made with the clock ahead.
CLOCK_SLACK = timedelta(minutes=10)


#: ``progress(done, total)``: how far a copy is; False stops it.
Progress = Callable[[int, int], bool]


class CopyCancelledError(Exception):
    """The progress callback stopped a copy; the destination is exactly as it was."""


def copy_database(
    source: sqlite3.Connection,
    destination: sqlite3.Connection,
    progress: Progress | None = None,
    pages: int = 256,
) -> None:
    """Overwrite the database behind ``destination`` with ``source``'s, in one transaction,
    by SQLite's backup API. With ``progress`` the copy goes ``pages`` pages at a time;
    returning False stops it and SQLite rolls the destination back
    (:class:`CopyCancelledError`). A destination in WAL mode must have ``source``'s page
    size."""

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None and not progress(total - remaining, total):
            raise CopyCancelledError

    if progress is None:
        source.backup(destination)
    else:
        source.backup(destination, pages=pages, progress=step)


@dataclass(frozen=True, order=True)
class Backup:
    #: The order backups were written in (0: before ocstudy numbered them).
    sequence: int
    #: The clock's time when it was made (which the clock may have had wrong).
    taken_at: datetime
    counter: int  # an unnumbered backup's place among several in one second: 0, then 1, 2...
    path: Path

    def dated_in_the_future(self, now: datetime) -> bool:
        """Whether the clock was ahead when this backup was made."""
        return self.taken_at > now + CLOCK_SLACK

    def describe(self, now: datetime) -> str:
        """Its file name, and what is odd about its date."""
        if self.dated_in_the_future(now):
            return (
                f"{self.path.name} (dated {self.taken_at:%Y-%m-%d %H:%M} UTC, in the future: the "
                "clock was wrong when it was made)"
            )
        return self.path.name


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def backup_of(path: Path) -> Backup | None:
    """``path`` as a backup, if its name is a backup's."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    return Backup(int(match.group(3) or 0), taken, int(match.group(2) or 0), path)


def list_backups(folder: Path) -> list[Backup]:
    """Every backup in ``folder``, the one written last first."""
    found = (backup_of(path) for path in (folder.glob("user-*.db") if folder.is_dir() else []))
    return sorted((backup for backup in found if backup is not None), reverse=True)


def _private(path: Path, mode: int) -> None:
    if os.name == "posix":
        path.chmod(mode)


def create_backup(
    connection: sqlite3.Connection, folder: Path, now: datetime, progress: Progress | None = None
) -> Path:
    """Copy the live database consistently into ``folder``; prune the ladder; return the copy.
    Half backups a killed writer left there are removed first. ``progress`` as for
    :func:`copy_database`; a cancelled backup leaves nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    _private(folder, 0o700)
    remove_stale_partials(folder)
    stamp = now.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    with held_file(folder, ".user-", ".db.partial") as partial:
        destination = sqlite3.connect(partial)
        try:
            copy_database(connection, destination, progress)
            # a self-contained file: no -wal or -shm needed to read it, even read-only
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
        while True:  # numbered when complete: the last written has the highest number
            target = folder / f"user-{stamp}-n{next_sequence(folder)}.db"
            try:
                move_without_overwriting(partial, target)
            except FileExistsError:  # another backup took that name just now
                continue
            break
    prune(folder, now)
    return target


def next_sequence(folder: Path) -> int:
    return 1 + max((backup.sequence for backup in list_backups(folder)), default=0)


def remove_stale_partials(folder: Path) -> list[Path]:
    """Half-written backups a crash, a kill or a full disk left behind (never one another
    process is writing now, never a finished backup)."""
    return remove_stale(folder, PARTIAL_BACKUPS)


def kept(backups: Sequence[Backup], now: datetime) -> set[Path]:
    """What the ladder keeps of ``backups`` (the last written first): the newest few, then
    grandfather-father-son: the last written of each of the last 7 days, 4 weeks and 12
    months, in the order they were written (so a clock far behind never makes the newest look
    old). A backup dated in the future counts in the period of the backup written after it (or
    of now): a clock once set to 2031 never holds a month's place for a year."""
    keep = {backup.path for backup in backups[:RECENT]}
    placed = [
        min(backup.taken_at, newer.taken_at if newer else now)
        if backup.dated_in_the_future(now)
        else backup.taken_at
        for backup, newer in zip(backups, [None, *backups[:-1]], strict=True)
    ]
    periods: dict[str, Callable[[datetime], object]] = {
        "daily": lambda t: t.date(),
        "weekly": lambda t: tuple(t.isocalendar())[:2],
        "monthly": lambda t: (t.year, t.month),
    }
    for name, period in periods.items():
        seen: list[object] = []
        for backup, when in zip(backups, placed, strict=True):  # the first of each period is
            key = period(when)  # its last written
            if key not in seen:
                seen.append(key)
                if len(seen) <= LADDER[name]:
                    keep.add(backup.path)
    return keep


def prune(folder: Path, now: datetime) -> list[Path]:
    """Delete the backups the ladder does not keep at ``now``; return what was deleted."""
    backups = list_backups(folder)
    keep = kept(backups, now)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed
