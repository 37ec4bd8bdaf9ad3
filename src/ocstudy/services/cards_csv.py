"""Quiz cards as text: the fields every export shares, and the cards as a CSV file that Anki's
text import understands (File > Import in Anki reads the ``#`` header lines and maps the
columns, the tags, the deck and the GUID by itself).
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ocstudy.content.model import Entity, Theme
from ocstudy.quiz.model import QuizCard
from ocstudy.services.export_files import (
    ExportResult,
    OperationCancelledError,
    Progress,
    atomic_file,
    report,
)

PARENT_DECK: Final = "ocstudy"
CSV_COLUMNS: Final = ("Front", "Back", "Source", "Entity", "Tags", "Deck", "GUID")


# -- the fields of a card, shared by the Anki deck and the CSV -------------------------------


@dataclass(frozen=True, slots=True)
class CardFields:
    """A card as Anki fields (HTML), with its tags and deck."""

    front: str
    back: str
    source: str
    entity: str
    notes: str
    tags: tuple[str, ...]
    deck: str
    #: The card's main theme (its deck), or "" for a card without themes.
    theme: str


def theme_label(key: str, themes: Mapping[str, str]) -> str:
    """The theme's label, or one made from its key ("money-laundering" -> "Money laundering")."""
    return themes.get(key) or key.replace("-", " ").replace("_", " ").capitalize()


def tag(text: str) -> str:
    """An Anki tag: no spaces (Anki splits tags on them), no quotes."""
    return re.sub(r"[\s\"']+", "_", text.strip()).strip("_") or "_"


def _html(text: str) -> str:
    return html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def _list(items: Iterable[str], css: str) -> str:
    lines = "".join(f"<li>{_html(item)}</li>" for item in items)
    return f'<ul class="{css}">{lines}</ul>' if lines else ""


def card_fields(
    card: QuizCard,
    entities: Mapping[str, Entity],
    themes: Mapping[str, str],
    note: str = "",
) -> CardFields:
    """Front (the prompt; the events of a chronology card), Back (the answer, its details, the
    card's flag and where the paper differs), Source, Entity (title) and Notes (``note``)."""
    front = f'<div class="prompt">{_html(card.prompt)}</div>'
    if card.kind == "chronology_order":
        front += _list(card.items, "items")
    elif card.kind == "chronology_first":
        front += _list(card.choices, "items")
    back = f'<div class="answer">{_html(card.answer_text)}</div>'
    back += _list((d for d in card.details if d != card.answer_text), "details")
    if card.marker:
        back += f'<div class="marker">{_html(card.marker)}</div>'
    back += "".join(f'<div class="paper">⚠ {_html(line)}</div>' for line in card.paper_notes)
    entity = entities.get(card.entity_slug)
    theme = card.themes[0] if card.themes else ""
    kind_tags = (entity.kind,) if entity else ()
    return CardFields(
        front=front,
        back=back,
        source="; ".join(_html(source) for source in card.sources),
        entity=_html(entity.title if entity else card.entity_slug),
        notes=_html(note),
        tags=tuple(dict.fromkeys(tag(t) for t in (*card.themes, *kind_tags))),
        deck=f"{PARENT_DECK}::{theme_label(theme, themes)}" if theme else PARENT_DECK,
        theme=theme,
    )


def lookup_tables(
    entities: Iterable[Entity], themes: Iterable[Theme] | Mapping[str, str] = ()
) -> tuple[dict[str, Entity], dict[str, str]]:
    """Entities by slug and theme labels by key, as :func:`card_fields` wants them."""
    labels = dict(themes) if isinstance(themes, Mapping) else {t.key: t.label for t in themes}
    return {e.slug: e for e in entities}, labels


def note_guid(card_id: str) -> str:
    """The card's stable Anki note GUID (the same in the .apkg and the CSV)."""
    import genanki  # type: ignore[import-untyped, unused-ignore]

    guid: str = genanki.guid_for(card_id)
    return guid


# -- CSV -------------------------------------------------------------------------------------


def cards_csv_text(
    cards: Sequence[QuizCard],
    entities: Iterable[Entity],
    *,
    themes: Iterable[Theme] | Mapping[str, str] = (),
    progress: Progress | None = None,
) -> str:
    """The CSV document: Anki's header lines, then one properly quoted row per card."""
    by_slug, labels = lookup_tables(entities, themes)
    out = io.StringIO(newline="")
    out.write("#separator:Comma\n#html:true\n")
    out.write(f"#columns:{','.join(CSV_COLUMNS)}\n")
    out.write(f"#deck:{PARENT_DECK}\n")
    for name in ("Tags", "Deck", "GUID"):
        out.write(f"#{name.lower()} column:{CSV_COLUMNS.index(name) + 1}\n")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for done, card in enumerate(cards):
        report(progress, done, len(cards) + 1)
        fields = card_fields(card, by_slug, labels)
        row = (fields.front, fields.back, fields.source, fields.entity, " ".join(fields.tags))
        writer.writerow((*row, fields.deck, note_guid(card.id)))
    return out.getvalue()


def export_cards_csv(
    cards: Sequence[QuizCard],
    entities: Iterable[Entity],
    path: Path,
    *,
    themes: Iterable[Theme] | Mapping[str, str] = (),
    progress: Progress | None = None,
) -> ExportResult:
    """Write ``cards`` as CSV (UTF-8) to ``path``, atomically; cancellable by ``progress``."""
    try:
        text = cards_csv_text(cards, entities, themes=themes, progress=progress)
        total = len(cards) + 1
        report(progress, len(cards), total)
        with atomic_file(Path(path)) as temp:
            temp.write_bytes(text.encode("utf-8"))
            report(progress, total, total)
    except OperationCancelledError:
        return ExportResult(Path(path), 0, cancelled=True)
    return ExportResult(Path(path), len(cards))
