"""The learner's notes out and back in: one Markdown file to read anywhere, and a JSON document
to move notes between machines and merge them.

JSON (``format`` ``"ocstudy-notes"``, ``format_version`` 1): ``exported_at`` (UTC, ISO 8601),
``app_version``, and ``notes``, an object keyed by entity slug whose values have ``title`` (for
the reader only; ignored on import), ``text``, ``created_at`` and ``updated_at``.

Both exports write each note as it stands (``userdata/note_conflicts.py``): a note changed on two
computers whose conflict the learner has not chosen yet holds its text, then the other
computer's text under a line ``--- also kept from the other computer (not yet chosen) ---``.

Importing merges by slug and never loses a text:

* a slug without a local note (or with a blank one) is **added**, with the file's times;
* the same text, a blank text, or a text the local note already contains (an earlier import
  merged it; or the note's export while it was changed on two computers, which holds both
  texts) is **unchanged**;
* a text that contains the whole local note (the other side went on writing) **updates** it;
* otherwise both sides changed: the note is **merged**: the local text, then a line
  ``--- imported from FILE on DATE ---``, then the imported text;
* a slug the content does not know (a note written with newer content, or on an entity since
  removed) is imported all the same, by the rules above, and listed as **unknown**: notes are
  keyed by slugs so that they outlive content changes, and dropping one would lose a text.

A file that cannot be read, is not JSON, is not this format, has a malformed note or one
longer than a note may be (``text_limits.NOTE``, in all and per line) raises
:class:`NotesImportError` before anything is written. The writes are one transaction when the
caller passes ``transaction`` (the user database's ``atomic``); without it, a failure or a
cancellation puts back every note already written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ocstudy.content.repository import ContentRepository
from ocstudy.services.exchange.export_files import ExportResult, atomic_file
from ocstudy.services.exchange.formats import KEY, MARKDOWN_SUFFIXES, NOTES, NOTES_MARKDOWN_TITLE
from ocstudy.services.exchange.json_files import (
    ImportFileError,
    export_text,
    is_unicode,
    read_entries,
    read_time,
    utc_text,
)
from ocstudy.services.exchange.text_limits import NOTE, length_problem
from ocstudy.services.progress import OperationCancelledError, Progress, report
from ocstudy.userdata.note_conflicts import kept_note_texts, text_as_read
from ocstudy.userdata.notes import Note, NoteStore

Transaction = Callable[[], AbstractContextManager[object]]


class NotesImportError(ImportFileError):
    """The file is not an ocstudy notes export; the message says which file and why."""


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """The slugs each rule applied to (``unknown`` overlaps the others)."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    cancelled: bool = False


def kept_notes(notes: Iterable[Note]) -> list[Note]:
    """The notes an export writes: every one with some text."""
    return [note for note in notes if note.text.strip()]


# -- export ----------------------------------------------------------------------------------


def notes_json_text(notes: Iterable[Note], content: ContentRepository, now: datetime) -> str:
    entries = {}
    for note in sorted(kept_notes(notes), key=lambda n: n.slug):
        entity = content.entity(note.slug)
        entries[note.slug] = {
            "title": entity.title if entity else None,
            "text": note.text,
            "created_at": utc_text(note.created_at),
            "updated_at": utc_text(note.updated_at),
        }
    return export_text(NOTES, entries, now)


def notes_markdown_text(notes: Iterable[Note], content: ContentRepository, now: datetime) -> str:
    """A heading per entity (title, abbreviation), its kind and dated events in a quote, then
    the note as written. Entities in the content's order; notes on unknown slugs last."""
    by_slug = {note.slug: note for note in kept_notes(notes)}
    order = [e.slug for e in content.entities() if e.slug in by_slug]
    order += sorted(set(by_slug) - set(order))
    stamp = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    count = f"{len(order)} note" + ("" if len(order) == 1 else "s")
    parts = [f"{NOTES_MARKDOWN_TITLE}\n\nExported {stamp}: {count}.\n"]
    for slug in order:
        detail = content.detail(slug)
        if detail is None:
            parts.append(f"## {slug}\n\n> Not in the current content.\n")
        else:
            entity = detail.entity
            short = f" ({entity.short_name})" if entity.short_name not in ("", entity.title) else ""
            dates = "".join(f"> - {event.label}: {event.value}\n" for event in detail.events)
            about = f"> {entity.kind_label}\n" + (dates and ">\n" + dates)
            parts.append(f"## {entity.title}{short}\n\n{about}")
        parts.append(by_slug[slug].text.rstrip() + "\n")
    return "\n".join(parts)


