"""Junk values in the learner's database (issue 21 §7): each is said once, naming its row,
and left out (or read as its default); every command and view goes on with the other rows.

Before the fix each of these ended in a traceback: ``ValueError: could not convert string to
float: 'abc'`` (the settings), ``JSONDecodeError`` (themes), ``Invalid isoformat string``
(the times), ``99 is not a valid State``, a ``TypeError`` in fsrs's arithmetic (stability)."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from tests.safety.conftest import open_window
from tests.safety.junk_data import (
    JUNK_NOTE_TEXT,
    JUNK_OWN,
    KEPT_FRONT,
    KEPT_NOTE_TEXT,
    KEPT_OWN,
    Junk,
    Learner,
    junk_values,
    make_learner,
    planted,
)
from tests.ui.quiz_driving import open_quiz, start

from ocstudy import cli
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.session import QuizSession
from ocstudy.services.browser.rows import card_history, card_rows
from ocstudy.services.exchange.notes_io import notes_json_text
from ocstudy.services.exchange.own_cards_io import own_cards_json_text
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats import compute_stats
from ocstudy.services.review.stats_text import stats_text
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import USER_DB_NAME, UserDatabase, open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.own_cards import OwnCardStore
from ocstudy.userdata.reviews import ReviewStore, ReviewStoreError

COMMANDS = {
    "stats": ["stats"],
    "stats --json": ["stats", "--json"],
    "export anki": ["export", "anki", "deck.apkg"],
    "export csv": ["export", "csv", "cards.csv"],
    "export notes": ["export", "notes", "notes.json"],
    "export own-cards": ["export", "own-cards", "own.json"],
    "fsrs evaluate": ["fsrs", "evaluate"],
}


@pytest.fixture(scope="module")
def learner(tmp_path_factory: pytest.TempPathFactory, repository: ContentRepository) -> Learner:
    return make_learner(tmp_path_factory.mktemp("learner") / "data", repository)


def _junk(key: str, learner: Learner) -> Junk:
    return next(junk for junk in junk_values(learner) if junk.key == key)


JUNK_KEYS = [
    "retention",
    "new-per-day",
    "themes",
    "own-created",
    "own-updated",
    "own-front",
    "due",
    "state-99",
    "stability",
    "buried",
    "flag",
    "note-created",
    "note-updated",
    "note-bytes",
    "rating",
    "reviewed-at",
    "answer-time",
    "parameters",
]


def test_the_list_of_junk_is_the_one_tried(learner: Learner) -> None:
    assert [junk.key for junk in junk_values(learner)] == JUNK_KEYS


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("key", JUNK_KEYS)
def test_a_command_on_junk_says_it_once_and_goes_on(
    key: str,
    command: str,
    learner: Learner,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    junk = _junk(key, learner)
    folder = planted(learner, junk, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["--data-dir", str(folder), *COMMANDS[command]])
    out, err = capsys.readouterr()
    assert code == 0, err
    warnings = err.splitlines()
    assert all(line.startswith("ocstudy: warning: ") for line in warnings), err
    if command in junk.read_by:
        assert len(warnings) == 1, err  # once, however often the row is read
        assert junk.names in warnings[0]
    assert out.strip()
    _the_other_rows_are_there(command, out, tmp_path, learner, junk)


def _the_other_rows_are_there(
    command: str, out: str, where: Path, learner: Learner, junk: Junk
) -> None:
    if command == "stats --json":
        stats = json.loads(out)
        own_cards = 2  # an own card is never left out for a bad value (read as a default)
        assert stats["total_cards"] - stats["never_reviewed"] >= 25
        themes = {theme["key"]: theme for theme in stats["themes"]}
        assert themes["drugs"]["reviewed"] >= own_cards - (junk.key == "themes")
    elif command == "export own-cards":
        cards = set(json.loads((where / "own.json").read_text())["cards"])
        assert cards == {KEPT_OWN, JUNK_OWN}  # the learner's card, never left out
    elif command == "export notes":
        texts = json.loads((where / "notes.json").read_text())["notes"].values()
        shown = "\n".join(note["text"] for note in texts)
        assert KEPT_NOTE_TEXT in shown
        assert (JUNK_NOTE_TEXT in shown) != (junk.key == "note-bytes")  # never left out
    elif command == "export csv":
        assert KEPT_FRONT in (where / "cards.csv").read_text()


@pytest.mark.parametrize("key", JUNK_KEYS)
def test_every_view_on_junk_says_it_once_and_shows_the_rest(
    key: str,
    learner: Learner,
    tmp_path: Path,
    qtbot: QtBot,
    opened_windows: list[MainWindow],
) -> None:
    junk = _junk(key, learner)
    window = open_window(qtbot, opened_windows, planted(learner, junk, tmp_path / "data"))
    service = window.quiz_service()

    quiz = open_quiz(qtbot, window, "flashcard")  # the start page counts the scope
    start(qtbot, quiz)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_U)  # undo reads the answer back
    asked = [i for i in (learner.scheduled, JUNK_OWN, KEPT_OWN) if service.schedule.available(i)]
    quiz.run_session(QuizSession(service.schedule, asked))
    for _ in asked:
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)
    assert quiz.session is not None and quiz.session.answered == len(asked)

    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert window.stats is not None and window.stats.stats is not None
    assert window.stats.stats.total_cards - window.stats.stats.never_reviewed >= 25

    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    cards = window.cards
    assert cards is not None
    shown = set(cards.model.card_ids())
    assert KEPT_OWN in shown and len(shown & learner.answered) >= 29
    for card_id in (learner.scheduled, learner.flagged, JUNK_OWN):
        if card_id in shown:
            cards.table.selectRow(cards.model.row_of(card_id) or 0)
            assert cards.current_card_id() == card_id and cards.detail.toPlainText()
            cards.show_card_info()
            info = cards.findChild(QDialog, "cardInfoDialog")
            assert info is not None
            info.close()

    window.study.select(learner.junk_note)
    window.study.select(learner.kept_note)
    assert window.study.notes.editor.toPlainText() == KEPT_NOTE_TEXT
    if junk.key.startswith("note"):
        window.study.select(learner.junk_note)
        assert window.study.notes.editor.toPlainText().startswith(
            "\ufffd" if junk.key == "note-bytes" else JUNK_NOTE_TEXT
        )

    messages = window.unreadable_messages
    assert len(messages) == len(set(messages))  # each once
    naming = [message for message in messages if junk.names in message]
    assert naming, messages
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Your data"))
    assert all(message in window.statusBar().toolTip() for message in messages)


# -- any junk in any column -----------------------------------------------------------------

ODD_TEXTS = (
    "",
    "2026-02-30",
    "2026-11-29",
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "now",
    "[]",
    "{}",
    "null",
    '["x", 1]',
    '{"state": 2}',
    "1e400",
    "nan",
    "-inf",
    "-1",
    "0",
    "99",
)
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.text(max_size=30),
    st.binary(max_size=10),
    st.sampled_from(ODD_TEXTS),
)
COLUMNS = {
    "card_states": ("state step stability difficulty due last_review reps lapses", "card_id"),
    "review_log": (
        "card_id rating mode reviewed_at duration_ms state_before before_json after_json",
        "id",
    ),
    "card_marks": ("suspended buried_until flag leech", "card_id"),
    "own_cards": ("id front back entity_slug themes created_at updated_at", "id"),
    "notes": ("text created_at updated_at", "slug"),
    "settings": ("value", "key"),
}
SETTINGS = ("quiz.desired_retention", "quiz.new_cards_per_day", "quiz.leech_threshold")


@st.composite
def junk_cells(draw: st.DrawFn) -> tuple[str, str, str, object]:
    """A table, a column, which row (by the test's learner: see ``_row_key``) and a value."""
    table = draw(st.sampled_from(sorted(COLUMNS)))
    column = draw(st.sampled_from(COLUMNS[table][0].split()))
    row = draw(st.sampled_from(SETTINGS)) if table == "settings" else table
    return table, column, row, draw(ANY_VALUE)


def _row_key(learner: Learner, table: str, row: str) -> object:
    keys = {
        "card_states": learner.scheduled,
        "review_log": learner.last_answer,
        "card_marks": learner.buried,
        "own_cards": JUNK_OWN,
        "notes": learner.junk_note,
    }
    return keys.get(table, row)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(junk_cells(), min_size=1, max_size=3))
