"""How long work says how far it is, and is cancelled: a ``progress(done, total)`` callback
that returns False stops it (an export, an import, a revision sheet, an action on many
cards). The work then raises :class:`OperationCancelledError` inside and leaves everything as
it was."""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(done, total)``; returning False cancels the operation.
Progress = Callable[[int, int], bool]


class OperationCancelledError(Exception):
    """The progress callback asked to stop (caught by the exports, never seen by callers)."""


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell ``progress`` how far we are; raise :class:`OperationCancelledError` if it says stop."""
    if progress is not None and progress(done, total) is False:
        raise OperationCancelledError
