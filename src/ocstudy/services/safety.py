"""Backups and restores of the learner's data, for the File menu, the timer and the CLI.

A restore first backs up the current state, so that a restore can itself be undone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ocstudy.clock import Clock, utc_now
from ocstudy.userdata.backups import (
    Backup,
    CopyCancelledError,
    backups_dir,
    check_backup,
    copy_database,
    create_backup,
    list_backups,
    open_backup,
)
from ocstudy.userdata.database import (
    ReadOnlyError,
    UserDatabase,
    UserDatabaseError,
    bring_up_to_date,
)


@dataclass(frozen=True)
class Restored:
    restored_from: Path
    previous_state: Path  # the backup of what was there before


class DataSafety:
    def __init__(self, database: UserDatabase, data_dir: Path, clock: Clock = utc_now):
        self._db = database
        self.data_dir = data_dir
        self._clock = clock

    @property
    def folder(self) -> Path:
        return backups_dir(self.data_dir)

    def backups(self) -> list[Backup]:
        return list_backups(self.folder)

    def backup_now(self) -> Path:
        """A consistent copy of the database now; the ladder keeps what it should."""
        if self._db.read_only:
            raise ReadOnlyError("your data is open read-only; there is nothing new to back up")
        try:
            return create_backup(self._db.conn, self.folder, self._clock())
        except (OSError, sqlite3.Error) as error:  # sqlite3: a full disk
            raise UserDatabaseError(f"could not write a backup in {self.folder}: {error}") from None

    def restore(
        self, source: Path, progress: Callable[[int, int], bool] | None = None
    ) -> Restored | None:
        """Back up the current data, then replace it with ``source``, a whole ocstudy backup
        this version can read (:class:`BackupError` otherwise, before anything is touched); an
        older one is brought up to date. None if ``progress`` cancelled: the data is then
        exactly as it was."""
        check_backup(source)
        reader = open_backup(source)  # before the new backup, whose pruning might remove it
        try:
            previous = self.backup_now()
            copy_database(reader, self._db.conn, progress)
            bring_up_to_date(self._db.conn)
        except CopyCancelledError:
            return None
        except UserDatabaseError:
            raise
        except Exception as error:
            raise UserDatabaseError(
                f"could not restore {source.name} ({error}); your data is as it was, and also in "
                f"{previous.name}"
            ) from None
        finally:
            reader.close()
        return Restored(source, previous)
