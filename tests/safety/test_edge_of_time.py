"""Times at the edge of Python's range (a clock at 9999-12-30, a note or an answer dated
9999-12-31 or 0001-01-01, seen from UTC+14 or UTC-12): refused or clamped wherever they come in,
and shown safely; answering and the statistics go on."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fsrs import Rating
from pytestqt.qtbot import QtBot

from ocstudy.content.repository import ContentRepository
from ocstudy.services.exchange.notes_io import NotesImportError, import_notes
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats import stats_json
from ocstudy.services.review.stats_text import stats_text
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.reviews import ReviewStore

from .conftest import open_window

CLOCKS = [
    datetime(9999, 12, 30, 12, tzinfo=UTC),
    datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime(1, 1, 1, 0, 0, tzinfo=UTC),
]
ZONES = ["Etc/GMT-14", "Etc/GMT+12", "UTC"]  # POSIX names: GMT-14 is UTC+14


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("clock", CLOCKS, ids=lambda c: c.isoformat())
def test_answering_and_statistics_work_whatever_the_clock_says(
    repository: ContentRepository, tmp_path: Path, clock: datetime, zone: str
) -> None:
    reviews = ReviewStore(open_user_database(tmp_path / "data"))
    service = QuizService.open(repository, reviews, clock=lambda: clock, fuzz=False, seed=1)
    session = service.start()
    assert session.current is not None
    first = session.answer(Rating.Good)
    session.answer(Rating.Again)
    assert session.can_undo and session.undo() is not None
    assert first.due is not None
    assert stats_text(service) and json.dumps(stats_json(service))
    for line in reviews.lines():
        line.reviewed_at.astimezone()  # every stored time can be shown here


@pytest.mark.parametrize(
    "stored",
    ["9999-12-31T23:59:59.999999+00:00", "0001-01-01T00:00:00+00:00"],
)
def test_stored_times_at_the_edge_are_shown_safely(
    repository: ContentRepository, tmp_path: Path, stored: str, zone: str
) -> None:
    """Rows written by another ocstudy, a broken clock or an old import."""
    db = open_user_database(tmp_path / "data")
    NoteStore(db).save("untoc", "a note")
    db.execute("UPDATE notes SET created_at = ?, updated_at = ?", [stored, stored])
    state = json.dumps(
        {
            "state": 2,
            "step": None,
            "stability": 3.0,
            "difficulty": 5.0,
            "due": stored,
            "last_review": stored,
            "reps": 1,
            "lapses": 0,
        }
    )
    db.execute(
        "INSERT INTO review_log (card_id, rating, mode, reviewed_at, duration_ms, "
        "state_before, before_json, after_json) VALUES ('x', 3, 'flashcard', ?, 1000, NULL, "
        "NULL, ?)",
        [stored, state],
    )
    note = NoteStore(db).get("untoc")
    assert note is not None
    note.updated_at.astimezone().strftime("%H:%M:%S")
    note.created_at.astimezone()
    reviews = ReviewStore(db)
    for line in reviews.lines():
        line.reviewed_at.astimezone()
    assert reviews.entry(1) is not None
    now = datetime(2026, 12, 1, tzinfo=UTC)
    service = QuizService.open(repository, reviews, clock=lambda: now, fuzz=False, seed=1)
    assert stats_text(service) and json.dumps(stats_json(service))


@pytest.mark.parametrize(
    "when", ["9999-12-31T00:00:00+00:00", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"]
)
def test_an_imported_note_at_the_edge_is_refused_in_every_zone(
    tmp_path: Path, when: str, zone: str
) -> None:
    db = open_user_database(tmp_path / "data")
    store = NoteStore(db)
    path = tmp_path / "notes.json"
    path.write_text(
        json.dumps(
            {
                "format": "ocstudy-notes",
                "format_version": 1,
                "notes": {"untoc": {"text": "t", "created_at": when, "updated_at": when}},
            }
        )
    )
    with pytest.raises(NotesImportError, match="date and time"):
        import_notes(path, store, ["untoc"], transaction=db.atomic)
    assert store.all() == []


def test_the_window_opens_under_utc_plus_14_on_a_note_dated_9999(
    qtbot: QtBot,
    opened_windows: list[MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    NoteStore(db).save("untoc", "dated at the end of time")
    db.close()
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    connection.execute("UPDATE notes SET updated_at = '9999-12-31T12:00:00+00:00'")
    connection.commit()
    connection.close()
    monkeypatch.setenv("TZ", "Etc/GMT-14")
    time.tzset()
    try:
        window = open_window(qtbot, opened_windows, data_dir)
        window.study.select("untoc")
        assert window.study.notes.editor.toPlainText() == "dated at the end of time"
        assert window.study.notes.saved_label.text().startswith("Saved")
    finally:
        monkeypatch.undo()
        time.tzset()
