"""Opening the learner's data at start-up, whatever state it is in, and what to tell them.

Only real damage (SQLite's CORRUPT or NOTADB, a failed integrity check) moves the file aside;
a full disk, an input/output error, a lock or a permission is reported as such and changes
nothing: the data is then shown read-only.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from ocstudy.userdata.database import (
    BACKUP_DIR,
    USER_DB_NAME,
    DamagedDatabaseError,
    NewerDatabaseError,
    StorageError,
    UserDatabase,
    UserDatabaseError,
    open_user_database,
)
from ocstudy.userdata.read_only import open_read_only
from ocstudy.userdata.scratch import (
    PARTIAL_BACKUPS,
    RESTORE_FOLDERS,
    move_without_overwriting,
    remove_stale,
)

_READ_ONLY_HINT = (
    "You can read and search everything; what you write stays in the app and is saved as soon "
    "as the folder can be written."
)

_UNREADABLE_HINT = (
    "You can read and search the content; your notes and reviews are not shown and cannot be "
    "exported, and nothing is written to that folder."
)


def open_user_data(data_dir: Path) -> tuple[UserDatabase, str | None]:
    """The learner's database and what to tell them about it (None: nothing to tell).

    Damaged: moved aside under a name of its own and replaced by the newest good backup (or a
    fresh start). From a newer ocstudy, or unusable now (full disk, read-only, locked): opened
    read-only, never changed.
    """
    try:
        database, message = open_user_database(data_dir), None
    except DamagedDatabaseError:
        try:
            recovery = recover(data_dir)
            database, message = open_user_database(data_dir), recovery.message
        except UserDatabaseError as error:
            return open_read_only(data_dir), f"{error}. {_READ_ONLY_HINT}"
    except NewerDatabaseError as error:
        return open_read_only(data_dir), (
            f"{error}. Your notes and reviews are shown but cannot be changed: update ocstudy "
            "to go on studying with them."
        )
    except UserDatabaseError as error:
        database = open_read_only(data_dir)
        return database, f"{error}. {_UNREADABLE_HINT if database.unreadable else _READ_ONLY_HINT}"
    remove_partial_backups(data_dir)
    return database, message


def remove_partial_backups(data_dir: Path) -> None:
    """Half-written backups and half-done restores a crash, a kill or a full disk left behind
    (never a finished backup, never one another process is writing now)."""
    remove_stale(data_dir / BACKUP_DIR, PARTIAL_BACKUPS)
    remove_stale(data_dir, RESTORE_FOLDERS)


class Recovery(NamedTuple):
    """What :func:`recover` did with a damaged database."""

    moved_to: Path
    restored_from: Path | None
    #: Backups made while the clock was ahead ("user-20310101-…"), passed over or not.
    dated_ahead: tuple[str, ...] = ()
    #: What was repaired in the restored backup's values (see ``userdata/values.py``).
    repaired: str | None = None
    #: Newer backups passed over because they could not be restored, each with why.
    passed_over: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        if self.restored_from and not self.passed_over:
            where = (
                "restored your newest good backup, the one written last "
                f"({self.restored_from.name})"
            )
        elif self.restored_from:
            where = (
                f"restored the newest backup that could be restored ({self.restored_from.name}); "
                f"newer ones could not be: {'; '.join(self.passed_over)}"
            )
        else:
            where = "started a fresh database (there was no good backup)"
            if self.passed_over:
                where += f"; none could be restored: {'; '.join(self.passed_over)}"
        ahead = (
            f" {len(self.dated_ahead)} backup{'s are' if len(self.dated_ahead) > 1 else ' is'} "
            f"dated in the future ({', '.join(self.dated_ahead[:3])}): the clock was wrong "
            "when they were made; they were taken by the order they were written in."
            if self.dated_ahead
            else ""
        )
        repaired = f" Repaired in the backup: {self.repaired}." if self.repaired else ""
        return (
            f"Your data file was damaged. ocstudy kept it as {self.moved_to.name} in "
            f"{self.moved_to.parent} (nothing was deleted) and {where}.{ahead}{repaired}"
        )


def _set_aside(path: Path, stamp: str) -> Path:
    """Move ``path`` and its -wal and -shm to a name no file has; undone if any move fails."""
    sources = [path.with_name(path.name + s) for s in ("", "-wal", "-shm")]
    present = [source for source in sources if source.exists()]
    for counter in range(1000):
        name = f"{path.name}.damaged-{stamp}" + (f"-{counter}" if counter else "")
        target = path.with_name(name)
        targets = [target.with_name(name + s) for s in ("", "-wal", "-shm")]
        if any(t.exists() or t.is_symlink() for t in targets):
            continue
        moved: list[tuple[Path, Path]] = []
        try:
            for source, to in zip(sources, targets, strict=True):
                if source in present:
                    move_without_overwriting(source, to)
                    moved.append((source, to))
        except FileExistsError:
            _put_back(moved)
            continue
        except OSError as error:
            _put_back(moved)
            raise StorageError(
                f"your data at {path} is damaged, and ocstudy could not move it aside ({error}); "
                "nothing was changed"
            ) from None
        return target
    raise StorageError(f"too many damaged copies of {path} are kept already; nothing was changed")


def _put_back(moved: list[tuple[Path, Path]]) -> None:
    for source, to in reversed(moved):
        os.rename(to, source)


def _restore_into_new_file(backup: Path, path: Path, now: datetime) -> str | None:
    """A copy of ``backup`` at ``path`` (which must not exist), made whole beside it first,
    its values repaired (what was repaired, if anything). The copy is made in rollback-journal
    mode: a WAL database cannot take another page size."""
    import tempfile

    from ocstudy.userdata.backup_check import reading
    from ocstudy.userdata.backups import copy_database
    from ocstudy.userdata.values import find_bad_values, refusal, repair_values, summary

    partial = path.with_name(path.name + ".restoring")
    partial.unlink(missing_ok=True)
    if os.name == "posix":
        partial.touch(mode=0o600)
    try:
        connection = sqlite3.connect(partial, isolation_level=None)
        try:
            with (
                tempfile.TemporaryDirectory(prefix="ocstudy-recover-") as scratch,
                reading(backup, Path(scratch)) as source,
            ):
                copy_database(source, connection)
            findings = find_bad_values(connection, now)
            reason = refusal(findings)
            if reason:
                raise sqlite3.DatabaseError(reason)
            if findings:
                repair_values(connection, findings)
            connection.execute("PRAGMA journal_mode = WAL")
        finally:
            connection.close()
        move_without_overwriting(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return summary(findings) if findings else None


def recover(data_dir: Path, now: datetime | None = None) -> Recovery:
    """Move a damaged database aside, under a name of its own, and put the newest good backup
    (the one written last, whatever the clock said) in its place, if any.
    :class:`StorageError` if that cannot be done: the damaged file is then where it was, or
    kept aside (the message says where)."""
    from ocstudy.userdata.backup_check import newest_healthy
    from ocstudy.userdata.backups import backups_dir, list_backups

    moment = now or datetime.now(UTC)
    stamp = moment.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    path = data_dir / USER_DB_NAME
    folder = backups_dir(data_dir)
    ahead = tuple(b.path.name for b in list_backups(folder) if b.dated_in_the_future(moment))
    backup, passed = newest_healthy(folder)  # before anything moves: a backup it cannot read
    moved_to = _set_aside(path, stamp)  # now is no reason to take an older one
    repaired = None
    if backup is not None:
        try:
            repaired = _restore_into_new_file(backup.path, path, moment)
        except (OSError, sqlite3.Error, UserDatabaseError) as error:
            raise StorageError(
                f"your data was damaged; ocstudy kept it as {moved_to}, but could not restore "
                f"the backup {backup.path.name} ({error})"
            ) from None
    passed_over = tuple(f"{b.path.name} ({why})" for b, why in passed)
    return Recovery(moved_to, backup.path if backup else None, ahead, repaired, passed_over)
