"""Damaged, newer, unwritable and full user databases: the app opens, explains, keeps every
byte it did not write, and saves what the learner typed as soon as it can."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.backups import backups_dir, create_backup, list_backups
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.notes import NoteStore

from .conftest import open_window


def note_in(data_dir: Path, slug: str) -> str | None:
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    row = connection.execute("SELECT text FROM notes WHERE slug = ?", (slug,)).fetchone()
    connection.close()
    return row[0] if row else None


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def good_database(folder: Path) -> Path:
    db = open_user_database(folder)
    NoteStore(db).save("untoc", "from the good days")
    db.close()
    return folder / USER_DB_NAME


def damaged_variants(tmp: Path) -> dict[str, bytes]:
    real = good_database(tmp / "real").read_bytes()
    return {
        "zero bytes": b"",
        "garbage": os.urandom(5000),
        "not sqlite": b"\x89PNG\r\n\x1a\n" + b"\0" * 4000,
        "truncated": real[:1500],
        "bad pages": real[:100] + b"\xff" * (len(real) - 100),
    }


@pytest.mark.parametrize("kind", ["zero bytes", "garbage", "not sqlite", "truncated", "bad pages"])
def test_damaged_database_is_moved_aside_and_the_newest_backup_restored(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path, kind: str
) -> None:
    data_dir = tmp_path / "data"
    good = good_database(data_dir)
    connection = sqlite3.connect(good)
    backup = create_backup(connection, backups_dir(data_dir), datetime(2026, 11, 1, tzinfo=UTC))
    connection.close()
    damaged = damaged_variants(tmp_path)[kind]
    (data_dir / USER_DB_NAME).write_bytes(damaged)
    for suffix in ("-wal", "-shm"):
        (data_dir / (USER_DB_NAME + suffix)).unlink(missing_ok=True)
    window = open_window(qtbot, opened_windows, data_dir)
    assert window.startup_message and "damaged" in window.startup_message
    assert backup.name in window.startup_message
    (kept,) = [
        p for p in data_dir.glob(f"{USER_DB_NAME}.damaged-*") if p.name[-4:] not in ("-wal", "-shm")
    ]
    assert kept.read_bytes() == damaged  # never deleted, never changed
    window.study.select("untoc")
    assert window.study.notes.editor.toPlainText() == "from the good days"


def test_damaged_database_without_backup_starts_fresh(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / USER_DB_NAME).write_bytes(b"not a database" * 100)
    window = open_window(qtbot, opened_windows, data_dir)
    assert "started a fresh database" in (window.startup_message or "")
    window.study.select("cnd")
    qtbot.keyClicks(window.study.notes.editor, "a fresh note")
    assert window.study.flush()
    assert note_in(data_dir, "cnd") == "a fresh note"


def test_command_line_on_a_damaged_database_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / USER_DB_NAME).write_bytes(b"garbage" * 300)
    for command in (["stats"], ["backup"]):
        result = subprocess.run(
            [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), *command],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2, command
        assert len(result.stderr.strip().splitlines()) == 1 and "damaged" in result.stderr
        assert "Traceback" not in result.stderr
    assert (data_dir / USER_DB_NAME).read_bytes() == b"garbage" * 300


def test_database_from_a_newer_ocstudy_is_never_modified(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    path = good_database(data_dir)
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('ocstudy-user', '0099_from_the_future', '2030-01-01')"
    )
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = digest(path)
    window = open_window(qtbot, opened_windows, data_dir)
    assert "newer ocstudy" in (window.startup_message or "")
    window.study.select("untoc")
    assert window.study.notes.editor.toPlainText() == "from the good days"
    window.study.notes.editor.moveCursor(window.study.notes.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.study.notes.editor, " and more")
    assert not window.study.flush()
    assert window.study.notes.saved_label.text() == "Not saved"
    assert window.study.notes.editor.toPlainText() == "from the good days and more"
    window.quit_without_asking()  # nobody to ask: the text goes to a recovery file
    assert digest(path) == before
    assert not backups_dir(data_dir).exists()


def test_unwritable_data_folder_keeps_the_note_and_saves_it_later(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the data folder's parent should be")
    data_dir = blocker / "data"  # cannot be created, even by root
    window = open_window(qtbot, opened_windows, data_dir)
    assert "cannot" in (window.startup_message or "")
    window.study.select("incb")
    assert "Created by" in window.study.detail.toPlainText()  # the content stays browsable
    window.study.search_box.setText("firearms")
    window.study._run_search()
    qtbot.keyClicks(window.study.notes.editor, "13 members")
    assert not window.study.flush()
    assert window.study.notes.editor.toPlainText() == "13 members"
    blocker.unlink()  # the folder can be made now
    assert window.study.flush()
    assert note_in(data_dir, "incb") == "13 members"
    assert window.study.notes.saved_label.text().startswith("Saved")


@pytest.mark.slow
def test_full_disk_keeps_the_note_and_saves_it_when_space_returns(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    store = window._service._notes  # the live connection, to play the full disk
    connection = store._db.conn
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    window.study.select("gpml")
    qtbot.keyClicks(window.study.notes.editor, "x" * 50 + " 1997, not 1977 " * 400)
    assert not window.study.flush()
    assert window.study.notes.saved_label.text() == "Not saved"
    connection.execute("PRAGMA max_page_count = 1073741823")
    assert window.study.flush()
    assert (note_in(data_dir, "gpml") or "").endswith("1997, not 1977 ")


def test_backup_now_and_restore_from_the_file_menu(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    window.study.select("unodc")
    qtbot.keyClicks(window.study.notes.editor, "version one")
    window.study.flush()
    first = window.files.backup()
    assert first is not None and first.parent == backups_dir(data_dir)
    window.study.notes.editor.selectAll()
    qtbot.keyClicks(window.study.notes.editor, "version two")
    window.study.flush()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    restore = window.files.restore(first)
    assert restore is not None
    qtbot.waitUntil(lambda: restore.done, timeout=30_000)
    assert restore.result is not None
    assert window.study.notes.editor.toPlainText() == "version one"
    assert note_in(data_dir, "unodc") == "version one"
    newest = list_backups(backups_dir(data_dir))[0].path
    kept = sqlite3.connect(newest).execute("SELECT text FROM notes").fetchone()[0]
    assert kept == "version two"  # what was there before the restore is kept


def test_closing_backs_up(qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    window.study.select("cnd")
    qtbot.keyClicks(window.study.notes.editor, "kept in the backup")
    window.close()
    (backup,) = backups_dir(data_dir).glob("user-*.db")
    assert sqlite3.connect(backup).execute("SELECT text FROM notes").fetchone()[0] == (
        "kept in the backup"
    )


def test_the_running_app_backs_up_every_half_hour(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    timer = window.findChild(QTimer, "automaticBackupTimer")
    assert timer is not None and timer.isActive() and timer.interval() == 30 * 60_000
    window.study.select("incb")
    qtbot.keyClicks(window.study.notes.editor, "backed up while running")
    window.study.flush()
    timer.setInterval(10)  # the real timer, sooner
    qtbot.waitUntil(lambda: any(backups_dir(data_dir).glob("user-*.db")))
    timer.setInterval(30 * 60_000)
    backup = list_backups(backups_dir(data_dir))[0].path
    assert sqlite3.connect(backup).execute("SELECT text FROM notes").fetchone()[0] == (
        "backed up while running"
    )
    assert window.isVisible() and window.findChild(QMessageBox) is None  # quietly


def test_backup_and_restore_on_the_command_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    good_database(data_dir)

    def ocstudy(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )

    made = ocstudy("backup")
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.split("backed up to ", 1)[1].strip())
    store = NoteStore(open_user_database(data_dir))
    store.save("untoc", "changed since")
    restored = ocstudy("restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert note_in(data_dir, "untoc") == "from the good days"
    (tmp_path / "nothing.db").write_bytes(b"not a backup")
    bad = ocstudy("restore", str(tmp_path / "nothing.db"))
    assert bad.returncode == 2 and "not a good ocstudy backup" in bad.stderr


def test_recovery_restores_the_backup_written_last_not_the_one_dated_latest(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    """Issue 21, item 2: a backup made once while the clock said 2031, then days of work with
    the clock right, backed up daily, then damage."""
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    store = NoteStore(db)
    folder = backups_dir(data_dir)
    store.save("untoc", "written while the clock said 2031")
    ahead = create_backup(db.conn, folder, datetime(2031, 1, 1, tzinfo=UTC))
    for day in range(1, 4):
        store.save("untoc", f"work of day {day}")
        last = create_backup(db.conn, folder, datetime(2026, 11, day, 20, tzinfo=UTC))
    db.close()
    (data_dir / USER_DB_NAME).write_bytes(b"garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        (data_dir / (USER_DB_NAME + suffix)).unlink(missing_ok=True)
    window = open_window(qtbot, opened_windows, data_dir)
    message = window.startup_message or ""
    assert last.name in message and "written last" in message
    assert ahead.name in message and "dated in the future" in message
    window.study.select("untoc")
    assert window.study.notes.editor.toPlainText() == "work of day 3"


def _damaged_with_backups(data_dir: Path) -> tuple[Path, Path]:
    """A data folder whose database is damaged, with two backups (older, newer)."""
    db = open_user_database(data_dir)
    store = NoteStore(db)
    folder = backups_dir(data_dir)
    store.save("untoc", "older work")
    older = create_backup(db.conn, folder, datetime(2026, 11, 1, tzinfo=UTC))
    store.save("untoc", "newer work")
    newer = create_backup(db.conn, folder, datetime(2026, 11, 2, tzinfo=UTC))
    db.close()
    (data_dir / USER_DB_NAME).write_bytes(b"garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        (data_dir / (USER_DB_NAME + suffix)).unlink(missing_ok=True)
    return older, newer


def test_a_backup_that_cannot_be_read_now_is_never_passed_over_for_an_older_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An I/O error is not damage: the newest backup, unreadable for a moment (a disk error,
    a lock), stops the recovery, which moves nothing; it never restores the older one."""
    from ocstudy.userdata import backup_check
    from ocstudy.userdata.database import StorageError
    from ocstudy.userdata.startup import recover

    data_dir = tmp_path / "data"
    _, newer = _damaged_with_backups(data_dir)
    damaged = digest(data_dir / USER_DB_NAME)
    disk_error = sqlite3.OperationalError("disk I/O error")
    disk_error.sqlite_errorcode = sqlite3.SQLITE_IOERR  # type: ignore[misc]
    reading = backup_check.what_is_wrong

    def failing(connection: sqlite3.Connection) -> str | None:
        if connection.execute("PRAGMA database_list").fetchone()[2] == str(newer):
            return backup_check._sqlite_reason(disk_error)
        return reading(connection)

    monkeypatch.setattr(backup_check, "what_is_wrong", failing)
    with pytest.raises(StorageError, match="cannot read the backup now"):
        recover(data_dir)
    assert digest(data_dir / USER_DB_NAME) == damaged  # nothing moved, nothing restored
    assert not list(data_dir.glob(f"{USER_DB_NAME}.damaged-*"))


def test_a_damaged_newer_backup_is_passed_over_and_named(tmp_path: Path) -> None:
    from ocstudy.userdata.startup import recover

    data_dir = tmp_path / "data"
    older, newer = _damaged_with_backups(data_dir)
    newer.write_bytes(b"not a database" * 100)
    recovery = recover(data_dir)
    assert recovery.restored_from == older
    assert "written last" not in recovery.message
    assert f"newer ones could not be: {newer.name}" in recovery.message
    assert note_in(data_dir, "untoc") == "older work"
