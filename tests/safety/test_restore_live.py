"""File > Restore of big backups while the window is open and its timers fire: the data is
whole and holds exactly the backup afterwards, every time (issue 21, item 1).

Before the fix the restore ran SQLite's backup into the window's own connection and called
``processEvents`` from its progress; the window's timers then used that connection half-way:
the first restore of a 58 MB backup segfaulted, and a 19 MB one by the fourth."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.backups import backups_dir, list_backups
from ocstudy.userdata.database import USER_DB_NAME, open_user_database

from .conftest import open_window

_STATE = (
    '{"state": 2, "step": null, "stability": 12.5, "difficulty": 5.1, "due": '
    '"2026-12-01T00:00:00+00:00", "last_review": "2026-11-01T00:00:00+00:00", "reps": 7, '
    '"lapses": 1}'
)


def big_backup(path: Path, megabytes: int, marker: str) -> Path:
    """A whole ocstudy database of about ``megabytes`` MB at ``path``: review log rows and
    notes, each marked with ``marker``."""
    db = open_user_database(path.parent / f"{path.stem}-source")
    rows = megabytes * 1024 * 1024 // 420  # about 420 bytes a row with its indexes
    twice = (_STATE, _STATE)  # the state before and after
    db.conn.execute("BEGIN")
    db.conn.executemany(
        "INSERT INTO review_log (card_id, rating, mode, reviewed_at, duration_ms, state_before, "
        "before_json, after_json) VALUES (?, 3, 'flashcard', ?, 1200, 2, ?, ?)",
        (
            (f"{marker}:card-{n % 5000}", f"2026-{1 + n % 12:02d}-01T00:{n % 60:02d}:00Z", *twice)
            for n in range(rows)
        ),
    )
    db.conn.executemany(
        "INSERT INTO notes (slug, text, created_at, updated_at) VALUES (?, ?, "
        "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
        ((f"{marker}-{n}", f"{marker} note {n} " * 20) for n in range(200)),
    )
    db.conn.execute("COMMIT")
    db.conn.execute("VACUUM INTO ?", [str(path)])
    db.close()
    return path


def contents(path: Path) -> tuple[str, str]:
    """A digest of every review log row and note in ``path``, and its integrity check."""
    connection = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        for row in connection.execute("SELECT * FROM review_log ORDER BY id"):
            digest.update(repr(row).encode())
        for row in connection.execute("SELECT slug, text FROM notes ORDER BY slug"):
            digest.update(repr(row).encode())
        return digest.hexdigest(), connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


@pytest.mark.slow
def test_restoring_big_backups_again_and_again_with_the_timers_firing(
    qtbot: QtBot,
    opened_windows: list[MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sources = [big_backup(tmp_path / "a.db", 50, "A"), big_backup(tmp_path / "b.db", 60, "B")]
    assert all(source.stat().st_size > 50_000_000 for source in sources)
    wanted = {source: contents(source)[0] for source in sources}
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(window, "tell", told.append)
    outside = window.findChild(QTimer, "outsideChangesTimer")
    backups = window.findChild(QTimer, "automaticBackupTimer")
    assert outside is not None and backups is not None
    outside.setInterval(1)  # the real timers, firing all the time
    backups.setInterval(200)
    reads: list[int] = []  # and the window reading its data through its connection meanwhile
    reader = QTimer(window)
    reader.timeout.connect(lambda: reads.append(len(window.services.study.noted_slugs())))
    reader.start(1)
    for run, source in enumerate(sources * 2):
        operation = window.files.restore(source)
        assert operation is not None
        qtbot.waitUntil(lambda op=operation: op.done, timeout=120_000)
        assert operation.error is None and operation.result is not None, told
        digest, integrity = contents(data_dir / USER_DB_NAME)
        assert integrity == "ok", (run, integrity)
        assert digest == wanted[source], run
        assert told[-1].startswith(f"Restored {source.name}."), told
    reader.stop()
    backups.setInterval(30 * 60_000)
    assert len(reads) > 100
    assert len(list_backups(backups_dir(data_dir))) >= 4  # each restore kept what was before
    window.study.select("untoc")  # the window still reads and writes its data
    qtbot.keyClicks(window.study.notes.editor, "after four restores")
    assert window.study.flush()
