"""Another program holds the write lock longer than the busy timeout (a big import in another
ocstudy): a write is refused with one clear message, no traceback, and nothing changes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata import database
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.notes import NoteStore

from .conftest import open_window


def notes_file(path: Path) -> Path:
    document = {
        "format": "ocstudy-notes",
        "format_version": 1,
        "notes": {"untoc": {"text": "imported", "created_at": "2026-11-01T00:00:00+00:00"}},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@contextmanager
def write_lock(data_dir: Path) -> Iterator[None]:
    """Another connection holds the database's write lock (``BEGIN IMMEDIATE``)."""
    other = sqlite3.connect(data_dir / USER_DB_NAME, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def notes_on_disk(data_dir: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    try:
        return connection.execute("SELECT slug, text FROM notes ORDER BY slug").fetchall()
    finally:
        connection.close()


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """The busy timeout of connections opened from now on: 0.2 s instead of 5 s."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)


def test_a_write_under_anothers_lock_is_a_clear_error(
    tmp_path: Path, short_busy_timeout: None
) -> None:
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    store = NoteStore(db)
    store.save("cnd", "before")
    with write_lock(data_dir), pytest.raises(database.DatabaseBusyError) as busy:
        store.save("cnd", "during")
    assert "another program" in str(busy.value) and "\n" not in str(busy.value)
    assert not db.conn.in_transaction
    store.save("cnd", "after")  # the lock is gone: writes work again
    assert notes_on_disk(data_dir) == [("cnd", "after")]


def test_file_import_notes_under_anothers_lock_says_so(
    qtbot: QtBot,
    opened_windows: list[MainWindow],
    tmp_path: Path,
    short_busy_timeout: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    window.study.select("cnd")
    qtbot.keyClicks(window.study.notes.editor, "mine")
    assert window.study.flush()
    told: list[str] = []
    monkeypatch.setattr(window, "tell", told.append)
    with write_lock(data_dir):
        refused = window.files.import_notes(notes_file(tmp_path / "notes.json"))
        assert refused is not None
        qtbot.waitUntil(lambda: refused.done, timeout=10_000)
    assert refused.result is None and told and "another program" in told[-1]
    assert notes_on_disk(data_dir) == [("cnd", "mine")]
    again = window.files.import_notes(tmp_path / "notes.json")  # and later it works
    assert again is not None
    qtbot.waitUntil(lambda: again.done, timeout=10_000)
    assert again.result is not None
    assert ("untoc", "imported") in notes_on_disk(data_dir)


@pytest.mark.slow
def test_import_notes_on_the_command_line_under_anothers_lock(tmp_path: Path) -> None:
    """The real busy timeout: the import waits 5 s, then says why it gave up."""
    data_dir = tmp_path / "data"
    NoteStore(open_user_database(data_dir)).save("cnd", "mine")
    source = notes_file(tmp_path / "notes.json")
    command = [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir)]
    with write_lock(data_dir):
        result = subprocess.run(
            [*command, "import", "notes", str(source)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "another program" in result.stderr
    assert notes_on_disk(data_dir) == [("cnd", "mine")]


def test_a_lock_at_start_up_is_not_damage(tmp_path: Path, short_busy_timeout: None) -> None:
    """A database locked exclusively by another program (not WAL-shared) is reported and
    opened read-only, never moved aside."""
    from ocstudy.userdata.startup import open_user_data

    data_dir = tmp_path / "data"
    first = open_user_database(data_dir)
    NoteStore(first).save("cnd", "mine")
    first.close()
    other = sqlite3.connect(data_dir / USER_DB_NAME, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        db, message = open_user_data(data_dir)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert message is not None and "another program" in message and "is damaged" not in message
    assert not list(data_dir.glob("*.damaged-*"))
    assert db.read_only
    assert notes_on_disk(data_dir) == [("cnd", "mine")]
