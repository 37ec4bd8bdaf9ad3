"""The JSON exports written and read one way (notes, own cards, tags): a document headed by its
format (``format``, ``format_version``, ``exported_at``, ``app_version``) and an object of
entries.

An import reads only a regular file of bounded size, and refuses the whole file, before
anything is written, when anything in it is off: it is not JSON or not this format (then it
says what the file is, :mod:`.file_kinds`), a newer ocstudy wrote it, a key stands twice in
one object (JSON readers keep the last, silently), its entries are not an object. Each import
raises its own :class:`ImportFileError`, whose message names the file and says why in one line.
"""

from __future__ import annotations

import codecs
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from ocstudy import __version__
from ocstudy.services.exchange.file_kinds import wrong_kind
from ocstudy.services.exchange.formats import JsonFormat
from ocstudy.services.regular_files import open_regular_file
from ocstudy.userdata.times import in_range

MAX_IMPORT_BYTES: Final = 64 * 1024 * 1024


class ImportFileError(ValueError):
    """A file an import cannot take; the message says which file and why."""


def utc_text(moment: datetime) -> str:
    """``moment`` in UTC, ISO 8601: how an export writes a time."""
    return moment.astimezone(UTC).isoformat()


def export_text(form: JsonFormat, entries: dict[str, Any] | list[Any], now: datetime) -> str:
    """The export of ``entries`` in ``form``, exported ``now``, as the file's text."""
    document = {
        "format": form.name,
        "format_version": form.version,
        "exported_at": utc_text(now),
        "app_version": __version__,
        form.entries: entries,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_import_file(
    path: Path,
    form: JsonFormat,
    error: type[ImportFileError] = ImportFileError,
    limit: int = MAX_IMPORT_BYTES,
) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them. Anything else
    (``/dev/zero``, a named pipe, a folder) is refused at once: opened without blocking, so a
    pipe with no writer does not hang, and never read without a bound. ``OSError`` if it
    cannot be opened."""
    file = open_regular_file(path)
    if file is None:
        raise error(f"{path.name} is not a regular file")
    with file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise error(f"{path.name} is too large to be {form.what}")
    return data


class _DuplicateKeyError(Exception):
    """A key given twice in one JSON object (``json`` would keep the last one, silently)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise _DuplicateKeyError(key)
        document[key] = value
    return document


def read_entries(
    path: Path, form: JsonFormat, error: type[ImportFileError] = ImportFileError
) -> dict[str, Any]:
    """The entries of the export in ``form`` at ``path``, its header checked; ``error`` (with
    the file's name) if the file cannot be read or anything in it is off."""
    entries = read_document(path, form, error).get(form.entries)
    if not isinstance(entries, dict):
        raise error(f"{path.name}: {form.entries!r} is not an object keyed by {form.keyed_by}")
    return entries


#: byte order marks an editor saving "Unicode" writes (UTF-32's first: it starts as UTF-16's)
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decoded(data: bytes) -> str:
    """An export's text: UTF-8 (as written), or UTF-16 or UTF-32 by its byte order mark (the
    export saved again by an editor, Windows Notepad's "Unicode")."""
    codec = next((codec for bom, codec in _BOMS if data.startswith(bom)), "utf-8-sig")
    return data.decode(codec)


def read_document(
    path: Path, form: JsonFormat, error: type[ImportFileError] = ImportFileError
) -> dict[str, Any]:
    """The export in ``form`` at ``path``, its header checked (see :func:`read_entries`)."""
    name = path.name
    try:
        data = read_import_file(path, form, error)
    except OSError as problem:
        raise error(f"cannot read {path}: {problem.strerror or problem}") from None
    try:
        document = json.loads(_decoded(data), object_pairs_hook=_unique_keys)
    except _DuplicateKeyError as duplicate:
        raise error(
            f"{name}: {duplicate.args[0]!r} appears twice in one object, so one of them would "
            "be lost; nothing was imported"
        ) from None
    except (ValueError, RecursionError):  # not UTF-8, not JSON, a 5000-digit number, [[[[...
        raise error(wrong_kind(name, data, form.expected)) from None
    if not isinstance(document, dict) or document.get("format") != form.name:
        raise error(wrong_kind(name, data, form.expected))
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise error(f"{name}: format_version {version!r} is not valid")
    if version > form.version:
        raise error(f"{name} was written by a newer ocstudy (version {version})")
    return document


def read_time(value: Any, where: str, error: type[ImportFileError] = ImportFileError) -> datetime:
    """The time an export wrote (ISO 8601; without a zone, UTC); ``error`` saying ``where``
    if it is none, or one ocstudy could not show in every zone and keep."""
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        raise error(f"{where} is not a date and time: {value!r}")
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        moment.astimezone(UTC).astimezone()  # it must be shown and written again later
    except (OverflowError, OSError, ValueError):
        raise error(f"{where} has an impossible date and time: {value!r}") from None
    if not in_range(moment):  # shown in any zone, anywhere in the app
        raise error(f"{where} has an impossible date and time: {value!r}")
    return moment


def is_unicode(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (JSON can carry a lone surrogate; SQLite and
    the screen cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
