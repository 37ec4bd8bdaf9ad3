"""A backup with every table and column right but values no reader can read (issue 21, item
7): a restore repairs them and says so, or refuses the backup in one line and changes
nothing; after a repair every store, the quiz and the statistics read the data."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ocstudy.content.repository import ContentRepository
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats import compute_stats, stats_json
from ocstudy.services.safety import DataSafety
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.backup_check import BackupError, check_backup
from ocstudy.userdata.database import USER_DB_NAME, UserDatabase, open_user_database
from ocstudy.userdata.marks import MarkStore
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.own_cards import OwnCardStore
from ocstudy.userdata.reviews import ReviewStore
from ocstudy.userdata.values import find_bad_values

from .conftest import open_window
from .test_restore_checks import ocstudy_database

NOW = datetime(2026, 12, 1, tzinfo=UTC)
T = "'2026-11-01T00:00:00+00:00'"
OWN = (
    "INSERT INTO own_cards VALUES ('own:1', 'Front', 'Back', 'untoc', {themes}, {made}, {changed})"
)
STATE = "INSERT INTO card_states VALUES ('untoc:date', {state}, 0, 3.0, 5.0, {due}, NULL, 1, 0)"
MARK = "INSERT INTO card_marks VALUES ('untoc:date', 0, {until}, 0, 0)"
LOG = (
    "INSERT INTO review_log (card_id, rating, mode, reviewed_at, duration_ms, after_json) "
    "VALUES ('untoc:date', {rating}, 'flashcard', {at}, 1000, {after})"
)
AFTER = (
    """'{"state": 2, "step": null, "stability": 3.0, "difficulty": 5.0, "due": """
    """"2026-11-02T00:00:00+00:00", "last_review": null, "reps": 1, "lapses": 0}'"""
)

#: What the issue found, as SQL on a whole backup, and a word the repair message must hold.
REPAIRED = {
    "retention 'abc'": ("INSERT INTO settings VALUES ('quiz.desired_retention', 'abc')", "default"),
    "new cards 'x'": ("INSERT INTO settings VALUES ('quiz.new_cards_per_day', 'x')", "default"),
    "themes not JSON": (OWN.format(themes="'history, law'", made=T, changed=T), "theme"),
    "own card created_at": (OWN.format(themes="'[]'", made="'yesterday'", changed=T), "time"),
    "own card updated_at": (OWN.format(themes="'[]'", made=T, changed="'later'"), "time"),
    "note created_at": (f"INSERT INTO notes VALUES ('cnd', 'text', 'then', {T})", "time"),
    "note updated_at": (f"INSERT INTO notes VALUES ('cnd', 'text', {T}, 42)", "time"),
    "due": (STATE.format(state=2, due="'soon'"), "new again"),
    "state 99": (STATE.format(state=99, due=T), "new again"),
    "buried_until": (MARK.format(until="'tomorrow'"), "not buried"),
}
REFUSED = {
    "answer time": LOG.format(rating=3, at="'whenever'", after=AFTER),
    "answer rating": LOG.format(rating=9, at=T, after=AFTER),
    "answer state": LOG.format(rating=3, at=T, after="'not json'"),
}


def junk_backup(tmp_path: Path, statement: str) -> Path:
    path = ocstudy_database(tmp_path / "junk.db")
    connection = sqlite3.connect(path)
    connection.execute(statement)
    connection.commit()
    connection.close()
    return path


def every_reader_reads(db: UserDatabase, repository: ContentRepository) -> None:
    NoteStore(db).all()
    OwnCardStore(db).all()
    reviews = ReviewStore(db)
    reviews.states()
    MarkStore(reviews).marks()
    quiz = QuizService.open(repository, reviews, own=OwnCardStore(db))
    quiz.settings.current()
    compute_stats(quiz)
    stats_json(quiz)


@pytest.mark.parametrize("kind", REPAIRED)
def test_junk_values_are_repaired_and_said(
    tmp_path: Path, repository: ContentRepository, kind: str
) -> None:
    statement, word = REPAIRED[kind]
    backup = junk_backup(tmp_path, statement)
    check_backup(backup)  # repairable: a good backup
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    restored = DataSafety(db, data_dir).restore(backup)
    assert restored is not None and restored.repaired is not None
    assert word in restored.repaired and "\n" not in restored.repaired
    assert find_bad_values(db.conn, NOW) == []
    assert NoteStore(db).get("untoc").text == "backed up"  # type: ignore[union-attr]
    every_reader_reads(db, repository)
    connection = sqlite3.connect(backup)  # the file restored from is never changed
    assert find_bad_values(connection, NOW) != []
    connection.close()


def test_a_repaired_theme_keeps_the_learners_text(tmp_path: Path) -> None:
    backup = junk_backup(tmp_path, REPAIRED["themes not JSON"][0])
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    DataSafety(db, data_dir).restore(backup)
    (card,) = OwnCardStore(db).all()
    assert card.themes == ("history, law",) and card.front == "Front"


@pytest.mark.parametrize("kind", REFUSED)
def test_junk_in_the_review_log_is_refused_in_one_line(tmp_path: Path, kind: str) -> None:
    backup = junk_backup(tmp_path, REFUSED[kind])
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    NoteStore(db).save("cnd", "mine")
    with pytest.raises(BackupError) as refused:
        DataSafety(db, data_dir).restore(backup)
    message = str(refused.value)
    assert "\n" not in message and "review log" in message and "nothing was changed" in message
    assert NoteStore(db).get("cnd").text == "mine"  # type: ignore[union-attr]
    assert not (data_dir / "backups").exists()  # not even backed up: nothing was touched


def test_file_restore_of_a_junk_backup_says_what_it_repaired(
    qtbot: QtBot,
    opened_windows: list[MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup = junk_backup(tmp_path, REPAIRED["retention 'abc'"][0])
    window = open_window(qtbot, opened_windows, tmp_path / "data")
    told: list[str] = []
    monkeypatch.setattr(window, "tell", told.append)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    restore = window.files.restore(backup)
    assert restore is not None
    qtbot.waitUntil(lambda: restore.done, timeout=30_000)
    assert told and "Repaired" in told[-1] and "quiz.desired_retention" in told[-1]
    window.show_view("stats")  # the statistics open on the restored data
    window.show_view("quiz")


def test_restore_of_a_junk_backup_on_the_command_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    open_user_database(data_dir).close()
    for statement, code, said in (
        (REPAIRED["state 99"][0], 0, "repaired"),
        (REFUSED["answer time"], 2, "not a good ocstudy backup"),
    ):
        backup = junk_backup(tmp_path / str(code), statement)
        result = subprocess.run(
            [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), "restore", str(backup)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == code, result.stderr
        assert said in (result.stdout + result.stderr) and "Traceback" not in result.stderr
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    assert connection.execute("SELECT count(*) FROM card_states").fetchone() == (0,)
    connection.close()
