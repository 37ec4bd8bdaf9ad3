"""A note changed on two computers at once keeps the other computer's text beside it
(``sync_conflicts``) until the learner chooses (``services/sync/conflicts.py``).

Until then, wherever a note is read whole (the notes exports, the Anki deck's notes, search, the
revision sheet) it is read *as it stands*: its text, then each text kept beside it under
:data:`UNRESOLVED_MARK`. Neither text is missing from what the learner takes away, and two
computers in step read the same (the text in front is the same on both). The notes panel is the
one place that shows the two apart, with the choice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Final

from ocstudy.userdata.database import UserDatabase
from ocstudy.userdata.notes import Note, NoteStore
from ocstudy.userdata.stored_values import BadValueError, time_value
from ocstudy.userdata.sync_items import NOTE, text_of
from ocstudy.userdata.times import EARLIEST

#: before each text kept beside a conflicted note, wherever the note is read whole
UNRESOLVED_MARK: Final = "--- also kept from the other computer (not yet chosen) ---"


def kept_note_texts(db: UserDatabase) -> dict[str, list[str]]:
    """The texts kept beside each conflicted note, by slug, in the order of their versions."""
    rows = db.execute(
        "SELECT key, value FROM sync_conflicts WHERE kind = ? ORDER BY key, stamp", [NOTE]
    )
    kept: dict[str, list[str]] = {}
    for slug, value in rows:
        kept.setdefault(str(slug), []).append(text_of(NOTE, str(value)))
    return kept


def text_as_read(text: str, kept: Iterable[str]) -> str:
    """A note's text followed by every text kept beside it, each under the mark."""
    parts = [text.rstrip()] if text.strip() else []
    parts += [f"{UNRESOLVED_MARK}\n\n{other.strip()}" for other in kept]
    return "\n\n".join(parts)


def notes_as_read(store: NoteStore) -> list[Note]:
    """Every note as it stands, by slug: a conflicted note with the texts kept beside it; a
    conflicted note deleted here (its other text kept) is there with that text alone."""
    kept = kept_note_texts(store.database)
    notes = {note.slug: note for note in store.all()}
    read = []
    for slug in sorted(notes.keys() | kept.keys()):
        note = notes.get(slug)
        if slug not in kept:
            read.append(notes[slug])
            continue
        text = text_as_read(note.text if note else "", kept[slug])
        if note is None:
            when = _latest_time(store.database, slug)
            read.append(Note(slug, text, when, when))
        else:
            read.append(note._replace(text=text))
    return read


def _latest_time(db: UserDatabase, slug: str) -> datetime:
    """The latest ``updated_at`` of the texts kept beside a note deleted here (the earliest
    time where none can be read)."""
    times = [EARLIEST]
    rows = db.execute("SELECT value FROM sync_conflicts WHERE kind = ? AND key = ?", [NOTE, slug])
    for (value,) in rows:
        try:
            times.append(time_value(json.loads(value).get("updated_at"), "updated_at"))
        except (ValueError, AttributeError, BadValueError):
            continue
    return max(times)
