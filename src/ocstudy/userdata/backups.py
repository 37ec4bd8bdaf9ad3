"""Backups of the learner's database: consistent copies made with SQLite's backup API (never
a file copy of a live database), kept as a ladder of daily, weekly and monthly copies.

A backup is written to a ``.partial`` file and renamed only when complete, so a crash never
leaves a half backup that looks whole.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ocstudy.userdata.database import BACKUP_DIR

_NAME = re.compile(r"^user-(\d{8}-\d{6})(?:-(\d+))?\.db$")
#: The newest RECENT backups are always kept; older ones as a ladder of the newest backup of
#: each of the last 7 days, 4 weeks and 12 months.
RECENT = 10
LADDER = {"daily": 7, "weekly": 4, "monthly": 12}


@dataclass(frozen=True, order=True)
class Backup:
    taken_at: datetime
    counter: int  # several backups in one second: 0, then 1, 2, ...
    path: Path


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def list_backups(folder: Path) -> list[Backup]:
    """Every backup in ``folder``, newest first."""
    found = []
    for path in folder.glob("user-*.db") if folder.is_dir() else []:
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            found.append(Backup(taken, int(match.group(2) or 0), path))
    return sorted(found, reverse=True)


def _private(path: Path, mode: int) -> None:
    if os.name == "posix":
        path.chmod(mode)


def create_backup(connection: sqlite3.Connection, folder: Path, now: datetime) -> Path:
    """Copy the live database consistently into ``folder``; prune the ladder; return the copy."""
    folder.mkdir(parents=True, exist_ok=True)
    _private(folder, 0o700)
    stamp = now.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    target = folder / f"user-{stamp}.db"
    counter = 1
    while target.exists():
        target = folder / f"user-{stamp}-{counter}.db"
        counter += 1
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    destination = sqlite3.connect(partial)
    try:
        connection.backup(destination)
        # a self-contained file: no -wal or -shm needed to read it, even read-only
        destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        destination.close()
    _private(partial, 0o600)
    os.replace(partial, target)
    prune(folder)
    return target


def _keep(backups: list[Backup]) -> set[Path]:
    """The newest few, then grandfather-father-son: the newest copy of each of the last 7 days,
    4 weeks and 12 months."""
    keep = {backup.path for backup in backups[:RECENT]}
    periods: dict[str, Callable[[Backup], object]] = {
        "daily": lambda b: b.taken_at.date(),
        "weekly": lambda b: tuple(b.taken_at.isocalendar())[:2],
        "monthly": lambda b: (b.taken_at.year, b.taken_at.month),
    }
    for name, period in periods.items():
        seen: list[object] = []
        for backup in backups:  # newest first: the first of each period is its newest
            key = period(backup)
            if key not in seen:
                seen.append(key)
                if len(seen) <= LADDER[name]:
                    keep.add(backup.path)
    return keep


def prune(folder: Path) -> list[Path]:
    """Delete the backups the ladder does not keep; return what was deleted."""
    backups = list_backups(folder)
    keep = _keep(backups)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _read_only_uri(path: Path) -> str:
    """Backups never change once written: read them without locks or side files."""
    return f"{path.resolve().as_uri()}?mode=ro&immutable=1"


def is_healthy(path: Path) -> bool:
    """A readable SQLite database that passes ``integrity_check`` and has a migrations table."""
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            ok = connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return ok and "_sqlite_migrations" in tables


def newest_healthy(folder: Path) -> Backup | None:
    return next((b for b in list_backups(folder) if is_healthy(b.path)), None)


def open_backup(source: Path) -> sqlite3.Connection:
    """A read-only connection to a backup (it stays readable even if the file is pruned)."""
    return sqlite3.connect(_read_only_uri(source), uri=True)


class CopyCancelledError(Exception):
    """The progress callback stopped a copy; the destination is exactly as it was."""


def copy_database(
    source: Path | sqlite3.Connection,
    connection: sqlite3.Connection,
    progress: Callable[[int, int], bool] | None = None,
) -> None:
    """Overwrite the live database behind ``connection`` with ``source``, atomically.

    With ``progress(done, total)`` the copy goes a few pages at a time; returning False stops
    it, and SQLite rolls the destination back (raises :class:`CopyCancelledError`)."""
    reader = open_backup(source) if isinstance(source, Path) else source

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None and not progress(total - remaining, total):
            raise CopyCancelledError

    try:
        if progress is None:
            reader.backup(connection)
        else:
            reader.backup(connection, pages=64, progress=step)
    finally:
        if isinstance(source, Path):
            reader.close()
