"""Change files in the synced folder: ``<folder>/<device>/<seq>.json``, written once,
atomically, checksummed, and read only when whole (``docs/sync.md``, "Change files").

A sync tool may deliver a file late, twice, under a conflict-copy name, half-copied, or lose
it: every name that starts with the eight digits of a sequence number is read as that file;
one that does not parse, lacks its ``complete`` marker or fails its checksum is not whole yet
and is left alone (:class:`NotWholeError`), to be read again at the next sync."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ocstudy.services.regular_files import open_regular_file

FORMAT: Final = "ocstudy-sync"
FORMAT_VERSION: Final = 1
DEVICE_NAME: Final = re.compile(r"^[0-9a-f]{32}$")
#: the eight digits of a sequence number, then anything a sync tool appends, then ".json"
_FILE_NAME: Final = re.compile(r"^(\d{8})(?!\d).*\.json$")
_TEMPORARY: Final = ".tmp"

Record = dict[str, Any]


class NotWholeError(ValueError):
    """A change file that cannot be used yet (half-copied, truncated, damaged)."""


class TooNewError(NotWholeError):
    """A change file of a newer ocstudy's format."""


@dataclass(frozen=True, slots=True)
class ChangeFile:
    device: str
    seq: int
    records: tuple[Record, ...]


def file_name(seq: int) -> str:
    return f"{seq:08d}.json"


def _checksum(records: Sequence[Record]) -> str:
    canonical = json.dumps(records, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def encode(device: str, seq: int, records: Sequence[Record], written_at: str) -> bytes:
    """A change file's bytes; ``complete`` comes last, so a cut file never has it."""
    body = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "device": device,
        "seq": seq,
        "written_at": written_at,
        "records": list(records),
        "sha256": _checksum(records),
        "complete": True,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(data: bytes) -> ChangeFile:
    """The change file in ``data``; :class:`NotWholeError` (or :class:`TooNewError`) if it cannot be
    used as it is."""
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise NotWholeError("not whole: it does not read as JSON") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise NotWholeError("not an ocstudy change file")
    version = body.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise TooNewError(f"written by a newer ocstudy (format {version})")
    device, seq, records = body.get("device"), body.get("seq"), body.get("records")
    if (
        body.get("complete") is not True
        or version != FORMAT_VERSION
        or not isinstance(device, str)
        or not DEVICE_NAME.match(device)
        or not isinstance(seq, int)
        or not isinstance(records, list)
        or not all(isinstance(record, dict) for record in records)
        or body.get("sha256") != _checksum(records)
    ):
        raise NotWholeError("not whole: its marker, names or checksum do not hold")
    return ChangeFile(device, seq, tuple(records))


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` at ``path``, whole or not at all: a hidden temporary file beside it, flushed
    to disk, then renamed over the name; removed again if that fails (a full disk)."""
    temporary = path.with_name(f".{path.name}{_TEMPORARY}")
    try:
        with open(temporary, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):
        folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def remove_temporaries(folder: Path) -> None:
    """The temporary files a writer killed midway left in its own subfolder."""
    for entry in os.scandir(folder):
        if entry.name.startswith(".") and entry.name.endswith(_TEMPORARY):
            Path(entry.path).unlink(missing_ok=True)


def own_sizes(folder: Path) -> dict[int, int]:
    """This device's files by sequence number and size (the plain names only)."""
    sizes = {}
    for entry in os.scandir(folder):
        if entry.name == file_name(_seq_of(entry.name) or 0) and entry.is_file():
            sizes[_seq_of(entry.name) or 0] = entry.stat().st_size
    return sizes


def _seq_of(name: str) -> int | None:
    match = _FILE_NAME.match(name)
    return int(match[1]) if match else None


def candidates(folder: Path, own: str) -> dict[str, dict[int, list[Path]]]:
    """Every other device's files: by device, by sequence number, each name it is under
    (the plain name first, then the copies). A subfolder that is no device's is left out."""
    found: dict[str, dict[int, list[Path]]] = {}
    for device_entry in os.scandir(folder):
        if device_entry.name == own or not DEVICE_NAME.match(device_entry.name):
            continue
        if not device_entry.is_dir():
            continue
        files: dict[int, list[Path]] = defaultdict(list)
        for entry in os.scandir(device_entry.path):
            seq = _seq_of(entry.name)
            if seq is not None and not entry.name.startswith("."):
                files[seq].append(Path(entry.path))
        for names in files.values():
            names.sort(
                key=lambda path: (path.name != file_name(_seq_of(path.name) or 0), path.name)
            )
        found[device_entry.name] = dict(files)
    return found


def _regular_bytes(path: Path) -> bytes:
    """The bytes of the regular file at ``path``; anything else under a change file's name (a
    named pipe, a link to ``/dev/zero``) is :class:`NotWholeError`, found without blocking and
    never read."""
    file = open_regular_file(path)
    if file is None:
        raise NotWholeError("is not a regular file")
    with file:
        return file.read()


def read_first_whole(paths: Sequence[Path], device: str, seq: int) -> ChangeFile:
    """The first of ``paths`` (one file under its names) that is whole and is that device's
    file of that sequence number; :class:`NotWholeError` (the last reason) if none is."""
    reason: NotWholeError = NotWholeError("not there")
    for path in paths:
        try:
            change = decode(_regular_bytes(path))
        except NotWholeError as error:
            reason = error
            continue
        except OSError as error:
            reason = NotWholeError(f"cannot be read now ({error.strerror or error})")
            continue
        if change.device == device and change.seq == seq:
            return change
        reason = NotWholeError("names another device or sequence number than its place")
    raise reason