def export_notes(
    notes: Iterable[Note],
    content: ContentRepository,
    path: Path,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the notes to ``path``: Markdown for ``.md``/``.markdown``, else JSON (``.json``).
    The file is readable by the user only, written atomically; cancellable by ``progress``."""
    path = Path(path)
    kept = kept_notes(notes)
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    render = notes_markdown_text if markdown else notes_json_text
    try:
        report(progress, 0, 2)
        text = render(kept, content, now or datetime.now(UTC))
        report(progress, 1, 2)
        with atomic_file(path) as temp:
            temp.write_bytes(text.encode("utf-8"))
            report(progress, 2, 2)
    except OperationCancelledError:
        return ExportResult(path, 0, cancelled=True)
    return ExportResult(path, len(kept))


# -- import ----------------------------------------------------------------------------------


def _when(value: Any, where: str, fallback: datetime) -> datetime:
    return fallback if value is None else read_time(value, where, NotesImportError)


def read_notes_json(path: Path, now: datetime | None = None) -> list[Note]:
    """The notes in an export, checked through; :class:`NotesImportError` if anything is off."""
    path, now = Path(path), now or datetime.now(UTC)
    name = path.name
    entries = read_entries(path, NOTES, NotesImportError)
    notes = []
    for slug, entry in entries.items():
        if not KEY.fullmatch(slug):
            raise NotesImportError(f"{name}: {slug!r} is not an entity key")
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise NotesImportError(f"{name}: note {slug!r} has no text")
        if not is_unicode(entry["text"]):
            raise NotesImportError(f"{name}: note {slug!r} is not valid Unicode text")
        problem = length_problem(entry["text"], f"note {slug!r}", NOTE)
        if problem:
            raise NotesImportError(f"{name}: {problem}; nothing was imported")
        where = f"{name}: note {slug!r}:"
        created = _when(entry.get("created_at"), f"{where} created_at", now)
        updated = _when(entry.get("updated_at"), f"{where} updated_at", created)
        notes.append(Note(slug, entry["text"], created, updated))
    return notes


def merged_text(local: str, imported: str, source: str, now: datetime) -> str:
    marker = f"--- imported from {source} on {now.astimezone(UTC):%Y-%m-%d} ---"
    return f"{local.rstrip()}\n\n{marker}\n\n{imported}"


def import_notes(
    path: Path,
    store: NoteStore,
    known_slugs: Iterable[str],
    *,
    transaction: Transaction | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Merge the notes of the JSON export at ``path`` into ``store`` (rules: module docstring).
    ``known_slugs`` are the content's entity slugs. ``progress`` returning False cancels and
    leaves every note as it was (then ``cancelled`` is set and the lists are empty)."""
    path, now = Path(path), now or datetime.now(UTC)
    incoming = read_notes_json(path, now)
    known = set(known_slugs)
    kept = kept_note_texts(store.database)
    buckets: dict[str, list[str]] = {"added": [], "updated": [], "merged": [], "unchanged": []}
    before: list[tuple[str, Note | None]] = []
    try:
        with (transaction or nullcontext)():
            for done, note in enumerate(sorted(incoming, key=lambda n: n.slug)):
                report(progress, done, len(incoming))
                local = store.get(note.slug)
                text = local.text if local else ""
                rule = _rule(text, note.text, text_as_read(text, kept.get(note.slug, ())))
                buckets[rule].append(note.slug)
                if rule != "unchanged":
                    before.append((note.slug, local))
                if rule == "added":
                    store.restore(note)
                elif rule == "updated":
                    store.save(note.slug, note.text)
                elif rule == "merged" and local is not None:
                    store.save(note.slug, merged_text(local.text, note.text, path.name, now))
            report(progress, len(incoming), len(incoming))
    except BaseException as error:
        if transaction is None:
            _put_back(store, before)
        if isinstance(error, OperationCancelledError):
            return ImportSummary(cancelled=True)
        raise
    return ImportSummary(
        added=tuple(buckets["added"]),
        updated=tuple(buckets["updated"]),
        merged=tuple(buckets["merged"]),
        unchanged=tuple(buckets["unchanged"]),
        unknown=tuple(sorted(n.slug for n in incoming if n.slug not in known)),
    )


def _rule(local: str, imported: str, as_read: str) -> str:
    """``as_read``: the local note as it stands (with the texts kept beside it on a conflict
    not yet chosen, which its exports hold)."""
    if not imported.strip() or (as_read.strip() and imported in as_read):
        return "unchanged"
    if not local.strip():
        return "added"
    return "updated" if local in imported else "merged"


def _put_back(store: NoteStore, before: list[tuple[str, Note | None]]) -> None:
    for slug, previous in reversed(before):
        if previous is None:
            store.delete(slug)
        else:
            store.restore(previous)
