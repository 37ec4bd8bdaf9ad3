"""A note changed on two computers at once keeps both texts (``docs/sync.md``): the one in
front is the note, the other is kept beside it until the learner chooses. Choosing removes the
kept text (and, for "that" or "both", saves the note's new text); the next sync sends a
version that supersedes both, so every computer ends with what the learner chose."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.sync_items import NOTE, text_of
from ocstudy.userdata.sync_store import SyncStore

#: between the two texts of a note kept both ways
BOTH_MARK: Final = "\n\n--- kept from the other computer ---\n\n"


class Keep(enum.Enum):
    THIS = "this"
    THAT = "that"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class NoteConflict:
    slug: str
    #: the kept text's version (its identity)
    stamp: str
    #: the note's text (the version in front)
    this: str
    #: the text kept beside it
    that: str


def note_conflicts(store: SyncStore, notes: NoteStore) -> list[NoteConflict]:
    """Every note's kept other texts, by note and stamp."""
    found = []
    for slug, others in sorted(store.conflicts(NOTE).items()):
        note = notes.get(slug)
        for stamp, value in sorted(others.items()):
            this = note.text if note else ""
            found.append(NoteConflict(slug, stamp, this, text_of(NOTE, value)))
    return found


def resolve_note(store: SyncStore, notes: NoteStore, conflict: NoteConflict, keep: Keep) -> bool:
    """Keep this, that or both of ``conflict`` (as it was on screen); False if it is no longer
    there (another sync resolved it meanwhile), nothing changed."""
    with store.db.atomic():
        others = store.conflicts(NOTE).get(conflict.slug, {})
        if conflict.stamp not in others:
            return False
        note = notes.get(conflict.slug)
        this = note.text if note else ""
        that = text_of(NOTE, others.pop(conflict.stamp))
        if keep is Keep.THAT:
            notes.save(conflict.slug, that)
        elif keep is Keep.BOTH:
            notes.save(conflict.slug, f"{this.rstrip()}{BOTH_MARK}{that.lstrip()}")
        store.set_conflicts(NOTE, conflict.slug, others)
    return True
