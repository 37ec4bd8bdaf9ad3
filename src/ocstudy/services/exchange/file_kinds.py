"""What a file handed to an import is, when it is not the export the import reads.

An import of notes given an Anki deck, or of own cards given a notes export, says in one line
what the file is and what was expected ("deck.apkg is an Anki deck, not an ocstudy notes
export (…)"), never the JSON parser's message about its first byte.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Final

from ocstudy.services.exchange.formats import (
    CSV_HEADER,
    JSON_FORMATS,
    NOTES_MARKDOWN_TITLE,
    REVIEWS_CSV_COLUMNS,
)

_MAGIC: Final = (
    (b"\x89PNG\r\n\x1a\n", "is a PNG image"),
    (b"\xff\xd8\xff", "is a JPEG image"),
    (b"GIF8", "is a GIF image"),
    (b"%PDF-", "is a PDF document"),
    (b"SQLite format 3\x00", "is a database (an ocstudy backup is brought back by restoring it)"),
)
_JSON_FORMATS: Final = {form.name: f"is {form.what}" for form in JSON_FORMATS}
_TEXT_STARTS: Final = (
    (CSV_HEADER, "is the quiz cards' CSV export (for Anki)"),
    (NOTES_MARKDOWN_TITLE, "is the Markdown export of notes (for reading)"),
    (",".join(REVIEWS_CSV_COLUMNS), "is the reviews' CSV export (for spreadsheets)"),
)


def what_it_is(data: bytes) -> str:
    """What ``data`` is, as a predicate: "is an Anki deck", "is plain text", "is empty"."""
    if not data.strip():
        return "is empty"
    if data.startswith(b"PK\x03\x04"):
        return _archive(data)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "is not a text file"
    for start, kind in _TEXT_STARTS:
        if text.startswith(start):
            return kind
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if text.lstrip()[:1] in ("{", "["):
            return f"is damaged: its JSON breaks at line {error.lineno}"
        return "is plain text"
    except (ValueError, RecursionError):  # a number of 5000 digits, [[[[…
        return "is JSON too large or too deep to read"
    form = document.get("format") if isinstance(document, dict) else None
    return _JSON_FORMATS.get(str(form), "is JSON of another kind")


def _archive(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "is damaged: a ZIP archive that cannot be opened"
    if names & {"collection.anki2", "collection.anki21", "collection.anki21b"}:
        return "is an Anki deck"
    return "is a ZIP archive"


def wrong_kind(name: str, data: bytes, expected: str) -> str:
    """The one line an import says of a file that is not ``expected`` (a format's
    :attr:`~ocstudy.services.exchange.formats.JsonFormat.expected`)."""
    kind = what_it_is(data)
    if kind.startswith("is damaged"):
        return f"{name} {kind}, so it cannot be read as {expected}"
    return f"{name} {kind}, not {expected}"
