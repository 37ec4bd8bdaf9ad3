"""A rating or an undo that cannot be stored says so on the card and changes nothing: the
learner can try again once the disk is back (issue 13's rule, in the quiz)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ocstudy.quiz.session import QuizSession
from ocstudy.ui.quiz.view import QuizView
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.reviews import ReviewStoreError

from .quiz_driving import QuizWindowFactory, cards_for, log_rows, open_quiz


def refuse(*args: object, **kwargs: object) -> None:
    raise ReviewStoreError("attempt to write a readonly database")


def on_first_of_two_cards(qtbot: QtBot, window: MainWindow) -> tuple[QuizView, str, str]:
    """The quiz on the first of two flashcards, answer shown."""
    quiz = open_quiz(qtbot, window, "flashcard")
    a, b = cards_for(window, "flashcard", 2)
    quiz.run_session(QuizSession(window.quiz_service().schedule, [a, b]))
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
    return quiz, a, b


def test_a_rating_that_cannot_be_stored_keeps_the_card_on_screen(
    qtbot: QtBot,
    open_quiz_window: QuizWindowFactory,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_quiz_window()
    quiz, a, b = on_first_of_two_cards(qtbot, window)
    store = window.quiz_service().schedule.reviews
    monkeypatch.setattr(store, "record", refuse)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)
    assert quiz.card is not None and quiz.card.id == a and quiz.revealed
    assert "Your answer is not saved" in quiz.card_page.answer.text()
    assert log_rows(data_dir) == []
    monkeypatch.undo()
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)
    assert log_rows(data_dir) == [(a, 3, "flashcard")] and quiz.card.id == b


def test_an_undo_that_cannot_be_stored_says_so_and_can_be_tried_again(
    qtbot: QtBot,
    open_quiz_window: QuizWindowFactory,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_quiz_window()
    quiz, a, b = on_first_of_two_cards(qtbot, window)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)
    assert quiz.card is not None and quiz.card.id == b
    store = window.quiz_service().schedule.reviews
    monkeypatch.setattr(store, "undo", refuse)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_U)
    assert quiz.card.id == b and "Not undone" in quiz.card_page.notice.text()
    assert log_rows(data_dir) == [(a, 3, "flashcard")]
    monkeypatch.undo()
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_U)
    assert quiz.card.id == a and log_rows(data_dir) == []
