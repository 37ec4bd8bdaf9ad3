"""Restoring a backup over the learner's data, safely while the app has that data open.

Everything happens on connections of the restore's own, opened by path (never the app's,
which may be used at the same moment by another thread), in this order:

1. the file to restore is copied, with its ``-wal``, into a private temporary file in the
   data folder (:func:`ocstudy.userdata.backup_check.reading`);
2. there it is checked (integrity, schema), brought up to date, and its values are checked
   (:mod:`ocstudy.userdata.values`): refused, or repaired and said;
3. the current data is backed up;
4. the checked copy replaces the data through SQLite's backup API, in one transaction (the
   app's connection reads what it read before until then; its writes wait);
5. the data is checked again; were it not whole, what was there before is put back.

The temporary files go in every case (a cancel, an error); a restore killed half-way leaves a
folder that the next restore or start removes. Cancelling is possible until step 4 commits,
and changes nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ocstudy.userdata.backup_check import reading, refused, what_is_wrong
from ocstudy.userdata.backups import (
    CopyCancelledError,
    Progress,
    backups_dir,
    copy_database,
    create_backup,
)
from ocstudy.userdata.connections import open_by_path
from ocstudy.userdata.database import (
    USER_DB_NAME,
    StorageError,
    UserDatabaseError,
    bring_up_to_date,
    is_damage,
    storage_reason,
)
from ocstudy.userdata.scratch import RESTORE_FOLDERS, held_folder, remove_stale
from ocstudy.userdata.values import (
    Finding,
    find_bad_values,
    refusal,
    repair_values,
    summary,
)

SCRATCH_PREFIX = RESTORE_FOLDERS.rstrip("*")
#: How the progress bar is shared out between the stages (per mille).
_STAGES = {"read": (0, 400), "check": (400, 500), "back up": (500, 650), "replace": (650, 950)}
#: SQLite instructions between two looks at the progress (to cancel a long check).
_CHECK_STEP = 100_000


@dataclass(frozen=True)
class Restored:
    restored_from: Path
    previous_state: Path  # the backup of what was there before
    repaired: str | None = None  # what was repaired in the restored values, if anything


class _Stages:
    """One progress bar, ``0..1000``, over the stages of a restore."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress

    def report(self, permille: float) -> None:
        if self._progress is not None and not self._progress(int(permille), 1000):
            raise CopyCancelledError

    def stage(self, name: str) -> Progress:
        start, end = _STAGES[name]

        def part(done: int, total: int) -> bool:
            self.report(start + (end - start) * done / max(1, total))
            return True

        self.report(start)
        return part

    @contextlib.contextmanager
    def looking(self, connection: sqlite3.Connection, name: str) -> Iterator[None]:
        """While a long statement runs on ``connection``: a cancel interrupts it."""
        start, _end = _STAGES[name]

        def handler() -> int:
            try:
                self.report(start)
            except CopyCancelledError:
                return 1
            return 0

        connection.set_progress_handler(handler, _CHECK_STEP)
        try:
            yield
        except sqlite3.OperationalError as error:
            if "interrupt" in str(error):
                raise CopyCancelledError from None
            raise
        finally:
            connection.set_progress_handler(None, 0)


def remove_stale_restores(data_dir: Path) -> list[Path]:
    """Temporary folders of restores that were killed half-way."""
    return remove_stale(data_dir, RESTORE_FOLDERS)


