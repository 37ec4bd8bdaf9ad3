"""The Anki deck, checked by importing it into a fresh collection with Anki's own code."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ocstudy.content.model import Fact
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.model import QuizCard
from ocstudy.services.exchange.anki_export import MODEL_ID, deck_id, export_anki_deck
from ocstudy.services.exchange.export_files import ExportResult

from .conftest import import_package, leftovers, note_of, stop_after

pytest.importorskip("anki.collection")

FIRST = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
KNOWN = "untoc:event:entry_into_force:forward"
DIFFERS = "untoc:written:adopted-in-palermo"  # the paper puts the adoption in Palermo


def _export(
    repository: ContentRepository,
    cards: tuple[QuizCard, ...],
    path: Path,
    notes: dict[str, str] | None = None,
    now: datetime = FIRST,
    *,
    facts: tuple[Fact, ...] = (),
    stamps: Path | None = None,
) -> ExportResult:
    return export_anki_deck(
        cards,
        repository.entities(),
        notes,
        path,
        include_notes=notes is not None,
        themes=repository.themes,
        facts=facts,
        stamps=stamps,
        now=now,
    )


def test_deck_imports_into_anki_with_fields_decks_and_tags(
    repository: ContentRepository,
    cards: tuple[QuizCard, ...],
    facts: tuple[Fact, ...],
    collection: object,
    tmp_path: Path,
) -> None:
    col: Any = collection
    package = tmp_path / "ocstudy.apkg"
    notes = {"untoc": "Palermo <3\nsecond line"}
    result = _export(repository, cards, package, notes, facts=facts)
    assert result.count == len(cards) and not result.cancelled
    assert zipfile.is_zipfile(package) and leftovers(tmp_path) == []
    assert stat.S_IMODE(package.stat().st_mode) == 0o600  # it holds the learner's notes

    log = import_package(col, package)
    assert len(log.new) == len(cards)
    assert col.note_count() == len(cards) == col.card_count()

    themes = {t.key: t.label for t in repository.themes}
    expected = {"ocstudy"} | {f"ocstudy::{themes[c.themes[0]]}" for c in cards}
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert expected <= names and names - expected <= {"Default"}
    assert "ocstudy::Trafficking in persons" in names
    parent = col.decks.get(col.decks.id_for_name("ocstudy"))
    for words in ("⚠", "From the record", "According to the paper", "Paper: § section"):
        assert words in parent["desc"]

    card = next(c for c in cards if c.id == KNOWN)
    note = note_of(col, KNOWN)
    paper, record = note["Source"].split(" · ")
    assert paper == "Paper: § UNTOC (2000); § References, footnote 5"
    assert record.startswith("Record: ") and ">treaties.un.org</a>" in record
    assert note["Entity"] == repository.entity("untoc").title
    assert card.answer_text in note["Back"]
    assert note["Notes"] == "<p>Palermo &lt;3\nsecond line</p>"
    assert set(note.tags) == {
        "ocstudy::theme::organized-crime",
        "ocstudy::theme::money-laundering",
        "ocstudy::kind::convention",
        "ocstudy::card::date",
        f"ocstudy::tier::{card.tier}",
    }
    assert note.note_type()["id"] == MODEL_ID
    (anki_card,) = note.cards()
    assert col.decks.name(anki_card.did) == "ocstudy::Organized crime"

    differs = note_of(col, DIFFERS)
    assert "⚠" in differs["Back"] and "New York" in differs["Back"]
    assert "ocstudy::status::paper-differs" in differs.tags
    assert all(t.startswith("ocstudy::") and " " not in t for t in col.tags.all())


def test_the_note_type_stays_the_one_existing_decks_have(
    repository: ContentRepository, cards: tuple[QuizCard, ...], collection: object, tmp_path: Path
) -> None:
    """Anki skips every note of a deck whose note type changed its field list, template name
    or sort field (conflicts, or not updated), so these stay as the first deck had them."""
    col: Any = collection
    _export(repository, cards[:3], tmp_path / "d.apkg")
    import_package(col, tmp_path / "d.apkg")
    model = col.models.get(MODEL_ID)
    assert model["name"] == "ocstudy" and model["sortf"] == 0
    assert [f["name"] for f in model["flds"]] == ["Front", "Back", "Source", "Entity", "Notes"]
    assert [t["name"] for t in model["tmpls"]] == ["Card"]


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
    import_package(col, first)
    guids = set(col.db.list("SELECT guid FROM notes"))
    decks = sorted(d.name for d in col.decks.all_names_and_ids())
    assert note_of(col, KNOWN)["Notes"] == ""

    # without a stamps file every note is stamped with the export's time, so all update
    _export(repository, cards, second, {"untoc": "now with a note"}, now=FIRST + timedelta(days=3))
    log = import_package(col, second)
    assert len(log.new) == 0 and len(log.updated) == len(cards)
    assert col.note_count() == len(cards) == col.card_count()
    assert set(col.db.list("SELECT guid FROM notes")) == guids
    assert sorted(d.name for d in col.decks.all_names_and_ids()) == decks
    assert [m.name for m in col.models.all_names_and_ids()].count("ocstudy") == 1
    assert note_of(col, KNOWN)["Notes"] == "<p>now with a note</p>"


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
    code = "import sys, ocstudy.services.exchange.anki_export; print('genanki' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