def test_any_junk_in_any_column_is_read_without_a_traceback(
    cells: list[tuple[str, str, str, object]], learner: Learner, repository: ContentRepository
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "data"
        shutil.copytree(learner.folder, folder)
        connection = sqlite3.connect(folder / USER_DB_NAME)
        for table, column, row, value in cells:
            key_column = COLUMNS[table][1]
            if table == "settings":
                connection.execute("INSERT OR IGNORE INTO settings VALUES (?, '1')", [row])
            with contextlib.suppress(sqlite3.IntegrityError), connection:  # NOT NULL, a taken key
                connection.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {key_column} = ?",
                    [value, _row_key(learner, table, row)],
                )
        connection.close()
        db = open_user_database(folder)
        try:
            _read_everything(db, repository, learner, len(cells))
        finally:
            db.close()


def _read_everything(
    db: UserDatabase, content: ContentRepository, learner: Learner, bad_rows: int
) -> None:
    """What the commands and the views read, all of it: nothing raises, and the rows the
    junk is not in are all there."""
    said: list[str] = []
    db.unreadable_rows.listen(said.append)
    reviews, own = ReviewStore(db), OwnCardStore(db)
    service = QuizService.open(content, reviews, own=own, fuzz=False, seed=1)
    stats = compute_stats(service)
    json.dumps(stats.to_json_dict())
    stats_text(service)
    assert KEPT_OWN in {card.id for card in service.catalogue.cards()}
    assert (
        len(set(service.schedule.states()) & learner.answered) >= len(learner.answered) - bad_rows
    )
    rows = {row.id for row in card_rows(service)}
    assert KEPT_OWN in rows
    for card_id in (learner.scheduled, learner.buried, JUNK_OWN, KEPT_OWN):
        card_history(service, card_id)
    service.fsrs_fit.log()
    now = service.schedule.now()
    own_cards_json_text(own.all(), content, now)
    notes = NoteStore(db).all()
    assert KEPT_NOTE_TEXT in notes_json_text(notes, content, now)
    with contextlib.suppress(ReviewStoreError):  # an answer that cannot be read is not undone
        reviews.entry(learner.last_answer)
    session = service.start(limit=3)
    while session.current is not None:
        session.answer(Rating.Good, duration_ms=1000)
    assert len(said) == len(set(said))  # each once


def test_an_answer_dated_before_the_one_before_it_is_measured(
    data_dir: Path, repository: ContentRepository
) -> None:
    """The clock was set back between two answers (found by the test above, with a time of
    0): ``fsrs evaluate`` raised OverflowError on the negative number of days."""
    db = open_user_database(data_dir)
    service = QuizService.open(repository, ReviewStore(db), fuzz=False, seed=1)
    card_id = service.catalogue.cards()[0].id
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    state = None
    for days in (0, 10, 5, 20):
        when = start + timedelta(days=days)
        after = service.schedule.scheduler.review(card_id, state, Rating.Good, when)
        service.schedule.record(card_id, Rating.Good, "flashcard", when, 1000, state, after)
        state = after
    evaluation = service.fsrs_fit.evaluate()
    assert evaluation.log_loss >= 0
