"""Cards as CSV: the csv module reads it back, and Anki's text import understands its header,
puts every column in its field, and updates the notes of a collection that holds the deck."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ocstudy.content.model import Fact
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.model import QuizCard
from ocstudy.services.exchange.anki_cards import note_guid
from ocstudy.services.exchange.anki_export import export_anki_deck
from ocstudy.services.exchange.cards_csv import CSV_COLUMNS, export_cards_csv

from .conftest import import_package, leftovers, note_of, stop_after

HEADER = [
    "#separator:Comma",
    "#html:true",
    "#notetype:ocstudy",
    "#columns:Front,Back,Source,Entity,Tags,Deck,GUID",
    "#deck:ocstudy",
    "#tags column:5",
    "#deck column:6",
    "#guid column:7",
]


@pytest.fixture(scope="module")
def csv_file(
    repository: ContentRepository,
    cards: tuple[QuizCard, ...],
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    path = tmp_path_factory.mktemp("csv") / "cards.csv"
    result = export_cards_csv(cards, repository.entities(), path, themes=repository.themes)
    assert result.count == len(cards) and not result.cancelled
    return path


def test_csv_has_the_header_lines_and_one_row_per_card(
    csv_file: Path, cards: tuple[QuizCard, ...]
) -> None:
    text = csv_file.read_bytes().decode("utf-8")
    lines = text.split("\n")
    assert lines[: len(HEADER)] == HEADER
    rows = list(csv.reader(io.StringIO("\n".join(lines[len(HEADER) :]))))
    assert len(rows) == len(cards) and {len(row) for row in rows} == {len(CSV_COLUMNS)}
    assert all(not row[0].startswith("#") for row in rows)  # Anki skips lines starting with #
    by_guid = {row[6]: row for row in rows}
    assert len(by_guid) == len(cards)
    front, back, source, entity, tags, deck, _ = by_guid[
        note_guid("untoc:event:entry_into_force:forward")
    ]
    assert "enter into force" in front and "29 September 2003" in back
    assert source == "Paper: § UNTOC (2000); § References, footnote 5"
    assert entity == "United Nations Convention against Transnational Organized Crime"
    assert tags.split(" ") == [
        "ocstudy::theme::organized-crime",
        "ocstudy::theme::money-laundering",
        "ocstudy::kind::convention",
        "ocstudy::card::date",
        "ocstudy::tier::core",
    ]
    assert deck == "ocstudy::Organized crime"
    order = next(r for r in rows if r[0].count("<li>") == 4)  # a chronology card lists events
    assert "<ul" in order[0]


def test_anki_imports_the_csv_and_a_second_import_adds_nothing(
    csv_file: Path, cards: tuple[QuizCard, ...], tmp_path: Path
) -> None:
    collection = pytest.importorskip("anki.collection")
    (tmp_path / "anki").mkdir()
    col: Any = collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        metadata = col.get_csv_metadata(str(csv_file), None)
        assert list(metadata.column_labels) == list(CSV_COLUMNS)
        assert metadata.is_html and metadata.tags_column == 5
        assert metadata.deck_column == 6 and metadata.guid_column == 7
        request = collection.ImportCsvRequest(path=str(csv_file), metadata=metadata)
        assert len(col.import_csv(request).log.new) == len(cards)
        assert col.note_count() == len(cards)
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert {"ocstudy::Drugs", "ocstudy::Corruption"} <= names
        assert len(col.import_csv(request).log.new) == 0
        assert col.note_count() == len(cards)
    finally:
        col.close()


def _csv_rows(path: Path) -> dict[str, list[str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return {row[6]: row for row in csv.reader(io.StringIO("\n".join(lines[len(HEADER) :])))}


def test_into_a_collection_holding_the_deck_every_column_arrives_and_rows_update(
    repository: ContentRepository,
    cards: tuple[QuizCard, ...],
    facts: tuple[Fact, ...],
    collection: object,
    tmp_path: Path,
) -> None:
    from anki.collection import ImportCsvRequest

    col: Any = collection
    deck, first, second = tmp_path / "d.apkg", tmp_path / "a.csv", tmp_path / "b.csv"
    entities, themes = repository.entities(), repository.themes
    notes = {"untoc": "my *note*"}
    now = datetime(2026, 5, 1, tzinfo=UTC)
    export_anki_deck(
        cards, entities, notes, deck, include_notes=True, themes=themes, facts=facts, now=now
    )
    import_package(col, deck)

    def import_csv(path: Path) -> Any:
        metadata = col.get_csv_metadata(str(path), None)
        assert metadata.global_notetype.id == col.models.id_for_name("ocstudy")
        return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log

    export_cards_csv(cards, entities, first, themes=themes, facts=facts)
    log = import_csv(first)  # the same cards: nothing new, nothing in conflict
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 0)
    assert len(log.duplicate) == len(cards)

    known = next(c for c in cards if c.id == "untoc:event:entry_into_force:forward")
    changed = dataclasses.replace(known, prompt="When did the Palermo Convention take effect?")
    cards_now = tuple(changed if c is known else c for c in cards)
    export_cards_csv(cards_now, entities, second, themes=themes, facts=facts)
    log = import_csv(second)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 1, 0)
    assert col.note_count() == len(cards)

    note = note_of(col, known.id)
    front, back, source, entity, tags, deck_name, _ = _csv_rows(second)[note_guid(known.id)]
    assert "Palermo Convention take effect" in note["Front"]
    assert (note["Front"], note["Back"]) == (front, back)
    assert (note["Source"], note["Entity"]) == (source, entity)
    assert source.startswith("Paper: § ") and entity == repository.entity("untoc").title
    assert sorted(note.tags) == sorted(tags.split(" "))
    assert col.decks.name(note.cards()[0].did) == deck_name == "ocstudy::Organized crime"
    assert note["Notes"] == "<p>my <em>note</em></p>"  # no Notes column: the learner's note stays


def test_cancelled_csv_export_leaves_no_file(
    repository: ContentRepository, cards: tuple[QuizCard, ...], tmp_path: Path
) -> None:
    target = tmp_path / "cards.csv"
    for allowed in (3, len(cards) + 1):  # while making rows; after writing, before the rename
        calls, progress = stop_after(allowed)
        result = export_cards_csv(cards, repository.entities(), target, progress=progress)
        assert result.cancelled and len(calls) == allowed + 1
        assert list(tmp_path.iterdir()) == []
    result = export_cards_csv(cards[:3], repository.entities(), target)
    assert result.count == 3 and leftovers(tmp_path) == [] and target.exists()
