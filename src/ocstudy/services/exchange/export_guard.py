"""What an export must not write over: the app's own files, and a file holding more than it.

:func:`held_count` reads how many notes, own cards or cards a file already holds, when it is
an export of the same kind (an ocstudy notes, own-cards or tags export, an Anki package, a
CSV); :func:`other_export` what an ocstudy export of the learner's data of another kind holds
(it is never replaced unasked either). For anything else they say None, and the export may
replace it as any program would (the file dialog has asked already). :func:`app_file` says
whether a path, symlinks followed, is one of the files ocstudy keeps the learner's data in.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import zipfile
from pathlib import Path
from typing import Final, Literal

from ocstudy.services.exchange.formats import (
    MARKDOWN_SUFFIXES,
    NOTES,
    NOTES_MARKDOWN_COUNT,
    OWN_CARDS,
    REVIEWS,
    TAGS,
    JsonFormat,
)

#: what an export carries: its counts are compared
Kind = Literal["notes", "own-cards", "anki", "csv", "tags", "reviews"]
#: a file this large is not read to be counted
MAX_COUNTED_BYTES: Final = 256 * 1024 * 1024
_JSON_FORMATS: Final[dict[Kind, JsonFormat]] = {
    "notes": NOTES,
    "own-cards": OWN_CARDS,
    "tags": TAGS,
    "reviews": REVIEWS,
}


def held_count(path: Path, kind: Kind) -> int | None:
    """How many notes (``notes``), own cards (``own-cards``), cards (``anki``, ``csv``) or
    tagged cards (``tags``) the file at ``path`` holds; None if there is no file, or it is not
    such an export."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_COUNTED_BYTES:
            return None
        if kind == "anki":
            return _anki_notes(path)
        if kind == "csv":
            return _csv_rows(path)
        if kind == "reviews" and path.suffix.lower() == ".csv":
            return _reviews_csv_rows(path)
        if kind == "notes" and path.suffix.lower() in MARKDOWN_SUFFIXES:
            found = NOTES_MARKDOWN_COUNT.search(path.read_text(encoding="utf-8")[:500])
            return int(found[1]) if found else None
        document = json.loads(path.read_bytes())
    except (OSError, ValueError, zipfile.BadZipFile, sqlite3.Error, csv.Error):
        return None
    form = _JSON_FORMATS[kind]
    if not isinstance(document, dict) or document.get("format") != form.name:
        return None
    entries = document.get(form.entries)
    return len(entries) if isinstance(entries, dict | list) else None


def other_export(path: Path, kind: Kind | None) -> tuple[Kind, int] | None:
    """What the file at ``path`` holds, and how many, when it is an ocstudy export of the
    learner's data of another kind than ``kind`` (notes, own cards, tags or reviews as JSON,
    reviews as CSV) holding any; None otherwise. ``kind`` None: an export of the content,
    which is no kind of the learner's data."""
    suffix = path.suffix.lower()
    try:
        if not path.is_file() or path.stat().st_size > MAX_COUNTED_BYTES:
            return None
        if suffix == ".csv":
            reviews = None if kind == "reviews" else _reviews_csv_rows(path)
            return ("reviews", reviews) if reviews else None
        if suffix != ".json":
            return None
        document = json.loads(path.read_bytes())
    except (OSError, ValueError, csv.Error):
        return None
    if not isinstance(document, dict):
        return None
    for other, form in _JSON_FORMATS.items():
        entries = document.get(form.entries)
        if other != kind and document.get("format") == form.name and entries:
            return (other, len(entries)) if isinstance(entries, dict | list) else None
    return None


def _anki_notes(path: Path) -> int | None:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "collection.anki21b" in names:  # Anki's newer, compressed collection: not read here
            return None
        name = next((n for n in ("collection.anki21", "collection.anki2") if n in names), None)
        if name is None or archive.getinfo(name).file_size > MAX_COUNTED_BYTES:
            return None
        data = archive.read(name)
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(data)
        return int(connection.execute("SELECT count(*) FROM notes").fetchone()[0])
    finally:
        connection.close()


def _csv_rows(path: Path) -> int:
    """The rows below the ``#`` header lines Anki's text import reads."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if not line.startswith("#")), len(lines))
    rows = csv.reader(io.StringIO("".join(lines[start:])))
    return sum(1 for row in rows if any(cell.strip() for cell in row))


def _reviews_csv_rows(path: Path) -> int | None:
    """The reviews of a reviews CSV (its header names the card and the time), else None."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.reader(file)
        header = next(rows, [])
        if not {"card", "reviewed_at"} <= set(header):
            return None
        return sum(1 for row in rows if row)


def app_file(path: Path, data_dir: Path, content_db: Path | None = None) -> str | None:
    """Why ``path`` (symlinks followed) must not be written by an export, or None: it is in
    the data folder, which holds the learner's data (the database, its backups, the Anki
    stamps, the window's state), or it is the content database."""
    real = Path(os.path.realpath(path))
    folder = Path(os.path.realpath(data_dir))
    if real == folder or folder in real.parents:
        return f"it is in ocstudy's data folder ({data_dir}), which keeps your data"
    if content_db is not None and real == Path(os.path.realpath(content_db)):
        return "it is ocstudy's content database"
    return None
