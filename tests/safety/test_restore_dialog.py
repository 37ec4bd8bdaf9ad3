"""File > Restore from backup, as the learner uses it: the list of backups (the one written
last first; one dated in the future says so), the question, the progress dialog and its
Cancel, and closing the window while a restore runs."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.main_window import MainWindow
from ocstudy.ui.window.restore_dialog import RestoreDialog
from ocstudy.userdata.backups import backups_dir, create_backup
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.notes import NoteStore

from .conftest import open_window
from .test_restore_live import big_backup


def note_in(data_dir: Path, slug: str) -> str | None:
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    try:
        row = connection.execute("SELECT text FROM notes WHERE slug = ?", [slug]).fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def leftovers(data_dir: Path) -> list[str]:
    return [p.name for p in data_dir.rglob("*") if ".restore-" in p.name or ".partial" in p.name]


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The learner answers Yes to "Replace your notes…?"."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_the_list_shows_the_backup_written_last_first_and_one_dated_in_the_future(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path, yes: None
) -> None:
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    store, folder = NoteStore(db), backups_dir(data_dir)
    store.save("untoc", "while the clock said 2031")
    ahead = create_backup(db.conn, folder, datetime(2031, 1, 1, tzinfo=UTC))
    store.save("untoc", "yesterday's")
    create_backup(db.conn, folder, datetime(2026, 11, 1, tzinfo=UTC))
    store.save("untoc", "today's")
    last = create_backup(db.conn, folder, datetime(2026, 11, 2, tzinfo=UTC))
    store.save("untoc", "not backed up")
    db.close()
    window = open_window(qtbot, opened_windows, data_dir)
    action = window.findChild(QAction, "restoreAction")
    assert action is not None
    action.trigger()
    dialog = window.findChild(RestoreDialog, "restoreDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    items = [dialog.list.topLevelItem(row) for row in range(dialog.list.topLevelItemCount())]
    rows = [(item.text(0), item.toolTip(0)) for item in items if item is not None]
    assert len(rows) == 3 and last.name in rows[0][1] and "written last" in rows[0][0]
    assert ahead.name in rows[2][1] and "dated in the future" in rows[2][0]
    assert "dated in the future" not in rows[0][0] + rows[1][0]
    dialog.list.setCurrentItem(items[0])
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    operation = window.files.operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=30_000)
    assert note_in(data_dir, "untoc") == "today's"
    window.study.select("untoc")
    assert window.study.notes.editor.toPlainText() == "today's"


def test_cancel_in_the_progress_dialog_changes_nothing(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path, yes: None
) -> None:
    backup = big_backup(tmp_path / "big.db", 30, "B")
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    window.study.select("cnd")
    qtbot.keyClicks(window.study.notes.editor, "mine")
    operation = window.files.restore(backup)
    assert operation is not None
    operation.dialog.cancel_button.click()  # as soon as it is there: nothing is done yet
    assert not operation.dialog.cancel_button.isEnabled()
    assert "Cancelling" in operation.dialog.label.text()
    qtbot.waitUntil(lambda: operation.done, timeout=60_000)
    assert operation.error is None and operation.result is None
    assert "cancelled" in window.statusBar().currentMessage()
    assert note_in(data_dir, "cnd") == "mine" and note_in(data_dir, "B-1") is None
    assert leftovers(data_dir) == []


def test_closing_the_window_during_a_restore_stops_it_and_leaves_the_data_whole(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path, yes: None
) -> None:
    backup = big_backup(tmp_path / "big.db", 30, "B")
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    window.study.select("cnd")
    qtbot.keyClicks(window.study.notes.editor, "mine")
    operation = window.files.restore(backup)
    assert operation is not None
    window.close()  # waits for the restore to stop
    assert not window.isVisible()
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    assert note_in(data_dir, "cnd") == "mine"
    assert leftovers(data_dir) == []


def test_a_second_operation_waits_for_the_first(
    qtbot: QtBot,
    opened_windows: list[MainWindow],
    tmp_path: Path,
    yes: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup = big_backup(tmp_path / "big.db", 30, "B")
    window = open_window(qtbot, opened_windows, tmp_path / "data")
    told: list[str] = []
    monkeypatch.setattr(window, "tell", told.append)
    first = window.files.restore(backup)
    assert first is not None
    assert window.files.restore(backup) is None
    assert told and "Wait until" in told[-1] and "Restoring your data" in told[-1]
    qtbot.waitUntil(lambda: first.done, timeout=60_000)
    assert first.result is not None
