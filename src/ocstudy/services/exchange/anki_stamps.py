"""When each exported Anki note last changed, kept between exports.

Anki updates a note it already has only from a package whose note is newer (its ``mod``, in
seconds). Stamping every note with the export's time would update all of them on every import
and overwrite what the learner edited in Anki; stamping them with a fixed time would never
bring a correction. So each note keeps the time its content (fields, tags, deck) last changed:
a digest of the content is stored with that time, and an export whose content is unchanged
reuses the stored time.

The store is a small JSON file beside the learner's data, private like the data. It is a cache,
not the learner's data: an unreadable or missing file only means that the next import updates
every note once, and a file that cannot be written (a read-only folder) is left as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from ocstudy.services.exchange.export_files import atomic_file

STAMPS_FILE: Final = "anki-export-stamps.json"
_VERSION: Final = 1


def digest(parts: Sequence[Any]) -> str:
    """A digest of a note's content (any JSON-able values)."""
    data = json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()[:32]


class ContentStamps:
    """Content digest -> the time (Unix seconds) that content was first exported, per key."""

    def __init__(self, path: Path | None, now: int):
        self._path = path
        self._now = now
        self._stamps: dict[str, tuple[str, int]] = _read(path) if path else {}
        self._changed = False

    def stamp(self, key: str, content_digest: str) -> int:
        """The time ``key``'s content last changed: the stored time if its digest is the
        stored one, else now (later than the stored time, whatever the clock says)."""
        stored = self._stamps.get(key)
        if stored and stored[0] == content_digest:
            return stored[1]
        moment = max(self._now, stored[1] + 1) if stored else self._now
        self._stamps[key] = (content_digest, moment)
        self._changed = True
        return moment

    def save(self) -> None:
        """Write the stamps if any changed; a folder that cannot be written is left alone."""
        if self._path is None or not self._changed:
            return
        document = {"version": _VERSION, "stamps": {k: list(v) for k, v in self._stamps.items()}}
        with contextlib.suppress(OSError), atomic_file(self._path) as temp:
            temp.write_text(json.dumps(document, sort_keys=True), encoding="utf-8")


def _read(path: Path) -> dict[str, tuple[str, int]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        stamps = document["stamps"] if document.get("version") == _VERSION else {}
        return {
            str(key): (str(value[0]), int(value[1]))
            for key, value in stamps.items()
            if isinstance(value, list) and len(value) == 2
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
