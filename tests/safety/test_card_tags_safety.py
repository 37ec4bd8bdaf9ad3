"""The learner's tags and saved searches as stored data (issue 23): read defensively like
every stored value (a junk row said once and left out, never dropped when the card's tags
change), carried by backups and restores (a backup older than tags brought up to date), and
a backup's junk tags and saved searches repaired and said."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from pytestqt.qtbot import QtBot

from ocstudy.cli import main
from ocstudy.services.safety import DataSafety
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.backup_check import check_backup
from ocstudy.userdata.card_tags import TagStore
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.migrations import MIGRATIONS
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.reviews import ReviewStore
from ocstudy.userdata.saved_searches import SAVED_SEARCHES_KEY, SET_ASIDE_KEY, SavedSearchStore
from ocstudy.userdata.values import find_bad_values

from .conftest import open_window
from .test_restore_values import NOW, junk_backup

CARD = "untoc:event:adopted:forward"
JUNK_TAGS = {
    "spaces": ("INSERT INTO card_tags VALUES (?, 'two words')", "'two words'"),
    "bytes": ("INSERT INTO card_tags VALUES (?, X'00ff')", "b'\\x00\\xff'"),
    "colon": ("INSERT INTO card_tags VALUES (?, 'a:b')", "'a:b'"),
}


def tagged_folder(folder: Path, statement: str | None = None) -> Path:
    """A data folder whose card ``CARD`` has the tag ``exam``, and one junk row."""
    db = open_user_database(folder)
    with db.atomic():
        TagStore(db).write(CARD, ("exam",))
        if statement:
            db.execute(statement, [CARD])
    db.close()
    return folder


@pytest.mark.parametrize("kind", sorted(JUNK_TAGS))
def test_a_junk_tag_is_said_once_left_out_and_kept_on_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    statement, shown = JUNK_TAGS[kind]
    folder = tagged_folder(tmp_path / "data", statement)
    exported = tmp_path / "tags.json"
    for command in (["tags", str(exported)], ["csv", str(tmp_path / "c.csv")]):
        assert main(["--data-dir", str(folder), "export", *command]) == 0
        err = capsys.readouterr().err
        (warning,) = [line for line in err.splitlines() if "warning" in line]  # said once
        assert shown in warning and "left out" in warning and "Traceback" not in err
    assert json.loads(exported.read_text())["cards"][CARD]["tags"] == ["exam"]
    db = open_user_database(folder)
    with db.atomic():
        TagStore(db).write(CARD, ("exam", "weak"))  # the learner tags the card again
    count = db.execute("SELECT count(*) FROM card_tags WHERE card_id = ?", [CARD]).fetchone()
    assert count == (3,), "the junk row is still there"


def test_the_browser_on_a_junk_tag_shows_the_good_ones_and_says_it(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    folder = tagged_folder(tmp_path / "data", JUNK_TAGS["spaces"][0])
    window = open_window(qtbot, opened_windows, folder)
    window.show_view("cards")
    cards = window.cards
    assert cards is not None
    row = cards.model.card_row(CARD)
    assert row is not None and row.tags == ("exam",)
    assert "exam" in cards.sidebar.items()
    messages = window.unreadable_messages
    assert [m for m in messages if "'two words'" in m] and len(messages) == len(set(messages))


def test_a_restore_carries_the_tags_and_the_saved_searches(tmp_path: Path) -> None:
    source = open_user_database(tmp_path / "source")
    with source.atomic():
        TagStore(source).write(CARD, ("exam",))
    SavedSearchStore(ReviewStore(source)).save("Exam", "tag:exam is:due")
    backup = DataSafety(source, tmp_path / "source").backup_now()
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    with db.atomic():
        TagStore(db).write("other:card", ("mine",))
    restored = DataSafety(db, data_dir).restore(backup)
    assert restored is not None and restored.repaired is None
    assert TagStore(db).tags() == {CARD: ("exam",)}
    assert SavedSearchStore(ReviewStore(db)).all() == {"Exam": "tag:exam is:due"}
    kept = sqlite3.connect(restored.previous_state)
    assert kept.execute("SELECT card_id, tag FROM card_tags").fetchall() == [("other:card", "mine")]
    kept.close()


def test_a_backup_older_than_tags_restores_and_gains_the_table(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    connection = sqlite3.connect(old)
    MIGRATIONS.apply(sqlite_utils.Database(connection), stop_before="0005_card_tags")
    connection.execute(
        "INSERT INTO notes VALUES ('untoc', 'old', '2026-01-01T00:00:00+00:00', "
        "'2026-01-01T00:00:00+00:00')"
    )
    connection.commit()
    connection.close()
    check_backup(old)
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    assert DataSafety(db, data_dir).restore(old) is not None
    assert NoteStore(db).get("untoc").text == "old"  # type: ignore[union-attr]
    assert TagStore(db).tags() == {}
    with db.atomic():
        TagStore(db).write(CARD, ("after",))
    assert TagStore(db).tags() == {CARD: ("after",)}


REPAIRED = {
    "a tag with a space": (
        f"INSERT INTO card_tags VALUES ('{CARD}', 'two words')",
        "it is now 'two-words'",
        [(CARD, "two-words")],
    ),
    "a tag the card has cleaned": (
        f"INSERT INTO card_tags VALUES ('{CARD}', 'exam'), ('{CARD}', 'exam*')",
        "it is now 'exam'",
        [(CARD, "exam")],
    ),
    "a tag of nothing": (
        f"INSERT INTO card_tags VALUES ('{CARD}', '***')",
        "removed",
        [],
    ),
    "a tag on no card": ("INSERT INTO card_tags VALUES ('', 'exam')", "on no card", []),
    "a tag as bytes": (f"INSERT INTO card_tags VALUES ('{CARD}', X'00')", "removed", []),
}


@pytest.mark.parametrize("kind", sorted(REPAIRED))
def test_a_backups_junk_tags_are_repaired_and_said(tmp_path: Path, kind: str) -> None:
    statement, said, left = REPAIRED[kind]
    backup = junk_backup(tmp_path, statement)
    check_backup(backup)
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    restored = DataSafety(db, data_dir).restore(backup)
    assert restored is not None and restored.repaired is not None
    assert said in restored.repaired, restored.repaired
    assert find_bad_values(db.conn, NOW) == []
    assert db.execute("SELECT card_id, tag FROM card_tags").fetchall() == left


@pytest.mark.parametrize(
    ("value", "said", "kept"),
    [
        ("'not json'", "not a JSON object", None),
        ("'[1, 2]'", "not a JSON object", None),
        ("""'{"Mine": "tag:exam", "Bad": 3}'""", "'Bad'", {"Mine": "tag:exam"}),
    ],
)
def test_a_backups_junk_saved_searches_are_repaired_and_said(
    tmp_path: Path, value: str, said: str, kept: dict[str, str] | None
) -> None:
    backup = junk_backup(tmp_path, f"INSERT INTO settings VALUES ('{SAVED_SEARCHES_KEY}', {value})")
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    restored = DataSafety(db, data_dir).restore(backup)
    assert restored is not None and restored.repaired is not None and said in restored.repaired
    row = db.execute("SELECT value FROM settings WHERE key = ?", [SAVED_SEARCHES_KEY]).fetchone()
    assert (json.loads(row[0]) if row else None) == kept


def test_junk_saved_searches_are_said_and_set_aside_never_overwritten(tmp_path: Path) -> None:
    db = open_user_database(tmp_path / "data")
    reviews = ReviewStore(db)
    said: list[str] = []
    db.unreadable_rows.listen(said.append)
    reviews.set_settings({SAVED_SEARCHES_KEY: "{broken", f"{SET_ASIDE_KEY}": "earlier junk"})
    store = SavedSearchStore(reviews)
    assert store.all() == {}
    assert len(said) == 1 and "{broken" in said[0] and SET_ASIDE_KEY in said[0]
    store.save("Mine", "tag:exam")
    assert store.all() == {"Mine": "tag:exam"}
    assert reviews.setting(SET_ASIDE_KEY) == "earlier junk"
    assert reviews.setting(f"{SET_ASIDE_KEY}-2") == "{broken"
    reviews.set_settings({SAVED_SEARCHES_KEY: json.dumps({"Mine": "is:due", "Odd": ["x"]})})
    assert store.all() == {"Mine": "is:due"}
    assert any("'Odd'" in message for message in said)
    store.rename("Mine", "Due")
    stored = json.loads(reviews.setting(SAVED_SEARCHES_KEY) or "")
    assert stored == {"Due": "is:due", "Odd": ["x"]}, "an entry it cannot read is kept as it is"


def test_the_data_is_still_whole_after_the_tags_table_came(tmp_path: Path) -> None:
    folder = tagged_folder(tmp_path / "data")
    connection = sqlite3.connect(folder / USER_DB_NAME)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    names = [row[0] for row in connection.execute("SELECT name FROM _sqlite_migrations")]
    assert "0005_card_tags" in names  # later migrations may follow it
    connection.close()
