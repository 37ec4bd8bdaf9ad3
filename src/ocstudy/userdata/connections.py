"""Connections of a thread's own to the learner's data, opened by path.

Python's SQLite connections belong to the thread that made them, and two threads must never
share one: work done on a worker thread (a restore, an export, an import) opens its own here,
and the app's connection goes on serving the window meanwhile.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ocstudy.userdata import database
from ocstudy.userdata.database import UserDatabase, bring_up_to_date
from ocstudy.userdata.read_only import open_read_only


def open_by_path(path: Path) -> sqlite3.Connection:
    """A connection to the learner's database at ``path`` (which exists), with the busy
    timeout and foreign keys the app's has."""
    timeout = database.BUSY_TIMEOUT_MS
    connection = sqlite3.connect(path, timeout=timeout / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {timeout}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def another_connection(database: UserDatabase) -> UserDatabase:
    """The data ``database`` shows, on a connection of the calling thread's own: the file
    itself, the same read-only view of it, or (for the empty stand-in shown when the data
    could not be read) an empty stand-in marked alike. Rows it cannot read are said through
    ``database``'s log, so the window hears of them whichever thread read them."""
    if database.stand_in:
        empty = sqlite3.connect(":memory:", isolation_level=None)
        bring_up_to_date(empty)
        own = UserDatabase(
            empty, database.path, read_only=True, stand_in=True, unreadable=database.unreadable
        )
    elif database.read_only:
        own = open_read_only(database.path.parent)
    else:
        own = UserDatabase(open_by_path(database.path), database.path)
    own.unreadable_rows = database.unreadable_rows
    return own
