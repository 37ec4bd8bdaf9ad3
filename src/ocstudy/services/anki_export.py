"""The quiz cards as an Anki deck (.apkg), written with ``genanki``.

Every card becomes one note of the "ocstudy" note type with the fields Front, Back, Source (where
the fact comes from), Entity (the entity's title) and Notes (the learner's note on the entity,
empty unless asked for). Tags are the card's theme keys and its entity's kind. The notes go in one
deck per theme under the parent deck "ocstudy" (``ocstudy::Trafficking in persons``), a card with
several themes in its first theme's deck.

Everything Anki matches on is derived from stable keys, never from the time or chance: the note
type's and the decks' ids are hashes of fixed names and theme keys, and a note's GUID is
``genanki.guid_for(card.id)``. Importing a later export into Anki therefore updates the notes
it already has (their reviews kept) instead of adding duplicates.

``genanki`` is imported only when a deck is written, never at start-up.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from ocstudy.content.model import Entity, Theme
from ocstudy.quiz.model import QuizCard
from ocstudy.services.cards_csv import PARENT_DECK, card_fields, lookup_tables, note_guid
from ocstudy.services.export_files import (
    ExportResult,
    OperationCancelledError,
    Progress,
    atomic_file,
    report,
)

MODEL_NAME: Final = "ocstudy"
FIELDS: Final = ("Front", "Back", "Source", "Entity", "Notes")

FRONT_TEMPLATE: Final = '<div class="front">{{Front}}</div>'
BACK_TEMPLATE: Final = """{{FrontSide}}
<hr id="answer">
{{Back}}
<div class="source">Source: {{Source}}</div>
<div class="entity">{{Entity}}</div>
{{#Notes}}<div class="notes">{{Notes}}</div>{{/Notes}}"""
CSS: Final = """.card { font-family: sans-serif; font-size: 20px; text-align: left; }
.prompt { font-size: 22px; }
.answer { font-weight: bold; font-size: 22px; margin-bottom: 0.5em; }
.details, .items { margin: 0.3em 0; }
.marker { font-style: italic; }
.paper { color: #b35900; margin-top: 0.4em; }
.source, .entity { font-size: 15px; color: #666; margin-top: 0.4em; }
.notes { font-size: 16px; border-top: 1px solid #ccc; margin-top: 0.6em; padding-top: 0.4em; }
.nightMode .paper { color: #ffa64d; }
.nightMode .source, .nightMode .entity { color: #aaa; }
"""


def stable_id(name: str) -> int:
    """A fixed id in the range genanki recommends (2**30 to 2**31), from ``name``."""
    digest = hashlib.sha256(f"ocstudy:{name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


MODEL_ID: Final = stable_id("model:card")


def deck_id(theme_key: str) -> int:
    """The deck of a theme (``""``: the parent deck)."""
    return stable_id(f"deck:{theme_key}" if theme_key else "deck")


def export_anki_deck(
    cards: Sequence[QuizCard],
    entities: Iterable[Entity],
    notes_by_slug: Mapping[str, str] | None,
    path: Path,
    *,
    include_notes: bool,
    themes: Iterable[Theme] | Mapping[str, str] = (),
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write ``cards`` as an Anki package to ``path``, atomically.

    ``entities`` are the content's entities (for titles and kinds), ``themes`` its themes (for
    the deck names; without them a name is made from the theme key). With ``include_notes``,
    the Notes field carries ``notes_by_slug[card.entity_slug]``. ``progress(done, total)`` is
    called as the notes are made and once more when the file is written; returning False
    cancels, and nothing is left behind. ``now`` (default: the time) stamps the notes: Anki
    updates a note it has only from a package whose note is newer, to the second.
    """
    import genanki  # type: ignore[import-untyped, unused-ignore]

    by_slug, labels = lookup_tables(entities, themes)
    notes = notes_by_slug if include_notes and notes_by_slug else {}
    model = genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Card", "qfmt": FRONT_TEMPLATE, "afmt": BACK_TEMPLATE}],
        css=CSS,
        sort_field_index=0,
    )
    decks: dict[str, Any] = {PARENT_DECK: genanki.Deck(deck_id(""), PARENT_DECK)}
    total = len(cards) + 1
    try:
        for done, card in enumerate(cards):
            report(progress, done, total)
            fields = card_fields(card, by_slug, labels, notes.get(card.entity_slug, ""))
            if fields.deck not in decks:
                decks[fields.deck] = genanki.Deck(deck_id(fields.theme), fields.deck)
            values = [fields.front, fields.back, fields.source, fields.entity, fields.notes]
            note = genanki.Note(
                model=model, fields=values, tags=list(fields.tags), guid=note_guid(card.id)
            )
            decks[fields.deck].add_note(note)
        report(progress, len(cards), total)
        with atomic_file(Path(path)) as temp:
            stamp = (now or datetime.now(UTC)).timestamp()
            _write_package(genanki.Package(list(decks.values())), temp, stamp)
            report(progress, total, total)
    except OperationCancelledError:
        return ExportResult(Path(path), 0, cancelled=True)
    return ExportResult(Path(path), len(cards), decks=tuple(decks))


def _write_package(package: Any, target: Path, timestamp: float) -> None:
    """``genanki.Package.write_to_file`` without its temporary database (which it never
    deletes): the collection is built in memory and stored in the zip from there."""
    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        package.write_to_db(cursor, timestamp, itertools.count(int(timestamp * 1000)))
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", collection)
        archive.writestr("media", json.dumps({}))
