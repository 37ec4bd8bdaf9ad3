"""Reading a file to restore, and checking that it is a whole ocstudy backup this version can
take: SQLite's integrity check, ocstudy's migrations (none newer, in order), every table and
column, and values every reader can read (:mod:`ocstudy.userdata.values`).

A file to restore may be another profile's live ``user.db`` whose newest writes are still in
its ``-wal``: it is read through SQLite with its ``-wal`` (or, where SQLite cannot share the
``-wal`` read-only, from a private copy of both), never as the main file alone.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ocstudy.userdata.backups import Backup, list_backups
from ocstudy.userdata.database import (
    SCHEMA_MIGRATIONS,
    StorageError,
    UserDatabaseError,
    applied_migrations,
    is_damage,
    storage_reason,
)
from ocstudy.userdata.values import find_bad_values, refusal


class BackupError(UserDatabaseError):
    """A file that is not a backup this ocstudy can restore; the message says why."""


def refused(path: Path, reason: str) -> BackupError:
    return BackupError(f"{path} is not a good ocstudy backup: {reason}; nothing was changed")


def _sqlite_reason(error: sqlite3.Error) -> str:
    """Why SQLite's ``error`` makes a file no backup to restore: damage, or no SQLite file.
    An error that says nothing of the file itself (busy, locked, an I/O error, permissions)
    is raised as the :class:`StorageError` it is: an I/O error is not damage, and a backup
    that cannot be read now is never passed over for an older one."""
    if not is_damage(error):
        raise StorageError(
            f"cannot read the backup now: {storage_reason(error)} ({error}); it may well be "
            "whole, and nothing was changed"
        )
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    return "not a SQLite database" if code == sqlite3.SQLITE_NOTADB else f"damaged ({error})"


def _readable(uri: str) -> sqlite3.Connection | None:
    try:
        connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        connection.close()
        return None
    return connection


@contextlib.contextmanager
def reading(path: Path, scratch: Path) -> Iterator[sqlite3.Connection]:
    """A connection that reads every committed change of ``path``, its ``-wal``'s included,
    and writes nothing there. ``scratch`` is a private folder for a copy, if one is needed:
    SQLite reads a ``-wal`` read-only only beside a ``-shm`` (a profile in use has one); a
    ``-wal`` with none (a profile that crashed, or on a read-only disk) is read from a copy of
    both, where SQLite may make its own.
    :class:`BackupError` if ``path`` is missing or no SQLite file."""
    if not path.is_file():
        raise refused(path, "not found")
    wal = path.with_name(path.name + "-wal")
    in_wal = wal.is_file() and wal.stat().st_size > 0
    uri = path.resolve().as_uri()
    shared = not in_wal or path.with_name(path.name + "-shm").is_file()
    connection = _readable(f"{uri}?mode=ro") if shared else None  # never makes a -shm there
    if connection is None and in_wal:
        copy = scratch / "source.db"
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        except OSError as error:
            raise refused(path, f"it cannot be read ({error.strerror or error})") from None
        connection = _readable(str(copy))
    elif connection is None:
        connection = _readable(f"{uri}?mode=ro&immutable=1")
    if connection is None:
        raise refused(path, _why_unreadable(uri))
    try:
        yield connection
    finally:
        connection.close()


def _why_unreadable(uri: str) -> str:
    try:
        with contextlib.closing(sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)) as c:
            c.execute("SELECT count(*) FROM sqlite_master")
    except sqlite3.Error as error:
        return _sqlite_reason(error)
    return "it cannot be read"


def what_is_wrong(connection: sqlite3.Connection) -> str | None:
    """Why the database behind ``connection`` is no whole ocstudy backup this version can
    restore (its values apart: see :func:`values_refusal`); None if it is."""
    try:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            return f"damaged (integrity check: {check})"
        applied = applied_migrations(connection)
        if not applied:
            return "it holds no ocstudy data (an empty database, or another program's)"
        newer = [name for name in applied if name not in SCHEMA_MIGRATIONS]
        if newer:
            return (
                f"it was made by a newer ocstudy (schema {newer[-1]}); update ocstudy to restore it"
            )
        if applied != list(SCHEMA_MIGRATIONS[: len(applied)]):
            return f"its schema history is not ocstudy's ({', '.join(applied)})"
        expected = _schema(_reference(len(applied)))
        found = _schema(connection)
    except sqlite3.Error as error:
        return _sqlite_reason(error)
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


def check_backup(path: Path) -> None:
    """Raise :class:`BackupError` unless ``path`` is a whole ocstudy backup this version can
    restore, whose values need at most repairs."""
    import tempfile

    with (
        tempfile.TemporaryDirectory(prefix="ocstudy-check-") as scratch,
        reading(path, Path(scratch)) as connection,
    ):
        reason = what_is_wrong(connection)
        if reason is None:
            try:
                reason = refusal(find_bad_values(connection, datetime.now(UTC)))
            except sqlite3.Error as error:
                reason = _sqlite_reason(error)
    if reason:
        raise refused(path, reason)


def is_healthy(path: Path) -> bool:
    """Whether :func:`check_backup` finds nothing wrong with ``path``."""
    try:
        check_backup(path)
    except BackupError:
        return False
    return True


def newest_healthy(folder: Path) -> tuple[Backup | None, list[tuple[Backup, str]]]:
    """The backup written last that is whole (whatever the clock said when it was made), and
    the newer ones passed over, each with why. :class:`StorageError` when one cannot be read
    now (never passed over for that: it may be whole)."""
    passed: list[tuple[Backup, str]] = []
    for backup in list_backups(folder):
        try:
            check_backup(backup.path)
        except BackupError as error:
            passed.append((backup, str(error)))
            continue
        return backup, passed
    return None, passed
