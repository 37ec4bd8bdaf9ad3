"""A database of the first schema version upgrades and keeps every byte of its data.

``data/user-schema-0001.db`` was written once by the first ocstudy that had a user database
(commit 60a30e4, schema ``0001_notes``: notes and their search index, WAL mode), by running
that version's own ``open_user_database`` and ``NoteStore.save`` with a fixed clock on the
notes in ``NOTES`` below (``git archive 60a30e4 src | tar -x -C OLD`` and
``PYTHONPATH=OLD/src python``). Never regenerate it with a newer ocstudy: it stands for the
learners who installed the first version.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ocstudy.app import create_main_window
from ocstudy.userdata.database import (
    SCHEMA_MIGRATIONS,
    USER_DB_NAME,
    applied_migrations,
    open_user_database,
)
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.reviews import ReviewStore

FIXTURE = Path(__file__).with_name("data") / "user-schema-0001.db"
NOTES = {
    "untoc": (
        "Palermo, **12\u201315 December 2000**.\n\n- 3 protocols\n- in force 29 September 2003\n"
    ),
    "firearms-protocol": "In force **3 July 2005** (the paper's footnote says 3 June).",
    "cnd": "CND: 53 members.\r\nGoverns UNODC's drug programme.",
    "incb": "\U0001f600 13 members \u05e9\u05dc\u05d5\u05dd, nul\0inside",
    "gpml": "GPML 1997 " * 300,
    "retired-entity": "a note on an entity that content no longer has",
    "icat": "   ",
}
#: (created_at, updated_at) as the first version stored them.
TIMES = {
    "untoc": ("2026-11-01T09:07:00+00:00", "2026-11-01T09:56:00+00:00"),
    "firearms-protocol": ("2026-11-01T09:14:00+00:00", "2026-11-01T09:14:00+00:00"),
    "cnd": ("2026-11-01T09:21:00+00:00", "2026-11-01T09:21:00+00:00"),
    "incb": ("2026-11-01T09:28:00+00:00", "2026-11-01T09:28:00+00:00"),
    "gpml": ("2026-11-01T09:35:00+00:00", "2026-11-01T09:35:00+00:00"),
    "retired-entity": ("2026-11-01T09:42:00+00:00", "2026-11-01T09:42:00+00:00"),
    "icat": ("2026-11-01T09:49:00+00:00", "2026-11-01T09:49:00+00:00"),
}
REVIEW_TABLES = {"card_states", "review_log", "settings"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}


@pytest.fixture
def old_data(tmp_path: Path) -> Path:
    """A data folder holding a copy of the committed first-version database."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(FIXTURE, folder / USER_DB_NAME)
    return folder


def test_the_committed_database_is_of_the_first_schema_version() -> None:
    # immutable: not even the -wal and -shm files a WAL reader makes beside the file
    connection = sqlite3.connect(f"{FIXTURE.resolve().as_uri()}?immutable=1", uri=True)
    try:
        assert applied_migrations(connection) == [SCHEMA_MIGRATIONS[0]] == ["0001_notes"]
        assert {"notes", "notes_search"} <= tables(connection)
        assert not REVIEW_TABLES & tables(connection)
        assert dict(connection.execute("SELECT slug, text FROM notes")) == NOTES
    finally:
        connection.close()
    assert FIXTURE.read_bytes()[18:20] == b"\x02\x02"  # the header says WAL, as the app set it


def test_upgrading_the_first_schema_keeps_every_note_and_adds_the_reviews(old_data: Path) -> None:
    before = digest(FIXTURE)
    db = open_user_database(old_data)
    assert applied_migrations(db.conn) == list(SCHEMA_MIGRATIONS)
    assert tables(db.conn) >= REVIEW_TABLES
    rows = db.execute(
        "SELECT slug, CAST(text AS BLOB), created_at, updated_at FROM notes"
    ).fetchall()
    assert {slug: (text, created, updated) for slug, text, created, updated in rows} == {
        slug: (NOTES[slug].encode("utf-8"), *TIMES[slug]) for slug in NOTES
    }
    store = NoteStore(db)
    assert store.get("untoc").text == NOTES["untoc"]  # type: ignore[union-attr]
    assert store.slugs() == set(NOTES) - {"icat"}  # the blank note stays unlisted
    assert store.search("protocols") == ["untoc"]  # the old search index still answers
    assert store.search("\u05e9\u05dc\u05d5\u05dd") == ["incb"]
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert db.execute("PRAGMA busy_timeout").fetchone() == (5000,)

    reviews = ReviewStore(db)  # the new tables work
    assert reviews.states() == {} and reviews.first_review() is None
    reviews.set_settings({"new_cards_per_day": "5"})
    assert reviews.setting("new_cards_per_day") == "5"
    store.save("cnd", NOTES["cnd"] + "\nadded after the upgrade")
    db.close()

    again = open_user_database(old_data)  # nothing is migrated twice
    names = [row[0] for row in again.execute("SELECT name FROM _sqlite_migrations")]
    assert names == list(SCHEMA_MIGRATIONS)
    assert NoteStore(again).get("cnd").text.endswith("added after the upgrade")  # type: ignore[union-attr]
    again.close()
    assert digest(FIXTURE) == before  # the committed file itself is never touched


def test_the_app_opens_a_first_version_database_and_shows_its_notes(
    qtbot: QtBot, old_data: Path
) -> None:
    window = create_main_window(old_data)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.startup_message is None  # an upgrade is not a problem to report
    window.study.select("untoc")
    assert window.study.notes.editor.toPlainText() == NOTES["untoc"]
    window.study.select("incb")
    assert window.study.notes.editor.toPlainText() == NOTES["incb"]
    assert "6 notes" in window.counts_label.text()
    window.close()


def test_an_old_database_that_cannot_be_written_is_shown_whole_and_never_changed(
    qtbot: QtBot, old_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first-version database on a folder that cannot be written now (a read-only mount, a
    full disk) opens read-only: every view reads the tables this version adds (marks, own
    cards) from a private upgraded copy, and the file stays as it was."""
    import ocstudy.userdata.startup as startup
    from ocstudy.userdata.database import StorageError

    def unwritable(data_dir: Path) -> None:
        raise StorageError(f"cannot open your data at {data_dir}: the disk is read-only")

    before = digest(old_data / USER_DB_NAME)
    monkeypatch.setattr(startup, "open_user_database", unwritable)
    window = create_main_window(old_data)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.startup_message is not None and "read-only" in window.startup_message
    window.study.select("untoc")
    assert window.study.notes.editor.toPlainText() == NOTES["untoc"]
    for view in ("quiz", "cards", "stats"):
        window.show_view(view)  # each reads the new tables: none may be missing
        qtbot.waitUntil(lambda key=view: window.view_widget(key).isVisible())
    assert window.cards is not None and window.cards.model.rowCount() > 300
    window.close()
    assert digest(old_data / USER_DB_NAME) == before
