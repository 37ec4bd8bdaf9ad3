"""An import handed a file of another kind (an Anki deck, the content export, own cards as
notes, notes as own cards, a picture) says in one line what the file is and what it expected,
never the JSON parser's message, and changes nothing."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from ocstudy.content.repository import ContentRepository
from ocstudy.services.exchange.exports import Exports, content_json, deck_json
from ocstudy.services.exchange.notes_io import NotesImportError
from ocstudy.services.exchange.own_cards_io import OwnCardsImportError
from ocstudy.services.exchange.review_log_io import export_reviews
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.own_cards import OwnCardStore
from ocstudy.userdata.reviews import ReviewStore

#: file name: what the message says it is
KINDS = {
    "deck.apkg": "is an Anki deck",
    "content.json": "is the ocstudy content export",
    "deck.json": "is the ocstudy deck export (every card, as JSON)",
    "tags.json": "is an ocstudy tags export",
    "notes.json": "is an ocstudy notes export",
    "own.json": "is an ocstudy own-cards export",
    "notes.md": "is the Markdown export of notes",
    "cards.csv": "is the quiz cards' CSV export",
    "reviews.csv": "is the reviews' CSV export (for spreadsheets)",
    "picture.png": "is a PNG image",
    "empty.json": "is empty",
    "text.json": "is plain text",
    "cut.json": "is damaged: its JSON breaks at line",
    "other.json": "is JSON of another kind",
}


def _exports(
    repository: ContentRepository, data_dir: Path
) -> tuple[Exports, NoteStore, OwnCardStore]:
    db = open_user_database(data_dir)
    notes, own = NoteStore(db), OwnCardStore(db)
    quiz = QuizService.open(repository, ReviewStore(db), seed=1, own=own)
    return Exports(repository, notes, db, quiz.catalogue.cards), notes, own


def _one_pixel_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def files(repository: ContentRepository, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One file of each kind, written by ocstudy's own exports where ocstudy writes it."""
    folder = tmp_path_factory.mktemp("files")
    exports, notes, own = _exports(repository, tmp_path_factory.mktemp("writer"))
    own.add("a question", "an answer", None, [])
    notes.save("untoc", "a note")
    exports.anki_deck(folder / "deck.apkg")
    exports.cards_csv(folder / "cards.csv")
    exports.notes(folder / "notes.json")
    exports.notes(folder / "notes.md")
    exports.own_cards(folder / "own.json")
    exports.tags(folder / "tags.json")
    export_reviews([], {}, folder / "reviews.csv")
    content_json(repository, folder / "content.json")
    deck_json(repository, folder / "deck.json")
    (folder / "picture.png").write_bytes(_one_pixel_png())
    (folder / "empty.json").write_bytes(b"")
    (folder / "text.json").write_text("remember the Palermo Convention\n", encoding="utf-8")
    (folder / "cut.json").write_text(
        (folder / "notes.json").read_text(encoding="utf-8")[:60], encoding="utf-8"
    )
    (folder / "other.json").write_text('{"a": 1}', encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "what"),
    [
        (name, what)
        for name in sorted(KINDS)
        for what in ("notes", "own cards")
        if (name, what) not in {("notes.json", "notes"), ("own.json", "own cards")}
    ],
)
def test_a_file_of_another_kind_says_what_it_is_and_what_was_expected(
    repository: ContentRepository, files: Path, tmp_path: Path, name: str, what: str
) -> None:
    exports, notes, own = _exports(repository, tmp_path / "data")
    notes.save("cnd", "mine")
    own.add("kept", "as it is", None, [])
    notes_before, own_before = notes.all(), own.all()
    error: type[ValueError] = NotesImportError if what == "notes" else OwnCardsImportError
    importer = exports.import_notes if what == "notes" else exports.import_own_cards
    with pytest.raises(error) as caught:
        importer(files / name)
    expected = (
        "an ocstudy notes export (the .json file that exporting your notes as JSON writes)"
        if what == "notes"
        else "an ocstudy own-cards export (the .json file that exporting your own cards writes)"
    )
    message = str(caught.value)
    assert message.startswith(f"{name} {KINDS[name]}") and expected in message, message
    assert "\n" not in message and "Expecting" not in message and "column" not in message
    assert notes.all() == notes_before and own.all() == own_before


def test_the_command_line_says_it_in_one_line(files: Path, tmp_path: Path) -> None:
    NoteStore(open_user_database(tmp_path / "data")).save("cnd", "mine")
    done = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(tmp_path / "data"), "import",
         "notes", str(files / "deck.apkg")],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        "ocstudy: deck.apkg is an Anki deck, not an ocstudy notes export (the .json file that "
        "exporting your notes as JSON writes)\n"
    )
