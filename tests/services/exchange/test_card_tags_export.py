"""The learner's tags leave with the cards (issue 23): in the Anki deck and the CSV as
``ocstudy::my::NAME``, a re-export updating in Anki only the notes whose tags changed; and as
JSON, ``ocstudy export tags`` / ``ocstudy import tags``, merged by union (never dropping a
tag); a bad file is one line, exit code 2, and changes nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from ocstudy.cli import main
from ocstudy.content.repository import ContentRepository
from ocstudy.services.exchange.anki_cards import note_guid
from ocstudy.services.exchange.exports import Exports
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.card_tags import TagStore
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.reviews import ReviewStore

from .conftest import import_package, note_of


class Learner:
    """A data folder, its tags and its exports (the command line's own service)."""

    def __init__(self, repository: ContentRepository, folder: Path) -> None:
        self.folder = folder
        self.db = open_user_database(folder)
        self.quiz = QuizService.open(repository, ReviewStore(self.db), seed=1)
        self.tags = TagStore(self.db)
        self.exports = Exports(repository, NoteStore(self.db), self.db, self.quiz.catalogue.cards)

    def tag(self, card_id: str, *names: str) -> None:
        with self.db.atomic():
            self.tags.write(card_id, (*self.tags.card_tags(card_id), *names))


@pytest.fixture
def learner(repository: ContentRepository, data_dir: Path) -> Learner:
    return Learner(repository, data_dir)


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_anki_deck_carries_the_tags_and_a_reexport_updates_only_the_tagged_note(
    learner: Learner, tmp_path: Path, collection: object
) -> None:
    col: Any = collection
    first, second = learner.quiz.catalogue.cards()[:2]
    before = tmp_path / "before.apkg"
    learner.exports.anki_deck(before)
    log = import_package(col, before)
    assert len(log.new) == len(learner.quiz.catalogue.cards())
    learner.tag(first.id, "exam", "Weak-dates")
    after = tmp_path / "after.apkg"
    learner.exports.anki_deck(after)
    log = import_package(col, after)
    assert len(log.new) == 0
    updated = {col.get_note(note.id.nid).guid for note in log.updated}
    assert updated == {note_guid(first.id)}, "only the note whose tags changed"
    tags = {tag.casefold() for tag in note_of(col, first.id).tags}
    assert {"ocstudy::my::exam", "ocstudy::my::weak-dates"} <= tags
    assert not any(t.startswith("ocstudy::my::") for t in note_of(col, second.id).tags)
    again = tmp_path / "again.apkg"
    learner.exports.anki_deck(again)
    assert len(import_package(col, again).updated) == 0


def test_the_csv_carries_the_tags(learner: Learner, tmp_path: Path) -> None:
    card = learner.quiz.catalogue.cards()[3]
    learner.tag(card.id, "exam")
    path = tmp_path / "cards.csv"
    learner.exports.cards_csv(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = list(csv.reader(io.StringIO("".join(line for line in lines if line[0] != "#"))))
    by_guid = {row[6]: row for row in rows}
    assert "ocstudy::my::exam" in by_guid[note_guid(card.id)][4].split()
    others = [row for guid, row in by_guid.items() if guid != note_guid(card.id)]
    assert not any("ocstudy::my::" in row[4] for row in others)


def test_tags_move_between_machines_by_union_on_the_command_line(
    repository: ContentRepository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = Learner(repository, tmp_path / "mine")
    cards = mine.quiz.catalogue.cards()
    mine.tag(cards[0].id, "exam", "weak")
    mine.tag(cards[1].id, "exam")
    mine.tag("own:gone-card", "kept")  # a card this content lacks
    exported = tmp_path / "tags.json"
    code, out, err = run(capsys, mine.folder, "export", "tags", str(exported))
    assert (code, err) == (0, "") and "3 tagged cards" in out
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "ocstudy-card-tags"
    assert document["cards"][cards[0].id] == {"tags": ["exam", "weak"], "question": cards[0].prompt}
    assert exported.stat().st_mode & 0o077 == 0

    other = Learner(repository, tmp_path / "other")
    other.tag(cards[0].id, "mine")
    other.tag(cards[2].id, "untouched")
    code, out, err = run(capsys, other.folder, "import", "tags", str(exported))
    assert code == 0 and err == ""
    assert "4 tags added to 3 cards" in out and "1 card this content lacks" in out
    assert other.tags.tags() == {
        cards[0].id: ("exam", "mine", "weak"),
        cards[1].id: ("exam",),
        cards[2].id: ("untouched",),
        "own:gone-card": ("kept",),
    }
    code, out, _ = run(capsys, other.folder, "import", "tags", str(exported))
    assert code == 0 and "0 tags added to 0 cards, 3 cards had them already" in out

    fewer = Learner(repository, tmp_path / "fewer")
    fewer.tag(cards[0].id, "one")
    code, _out, err = run(capsys, fewer.folder, "export", "tags", str(exported))
    assert code == 2 and "holds 3 tagged cards, this export 1" in err and "--force" in err
    assert json.loads(exported.read_text(encoding="utf-8")) == document
    assert run(capsys, fewer.folder, "export", "tags", str(exported), "--force")[0] == 0


BAD_FILES = {
    "not JSON": ("{not json", "is damaged"),
    "a notes export": ('{"format": "ocstudy-notes", "notes": {}}', "is an ocstudy notes export"),
    "newer": ('{"format": "ocstudy-card-tags", "format_version": 9, "cards": {}}', "newer"),
    "no cards": ('{"format": "ocstudy-card-tags", "format_version": 1}', "'cards' is not"),
    "a bad tag": (
        '{"format": "ocstudy-card-tags", "format_version": 1, '
        '"cards": {"untoc:x": {"tags": ["fine", "two words"]}}}',
        "cannot hold a space",
    ),
    "a tag not text": (
        '{"format": "ocstudy-card-tags", "format_version": 1, "cards": {"untoc:x": {"tags": [1]}}}',
        "is not text",
    ),
    "no id": (
        '{"format": "ocstudy-card-tags", "format_version": 1, "cards": {"": {"tags": ["x"]}}}',
        "not a card's id",
    ),
    "twice": (
        '{"format": "ocstudy-card-tags", "format_version": 1, '
        '"cards": {"a": {"tags": ["x"]}, "a": {"tags": ["y"]}}}',
        "appears twice",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_tags_file_is_one_line_exit_2_and_changes_nothing(
    repository: ContentRepository, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    learner = Learner(repository, tmp_path / "data")
    card = learner.quiz.catalogue.cards()[0]
    learner.tag(card.id, "mine")
    text, said = BAD_FILES[case]
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, learner.folder, "import", "tags", str(bad))
    assert code == 2 and out == "" and said in err, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("ocstudy: bad.json")
    assert learner.tags.tags() == {card.id: ("mine",)}
