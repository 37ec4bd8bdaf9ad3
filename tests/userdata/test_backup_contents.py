"""What a backup holds (File > Restore's list): its notes, reviews and own cards counted in the
backup itself, which is only read: nothing is written beside it, even in a folder that
cannot be written; an old backup without a table counts none; a file that is no backup is
None, never an error."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ocstudy.userdata.backup_contents import BackupContents, backup_contents
from ocstudy.userdata.backups import create_backup
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.own_cards import OwnCardStore

NOON = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def add_reviews(connection: sqlite3.Connection, count: int) -> None:
    connection.executemany(
        "INSERT INTO review_log (card_id, rating, mode, reviewed_at, after_json) "
        "VALUES (?, 3, 'flashcard', '2026-11-29T09:00:00+00:00', '{}')",
        [(f"untoc:date:{n}",) for n in range(count)],
    )
    connection.commit()


@pytest.fixture
def backup(data_dir: Path) -> Path:
    """A backup with 2 notes (and an emptied one), 3 reviews and 1 own card."""
    db = open_user_database(data_dir)
    notes = NoteStore(db)
    notes.save("untoc", "Palermo, 2000")
    notes.save("cnd", "Vienna")
    notes.save("incb", "   ")  # emptied: no note
    OwnCardStore(db).add("Which city?", "Vienna", "cnd")
    add_reviews(db.conn, 3)
    path = create_backup(db.conn, data_dir / "backups", NOON)
    db.close()
    return path


def test_a_backup_says_how_many_notes_reviews_and_own_cards_it_holds(backup: Path) -> None:
    before = {path.name: path.stat().st_mtime_ns for path in backup.parent.iterdir()}
    assert backup_contents(backup) == BackupContents(notes=2, reviews=3, own_cards=1)
    after = {path.name: path.stat().st_mtime_ns for path in backup.parent.iterdir()}
    assert after == before  # no -wal, no -shm, nothing touched


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a folder mode")
def test_a_backup_is_only_read_even_in_a_folder_that_cannot_be_written(backup: Path) -> None:
    folder = backup.parent
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    folder.chmod(0o500)
    try:
        assert backup_contents(backup) == BackupContents(notes=2, reviews=3, own_cards=1)
    finally:
        folder.chmod(0o700)
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before


def test_a_backup_from_before_own_cards_counts_none_of_them(tmp_path: Path) -> None:
    old = tmp_path / "user-20240101-000000.db"
    connection = sqlite3.connect(old)
    connection.execute("CREATE TABLE notes (slug TEXT PRIMARY KEY, text TEXT)")
    connection.execute("INSERT INTO notes VALUES ('untoc', 'from 2024')")
    connection.commit()
    connection.close()
    assert backup_contents(old) == BackupContents(notes=1, reviews=0, own_cards=0)


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\xff" * 200]
)
def test_a_file_that_is_no_backup_is_none(tmp_path: Path, content: bytes) -> None:
    damaged = tmp_path / "user-20261129-120000-n4.db"
    damaged.write_bytes(content)
    assert backup_contents(damaged) is None


def test_another_sqlite_file_is_none(tmp_path: Path) -> None:
    other = tmp_path / "user-20261129-120000-n5.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE something (x)")
    connection.commit()
    connection.close()
    assert backup_contents(other) is None


def test_a_missing_backup_is_none(tmp_path: Path) -> None:
    assert backup_contents(tmp_path / "user-20261129-120000-n6.db") is None
