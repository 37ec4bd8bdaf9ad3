"""Private temporary files and folders in the data folder, each held with a lock while in use.

A backup is written to a ``.partial`` file and a restore works in a ``.restore-`` folder; two
processes (the app's timer and ``ocstudy backup``) may do so at the same moment. Each one's
file has a name of its own and is locked (``flock``) for as long as its writer lives, so a
leftover of a killed writer is told from another's work in progress: only an unlocked one is
stale and removed. Where ``flock`` is missing, a file still open cannot be removed anyway
(Windows), and removing is merely tried.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: Backups being written (in the backups folder), and restores under way (in the data
#: folder): a killed writer's are stale.
PARTIAL_BACKUPS = "*.partial"
RESTORE_FOLDERS = ".restore-*"

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]


def _lock(descriptor: int, wait: bool) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(path))
    except OSError:
        return False


@contextlib.contextmanager
def held_file(folder: Path, prefix: str, suffix: str) -> Iterator[Path]:
    """A new empty file (0600) in ``folder``, locked until the block ends, then removed."""
    while True:
        descriptor, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
        _lock(descriptor, wait=True)
        if _same_file(descriptor, Path(name)):  # not taken for stale in between
            break
        os.close(descriptor)
    path = Path(name)
    try:
        yield path
    finally:
        for leftover in (path, path.with_name(path.name + "-journal")):
            leftover.unlink(missing_ok=True)
        os.close(descriptor)


@contextlib.contextmanager
def held_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A new private folder (0700) in ``parent``, locked until the block ends, then removed
    with everything in it."""
    while True:
        path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        if fcntl is None:  # a folder cannot be opened to lock it
            descriptor = None
            break
        descriptor = os.open(path, os.O_RDONLY)
        _lock(descriptor, wait=True)
        if _same_file(descriptor, path):
            break
        os.close(descriptor)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        if descriptor is not None:
            os.close(descriptor)


def remove_stale(folder: Path, pattern: str) -> list[Path]:
    """Remove what matches ``pattern`` in ``folder`` and no living writer holds (a file with
    its ``-journal``, or a folder with its contents); what was removed."""
    removed = []
    for path in sorted(folder.glob(pattern)) if folder.is_dir() else []:
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            if not _lock(descriptor, wait=False):
                continue  # in use
            with contextlib.suppress(OSError):
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
                    path.with_name(path.name + "-journal").unlink(missing_ok=True)
                removed.append(path)
        finally:
            os.close(descriptor)
    return removed


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
