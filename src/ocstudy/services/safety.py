"""Backups and restores of the learner's data, for the File menu, the timer and the CLI.

A restore first backs up the current state, so that a restore can itself be undone. It opens
connections of its own (see :mod:`ocstudy.userdata.restore`): it may run on a worker thread
while the app's connection goes on being used.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from ocstudy.clock import Clock, utc_now
from ocstudy.userdata.backup_contents import BackupContents as BackupContents
from ocstudy.userdata.backup_contents import backup_contents
from ocstudy.userdata.backups import Backup as Backup
from ocstudy.userdata.backups import Progress, backups_dir, create_backup, list_backups
from ocstudy.userdata.database import ReadOnlyError, UserDatabase, UserDatabaseError
from ocstudy.userdata.restore import Restored, restore_backup

__all__ = ["DataSafety", "Restored"]


class DataSafety:
    def __init__(self, database: UserDatabase, data_dir: Path, clock: Clock = utc_now):
        self._db = database
        self.data_dir = data_dir
        self._clock = clock

    @property
    def folder(self) -> Path:
        return backups_dir(self.data_dir)

    def now(self) -> datetime:
        return self._clock()

    def backups(self) -> list[Backup]:
        """Every backup, the one written last first."""
        return list_backups(self.folder)

    def contents(self, backup: Path) -> BackupContents | None:
        """How many notes, reviews and own cards ``backup`` holds, read without writing
        anything there; None if it cannot be read."""
        return backup_contents(backup)

    def backup_now(self) -> Path:
        """A consistent copy of the database now; the ladder keeps what it should."""
        if self._db.read_only:
            raise ReadOnlyError("your data is open read-only; there is nothing new to back up")
        try:
            return create_backup(self._db.conn, self.folder, self._clock())
        except (OSError, sqlite3.Error) as error:  # sqlite3: a full disk
            raise UserDatabaseError(f"could not write a backup in {self.folder}: {error}") from None

    def restore(self, source: Path, progress: Progress | None = None) -> Restored | None:
        """Back up the current data, then replace it with ``source``, a whole ocstudy backup
        this version can read (:class:`BackupError` otherwise, before anything is touched); an
        older one is brought up to date, values it holds that cannot be read are repaired (and
        said) or refused. None if ``progress`` cancelled: the data is then exactly as it was.

        Uses connections of its own, never the app's: safe on a worker thread."""
        if self._db.read_only:
            raise ReadOnlyError(
                "your data is open read-only (see the message at start); nothing was restored"
            )
        return restore_backup(source, self.data_dir, self._clock(), progress)
