"""The learner's database in the data folder: opening it, checking it, and what to do when it
cannot be used as it is.

SQLite through the standard library: WAL, foreign keys, a busy timeout, every write in a
transaction. sqlite-utils (a heavy import) is loaded only when a migration is pending. User
files are created readable by the user only (0700 folder, 0600 files) on POSIX.

A database that is damaged is moved aside (never deleted) at start-up (``startup.py``); one
made by a newer ocstudy, or in a folder that cannot be written, is opened read-only
(``read_only.py``): nothing is ever written to it, and a write raises :class:`ReadOnlyError`
until the folder can be written.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ocstudy.userdata.stored_values import Unreadable

USER_DB_NAME = "user.db"
#: the folder of backups, beside the database
BACKUP_DIR = "backups"
BUSY_TIMEOUT_MS = 5000
MIGRATION_SET = "ocstudy-user"
#: The migrations this ocstudy knows, in order (``migrations.py`` defines them; a test checks
#: that the two agree). A database with any other applied migration is from a newer ocstudy.
SCHEMA_MIGRATIONS: tuple[str, ...] = (
    "0001_notes",
    "0002_reviews",
    "0003_card_marks",
    "0004_own_cards",
    "0005_card_tags",
    "0006_review_origin",
    "0007_exam_results",
    "0008_sync",
)


class UserDatabaseError(RuntimeError):
    """The user database cannot be opened or written; the message says where and why."""


class DamagedDatabaseError(UserDatabaseError):
    """The file is not a usable SQLite database (garbage, truncated, zero bytes, corrupt)."""


class NewerDatabaseError(UserDatabaseError):
    """The database was made by a newer ocstudy; this one must not change it."""


class ReadOnlyError(UserDatabaseError):
    """A write to a database opened read-only."""


class StorageError(UserDatabaseError):
    """The data is not damaged, but it cannot be read or written now: a full disk, an
    input/output error, a read-only disk, missing permissions. Nothing was changed."""


class DatabaseBusyError(UserDatabaseError):
    """Another program (another ocstudy, a long import) holds the database's write lock."""


#: SQLite's primary result codes that mean the file itself is bad. Every other error (I/O,
#: full, busy, locked, read-only, permission, cannot open) leaves a healthy file alone.
_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_STORAGE_REASONS = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_IOERR: "the disk reported an input/output error (is it full, or gone?)",
    sqlite3.SQLITE_READONLY: "the disk or the file is read-only",
    sqlite3.SQLITE_CANTOPEN: "the file cannot be opened (permissions, or a read-only disk?)",
    sqlite3.SQLITE_PERM: "permission denied",
    sqlite3.SQLITE_AUTH: "permission denied",
}


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_damage(error: sqlite3.Error) -> bool:
    """Whether ``error`` says the database file itself is damaged (not merely unusable now)."""
    return _primary_code(error) in _DAMAGE_CODES


def storage_reason(error: sqlite3.Error) -> str:
    """What an error that is no damage says of the disk or the file, in words."""
    return _STORAGE_REASONS.get(_primary_code(error) or -1, str(error))


def classify(error: sqlite3.Error, path: Path, doing: str = "open") -> UserDatabaseError:
    """The error to raise for SQLite's ``error`` on ``path``: damage only when it is damage."""
    code = _primary_code(error)
    if code in _DAMAGE_CODES:
        return DamagedDatabaseError(f"your data at {path} is damaged ({error})")
    if code in _BUSY_CODES:
        return DatabaseBusyError(
            f"cannot {doing} your data at {path}: another program (another ocstudy, or an "
            f"import) has been writing it for over {BUSY_TIMEOUT_MS // 1000} s; try again when "
            "it is done. Nothing was changed"
        )
    reason = storage_reason(error)
    return StorageError(
        f"cannot {doing} your data at {path}: {reason} ({error}). Your data is not damaged and "
        "nothing was changed"
    )


