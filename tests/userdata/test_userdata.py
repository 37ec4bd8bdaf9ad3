"""The learner's own database: notes keyed by slug, in the data folder, apart from content."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocstudy.content.repository import ContentRepository
from ocstudy.services.study import StudyService
from ocstudy.userdata.database import SCHEMA_MIGRATIONS, USER_DB_NAME, open_user_database
from ocstudy.userdata.migrations import MIGRATIONS
from ocstudy.userdata.notes import NoteStore


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def store(data_dir: Path) -> NoteStore:
    return NoteStore(open_user_database(data_dir), clock=FakeClock())


def test_save_get_delete_restore(store: NoteStore) -> None:
    assert store.get("untoc") is None
    first = store.save("untoc", "Palermo")
    second = store.save("untoc", "Palermo, 12-15 December 2000")
    assert second.created_at == first.created_at < second.updated_at
    assert second.updated_at.tzinfo is not None and second.updated_at.utcoffset() == timedelta(0)
    assert store.slugs() == {"untoc"}
    deleted = store.delete("untoc")
    assert deleted == second and store.get("untoc") is None and store.slugs() == set()
    store.restore(deleted)
    assert store.get("untoc") == second
    assert store.delete("nothing") is None


def test_search_finds_words_in_notes(store: NoteStore) -> None:
    store.save("cnd", "Commission on Narcotic Drugs: 53 members, Vienna")
    store.save("incb", "13 members")
    assert store.search("vienna") == ["cnd"]
    assert set(store.search("members")) == {"cnd", "incb"}
    assert store.search('" OR *') == []
    store.delete("cnd")
    assert store.search("vienna") == []


def test_empty_note_is_not_listed(store: NoteStore) -> None:
    store.save("icat", "   ")
    assert store.slugs() == set()


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=0, max_size=400))
def test_notes_round_trip_byte_exact(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    store = NoteStore(open_user_database(tmp_path_factory.mktemp("d")))
    store.save("gpml", text)
    assert store.get("gpml").text == text  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    ["\U0001f600 emoji", "\u05e9\u05dc\u05d5\u05dd right-to-left", "nul\0inside", "x" * 200_000],
)
def test_unusual_notes_round_trip(store: NoteStore, text: str) -> None:
    store.save("blue-heart", text)
    assert store.get("blue-heart").text == text  # type: ignore[union-attr]


def test_database_settings_and_reopen(data_dir: Path) -> None:
    db = open_user_database(data_dir)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    NoteStore(db).save("unodc", "kept")
    db.close()
    again = open_user_database(data_dir)  # migrations are not applied twice
    assert NoteStore(again).get("unodc").text == "kept"  # type: ignore[union-attr]
    names = [row[0] for row in again.execute("SELECT name FROM _sqlite_migrations")]
    assert names[0] == "0001_notes" and len(names) == len(set(names))
    assert tuple(names) == SCHEMA_MIGRATIONS


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_user_files_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    open_user_database(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / USER_DB_NAME).stat().st_mode) == 0o600


def test_notes_never_touch_the_content_database(data_dir: Path, content_db: Path) -> None:
    before = hashlib.sha256(content_db.read_bytes()).hexdigest()
    service = StudyService(
        ContentRepository.open(content_db), NoteStore(open_user_database(data_dir))
    )
    service.save_note("untoc", "mine")
    assert service.search("mine").slugs == ("untoc",)
    assert hashlib.sha256(content_db.read_bytes()).hexdigest() == before
    assert (data_dir / USER_DB_NAME).is_file()


def test_service_search_merges_content_and_notes(data_dir: Path, content_db: Path) -> None:
    service = StudyService(
        ContentRepository.open(content_db), NoteStore(open_user_database(data_dir))
    )
    service.save_note("hague-convention", "firearms mnemonic")
    result = service.search("firearms")
    assert "firearms-protocol" in result.slugs and "hague-convention" in result.slugs
    assert service.search("   ").is_filter is False
    assert service.save_note("cnd", "") is None and service.note("cnd") is None


def test_known_migrations_match_the_registered_ones() -> None:
    from sqlite_utils import Database

    registered = [m.name for m in MIGRATIONS.pending(Database(memory=True))]
    assert tuple(registered) == SCHEMA_MIGRATIONS


def test_a_failed_read_is_a_user_database_error_not_a_raw_sqlite_one(data_dir: Path) -> None:
    """Every caller of the user database meets one kind of error, classified: a read that
    fails (here: a query the file cannot answer; elsewhere a lock or the disk) is not damage."""
    import sqlite3

    from ocstudy.userdata.database import DamagedDatabaseError, UserDatabaseError

    db = open_user_database(data_dir)
    try:
        with pytest.raises(UserDatabaseError) as raised:
            db.execute("SELECT * FROM no_such_table")
        assert not isinstance(raised.value, DamagedDatabaseError)
        assert not isinstance(raised.value, sqlite3.Error)
        with pytest.raises(UserDatabaseError):
            list(db.query("SELECT no_such_column FROM notes"))
    finally:
        db.close()
