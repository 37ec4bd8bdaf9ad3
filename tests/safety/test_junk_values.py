"""Junk values in the learner's database (issue 21 §7): each is said once, naming its row,
and left out (or read as its default); every command and view goes on with the other rows.

Before the fix each of these ended in a traceback: ``ValueError: could not convert string to
float: 'abc'`` (the settings), ``JSONDecodeError`` (themes), ``Invalid isoformat string``
(the times), ``99 is not a valid State``, a ``TypeError`` in fsrs's arithmetic (stability)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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
from ocstudy.ui.window.main_window import MainWindow

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
        own_cards = 1 if junk.key in {"own-created", "own-updated", "own-front"} else 2
        assert stats["total_cards"] - stats["never_reviewed"] >= 25
        themes = {theme["key"]: theme for theme in stats["themes"]}
        assert themes["drugs"]["reviewed"] >= own_cards - (junk.key == "themes")
    elif command == "export own-cards":
        cards = set(json.loads((where / "own.json").read_text())["cards"])
        left_out = junk.key in {"own-created", "own-updated", "own-front"}
        assert cards == ({KEPT_OWN} if left_out else {KEPT_OWN, JUNK_OWN})
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
    asked = [i for i in (learner.scheduled, JUNK_OWN, KEPT_OWN) if service.available(i)]
    quiz.run_session(QuizSession(service, asked))
    for _ in asked:
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)
    assert quiz.session is not None and quiz.session.answered == len(asked)

    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.stats is not None and window.stats.stats is not None
    assert window.stats.stats.total_cards - window.stats.stats.never_reviewed >= 25

    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
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
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Your data: "))
    assert all(message in window.statusBar().toolTip() for message in messages)
