"""Open the learner's database in the data folder: WAL, foreign keys, a busy timeout, and
every pending migration applied, each in its own transaction.

User files are created readable by the user only (0700 folder, 0600 files) on POSIX.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from ocstudy.userdata.migrations import MIGRATIONS

USER_DB_NAME = "user.db"
BUSY_TIMEOUT_MS = 5000


class UserDatabaseError(RuntimeError):
    """The user database cannot be opened or written; the message says where and why."""


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)


def open_user_database(data_dir: Path) -> sqlite_utils.Database:
    """Open (creating if needed) ``data_dir/user.db`` with every migration applied."""
    path = data_dir / USER_DB_NAME
    try:
        _private_folder(data_dir)
        if not path.exists() and os.name == "posix":
            path.touch(mode=0o600)
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db = sqlite_utils.Database(connection)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        MIGRATIONS.apply(db)
    except (OSError, sqlite3.Error) as error:
        raise UserDatabaseError(f"cannot open your data at {path}: {error}") from None
    return db
