"""A restore takes only a whole ocstudy backup this version can read: schema, version and
integrity are checked before anything is replaced; anything else is one clear message and
changes nothing. A backup of another page size restores, and recovers a damaged file."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ocstudy.services.safety import DataSafety
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.backup_check import BackupError
from ocstudy.userdata.backups import backups_dir, list_backups
from ocstudy.userdata.database import (
    SCHEMA_MIGRATIONS,
    USER_DB_NAME,
    UserDatabase,
    UserDatabaseError,
    open_user_database,
)
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.reviews import ReviewStore
from ocstudy.userdata.startup import open_user_data

from .conftest import open_window


def ocstudy_database(path: Path, page_size: int | None = None, note: str = "backed up") -> Path:
    """A whole ocstudy database at ``path`` (self-contained: no -wal), with one note."""
    db = open_user_database(path.parent / (path.stem + "-source"))
    NoteStore(db).save("untoc", note)
    if page_size:  # only a rollback-journal database can change its page size
        db.conn.execute("PRAGMA journal_mode = DELETE")
        db.conn.execute(f"PRAGMA page_size = {page_size}")
        db.conn.execute("VACUUM")
    db.conn.execute("VACUUM INTO ?", [str(path)])
    db.close()
    return path


def not_ocstudy_backups(tmp: Path) -> dict[str, Path]:
    tmp.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}

    def sqlite_file(name: str, *statements: str) -> Path:
        path = tmp / f"{name}.db"
        connection = sqlite3.connect(path)
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.close()
        files[name] = path
        return path

    migrations = "CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT)"
    sqlite_file("empty sqlite", "PRAGMA user_version = 0")
    sqlite_file("only a migrations table", migrations)
    sqlite_file(
        "another app's",
        migrations,
        "INSERT INTO _sqlite_migrations VALUES ('other-app', '0001_init', '2026-01-01')",
        "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)",
    )
    sqlite_file(
        "ocstudy's migrations, no tables",
        migrations,
        "INSERT INTO _sqlite_migrations VALUES ('ocstudy-user', '0001_notes', '2026-01-01')",
        "INSERT INTO _sqlite_migrations VALUES ('ocstudy-user', '0002_reviews', '2026-01-01')",
    )
    newer = ocstudy_database(tmp / "newer.db")
    connection = sqlite3.connect(newer)
    connection.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('ocstudy-user', '0099_from_the_future', '2030-01-01')"
    )
    connection.commit()
    connection.close()
    files["newer ocstudy"] = newer
    damaged = ocstudy_database(tmp / "damaged.db")
    raw = bytearray(damaged.read_bytes())
    raw[4096 * 2 : 4096 * 3] = b"\0" * 4096  # a zeroed page in the middle
    damaged.write_bytes(bytes(raw))
    files["damaged"] = damaged
    (tmp / "zero.db").write_bytes(b"")
    files["zero bytes"] = tmp / "zero.db"
    (tmp / "text.db").write_text("not a database at all")
    files["not sqlite"] = tmp / "text.db"
    files["missing"] = tmp / "nothing-here.db"
    return files


KINDS = [
    "empty sqlite",
    "only a migrations table",
    "another app's",
    "ocstudy's migrations, no tables",
    "newer ocstudy",
    "damaged",
    "zero bytes",
    "not sqlite",
    "missing",
]


def state_of(data_dir: Path) -> tuple[object, ...]:
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    try:
        notes = connection.execute("SELECT slug, text FROM notes ORDER BY slug").fetchall()
        applied = connection.execute("SELECT name FROM _sqlite_migrations").fetchall()
    finally:
        connection.close()
    return tuple(notes), tuple(applied)


@pytest.mark.parametrize("kind", KINDS)
def test_a_restore_checks_the_backup_before_it_replaces_anything(tmp_path: Path, kind: str) -> None:
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    NoteStore(db).save("cnd", "my own note")
    before = state_of(data_dir)
    source = not_ocstudy_backups(tmp_path / "files")[kind]
    with pytest.raises(UserDatabaseError) as refused:
        DataSafety(db, data_dir).restore(source)
    message = str(refused.value)
    assert "\n" not in message and str(source) in message and "nothing was changed" in message
    if kind == "newer ocstudy":
        assert "newer ocstudy" in message
    if kind == "missing":
        assert "not found" in message
    assert state_of(data_dir) == before
    db.close()
    # the next start opens the data as it was, writable, with nothing to report
    again, startup_message = open_user_data(data_dir)
    assert startup_message is None and not again.read_only
    assert NoteStore(again).get("cnd").text == "my own note"  # type: ignore[union-attr]
    again.close()


def test_check_backup_names_what_is_wrong(tmp_path: Path) -> None:
    from ocstudy.userdata.backup_check import check_backup

    files = not_ocstudy_backups(tmp_path)
    reasons = {}
    for kind, path in files.items():
        with pytest.raises(UserDatabaseError) as refused:
            check_backup(path)
        reasons[kind] = str(refused.value)
    assert "newer ocstudy" in reasons["newer ocstudy"]
    assert "damaged" in reasons["damaged"]
    for kind in ("empty sqlite", "only a migrations table", "another app's", "zero bytes"):
        assert "no ocstudy data" in reasons[kind], kind
    assert "not a SQLite database" in reasons["not sqlite"]
    check_backup(ocstudy_database(tmp_path / "good.db"))  # a real backup passes


def test_an_older_backup_restores_and_is_brought_up_to_date(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    old = ocstudy_database(tmp_path / "old.db")
    connection = sqlite3.connect(old)
    newer = ("card_states", "review_log", "settings", "card_marks", "own_cards", "card_tags")
    sync = ("sync_state", "sync_published", "sync_folded", "sync_versions", "sync_conflicts")
    for table in (*newer, "exam_results", *sync):
        connection.execute(f"DROP TABLE {table}")
    connection.execute("DELETE FROM _sqlite_migrations WHERE name != '0001_notes'")
    connection.commit()
    connection.close()
    DataSafety(db, data_dir).restore(old)
    assert NoteStore(db).get("untoc").text == "backed up"  # type: ignore[union-attr]
    assert ReviewStore(db).states() == {}  # the reviews' tables are there again
    assert [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")] == list(
        SCHEMA_MIGRATIONS
    )


@pytest.mark.parametrize("page_size", [1024, 8192, 65536])
def test_a_backup_of_another_page_size_restores(tmp_path: Path, page_size: int) -> None:
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    NoteStore(db).save("cnd", "replaced by the restore")
    backup = ocstudy_database(tmp_path / "other-size.db", page_size=page_size)
    assert sqlite3.connect(backup).execute("PRAGMA page_size").fetchone()[0] == page_size
    DataSafety(db, data_dir).restore(backup)
    assert NoteStore(db).get("untoc").text == "backed up"  # type: ignore[union-attr]
    assert NoteStore(db).get("cnd") is None
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


@pytest.mark.parametrize("page_size", [1024, 8192, 65536])
def test_recovery_from_a_backup_of_another_page_size(tmp_path: Path, page_size: int) -> None:
    data_dir = tmp_path / "data"
    open_user_database(data_dir).close()
    backup = ocstudy_database(tmp_path / "other-size.db", page_size=page_size)
    folder = backups_dir(data_dir)
    folder.mkdir()
    backup.rename(folder / "user-20261101-000000.db")
    (data_dir / USER_DB_NAME).write_bytes(b"garbage" * 1000)
    db, message = open_user_data(data_dir)
    assert message is not None and "user-20261101-000000.db" in message
    assert not db.read_only
    assert NoteStore(db).get("untoc").text == "backed up"  # type: ignore[union-attr]
    NoteStore(db).save("cnd", "and it takes new notes")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_file_restore_of_another_apps_database_says_so(
    qtbot: QtBot,
    opened_windows: list[MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    window.study.select("unodc")
    qtbot.keyClicks(window.study.notes.editor, "mine")
    window.study.flush()
    told: list[str] = []
    monkeypatch.setattr(window, "tell", told.append)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    files = not_ocstudy_backups(tmp_path / "files")
    for kind in ("another app's", "ocstudy's migrations, no tables", "newer ocstudy"):
        restore = window.files.restore(files[kind])
        assert restore is not None
        qtbot.waitUntil(lambda op=restore: op.done, timeout=30_000)
        assert restore.result is None and isinstance(restore.error, BackupError), kind
        assert told and "not a good ocstudy backup" in told[-1], kind
    assert window.study.notes.editor.toPlainText() == "mine"
    assert not window.services.safety()._db.read_only
    assert list_backups(backups_dir(data_dir)) == []  # nothing was even backed up


def test_restore_of_another_apps_database_on_the_command_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    open_user_database(data_dir).close()
    files = not_ocstudy_backups(tmp_path / "files")
    for kind in ("another app's", "ocstudy's migrations, no tables", "newer ocstudy", "missing"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "ocstudy",
                "--data-dir",
                str(data_dir),
                "restore",
                str(files[kind]),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2, (kind, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
        stats = subprocess.run(
            [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), "stats"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert stats.returncode == 0, (kind, stats.stderr)


@pytest.fixture
def profile_in_use(tmp_path: Path) -> Iterator[tuple[Path, UserDatabase]]:
    """Another profile's live database: an early note checkpointed into its file, the newest
    writes still only in its -wal, held open by a connection that never checkpoints."""
    other = open_user_database(tmp_path / "other-profile")
    NoteStore(other).save("untoc", "checkpointed early")
    other.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    other.conn.execute("PRAGMA wal_autocheckpoint = 0")
    NoteStore(other).save("untoc", "newest, only in the -wal")
    NoteStore(other).save("cnd", "also only in the -wal")
    wal = other.path.with_name(USER_DB_NAME + "-wal")
    assert wal.stat().st_size > 0
    yield other.path, other
    other.close()


def test_a_restore_from_a_profile_in_use_takes_its_wal(
    tmp_path: Path, profile_in_use: tuple[Path, UserDatabase]
) -> None:
    """Issue 21, item 3: the source was opened immutable=1 and its -wal dropped."""
    source, other = profile_in_use
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    NoteStore(db).save("gpml", "mine, replaced")
    wal_before = source.with_name(USER_DB_NAME + "-wal").read_bytes()
    assert DataSafety(db, data_dir).restore(source) is not None
    assert NoteStore(db).get("untoc").text == "newest, only in the -wal"  # type: ignore[union-attr]
    assert NoteStore(db).get("cnd").text == "also only in the -wal"  # type: ignore[union-attr]
    assert NoteStore(db).get("gpml") is None
    # the other profile is as it was, and goes on working
    assert source.with_name(USER_DB_NAME + "-wal").read_bytes() == wal_before
    NoteStore(other).save("incb", "written after the restore")
    assert NoteStore(other).get("incb") is not None


def test_a_restore_from_a_crashed_profile_takes_its_wal(
    tmp_path: Path, profile_in_use: tuple[Path, UserDatabase]
) -> None:
    """A -wal with no -shm beside it (copied off a profile that crashed, or on a read-only
    disk): read from a private copy of both."""
    source, _other = profile_in_use
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{source}{suffix}", crashed / f"{USER_DB_NAME}{suffix}")
    crashed.chmod(0o500)  # nothing may be written beside it (root ignores this: see below)
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    try:
        assert DataSafety(db, data_dir).restore(crashed / USER_DB_NAME) is not None
    finally:
        crashed.chmod(0o700)
    assert NoteStore(db).get("untoc").text == "newest, only in the -wal"  # type: ignore[union-attr]
    assert sorted(p.name for p in crashed.iterdir()) == [USER_DB_NAME, f"{USER_DB_NAME}-wal"]
