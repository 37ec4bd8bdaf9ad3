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

from .quiz_driving import Clock, QuizWindowFactory, cards_for, log_rows, open_quiz, start

DIGITS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)


def option_texts(quiz: QuizView) -> list[str]:
    return [button.text() for button in quiz.card_page.choices]


def test_space_checks_an_order_with_the_focus_in_the_list(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    service = window.quiz_service()
    card = next(c for c in service.catalogue.cards() if c.kind == "chronology_order")
    quiz.run_session(QuizSession(service.schedule, [card.id]))
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
    card = next(c for c in service.catalogue.cards() if c.kind == "chronology_order")
    quiz.run_session(QuizSession(service.schedule, [card.id]))
    qtbot.keyClick(quiz.card_page.order_list, Qt.Key.Key_E)
    assert window.current_view == "study" and window.study.current_slug == card.entity_slug


def test_an_ordering_card_in_flashcard_mode_is_a_flashcard(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    service = window.quiz_service()
    card = next(c for c in service.catalogue.cards() if c.kind == "chronology_order")
    quiz.run_session(QuizSession(service.schedule, [card.id]))
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
    quiz.run_session(QuizSession(window.quiz_service().schedule, cards_for(window, "choice", 2)))
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


def test_practice_says_so_on_the_card_page(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    badge = quiz.card_page.findChild(QLabel, "quizPracticeBadge")
    quiz.start_page.practice_box.setChecked(True)
    start(qtbot, quiz)
    assert badge.isVisible() and "Practice" in badge.text() and "schedule" in badge.text()
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Escape)
    qtbot.keyClick(quiz.summary_page, Qt.Key.Key_Return)
    quiz.start_page.practice_box.setChecked(False)
    start(qtbot, quiz)
    assert not badge.isVisible()


def test_undo_says_what_it_undid(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    quiz.run_session(QuizSession(window.quiz_service().schedule, cards_for(window, "flashcard", 3)))
    notice = quiz.card_page.notice
    first = quiz.card
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_2)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_U)
    assert quiz.card == first and log_rows(data_dir) == []
    assert notice.isVisible() and "Undone: your answer \u201cHard\u201d" in notice.text()
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Minus)  # bury it
    assert quiz.card != first
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_U)
    assert quiz.card == first
    assert "Undone: buried until tomorrow" in notice.text()


def test_right_on_the_first_try_counts_only_right_first_answers(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    """Not answered (Space) then rated Good, or a wrong pick rated Good: missed, not right."""
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "choice")
    quiz.run_session(QuizSession(window.quiz_service().schedule, cards_for(window, "choice", 3)))
    missed = []
    for how in ("not answered", "wrong", "right"):
        card = quiz.card
        assert card is not None
        right = card.choices.index(card.answer_text)
        if how == "not answered":
            qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
        else:
            qtbot.keyClick(quiz.card_page, DIGITS[right if how == "right" else (right + 1) % 4])
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)  # Good, whatever the check said
        if how != "right":
            missed.append(card.id)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Escape)
    assert "Right on the first try</td><td><b>1 of 3</b>" in quiz.summary.text()
    assert quiz.summary_page.missed_ids() == missed


def test_the_missed_cards_get_the_room_they_need(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    """At 1024x640, five missed cards with long questions: each wrapped and read whole, the
    list as tall as they are (it was a three-line box with a horizontal scroll bar)."""
    window = open_quiz_window()
    window.resize(1024, 640)
    quiz = open_quiz(qtbot, window, "flashcard")
    service = window.quiz_service()
    chosen: dict[str, str] = {}
    for card in sorted(service.catalogue.cards(), key=lambda c: -len(c.prompt)):
        if 70 <= len(card.prompt) <= 110 and not card.is_own:
            chosen.setdefault(card.sibling_key, card.id)
    quiz.run_session(QuizSession(service.schedule, list(chosen.values())[:5]))
    for _ in range(5):
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_1)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Escape)
    missed = quiz.summary_page.missed
    qtbot.waitUntil(lambda: missed.isVisible() and missed.count() == 5)
    bars = (missed.horizontalScrollBar(), missed.verticalScrollBar())
    qtbot.waitUntil(lambda: all(bar.maximum() == 0 for bar in bars))  # nothing to scroll
    viewport = missed.viewport().rect()
    for row in range(missed.count()):
        shown = missed.visualRect(missed.model().index(row, 0))
        assert viewport.contains(shown), (row, shown, viewport)
    heights = [missed.visualRect(missed.model().index(r, 0)).height() for r in range(5)]
    assert max(heights) >= 2 * missed.fontMetrics().lineSpacing()  # wrapped, not cut
    assert quiz.summary_page.practice_button.isVisible()


def test_a_long_option_is_read_whole(qtbot: QtBot, open_quiz_window: QuizWindowFactory) -> None:
    """At 1024x640 the longest option wraps inside its button instead of being cut off."""
    window = open_quiz_window()
    window.resize(1024, 640)
    quiz = open_quiz(qtbot, window, "choice")
    service = window.quiz_service()
    card = max(
        (c for c in service.catalogue.cards() if c.choices and "order" not in c.modes),
        key=lambda c: max(len(option) for option in c.choices),
    )
    quiz.run_session(QuizSession(service.schedule, [card.id]))
    assert quiz.card is not None
    longest = max(quiz.card.choices, key=len)
    button = quiz.card_page.choices[quiz.card.choices.index(longest)]
    qtbot.waitUntil(lambda: button.height() > 2 * button.fontMetrics().height())
    assert longest in button.text() and button.accessibleName().endswith(longest)
    inside = button.contentsRect()
    words = button.fontMetrics().boundingRect(inside, Qt.TextFlag.TextWordWrap, longest)
    assert words.width() <= inside.width() and words.height() <= inside.height()
