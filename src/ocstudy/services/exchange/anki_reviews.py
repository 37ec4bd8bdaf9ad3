"""The reviews made in Anki (desktop, AnkiDroid, AnkiMobile) on ocstudy's cards, read from
a package Anki exported with scheduling information.

A package is a ZIP archive: ``meta`` (a tiny protobuf: the package version, 3 for today's),
and the collection, ``collection.anki21b`` (SQLite compressed with zstd) in today's packages,
``collection.anki21`` or ``collection.anki2`` (plain SQLite) in legacy ones; ``.apkg`` (decks)
and ``.colpkg`` (a whole collection) alike. The collection is copied out to a temporary file
and opened read-only (``immutable=1``); Anki itself is never needed.

ocstudy's notes are found by their GUIDs (the deck export's ``note_guid(card.id)``), and each
entry of Anki's review log (``revlog``, keyed by the review's time in milliseconds) on one of
their cards becomes a review of that ocstudy card: learning (type 0), review (1), relearning
(2) and filtered-deck (3) answers count; manual entries (4: "set due date", forget) and any
entry without an answer (ease 0) are not answers, and are skipped and counted; entries of
other notes are counted as not ocstudy's. Anything else wrong with the file is one line
(:class:`AnkiPackageError`).
"""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Final

from ocstudy.services.exchange.anki_cards import note_guid
from ocstudy.services.exchange.file_kinds import wrong_kind
from ocstudy.services.exchange.json_files import ImportFileError
from ocstudy.services.regular_files import open_regular_file
from ocstudy.userdata.review_merge import ForeignReview
from ocstudy.userdata.times import EARLIEST, LATEST

#: The package versions of Anki's ``meta`` (``PackageMetadata.Version``) this reader knows.
LATEST_PACKAGE: Final = 3
#: The newest collection schema this reader knows (Anki's ``SCHEMA_MAX_VERSION``).
LATEST_SCHEMA: Final = 18
#: Review kinds that are answers: learning, review, relearning, filtered deck.
ANSWER_KINDS: Final = frozenset({0, 1, 2, 3})
#: A collection larger than this, once uncompressed, is not read.
MAX_COLLECTION_BYTES: Final = 4 * 1024**3
_COLLECTIONS: Final = ("collection.anki21b", "collection.anki21", "collection.anki2")
_EXPECTED: Final = "an Anki package (.apkg or .colpkg)"
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
#: The review times ocstudy keeps (``times.py``), as Anki's millisecond ids: checked before a
#: time is made of one (an id beyond any date cannot be made one).
_FIRST_MS: Final = (EARLIEST - _EPOCH) // timedelta(milliseconds=1)
_LAST_MS: Final = (LATEST - _EPOCH) // timedelta(milliseconds=1)
_CHUNK: Final = 1024 * 1024


class AnkiPackageError(ImportFileError):
    """The file is not an Anki package ocstudy can read reviews from; one line says why."""


@dataclass(frozen=True, slots=True)
class AnkiReviews:
    """The answers on ocstudy's cards, oldest first; how many entries were of other notes
    (``foreign``) and how many were no answer (``manual``)."""

    reviews: list[ForeignReview]
    foreign: int
    manual: int


def read_anki_reviews(path: Path, card_ids: Iterable[str]) -> AnkiReviews:
    """The reviews of the package at ``path`` on the cards ``card_ids`` (ocstudy's)."""
    guids = {note_guid(card_id): card_id for card_id in card_ids}
    with tempfile.TemporaryDirectory(prefix="ocstudy-anki-") as folder:
        collection = _extract(path, Path(folder) / "collection.db")
        return _reviews(path.name, collection, guids)


def _regular_file(path: Path) -> IO[bytes]:
    """``path`` opened for reading if it is a regular file; anything else (``/dev/zero``, a
    named pipe) is refused at once: opened without blocking, so a pipe with no writer does not
    hang, and never handed to ``zipfile``, which reads it whole."""
    file = open_regular_file(path)
    if file is None:
        raise AnkiPackageError(f"{path.name} is not a regular file")
    return file


def _extract(path: Path, target: Path) -> Path:
    """The package's collection, uncompressed, at ``target``."""
    name = path.name
    try:
        with _regular_file(path) as package, zipfile.ZipFile(package) as archive:
            member = _collection_member(name, archive)
            with archive.open(member) as source, target.open("wb") as copy:
                _copy(name, _uncompressed(source, member), copy)
    except AnkiPackageError:
        raise
    except zipfile.BadZipFile:
        raise AnkiPackageError(_not_a_package(path)) from None
    except (EOFError, zipfile.LargeZipFile, ValueError) as error:
        raise AnkiPackageError(f"{name} is damaged ({error}), so it cannot be read") from None
    except OSError as error:
        if path.is_file():
            raise AnkiPackageError(f"{name} is damaged ({error}), so it cannot be read") from None
        raise AnkiPackageError(f"cannot read {path}: {error.strerror or error}") from None
    return target


