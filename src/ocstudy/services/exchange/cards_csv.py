"""The quiz cards as a CSV file for Anki's text import (File > Import), with the fields of the
Anki deck (:mod:`ocstudy.services.exchange.anki_cards`).

The ``#`` header lines tell Anki everything: the note type "ocstudy" (the deck's, so that the
Source and Entity columns land in fields of their own and a collection holding the deck
updates its notes by GUID instead of reporting conflicts), the columns by field name, the tags,
the deck and the GUID. A collection without the "ocstudy" note type (nothing imported from
ocstudy yet) falls back to its default note type and keeps only Front and Back: import the
``.apkg`` first. The CSV has no Notes column, so the learner's notes in Anki stay as they are.
The learner's own tags are in the Tags column, as in the deck (``ocstudy::my::NAME``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

from ocstudy.content.model import Entity, Fact, Theme
from ocstudy.quiz.model import QuizCard
from ocstudy.services.exchange.anki_cards import (
    MODEL_NAME,
    PARENT_DECK,
    CardContent,
    card_fields,
    note_guid,
    sort_keys,
)
from ocstudy.services.exchange.export_files import ExportResult, atomic_file
from ocstudy.services.exchange.formats import CSV_HEADER
from ocstudy.services.progress import OperationCancelledError, Progress, report

CSV_COLUMNS: Final = ("Front", "Back", "Source", "Entity", "Tags", "Deck", "GUID")


def cards_csv_text(
    cards: Sequence[QuizCard],
    entities: Iterable[Entity],
    *,
    themes: Iterable[Theme] | Mapping[str, str] = (),
    facts: Iterable[Fact] = (),
    own_tags: Mapping[str, Sequence[str]] | None = None,
    progress: Progress | None = None,
) -> str:
    """The CSV document: Anki's header lines, then one properly quoted row per card (with
    the learner's tags of each card, ``own_tags`` by card id)."""
    tagged = own_tags or {}
    content = CardContent.of(entities, themes, facts)
    keys = sort_keys(cards, content)
    out = io.StringIO(newline="")
    out.write(f"{CSV_HEADER}Comma\n#html:true\n#notetype:{MODEL_NAME}\n")
    out.write(f"#columns:{','.join(CSV_COLUMNS)}\n")
    out.write(f"#deck:{PARENT_DECK}\n")
    for name in ("Tags", "Deck", "GUID"):
        out.write(f"#{name.lower()} column:{CSV_COLUMNS.index(name) + 1}\n")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for done, card in enumerate(cards):
        report(progress, done, len(cards) + 1)
        fields = card_fields(
            card, content, sort_key=keys[card.id], own_tags=tagged.get(card.id, ())
        )
        row = (fields.front, fields.back, fields.source, fields.entity, " ".join(fields.tags))
        writer.writerow((*row, fields.deck, note_guid(card.id)))
    return out.getvalue()


def export_cards_csv(
    cards: Sequence[QuizCard],
    entities: Iterable[Entity],
    path: Path,
    *,
    themes: Iterable[Theme] | Mapping[str, str] = (),
    facts: Iterable[Fact] = (),
    own_tags: Mapping[str, Sequence[str]] | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write ``cards`` as CSV (UTF-8) to ``path``, atomically; cancellable by ``progress``.
    ``facts`` (the content's) give the ⚠ lines and sources their record's values;
    ``own_tags`` are the learner's tags by card id."""
    try:
        text = cards_csv_text(
            cards, entities, themes=themes, facts=facts, own_tags=own_tags, progress=progress
        )
        total = len(cards) + 1
        report(progress, len(cards), total)
        with atomic_file(Path(path)) as temp:
            temp.write_bytes(text.encode("utf-8"))
            report(progress, total, total)
    except OperationCancelledError:
        return ExportResult(Path(path), 0, cancelled=True)
    return ExportResult(Path(path), len(cards))
