"""Issue 23's rough edges of the quiz, by the real widgets: Space checks an order, ordering
cards as flashcards, one option order a card a session, practice and undo said on the card
page, the summary's first-try count and its list of missed cards."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from ocstudy.quiz.model import OrderAnswer
from ocstudy.quiz.session import QuizSession
from ocstudy.ui.quiz.view import QuizView

from .quiz_driving import Clock, QuizWindowFactory, cards_for, log_rows, open_quiz

DIGITS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)


def option_texts(quiz: QuizView) -> list[str]:
    return [button.text() for button in quiz.card_page.choices]


def test_space_checks_an_order_with_the_focus_in_the_list(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    service = window.quiz_service()
    card = next(c for c in service.cards() if c.kind == "chronology_order")
    quiz.run_session(QuizSession(service, [card.id]))
    items = quiz.card_page.order_list
    assert quiz.mode == "order" and QApplication.focusWidget() is items
    assert "Space" in quiz.card_page.findChild(QLabel, "quizOrderHint").text()
    assert "Space" in quiz.card_page.check_order_button.text()
    answer = card.answer
    assert isinstance(answer, OrderAnswer)
    for target, wanted in enumerate(answer.order):
        row = items.order().index(wanted)
        items.setCurrentRow(row)
        for _ in range(row - target):
            qtbot.keyClick(items, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(items, Qt.Key.Key_Space)
    assert quiz.revealed and "Right" in quiz.card_page.answer.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert log_rows(data_dir) == [(card.id, 3, "order")]


def test_the_quiz_keys_reach_the_view_from_the_order_list(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    """U, E and the others are the quiz's, not the list's type-ahead search."""
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    service = window.quiz_service()
    card = next(c for c in service.cards() if c.kind == "chronology_order")
    quiz.run_session(QuizSession(service, [card.id]))
    qtbot.keyClick(quiz.card_page.order_list, Qt.Key.Key_E)
    assert window.current_view == "study" and window.study.current_slug == card.entity_slug


def test_an_ordering_card_in_flashcard_mode_is_a_flashcard(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    service = window.quiz_service()
    card = next(c for c in service.cards() if c.kind == "chronology_order")
    quiz.run_session(QuizSession(service, [card.id]))
    page = quiz.card_page
    assert quiz.mode == "flashcard"
    assert not page.order_list.isVisible() and page.show_button.isVisible()
    front = page.prompt.text()
    assert all(escape(item) in front for item in card.items)  # the events to order
    qtbot.keyClick(page, Qt.Key.Key_Space)
    back = page.answer.text()
    answer = card.answer
    assert isinstance(answer, OrderAnswer)
    places = [back.index(escape(card.items[i])) for i in answer.order]
    assert places == sorted(places)  # the order on the back, earliest first
    assert all(date in back for date in answer.dates)
    qtbot.keyClick(page, Qt.Key.Key_3)
    assert log_rows(data_dir) == [(card.id, 3, "flashcard")]


def test_options_keep_their_order_when_a_card_comes_back(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, clock: Clock
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "choice")
    quiz.run_session(QuizSession(window.quiz_service(), cards_for(window, "choice", 2)))
    first = quiz.card
    assert first is not None and quiz.mode == "choice"
    shown = option_texts(quiz)
    wrong = next(i for i, option in enumerate(first.choices) if option != first.answer_text)
    qtbot.keyClick(quiz.card_page, DIGITS[wrong])
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)  # Again: it comes back
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_U)  # undo shows it again
    assert quiz.card == first and option_texts(quiz) == shown
    qtbot.keyClick(quiz.card_page, DIGITS[wrong])
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_1)
    while quiz.card is not None and quiz.card.id != first.id:
        clock.advance(timedelta(minutes=2))
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)
    assert quiz.card == first and option_texts(quiz) == shown