def _not_a_package(path: Path) -> str:
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError as error:
        return f"cannot read {path}: {error.strerror or error}"
    if head.startswith(b"PK"):  # a ZIP archive, cut short or broken
        return f"{path.name} is damaged: a ZIP archive that cannot be opened"
    return wrong_kind(path.name, head, _EXPECTED)


def _collection_member(name: str, archive: zipfile.ZipFile) -> str:
    """The collection the package's version says to read."""
    names = set(archive.namelist())
    version = _package_version(archive.read("meta")) if "meta" in names else None
    if version is not None and version > LATEST_PACKAGE:
        raise AnkiPackageError(_newer(name, f"package version {version}"))
    if version == LATEST_PACKAGE and "collection.anki21b" not in names:
        raise AnkiPackageError(f"{name} is damaged: its collection is missing")
    found = next((member for member in _COLLECTIONS if member in names), None)
    if found is None:
        if any(n.startswith("collection.") for n in names):
            raise AnkiPackageError(_newer(name, "a collection of a kind it does not know"))
        raise AnkiPackageError(f"{name} is a ZIP archive, not {_EXPECTED}")
    return found


def _package_version(meta: bytes) -> int | None:
    """Field 1 (a varint) of Anki's ``PackageMetadata``; None if ``meta`` does not start
    with it."""
    if not meta or meta[0] != 0x08:
        return None
    value, shift = 0, 0
    for byte in meta[1:10]:
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value
        shift += 7
    return None


def _newer(name: str, what: str) -> str:
    return (
        f"{name} was written by a newer Anki ({what}) than ocstudy reads; export it again "
        "with “Support older Anki versions” ticked"
    )


def _uncompressed(source: IO[bytes], member: str) -> IO[bytes]:
    if member != "collection.anki21b":
        return source
    import zstandard

    return zstandard.ZstdDecompressor().stream_reader(source)


def _copy(name: str, source: IO[bytes], copy: IO[bytes]) -> None:
    import zstandard

    written = 0
    try:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            if written > MAX_COLLECTION_BYTES:
                raise AnkiPackageError(f"{name} is too large to be read")
            copy.write(chunk)
    except zstandard.ZstdError as error:
        raise AnkiPackageError(f"{name} is damaged ({error}), so it cannot be read") from None


def _reviews(name: str, collection: Path, guids: dict[str, str]) -> AnkiReviews:
    uri = f"{collection.as_uri()}?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise AnkiPackageError(f"{name} is damaged ({error}), so it cannot be read") from None
    try:
        return _read_log(name, connection, guids)
    except sqlite3.Error as error:
        raise AnkiPackageError(f"{name} is damaged ({error}), so it cannot be read") from None
    finally:
        connection.close()


def _read_log(name: str, connection: sqlite3.Connection, guids: dict[str, str]) -> AnkiReviews:
    schema = connection.execute("SELECT ver FROM col").fetchone()
    if schema is not None and isinstance(schema[0], int) and schema[0] > LATEST_SCHEMA:
        raise AnkiPackageError(_newer(name, f"collection schema {schema[0]}"))
    rows = connection.execute(
        "SELECT r.id, r.ease, r.time, r.type, n.guid FROM revlog r "
        "LEFT JOIN cards c ON c.id = r.cid LEFT JOIN notes n ON n.id = c.nid ORDER BY r.id"
    ).fetchall()
    if not rows:
        raise AnkiPackageError(
            f"{name}: this package has no review history; export it with scheduling information"
        )
    reviews, foreign, manual = [], 0, 0
    for stamp, ease, duration, kind, guid in rows:
        card_id = guids.get(guid)
        if card_id is None:
            foreign += 1
            continue
        if (
            kind not in ANSWER_KINDS
            or ease not in (1, 2, 3, 4)
            or not isinstance(stamp, int)
            or not _FIRST_MS <= stamp <= _LAST_MS
        ):
            manual += 1
            continue
        known = duration if isinstance(duration, int) and duration >= 0 else None
        moment = _EPOCH + timedelta(milliseconds=stamp)
        reviews.append(ForeignReview(card_id, ease, moment, known, "anki"))
    return AnkiReviews(reviews, foreign, manual)