def private_folder(folder: Path) -> None:
    """Make ``folder`` readable by the user only (0700) if it does not exist yet; its parents,
    if missing, are made as ``mkdir -p`` makes them. An existing folder keeps its modes: they
    are the learner's (a group's shared folder, a folder kept read-only on purpose). A shared
    folder (sticky and writable by anyone, like ``/tmp``) is refused with ``PermissionError``:
    it is not the learner's own."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        if not folder.is_dir():
            raise
    else:
        if os.name == "posix":
            folder.chmod(0o700)  # made now, so ours: whatever the umask took away or let through
        return
    if os.name == "posix":
        mode = folder.stat().st_mode
        if mode & stat.S_ISVTX and mode & stat.S_IWOTH:
            raise PermissionError(
                f"{folder} is a shared folder (anyone can write to it); keep your data in a "
                "folder of your own (--data-dir)"
            )


def unreadable_folder_error(data_dir: Path, error: OSError) -> StorageError:
    """What to say when ``data_dir`` (or its database) cannot be read or entered."""
    reason = (
        "permission denied (is the folder another user's?)"
        if isinstance(error, PermissionError)
        else error.strerror or str(error)
    )
    return StorageError(f"cannot read your data in {data_dir}: {reason}. Nothing was changed")


def check_data_folder(data_dir: Path) -> None:
    """:class:`StorageError` if ``data_dir`` is there but is no folder (a ``--data-dir``
    naming a file): said the same by the app and every command, before anything is made."""
    if data_dir.exists() and not data_dir.is_dir():
        raise StorageError(f"{data_dir} is a file, not a data folder; nothing was changed")


def _connect(path: Path) -> sqlite3.Connection:
    """A writable connection to ``path``: WAL, a busy timeout, foreign keys."""
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

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        read_only: bool = False,
        stand_in: bool = False,
        unreadable: bool = False,
    ):
        self.conn = connection
        self.path = path
        self.read_only = read_only
        #: an empty database shown in place of a file that could not be read: what it holds
        #: must never be written over the real data
        self.stand_in = stand_in
        #: the stand-in stands for data that is there but could not be read (not for a
        #: folder without data yet): nothing may be exported from it
        self.unreadable = unreadable
        #: the rows the stores could not read as they are (left out or read as a default)
        self.unreadable_rows = Unreadable()

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run ``sql``; SQLite's errors come out as :class:`UserDatabaseError` (classified:
        an I/O error or a busy database is not damage), so no caller meets a raw one."""
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as error:
            raise classify(error, self.path, self._doing()) from None

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> Iterator[dict[str, Any]]:
        cursor = self.execute(sql, params)
        names = [column[0] for column in cursor.description]
        try:
            for row in cursor:
                yield dict(zip(names, row, strict=True))
        except sqlite3.Error as error:
            raise classify(error, self.path, "read") from None

    def _doing(self) -> str:
        return "write" if self.conn.in_transaction else "read"

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
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:  # busy past the timeout, a full disk, ...
            raise classify(error, self.path, "write") from None
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise classify(error, self.path, "write") from None

    def _reopen_writable(self) -> bool:
        """Switch to the real, writable database if that is now possible (and safe: an empty
        stand-in never gives way to a real database that holds data the learner was not
        shown)."""
        try:
            fresh = open_user_database(self.path.parent)
        except UserDatabaseError:
            return False
        if self.stand_in and _holds_data(fresh.conn):
            fresh.close()
            raise ReadOnlyError(
                f"ocstudy could not read your data at {self.path} when it started, so it will "
                "not write over it; restart ocstudy to see your data and go on"
            )
        self.conn.close()
        self.conn, self.read_only, self.stand_in = fresh.conn, False, False
        self.unreadable = False
        return True

    def close(self) -> None:
        self.conn.close()


def _holds_data(connection: sqlite3.Connection) -> bool:
    return any(
        connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
        for table in (
            "notes",
            "review_log",
            "card_states",
            "settings",
            "card_marks",
            "own_cards",
            "card_tags",
            "exam_results",
        )
    )


def open_user_database(data_dir: Path) -> UserDatabase:
    """Open (creating if needed) ``data_dir/user.db`` with every migration applied.

    Raises :class:`DamagedDatabaseError`, :class:`NewerDatabaseError` or, when the folder or
    the file cannot be used, :class:`UserDatabaseError`; nothing is changed in those cases.
    """
    path = data_dir / USER_DB_NAME
    try:
        check_data_folder(data_dir)
        private_folder(data_dir)
        present = path.exists()
    except PermissionError as error:
        if error.errno == errno.EACCES:
            raise unreadable_folder_error(data_dir, error) from None
        raise StorageError(f"cannot open your data at {path}: {error}") from None
    except OSError as error:
        raise StorageError(f"cannot open your data at {path}: {error}") from None
    try:
        if present and path.stat().st_size == 0:
            # SQLite would take an empty file for a new database; for the learner, whose data
            # was there, it is a damaged one.
            raise DamagedDatabaseError(f"your data at {path} is empty (zero bytes)")
        if not present and os.name == "posix":
            path.touch(mode=0o600)
        connection = _connect(path)
    except sqlite3.Error as error:
        raise classify(error, path) from None
    except OSError as error:
        raise StorageError(f"cannot open your data at {path}: {error}") from None
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
    except sqlite3.Error as error:
        connection.close()
        raise classify(error, path) from None
    except UserDatabaseError:
        connection.close()
        raise
    return UserDatabase(connection, path)


def bring_up_to_date(connection: sqlite3.Connection) -> None:
    """Apply the migrations a database of an older ocstudy lacks (a restored backup)."""
    if len(applied_migrations(connection)) < len(SCHEMA_MIGRATIONS):
        _migrate(connection)


def _migrate(connection: sqlite3.Connection) -> None:
    import sqlite_utils

    from ocstudy.userdata.migrations import MIGRATIONS

    MIGRATIONS.apply(sqlite_utils.Database(connection))
