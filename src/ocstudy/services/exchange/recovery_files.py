"""Names for recovery files: text the learner typed and ocstudy could not save, kept to be
offered again (unsaved notes, a card being written)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path


def claim_path(folder: Path, prefix: str, suffix: str = ".json") -> Path:
    """A new empty file ``<prefix><time>[-N]<suffix>`` in ``folder``, readable by the user
    only, made at once so that no other writer (another ocstudy closing at the same moment)
    can take the same name; the caller writes over it. Raises ``OSError`` if ``folder``
    cannot take it."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    for attempt in range(1000):
        path = folder / f"{prefix}{stamp}{f'-{attempt}' if attempt else ''}{suffix}"
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free name for a recovery file in {folder}")
