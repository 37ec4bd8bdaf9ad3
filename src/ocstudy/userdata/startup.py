"""Opening the learner's data at start-up, whatever state it is in, and what to tell them.

Only real damage (SQLite's CORRUPT or NOTADB, a failed integrity check) moves the file aside;
a full disk, an input/output error, a lock or a permission is reported as such and changes
nothing: the data is then shown read-only.
"""

from __future__ import annotations

import contextlib
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
    open_read_only,
    open_user_database,
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
    """Half-written backups a crash or a full disk left behind (never a finished backup)."""
    folder = data_dir / BACKUP_DIR
    for partial in folder.glob("*.partial") if folder.is_dir() else []:
        with contextlib.suppress(OSError):
            partial.unlink()


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
            f"Your data file was damaged. ocstudy kept it as {self.moved_to.name} in "
            f"{self.moved_to.parent} (nothing was deleted) and {where}."
        )


def move_without_overwriting(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``; ``FileExistsError`` if ``target`` exists (a hard link
    then an unlink: no rename can replace a file that appeared in between)."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if target.exists() or target.is_symlink():
            raise FileExistsError(target) from None
        os.rename(source, target)
        return
    os.unlink(source)


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


def _restore_into_new_file(backup: Path, path: Path) -> None:
    """A copy of ``backup`` at ``path`` (which must not exist), made whole beside it first. The
    copy is made in rollback-journal mode: a WAL database cannot take another page size."""
    from ocstudy.userdata.backups import copy_database

    partial = path.with_name(path.name + ".restoring")
    partial.unlink(missing_ok=True)
    if os.name == "posix":
        partial.touch(mode=0o600)
    try:
        connection = sqlite3.connect(partial, isolation_level=None)
        try:
            copy_database(backup, connection)
            connection.execute("PRAGMA journal_mode = WAL")
        finally:
            connection.close()
        move_without_overwriting(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def recover(data_dir: Path, now: datetime | None = None) -> Recovery:
    """Move a damaged database aside, under a name of its own, and put the newest good backup
    in its place, if any. :class:`StorageError` if that cannot be done: the damaged file is
    then where it was, or kept aside (the message says where)."""
    from ocstudy.userdata.backups import backups_dir, newest_healthy

    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    path = data_dir / USER_DB_NAME
    moved_to = _set_aside(path, stamp)
    backup = newest_healthy(backups_dir(data_dir))
    if backup is not None:
        try:
            _restore_into_new_file(backup.path, path)
        except (OSError, sqlite3.Error) as error:
            raise StorageError(
                f"your data was damaged; ocstudy kept it as {moved_to}, but could not restore "
                f"the backup {backup.path.name} ({error})"
            ) from None
    return Recovery(moved_to, backup.path if backup else None)
