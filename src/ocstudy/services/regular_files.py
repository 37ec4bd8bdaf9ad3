"""Opening a file the learner or another computer hands over only if it is a regular file."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO


def open_regular_file(path: Path) -> IO[bytes] | None:
    """``path`` opened for reading if it is a regular file; None for anything else
    (``/dev/zero``, a named pipe, a folder), found at once: opened without blocking, so a pipe
    with no writer does not hang, and never read. ``OSError`` if it cannot be opened."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    file = os.fdopen(descriptor, "rb")
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        file.close()
        return None
    return file
