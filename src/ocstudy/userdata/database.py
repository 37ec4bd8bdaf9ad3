"""The learner's database in the data folder: opening it, checking it, and what to do when it
cannot be used as it is.

SQLite through the standard library: WAL, foreign keys, a busy timeout, every write in a
transaction. sqlite-utils (a heavy import) is loaded only when a migration is pending. User
files are created readable by the user only (0700 folder, 0600 files) on POSIX.

A database that is damaged is moved aside (never deleted) by :func:`recover`; one made by a
newer ocstudy, or in a folder that cannot be written, is opened read-only: nothing is ever
written to it, and a write raises :class:`ReadOnlyError` until the folder can be written.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

USER_DB_NAME = "user.db"
BUSY_TIMEOUT_MS = 5000
MIGRATION_SET = "ocstudy-user"
#: The migrations this ocstudy knows, in order (``migrations.py`` defines them; a test checks
#: that the two agree). A database with any other applied migration is from a newer ocstudy.
SCHEMA_MIGRATIONS: tuple[str, ...] = ("0001_notes", "0002_reviews")


class UserDatabaseError(RuntimeError):
    """The user database cannot be opened or written; the message says where and why."""


class DamagedDatabaseError(UserDatabaseError):
    """The file is not a usable SQLite database (garbage, truncated, zero bytes, corrupt)."""


class NewerDatabaseError(UserDatabaseError):
    """The database was made by a newer ocstudy; this one must not change it."""


class ReadOnlyError(UserDatabaseError):
    """A write to a database opened read-only."""


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and its parents) if needed, readable by the user only."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def applied_migrations(connection: sqlite3.Connection) -> list[str]:
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    if "_sqlite_migrations" not in tables:
        return []
    rows = connection.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        (MIGRATION_SET,),
    )
    return [row[0] for row in rows]


class UserDatabase:
    """A connection to the learner's database, with the small API the stores use."""

    def __init__(self, connection: sqlite3.Connection, path: Path, read_only: bool = False):
        self.conn = connection
        self.path = path
        self.read_only = read_only

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    @contextmanager
    def atomic(self) -> Iterator[UserDatabase]:
        """One transaction (a savepoint when nested). A read-only database first tries to
        become writable again (the folder may have come back); if it cannot, the write fails."""
        if self.read_only and not self._reopen_writable():
            raise ReadOnlyError(f"your data folder cannot be written to now: {self.path.parent}")
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT nested")
            try:
                yield self
            except BaseException:
                self.conn.execute("ROLLBACK TO nested")
                raise
            self.conn.execute("RELEASE nested")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _reopen_writable(self) -> bool:
        """Switch to the real, writable database if that is now possible (and safe)."""
        try:
            fresh = open_user_database(self.path.parent)
        except UserDatabaseError:
            return False
        self.conn.close()
        self.conn, self.read_only = fresh.conn, False
        return True

    def close(self) -> None:
        self.conn.close()


def open_user_database(data_dir: Path) -> UserDatabase:
    """Open (creating if needed) ``data_dir/user.db`` with every migration applied.

    Raises :class:`DamagedDatabaseError`, :class:`NewerDatabaseError` or, when the folder or
    the file cannot be used, :class:`UserDatabaseError`; nothing is changed in those cases.
    """
    path = data_dir / USER_DB_NAME
    try:
        private_folder(data_dir)
        if path.exists() and path.stat().st_size == 0:
            # SQLite would take an empty file for a new database; for the learner, whose data
            # was there, it is a damaged one.
            raise DamagedDatabaseError(f"your data at {path} is empty (zero bytes)")
        if not path.exists() and os.name == "posix":
            path.touch(mode=0o600)
        connection = _connect(path, read_only=False)
    except sqlite3.DatabaseError as error:
        raise DamagedDatabaseError(f"your data at {path} is damaged ({error})") from None
    except (OSError, sqlite3.Error) as error:
        raise UserDatabaseError(f"cannot open your data at {path}: {error}") from None
    try:
        check = connection.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DamagedDatabaseError(f"your data at {path} is damaged ({check})")
        applied = applied_migrations(connection)
        newer = [name for name in applied if name not in SCHEMA_MIGRATIONS]
        if newer:
            raise NewerDatabaseError(
                f"your data at {path} was written by a newer ocstudy (schema {newer[-1]}); "
                "this version will not change it"
            )
        if len(applied) < len(SCHEMA_MIGRATIONS):
            _migrate(connection)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise DamagedDatabaseError(f"your data at {path} is damaged ({error})") from None
    except UserDatabaseError:
        connection.close()
        raise
    return UserDatabase(connection, path)


def _migrate(connection: sqlite3.Connection) -> None:
    import sqlite_utils

    from ocstudy.userdata.migrations import MIGRATIONS

    MIGRATIONS.apply(sqlite_utils.Database(connection))


def open_read_only(data_dir: Path) -> UserDatabase:
    """The database as it is, for reading only; an empty in-memory one if there is none."""
    path = data_dir / USER_DB_NAME
    try:
        connection = _connect(path, read_only=True)
        connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.Error:
        connection = sqlite3.connect(":memory:", isolation_level=None)
        _migrate(connection)
    return UserDatabase(connection, path, read_only=True)


class Recovery(NamedTuple):
    """What :func:`recover` did with a damaged database."""

    moved_to: Path
    restored_from: Path | None

    @property
    def message(self) -> str:
        where = (
            f"restored your newest good backup ({self.restored_from.name})"
            if self.restored_from
            else "started a fresh database (there was no good backup)"
        )
        return (
            f"Your data file was damaged. ocstudy kept it as {self.moved_to.name} (nothing was "
            f"deleted) and {where}."
        )


def recover(data_dir: Path, now: datetime | None = None) -> Recovery:
    """Move a damaged database aside and put the newest good backup in its place, if any."""
    from ocstudy.userdata.backups import backups_dir, copy_database, newest_healthy

    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    path = data_dir / USER_DB_NAME
    moved_to = path.with_name(f"{USER_DB_NAME}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            os.replace(source, moved_to.with_name(moved_to.name + suffix))
    backup = newest_healthy(backups_dir(data_dir))
    if backup is not None:
        connection = _connect(path, read_only=False)
        try:
            copy_database(backup.path, connection)
        finally:
            connection.close()
        if os.name == "posix":
            path.chmod(0o600)
    return Recovery(moved_to, backup.path if backup else None)
