"""Cards as CSV: the csv module reads it back, and Anki's text import understands its header."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.model import QuizCard
from ocstudy.services.cards_csv import CSV_COLUMNS, export_cards_csv, note_guid

from .conftest import leftovers, stop_after

HEADER = [
    "#separator:Comma",
    "#html:true",
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
    assert source == "UNTOC (2000); References, footnote 5"
    assert entity == "United Nations Convention against Transnational Organized Crime"
    assert tags.split(" ") == ["organized-crime", "money-laundering", "convention"]
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