def restore_backup(
    source: Path, data_dir: Path, now: datetime, progress: Progress | None = None
) -> Restored | None:
    """Replace the data in ``data_dir`` with ``source`` (see the module's docstring); None if
    ``progress`` cancelled (nothing changed). :class:`BackupError` for a file that is no good
    backup, :class:`UserDatabaseError` if the data cannot be written; nothing is changed
    then, unless the message says otherwise."""
    stages = _Stages(progress)
    remove_stale_restores(data_dir)
    try:
        with held_folder(data_dir, SCRATCH_PREFIX) as scratch:
            copy = scratch / "restoring.db"
            repaired = _read_and_check(source, copy, stages, now)
            return _replace(source, copy, data_dir, stages, now, repaired)
    except CopyCancelledError:
        return None
    except sqlite3.Error as error:  # a connection that could not even be opened
        raise _not_read(error, source) from None
    except OSError as error:
        raise UserDatabaseError(
            f"could not restore {source.name}: {error.strerror or error}; nothing was changed"
        ) from None


def _read_and_check(source: Path, copy: Path, stages: _Stages, now: datetime) -> str | None:
    """Copy ``source`` to ``copy``; check it, bring it up to date and repair its values;
    what was repaired."""
    findings: list[Finding] = []
    with (
        reading(source, copy.parent) as reader,
        contextlib.closing(sqlite3.connect(copy, isolation_level=None)) as target,
    ):
        try:
            reader.execute("BEGIN")  # one snapshot of a source another program may write
            reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
            copy_database(reader, target, stages.stage("read"))
            reader.execute("COMMIT")
            target.execute("PRAGMA journal_mode = DELETE")
            stages.stage("check")
            with stages.looking(target, "check"):
                reason = what_is_wrong(target)
                if reason is None:
                    bring_up_to_date(target)
                    findings = find_bad_values(target, now)
                    reason = refusal(findings)
        except sqlite3.Error as error:
            raise _not_read(error, source) from None
        if reason is not None:
            raise refused(source, reason)
        if findings:
            repair_values(target, findings)
    return summary(findings) if findings else None


def _not_read(error: sqlite3.Error, source: Path) -> UserDatabaseError:
    """A file SQLite could not read to restore: refused where the error says it is damaged,
    else the disk's error (an I/O error is not damage); nothing was changed either way."""
    if is_damage(error):
        return refused(source, f"it cannot be read ({error})")
    return StorageError(
        f"could not restore {source.name}: {storage_reason(error)} ({error}); nothing was changed"
    )


def _replace(
    source: Path, copy: Path, data_dir: Path, stages: _Stages, now: datetime, repaired: str | None
) -> Restored:
    """Back up the data in ``data_dir``, then replace it with the checked ``copy``."""
    path = data_dir / USER_DB_NAME
    with (
        contextlib.closing(open_by_path(path)) as live,
        contextlib.closing(sqlite3.connect(copy, isolation_level=None)) as checked,
    ):
        try:
            previous = create_backup(live, backups_dir(data_dir), now, stages.stage("back up"))
            wanted = live.execute("PRAGMA page_size").fetchone()[0]
            if checked.execute("PRAGMA page_size").fetchone()[0] != wanted:
                checked.execute(f"PRAGMA page_size = {int(wanted)}")  # WAL keeps its page size
                checked.execute("VACUUM")
            copy_database(checked, live, stages.stage("replace"))
        except sqlite3.Error as error:
            raise UserDatabaseError(
                f"could not restore {source.name} ({error}); your data is as it was"
            ) from None
        stages.report(_STAGES["replace"][1])
        _prove_whole(live, previous, source)
    return Restored(source, previous, repaired)


def _prove_whole(live: sqlite3.Connection, previous: Path, source: Path) -> None:
    """Check the data just restored; were it not whole, put ``previous`` back."""
    try:
        check = live.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as error:
        check = str(error)
    if check == "ok":
        return
    try:
        with contextlib.closing(sqlite3.connect(previous)) as before:
            copy_database(before, live)
    except sqlite3.Error as error:
        raise UserDatabaseError(
            f"restoring {source.name} left your data damaged ({check}), and putting it back "
            f"failed ({error}); what you had before is kept in {previous}"
        ) from None
    raise UserDatabaseError(
        f"restoring {source.name} did not leave your data whole ({check}); ocstudy put back "
        f"what you had (also kept in {previous.name})"
    )
