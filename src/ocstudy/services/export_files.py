"""The plumbing of every export: files are written to a hidden temporary file in the target's
folder and renamed over the target only once complete, and a ``progress(done, total)`` callback
that returns False cancels the export, which then leaves neither the file nor a temporary file.
An export that cannot write its file raises ``OSError`` (and leaves nothing behind either).
Every file written is the user's only (0600).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

#: ``progress(done, total)``; returning False cancels the operation.
Progress = Callable[[int, int], bool]


class OperationCancelledError(Exception):
    """The progress callback asked to stop (caught by the exports, never seen by callers)."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote: ``count`` cards or notes to ``path``, in ``decks`` (Anki only).
    A cancelled export wrote nothing (``count`` 0, and ``path`` was left as it was)."""

    path: Path
    count: int
    cancelled: bool = False
    decks: tuple[str, ...] = ()


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell ``progress`` how far we are; raise :class:`OperationCancelledError` if it says stop."""
    if progress is not None and progress(done, total) is False:
        raise OperationCancelledError


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a fresh temporary path next to ``path``; on success it replaces ``path``
    (after an fsync), on any error or cancellation it is removed and ``path`` is untouched.
    Every export is readable by the user only (0600): a deck or a CSV may carry the notes too,
    and one rule for all is one nobody gets wrong."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.partial")
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
