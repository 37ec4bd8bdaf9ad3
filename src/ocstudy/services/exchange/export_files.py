"""The plumbing of every export: files are written to a hidden temporary file in the target's
folder and renamed over the target only once complete; an export cancelled by its progress
callback (:mod:`ocstudy.services.progress`) leaves neither the file nor a temporary file.
An export that cannot write its file raises ``OSError`` (and leaves nothing behind either); one
killed mid-way leaves its temporary file, which the next export to that folder removes. Every
file written is the user's only (0600); a symlink is written through to its target.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import re
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote: ``count`` cards or notes to ``path``, in ``decks`` (Anki only).
    A cancelled export wrote nothing (``count`` 0, and ``path`` was left as it was)."""

    path: Path
    count: int
    cancelled: bool = False
    decks: tuple[str, ...] = ()


#: ``.NAME.PID-HOST-RANDOM.partial``: the writer's process id and a tag of its host, so that the
#: next export to the folder can tell a partial whose writer is gone (killed mid-way) from one
#: being written now, here or by another machine sharing the folder.
_PARTIAL = re.compile(r"\.(?P<target>.+)\.(?P<pid>\d+)-(?P<host>[0-9a-f]{8})-[0-9a-f]{8}\.partial")
#: an earlier ocstudy's ``.NAME.RANDOM.partial``, which does not say who wrote it
_EARLIER_PARTIAL = re.compile(r"\.(?P<target>.+)\.[0-9a-f]{8}\.partial")
#: no export runs this long: a partial this old whose writer cannot be asked is left over
_STALE_S = 3600


def _host_tag() -> str:
    return hashlib.sha256(platform.node().encode("utf-8", "surrogateescape")).hexdigest()[:8]


def partial_path(path: Path, pid: int | None = None) -> Path:
    """A fresh hidden temporary path beside ``path``, named for process ``pid`` (ours)."""
    writer = os.getpid() if pid is None else pid
    return path.with_name(f".{path.name}.{writer}-{_host_tag()}-{os.urandom(4).hex()}.partial")


def _writer_is_gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (POSIX only: there ``kill(pid, 0)`` only asks)."""
    if pid == os.getpid():
        return False  # this process may be writing it now
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # there, but not ours to signal
        return False
    return False


def _is_stale(name: str, entry: os.stat_result) -> bool:
    if os.name == "posix" and entry.st_uid != os.getuid():
        return False
    ours = _PARTIAL.fullmatch(name)
    if ours is not None and os.name == "posix":
        return ours["host"] == _host_tag() and _writer_is_gone(int(ours["pid"]))
    if ours is not None or _EARLIER_PARTIAL.fullmatch(name):
        return time.time() - entry.st_mtime > _STALE_S
    return False


def remove_stale_partials(folder: Path) -> None:
    """Remove what exports killed mid-way left in ``folder``: regular files of our own partial
    naming, owned by this user, whose writer is gone (or, an earlier ocstudy's, older than
    any export runs). Anything else, and anything that cannot be looked at, is left alone."""
    try:
        entries = [
            e for e in os.scandir(folder) if e.name.startswith(".") and e.name.endswith(".partial")
        ]
    except OSError:
        return
    for entry in entries:
        with contextlib.suppress(OSError):
            status = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(status.st_mode) and _is_stale(entry.name, status):
                os.unlink(entry.path)


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a fresh temporary path next to ``path``; on success it replaces ``path``
    (after an fsync), on any error or cancellation it is removed and ``path`` is untouched.
    Every export is readable by the user only (0600): a deck or a CSV may carry the notes too,
    and one rule for all is one nobody gets wrong.

    A symlink is written through, to its target, and stays a link: a link into a synced or
    shared folder is there on purpose, and replacing it with a file would quietly cut the
    export out of that folder. Partials left in the folder by exports killed mid-way are
    removed first (:func:`remove_stale_partials`)."""
    path = Path(os.path.realpath(path))
    remove_stale_partials(path.parent)
    temp = partial_path(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    os.close(os.open(temp, flags, 0o600))
    try:
        yield temp
        with temp.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
