"""Backups of the learner's database: consistent copies made with SQLite's backup API (never
a file copy of a live database), kept as a ladder of daily, weekly and monthly copies.

A backup is written to a ``.partial`` file and renamed only when complete, so a crash never
leaves a half backup that looks whole.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ocstudy.userdata.database import (
    BACKUP_DIR,
    SCHEMA_MIGRATIONS,
    UserDatabaseError,
    applied_migrations,
)

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


class BackupError(UserDatabaseError):
    """A file that is not a backup this ocstudy can restore; the message says why."""


def check_backup(path: Path) -> None:
    """Raise :class:`BackupError` unless ``path`` is a whole ocstudy backup this version can
    restore: a SQLite file that passes ``integrity_check``, with ocstudy's migrations, none
    newer than this version knows, and every table and column they make."""
    if not path.is_file():
        raise BackupError(f"{path} is not a good ocstudy backup: not found; nothing was changed")
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            reason = _what_is_wrong(connection)
        finally:
            connection.close()
    except sqlite3.Error as error:
        code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        reason = "not a SQLite database" if code == sqlite3.SQLITE_NOTADB else f"damaged ({error})"
    if reason:
        raise BackupError(f"{path} is not a good ocstudy backup: {reason}; nothing was changed")


def _what_is_wrong(connection: sqlite3.Connection) -> str | None:
    check = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if check != "ok":
        return f"damaged (integrity check: {check})"
    applied = applied_migrations(connection)
    if not applied:
        return "it holds no ocstudy data (an empty database, or another program's)"
    newer = [name for name in applied if name not in SCHEMA_MIGRATIONS]
    if newer:
        return f"it was made by a newer ocstudy (schema {newer[-1]}); update ocstudy to restore it"
    if applied != list(SCHEMA_MIGRATIONS[: len(applied)]):
        return f"its schema history is not ocstudy's ({', '.join(applied)})"
    expected = _schema(_reference(len(applied)))
    found = _schema(connection)
    missing = [
        f"{table}.{column}" if column else table
        for table, columns in expected.items()
        for column in ([None] if table not in found else sorted(columns - found[table]))
    ]
    if missing:
        return f"it lacks ocstudy's {', '.join(missing[:5])}"
    return None


def _reference(migrations: int) -> sqlite3.Connection:
    """An empty database with the first ``migrations`` migrations applied."""
    import sqlite_utils

    from ocstudy.userdata.migrations import MIGRATIONS

    connection = sqlite3.connect(":memory:", isolation_level=None)
    stop = SCHEMA_MIGRATIONS[migrations] if migrations < len(SCHEMA_MIGRATIONS) else None
    MIGRATIONS.apply(sqlite_utils.Database(connection), stop_before=stop)
    return connection


def _schema(connection: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: {row[1] for row in connection.execute("SELECT * FROM pragma_table_info(?)", [table])}
        for table in tables
    }


def is_healthy(path: Path) -> bool:
    """Whether :func:`check_backup` finds nothing wrong with ``path``."""
    try:
        check_backup(path)
    except BackupError:
        return False
    return True


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
    it, and SQLite rolls the destination back (raises :class:`CopyCancelledError`). A source of
    another page size is first copied to this one's (a WAL database keeps its page size)."""
    reader = open_backup(source) if isinstance(source, Path) else source

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None and not progress(total - remaining, total):
            raise CopyCancelledError

    try:
        with _same_page_size(reader, connection) as copy:
            if progress is None:
                copy.backup(connection)
            else:
                copy.backup(connection, pages=64, progress=step)
    finally:
        if isinstance(source, Path):
            reader.close()


@contextmanager
def _same_page_size(
    reader: sqlite3.Connection, connection: sqlite3.Connection
) -> Iterator[sqlite3.Connection]:
    """``reader``, or a private temporary copy of it with ``connection``'s page size."""
    wanted = connection.execute("PRAGMA page_size").fetchone()[0]
    if reader.execute("PRAGMA page_size").fetchone()[0] == wanted:
        yield reader
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="ocstudy-restore-") as folder:
        copy = sqlite3.connect(Path(folder) / "copy.db", isolation_level=None)
        try:
            reader.backup(copy)
            copy.execute(f"PRAGMA page_size = {int(wanted)}")
            copy.execute("VACUUM")
            yield copy
        finally:
            copy.close()
