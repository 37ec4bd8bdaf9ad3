"""The learner's data opened for reading only: a database made by a newer ocstudy, one in a
folder that cannot be written (a read-only disk, a full one), or, when there is none or it
cannot be read at all, an empty stand-in. Nothing is ever written to the file; a write goes
through :meth:`UserDatabase.atomic <ocstudy.userdata.database.UserDatabase.atomic>`, which
first tries to make the data writable again.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ocstudy.userdata import database
from ocstudy.userdata.database import (
    SCHEMA_MIGRATIONS,
    USER_DB_NAME,
    UserDatabase,
    applied_migrations,
    bring_up_to_date,
)


def open_read_only(data_dir: Path) -> UserDatabase:
    """The database as it is, for reading only, even on a read-only disk; an empty in-memory
    stand-in if there is none, or if it cannot be read at all (then it never becomes writable
    over the real one: see :meth:`UserDatabase.atomic`, and it is marked ``unreadable``)."""
    path = data_dir / USER_DB_NAME
    try:
        present = path.is_file()
    except OSError:  # the folder cannot be entered: another user's, or mode 000
        present = None
    connection = _read_only_connection(path) if present else None
    if connection is not None:
        return UserDatabase(_with_every_table(connection), path, read_only=True)
    stand_in = sqlite3.connect(":memory:", isolation_level=None)
    bring_up_to_date(stand_in)
    unreadable = present is not False
    return UserDatabase(stand_in, path, read_only=True, stand_in=True, unreadable=unreadable)


def _with_every_table(connection: sqlite3.Connection) -> sqlite3.Connection:
    """``connection``, or where an older ocstudy wrote it (tables this version reads are
    missing) a private in-memory copy brought up to date: the file is never changed, and
    every view can read what it needs. A newer database is left as it is."""
    try:
        applied = applied_migrations(connection)
        if not set(applied) < set(SCHEMA_MIGRATIONS):
            return connection
        memory = sqlite3.connect(":memory:", isolation_level=None)
        connection.backup(memory)
        bring_up_to_date(memory)
    except sqlite3.Error:
        return connection  # read as it is: a read that fails says so where it is made
    connection.close()
    return memory


def _read_only_connection(path: Path) -> sqlite3.Connection | None:
    """A read-only connection that sees every committed change, or None.

    ``mode=ro`` needs the -shm beside a WAL database; on a read-only disk (or a full one) it
    cannot be made. With no -wal to apply, the file alone is the whole data: it is opened
    ``immutable``. Otherwise the file and its -wal are copied into memory through a private
    temporary folder, where SQLite applies the -wal."""
    wal = path.with_name(path.name + "-wal")
    uri = path.resolve().as_uri()
    attempts = [f"{uri}?mode=ro"]
    if not wal.exists() or wal.stat().st_size == 0:
        attempts.append(f"{uri}?mode=ro&immutable=1")
    for attempt in attempts:
        try:
            connection = sqlite3.connect(
                attempt, uri=True, isolation_level=None, timeout=database.BUSY_TIMEOUT_MS / 1000
            )
        except sqlite3.Error:
            continue
        try:
            connection.execute("PRAGMA quick_check").fetchone()
            applied_migrations(connection)
        except sqlite3.Error:
            connection.close()
            continue
        connection.execute("PRAGMA foreign_keys = ON")
        return connection
    return _copy_in_memory(path) if wal.exists() else None


def _copy_in_memory(path: Path) -> sqlite3.Connection | None:
    import shutil
    import tempfile

    try:
        with tempfile.TemporaryDirectory(prefix="ocstudy-read-") as folder:
            copy = Path(folder) / path.name
            for suffix in ("", "-wal"):
                shutil.copyfile(
                    path.with_name(path.name + suffix), copy.with_name(copy.name + suffix)
                )
            source = sqlite3.connect(copy)
            memory = sqlite3.connect(":memory:", isolation_level=None)
            try:
                source.backup(memory)
            finally:
                source.close()
            return memory
    except (OSError, sqlite3.Error):
        return None
