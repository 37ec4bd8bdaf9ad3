"""The learner's own cards in the exports: the Anki deck (tag ``ocstudy::own``, GUIDs from
their ids, so a re-export updates them), the CSV, and the JSON export and import."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ocstudy.content.repository import ContentRepository
from ocstudy.services.exchange.anki_cards import OWN_TAG, note_guid
from ocstudy.services.exchange.exports import Exports
from ocstudy.services.exchange.own_cards_io import OwnCardsImportError, import_own_cards
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.own_cards import OwnCard, OwnCardStore
from ocstudy.userdata.reviews import ReviewStore

from .conftest import TickingClock, import_package


def _exports(repository: ContentRepository, data_dir: Path) -> tuple[Exports, OwnCardStore]:
    db = open_user_database(data_dir)
    own = OwnCardStore(db, TickingClock())
    quiz = QuizService.open(repository, ReviewStore(db), seed=1, own=own)

    def cards() -> tuple[Any, ...]:
        quiz.catalogue.reload_own_cards()
        return quiz.catalogue.cards()

    return Exports(repository, NoteStore(db), db, cards), own


def _notes(deck: Path) -> dict[str, tuple[str, str]]:
    """guid -> (fields, tags) of every note in the package."""
    with zipfile.ZipFile(deck) as archive:
        data = archive.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)
    rows = connection.execute("SELECT guid, flds, tags FROM notes").fetchall()
    connection.close()
    return {guid: (fields, tags) for guid, fields, tags in rows}


def test_an_own_card_keeps_its_guid_across_exports_and_an_edit(
    repository: ContentRepository, data_dir: Path, tmp_path: Path
) -> None:
    exports, own = _exports(repository, data_dir)
    card = own.add("Who signs **first**?", "- the *State*", "untoc", ["organized-crime"])
    first, second, third = (tmp_path / f"{n}.apkg" for n in ("first", "second", "third"))
    exports.anki_deck(first)
    exports.anki_deck(second)
    guid = note_guid(card.id)
    assert guid in _notes(first) and _notes(first)[guid] == _notes(second)[guid]
    fields, tags = _notes(first)[guid]
    front, back, source, entity, _notes_field = fields.split("\x1f")
    assert "<strong>first</strong>" in front and "**" not in front
    assert "<em>State</em>" in back and "<li>" in back
    assert source == "Your own card" and "United Nations Convention" in entity
    assert OWN_TAG in tags.split() and "ocstudy::theme::organized-crime" in tags.split()
    own.edit(card.id, front="Who signs last?", back="Nobody", entity_slug=None, themes=[])
    exports.anki_deck(third)
    notes = _notes(third)
    assert guid in notes and "Who signs last?" in notes[guid][0]
    assert len(notes) == len(_notes(first))  # updated, not added


def test_anki_updates_an_edited_own_card_instead_of_adding_one(
    repository: ContentRepository, data_dir: Path, tmp_path: Path, collection: object
) -> None:
    col: Any = collection
    exports, own = _exports(repository, data_dir)
    card = own.add("My question", "My answer", None, [])
    exports.anki_deck(tmp_path / "a.apkg")
    log = import_package(col, tmp_path / "a.apkg")
    total = len(log.new)
    own.edit(card.id, front="My question, better", back="My answer", entity_slug=None, themes=[])
    log = import_package(col, tmp_path / "a.apkg")  # the same file again: nothing changes
    assert (len(log.new), len(log.updated)) == (0, 0)
    exports.anki_deck(tmp_path / "b.apkg")
    log = import_package(col, tmp_path / "b.apkg")
    assert (len(log.new), len(log.updated)) == (0, 1)
    assert col.note_count() == total
    note = col.get_note(col.db.scalar("SELECT id FROM notes WHERE guid = ?", note_guid(card.id)))
    assert "My question, better" in note["Front"] and note.has_tag(OWN_TAG)


def test_the_csv_has_a_row_per_own_card_with_its_guid(
    repository: ContentRepository, data_dir: Path, tmp_path: Path
) -> None:
    exports, own = _exports(repository, data_dir)
    card = own.add("CSV *front*", "CSV back", None, ["drugs"])
    path = tmp_path / "cards.csv"
    exports.cards_csv(path)
    text = path.read_text(encoding="utf-8")
    rows = list(
        csv.reader(
            io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))
        )
    )
    mine = [row for row in rows if row[-1] == note_guid(card.id)]
    assert len(mine) == 1
    front, back, source, _entity, tags, deck, _guid = mine[0]
    assert "<em>front</em>" in front and "CSV back" in back and source == "Your own card"
    assert OWN_TAG in tags.split() and deck == "ocstudy::Drugs"


# -- JSON -------------------------------------------------------------------------------------


def test_json_round_trip_into_an_empty_data_folder(
    repository: ContentRepository, tmp_path: Path
) -> None:
    exports, own = _exports(repository, tmp_path / "one")
    cards = [own.add("q1", "a1", "untoc", ["drugs"]), own.add("q2 *md*", "a2", None, [])]
    path = tmp_path / "own.json"
    assert "2 of your own cards" in exports.own_cards(path).message
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "ocstudy-own-cards" and set(document["cards"]) == {
        c.id for c in cards
    }
    other_exports, other = _exports(repository, tmp_path / "two")
    message = other_exports.import_own_cards(path).message
    assert "2 added" in message
    assert other.all() == cards  # ids, texts, entry, themes and times, exactly
    assert "2 unchanged" in other_exports.import_own_cards(path).message


def _card(store: OwnCardStore, card_id: str) -> OwnCard:
    found = store.get(card_id)
    assert found is not None
    return found


def test_import_merges_by_id_the_later_change_wins_and_nothing_is_lost(
    repository: ContentRepository, tmp_path: Path
) -> None:
    exports, here = _exports(repository, tmp_path / "here")
    newer_there = here.add("old text", "a", None, [])
    newer_here = here.add("mine", "a", None, [])
    path = tmp_path / "there.json"
    exports.own_cards(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    later, earlier = "2030-01-01T00:00:00+00:00", "2000-01-01T00:00:00+00:00"
    document["cards"][newer_there.id].update(front="their text", updated_at=later)
    document["cards"][newer_here.id].update(
        front="their older text", created_at=earlier, updated_at=earlier
    )
    path.write_text(json.dumps(document), encoding="utf-8")
    summary = import_own_cards(path, here, [e.slug for e in repository.entities()])
    assert summary.updated == (newer_there.id,) and summary.kept == (newer_here.id,)
    assert _card(here, newer_there.id).front == "their text"
    assert _card(here, newer_here.id).front == "mine"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\xff\xfe not text", "not a text file"),
        (b"{not json", "its JSON breaks at line 1"),
        (b'{"format": "ocstudy-notes", "format_version": 1, "notes": {}}', "own-cards export"),
        (b'{"format": "ocstudy-own-cards", "format_version": 9, "cards": {}}', "newer ocstudy"),
        (
            b'{"format": "ocstudy-own-cards", "format_version": 1, "cards": {"untoc:event:x": '
            b'{"front": "f", "back": "b", "created_at": "2026-01-01T00:00:00+00:00", '
            b'"updated_at": "2026-01-01T00:00:00+00:00"}}}',
            "not an own card's id",
        ),
        (
            b'{"format": "ocstudy-own-cards", "format_version": 1, "cards": {"own:a": '
            b'{"front": "", "back": "b", "created_at": "2026-01-01T00:00:00+00:00", '
            b'"updated_at": "2026-01-01T00:00:00+00:00"}}}',
            "has no front",
        ),
        (
            b'{"format": "ocstudy-own-cards", "format_version": 1, "cards": {"own:a": {}, '
            b'"own:a": {}}}',
            "appears twice",
        ),
    ],
)
def test_a_bad_file_says_what_is_wrong_and_changes_nothing(
    repository: ContentRepository, tmp_path: Path, content: bytes, says: str
) -> None:
    exports, own = _exports(repository, tmp_path / "data")
    card = own.add("kept", "as it is", None, [])
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(OwnCardsImportError, match=says):
        exports.import_own_cards(path)
    assert own.all() == [card]


def test_the_command_line_exports_and_imports_own_cards(tmp_path: Path) -> None:
    def ocstudy(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), *args],
            capture_output=True,
            text=True,
            timeout=180,
        )

    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    OwnCardStore(open_user_database(mine)).add("CLI question", "CLI answer", None, [])
    path = tmp_path / "own.json"
    done = ocstudy(mine, "export", "own-cards", str(path))
    assert done.returncode == 0 and "1 of your own cards" in done.stdout
    done = ocstudy(theirs, "import", "own-cards", str(path))
    assert done.returncode == 0 and "1 added" in done.stdout, done.stderr
    assert [c.front for c in OwnCardStore(open_user_database(theirs)).all()] == ["CLI question"]
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    done = ocstudy(theirs, "import", "own-cards", str(bad))
    assert done.returncode == 2 and "not an ocstudy own-cards export" in done.stderr
    assert done.stderr.count("\n") == 1  # one line, no traceback


def test_a_change_at_the_same_moment_on_both_sides_keeps_both_once(
    repository: ContentRepository, tmp_path: Path
) -> None:
    exports, here = _exports(repository, tmp_path / "here")
    card = here.add("mine", "a", None, [])
    path = tmp_path / "there.json"
    exports.own_cards(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["cards"][card.id]["front"] = "theirs"  # same updated_at
    path.write_text(json.dumps(document), encoding="utf-8")
    first = import_own_cards(path, here, [])
    assert first.copied == (card.id,)
    for _again in range(2):
        summary = import_own_cards(path, here, [])
        assert (summary.added, summary.updated, summary.copied) == ((), (), ())
        assert summary.unchanged == (card.id,)
        assert summary.message.startswith("0 added, 0 updated, 1 unchanged")
    assert sorted(c.front for c in here.all()) == ["mine", "theirs"]
