"""An import given a named pipe must refuse it at once, never wait for a writer: the tests'
one way to check that."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest


def raised_without_waiting(call: Callable[[], object], pipe: Path) -> BaseException | None:
    """What ``call`` raised (None if it returned), run on a thread; the test fails if the call
    still waits on the named pipe ``pipe`` after 10 s (a writer then opens it to let it go)."""
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            call()
            outcome.append(None)
        except BaseException as error:  # reported to the test thread
            outcome.append(error)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():
        with open(pipe, "wb"):
            pass
        worker.join(5)
        pytest.fail("the import waited on the named pipe")
    return outcome[0]
