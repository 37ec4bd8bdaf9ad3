"""The quiz cards as an Anki deck (.apkg), written with ``genanki``.

Every card becomes one note of the "ocstudy" note type (fields and wording:
:mod:`ocstudy.services.exchange.anki_cards`), in one deck per theme under the parent deck "ocstudy"
(``ocstudy::Trafficking in persons``), a card with several themes in its first theme's deck.
The parent deck's description explains the marks; the note type's style follows Anki's light
and dark themes.

Everything Anki matches on is derived from stable keys, never from the time or chance: the note
type's and the decks' ids are hashes of fixed names and theme keys, and a note's GUID is
``genanki.guid_for(card.id)``, so a later export updates the notes Anki has (their reviews kept)
instead of adding duplicates. A note is stamped with the time its content last changed
(:mod:`ocstudy.services.exchange.anki_stamps`), so importing an export in which nothing changed
updates nothing, and one changed note updates just that note's cards. New cards get distinct
positions, by theme then chronologically, so Anki introduces them in that order.

The learner's own cards go into the same decks (their first theme's, or the parent deck) as more
notes of this note type, made by :func:`~ocstudy.services.exchange.anki_cards.card_fields` like the
others and told apart by a tag of their own (``ocstudy::own``), with GUIDs from their own ids: a
re-export after an edit updates the note, never adds a second one.

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

from ocstudy.content.model import Entity, Fact, Theme
from ocstudy.quiz.model import QuizCard
from ocstudy.services.exchange.anki_cards import (
    FIELDS,
    MODEL_NAME,
    PARENT_DECK,
    TEMPLATE_NAME,
    CardContent,
    card_fields,
    new_positions,
    note_guid,
    sort_keys,
)
from ocstudy.services.exchange.anki_stamps import ContentStamps, digest
from ocstudy.services.exchange.export_files import ExportResult, atomic_file
from ocstudy.services.progress import OperationCancelledError, Progress, report

FRONT_TEMPLATE: Final = '<div class="ocstudy">{{Front}}</div>'
BACK_TEMPLATE: Final = """{{FrontSide}}
<hr id="answer">
<div class="ocstudy">
{{Back}}
<div class="source">{{Source}}</div>
<div class="entity">Entry: {{Entity}}</div>
{{#Notes}}<div class="notes"><div class="notes-heading">My note</div>{{Notes}}</div>{{/Notes}}
</div>"""
#: Text and background colours are left to Anki's theme; the rest has a ``.nightMode`` rule.
CSS: Final = """.card { font-family: sans-serif; font-size: 20px; line-height: 1.4;
  text-align: left; }
.ocstudy, hr#answer { max-width: 36em; margin-left: auto; margin-right: auto; }
.sort-key { display: none; }
.prompt { font-size: 22px; }
.items, .details, .order { margin: 0.4em 0; padding-left: 1.4em; }
.answer { font-weight: bold; font-size: 22px; margin-bottom: 0.4em; }
.order .date { font-weight: bold; }
.marker { font-style: italic; margin-top: 0.4em; }
.paper { margin-top: 0.6em; padding: 0.3em 0.8em; border-left: 4px solid #d98a00;
  background-color: rgba(255, 170, 0, 0.14); border-radius: 4px; }
.paper p { margin: 0.3em 0; }
.source, .entity { font-size: 15px; color: #5c5c5c; margin-top: 0.4em; }
.notes { font-size: 17px; border-top: 1px solid #d0d0d0; margin-top: 0.8em; padding-top: 0.4em; }
.notes-heading { font-size: 13px; font-weight: bold; text-transform: uppercase;
  letter-spacing: 0.05em; color: #5c5c5c; }
.notes h1, .notes h2, .notes h3, .notes h4 { font-size: 18px; margin: 0.5em 0 0.2em; }
.notes p, .notes ul, .notes ol { margin: 0.3em 0; }
.notes pre, .notes code { font-size: 15px; }
a { color: #0b63c4; }
.nightMode a { color: #7fb8ff; }
.nightMode .paper { border-left-color: #ffaa33; background-color: rgba(255, 170, 0, 0.16); }
.nightMode .source, .nightMode .entity, .nightMode .notes-heading { color: #ababab; }
.nightMode .notes { border-top-color: #555; }
"""

DECK_DESCRIPTION: Final = """<p>Cards made by <b>ocstudy</b> from one paper{paper}, each fact
checked against the public record (treaties, UN resolutions and UN pages).</p>
<p>Every card names its sources: <i>Paper: § section, footnote N</i> is where the paper says
it; <i>Record: site</i> is where the record does.</p>
<ul>
<li><b>⚠ The paper differs from the record</b>: the answer is the record's value; the ⚠ block
gives the paper's words, where it says them, the record's value and its source, and why.</li>
<li><b>From the record</b>: the paper does not give this; the record does.</li>
<li><b>According to the paper</b>: the paper says it, and no record confirms or covers it.</li>
</ul>
<p>Tags sit under <i>ocstudy::</i> (theme, kind, card, status); the cards you wrote in
ocstudy yourself are tagged <i>ocstudy::own</i>. Exported with your notes,
a card shows your note on its entry under <i>My note</i>. Importing a newer export updates
the cards whose text changed and keeps your reviews.</p>"""


def stable_id(name: str) -> int:
    """A fixed id in the range genanki recommends (2**30 to 2**31), from ``name``."""
    digest_bytes = hashlib.sha256(f"ocstudy:{name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest_bytes[:4], "big") % (1 << 30)


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
    facts: Iterable[Fact] = (),
    paper: str = "",
    stamps: Path | None = None,
    now: datetime | None = None,
    own_tags: Mapping[str, Sequence[str]] | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write ``cards`` as an Anki package to ``path``, atomically.

    ``entities``, ``themes`` and ``facts`` are the content's (titles and kinds, deck names,
    the citations behind sources and ⚠ lines); ``paper`` names the paper in the deck's
    description. With ``include_notes``, the Notes field carries
    ``notes_by_slug[card.entity_slug]`` rendered from Markdown.
    ``stamps`` is the file that keeps when each note last changed (None: every note is
    stamped ``now``, default the time); a note whose tags changed (``own_tags``, the learner's
    by card id) is a changed note. ``progress(done, total)`` is called as the notes are
    made and once more when the file is written; returning False cancels, and nothing is left.
    """
    import genanki  # type: ignore[import-untyped, unused-ignore]

    content = CardContent.of(entities, themes, facts)
    notes = notes_by_slug if include_notes and notes_by_slug else {}
    moments = ContentStamps(stamps, int((now or datetime.now(UTC)).timestamp()))
    model = genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": TEMPLATE_NAME, "qfmt": FRONT_TEMPLATE, "afmt": BACK_TEMPLATE}],
        css=CSS,
        sort_field_index=0,
    )
    description = DECK_DESCRIPTION.format(paper=f", {paper}" if paper else "")
    decks: dict[str, Any] = {PARENT_DECK: genanki.Deck(deck_id(""), PARENT_DECK, description)}
    note_times: dict[str, int] = {}
    positions, keys = new_positions(cards, content), sort_keys(cards, content)
    total = len(cards) + 1
    try:
        for done, card in enumerate(cards):
            report(progress, done, total)
            note = notes.get(card.entity_slug, "")
            tags = (own_tags or {}).get(card.id, ())
            fields = card_fields(card, content, note, sort_key=keys[card.id], own_tags=tags)
            if fields.deck not in decks:
                decks[fields.deck] = genanki.Deck(deck_id(fields.theme), fields.deck)
            values = [fields.front, fields.back, fields.source, fields.entity, fields.notes]
            guid = note_guid(card.id)
            note_times[guid] = moments.stamp(guid, digest([*values, *fields.tags, fields.deck]))
            decks[fields.deck].add_note(
                genanki.Note(
                    model=model,
                    fields=values,
                    tags=list(fields.tags),
                    guid=guid,
                    due=positions[card.id],
                )
            )
        report(progress, len(cards), total)
        model_time = moments.stamp("note type", digest([CSS, FRONT_TEMPLATE, BACK_TEMPLATE]))
        deck_time = moments.stamp("decks", digest([description, *decks]))
        with atomic_file(Path(path)) as temp:
            package = genanki.Package(list(decks.values()))
            _write_package(package, temp, note_times, model_time, deck_time)
            report(progress, total, total)
        moments.save()
    except OperationCancelledError:
        return ExportResult(Path(path), 0, cancelled=True)
    return ExportResult(Path(path), len(cards), decks=tuple(decks))


def _write_package(
    package: Any, target: Path, note_times: Mapping[str, int], model_time: int, deck_time: int
) -> None:
    """``genanki.Package.write_to_file`` with each note's own time, and without its temporary
    database (which it never deletes): the collection is built in memory and zipped."""
    package_time = max([model_time, deck_time, *note_times.values()])
    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        package.write_to_db(cursor, package_time, itertools.count(package_time * 1000))
        cursor.executemany(
            "UPDATE notes SET mod = ? WHERE guid = ?",
            [(moment, guid) for guid, moment in note_times.items()],
        )
        cursor.execute("UPDATE cards SET mod = (SELECT mod FROM notes WHERE id = cards.nid)")
        models_json, decks_json = cursor.execute("SELECT models, decks FROM col").fetchone()
        models = {k: {**m, "mod": model_time} for k, m in json.loads(models_json).items()}
        decks = {k: {**d, "mod": deck_time} for k, d in json.loads(decks_json).items()}
        cursor.execute(
            "UPDATE col SET models = ?, decks = ?, mod = ?",
            (json.dumps(models), json.dumps(decks), package_time * 1000),
        )
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", collection), ("media", json.dumps({}))):
            member = zipfile.ZipInfo(name, archive_time(package_time))
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, data)


#: the first and the last moments a ZIP archive can record (MS-DOS dates)
_ZIP_FIRST: Final = (1980, 1, 1, 0, 0, 0)
_ZIP_LAST: Final = (2107, 12, 31, 23, 59, 58)


def archive_time(moment: int) -> tuple[int, int, int, int, int, int]:
    """The ZIP members' time: when the package's content last changed (UTC), clamped to what
    a ZIP can record. Not the clock's: a clock before 1980 made ``zipfile`` raise, and the
    same content now gives the same archive. (Anki reads no time from the archive itself.)"""
    try:
        when = datetime.fromtimestamp(moment, UTC).timetuple()[:6]
    except (OverflowError, OSError, ValueError):
        return _ZIP_LAST if moment > 0 else _ZIP_FIRST
    return min(max(when, _ZIP_FIRST), _ZIP_LAST)
