"""The Anki deck, checked by importing it into a fresh collection with Anki's own code."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.model import QuizCard
from ocstudy.services.anki_export import MODEL_ID, deck_id, export_anki_deck
from ocstudy.services.export_files import ExportResult

from .conftest import leftovers, stop_after

anki_collection = pytest.importorskip("anki.collection")

FIRST = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
KNOWN = "untoc:event:entry_into_force:forward"
DIFFERS = "untoc:event:adopted:place"  # the paper puts the adoption in Palermo


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Any]:
    folder = tmp_path / "anki"
    folder.mkdir()
    col = anki_collection.Collection(str(folder / "collection.anki2"))
    yield col
    col.close()


def _import(col: Any, package: Path) -> Any:
    request = anki_collection.ImportAnkiPackageRequest(
        package_path=str(package),
        options=anki_collection.ImportAnkiPackageOptions(with_scheduling=False),
    )
    return col.import_anki_package(request).log


def _export(
    repository: ContentRepository,
    cards: tuple[QuizCard, ...],
    path: Path,
    notes: dict[str, str] | None = None,
    now: datetime = FIRST,
) -> ExportResult:
    return export_anki_deck(
        cards,
        repository.entities(),
        notes,
        path,
        include_notes=notes is not None,
        themes=repository.themes,
        now=now,
    )


def _note(col: Any, card_id: str) -> Any:
    import genanki

    nid = col.db.scalar("SELECT id FROM notes WHERE guid = ?", genanki.guid_for(card_id))
    return col.get_note(nid)


def test_deck_imports_into_anki_with_fields_decks_and_tags(
    repository: ContentRepository, cards: tuple[QuizCard, ...], collection: object, tmp_path: Path
) -> None:
    col: Any = collection
    package = tmp_path / "ocstudy.apkg"
    result = _export(repository, cards, package, {"untoc": "Palermo <3\nsecond line"})
    assert result.count == len(cards) and not result.cancelled
    assert zipfile.is_zipfile(package) and leftovers(tmp_path) == []

    log = _import(col, package)
    assert len(log.new) == len(cards)
    assert col.note_count() == len(cards) == col.card_count()

    themes = {t.key: t.label for t in repository.themes}
    expected = {"ocstudy"} | {f"ocstudy::{themes[c.themes[0]]}" for c in cards}
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert expected <= names and names - expected <= {"Default"}
    assert "ocstudy::Trafficking in persons" in names

    card = next(c for c in cards if c.id == KNOWN)
    note = _note(col, KNOWN)
    assert note["Source"] == "UNTOC (2000); References, footnote 5"
    assert note["Source"] == "; ".join(card.sources)
    assert note["Entity"] == repository.entity("untoc").title
    assert card.answer_text in note["Back"]
    assert note["Notes"] == "Palermo &lt;3<br>second line"
    assert set(note.tags) == {"organized-crime", "money-laundering", "convention"}
    assert note.note_type()["id"] == MODEL_ID
    (anki_card,) = note.cards()
    assert col.decks.name(anki_card.did) == "ocstudy::Organized crime"

    differs = _note(col, DIFFERS)
    assert "⚠" in differs["Back"] and "New York" in differs["Back"]
    tags = col.tags.all()
    assert all(" " not in t for t in tags) and {"drugs", "treaty_body"} <= set(tags)


def test_ids_in_the_package_are_stable(
    repository: ContentRepository, cards: tuple[QuizCard, ...], tmp_path: Path
) -> None:
    def ids(package: Path) -> tuple[dict[int, str], list[int], list[str]]:
        with zipfile.ZipFile(package) as archive:
            data = archive.read("collection.anki2")
        db = sqlite3.connect(":memory:")
        db.deserialize(data)
        decks, models = db.execute("SELECT decks, models FROM col").fetchone()
        guids = [row[0] for row in db.execute("SELECT guid FROM notes ORDER BY guid")]
        db.close()
        named = {int(k): v["name"] for k, v in json.loads(decks).items()}
        return named, [int(k) for k in json.loads(models)], guids

    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    _export(repository, cards, first)
    _export(repository, cards, second, {"untoc": "a note"})
    assert ids(first) == ids(second)
    decks, models, guids = ids(first)
    assert models == [MODEL_ID] and len(set(guids)) == len(cards)
    assert decks[deck_id("organized-crime")] == "ocstudy::Organized crime"
    assert decks[deck_id("")] == "ocstudy"


def test_exporting_again_updates_instead_of_duplicating(
    repository: ContentRepository, cards: tuple[QuizCard, ...], collection: object, tmp_path: Path
) -> None:
    col: Any = collection
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    _export(repository, cards, first)
    _import(col, first)
    guids = set(col.db.list("SELECT guid FROM notes"))
    decks = sorted(d.name for d in col.decks.all_names_and_ids())
    assert _note(col, KNOWN)["Notes"] == ""

    _export(repository, cards, second, {"untoc": "now with a note"}, now=FIRST + timedelta(days=3))
    log = _import(col, second)
    assert len(log.new) == 0 and len(log.updated) == len(cards)
    assert col.note_count() == len(cards) == col.card_count()
    assert set(col.db.list("SELECT guid FROM notes")) == guids
    assert sorted(d.name for d in col.decks.all_names_and_ids()) == decks
    assert [m.name for m in col.models.all_names_and_ids()].count("ocstudy") == 1
    assert _note(col, KNOWN)["Notes"] == "now with a note"


def test_cancelled_export_leaves_no_file(
    repository: ContentRepository, cards: tuple[QuizCard, ...], tmp_path: Path
) -> None:
    target = tmp_path / "deck.apkg"
    calls, progress = stop_after(10)
    result = export_anki_deck(
        cards, repository.entities(), None, target, include_notes=False, progress=progress
    )
    assert result.cancelled and result.count == 0 and len(calls) == 11
    assert list(tmp_path.iterdir()) == []

    # cancelled at the very last step, after the file was written: the old file stays
    target.write_bytes(b"the previous export")
    calls, progress = stop_after(len(cards) + 1)
    result = export_anki_deck(
        cards, repository.entities(), None, target, include_notes=False, progress=progress
    )
    assert result.cancelled and calls[-1] == (len(cards) + 1, len(cards) + 1)
    assert target.read_bytes() == b"the previous export" and leftovers(tmp_path) == []


def test_progress_counts_to_the_total(
    repository: ContentRepository, cards: tuple[QuizCard, ...], tmp_path: Path
) -> None:
    calls: list[tuple[int, int]] = []
    export_anki_deck(
        cards[:5],
        repository.entities(),
        None,
        tmp_path / "d.apkg",
        include_notes=False,
        progress=lambda done, total: calls.append((done, total)) is None,
    )
    assert calls == [(i, 6) for i in range(7)]


def test_genanki_is_not_imported_with_the_module() -> None:
    code = "import sys, ocstudy.services.anki_export; print('genanki' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
