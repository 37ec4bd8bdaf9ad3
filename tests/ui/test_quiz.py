"""The quiz and statistics views, answered with the keyboard as a learner would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from ocstudy.quiz.session import QuizSession
from ocstudy.services.review.quiz import Scope

from .quiz_driving import Clock, QuizWindowFactory, cards_for, log_rows, open_quiz, start


def test_flashcard_space_shows_and_keys_rate(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    quiz.run_session(QuizSession(window.quiz_service().schedule, cards_for(window, "flashcard", 3)))
    card = quiz.card
    assert card is not None and quiz.mode == "flashcard"
    assert "left, about" in quiz.card_page.progress_label.text()
    assert card.prompt in quiz.card_page.prompt.text()
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
    assert quiz.revealed and card.answer_text in quiz.card_page.answer.text()
    assert "Source:" in quiz.card_page.answer.text()
    good = quiz.card_page.rating_buttons
    assert all("\u00b7" in button.text() for button in good.values())  # next intervals shown
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)
    assert log_rows(data_dir) == [(card.id, 3, "flashcard")]
    assert quiz.card is not None and quiz.card.id != card.id


def test_choice_digits_pick_and_space_accepts(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "choice")
    quiz.run_session(QuizSession(window.quiz_service().schedule, cards_for(window, "choice", 3)))
    assert quiz.card is not None and quiz.mode == "choice"
    right = quiz.card.choices.index(quiz.card.answer_text)
    qtbot.keyClick(quiz.card_page, getattr(Qt.Key, f"Key_{right + 1}"))
    assert "Right" in quiz.card_page.answer.text()
    first = quiz.card.id
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)  # accept the suggested rating (Good)
    assert quiz.card is not None and quiz.mode == "choice"
    wrong = next(i for i, c in enumerate(quiz.card.choices) if c != quiz.card.answer_text)
    second = quiz.card.id
    qtbot.keyClick(quiz.card_page, getattr(Qt.Key, f"Key_{wrong + 1}"))
    assert "Not right" in quiz.card_page.answer.text()
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Return)
    assert log_rows(data_dir) == [(first, 3, "choice"), (second, 1, "choice")]


def test_typed_answer_is_checked_tolerantly(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "typed")
    service = window.quiz_service()
    card = next(
        c
        for c in service.catalogue.cards()
        if c.id == "smuggling-protocol:event:entry_into_force:forward"
    )
    quiz.run_session(QuizSession(service.schedule, [card.id]))
    assert quiz.mode == "typed"
    qtbot.keyClicks(quiz.card_page.typed, "january 28, 2004")
    qtbot.keyClick(quiz.card_page.typed, Qt.Key.Key_Return)
    assert "Right" in quiz.card_page.answer.text()
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Return)
    assert log_rows(data_dir) == [(card.id, 3, "typed")]


def test_typed_difference_is_shown(qtbot: QtBot, open_quiz_window: QuizWindowFactory) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "typed")
    service = window.quiz_service()
    card = next(
        c
        for c in service.catalogue.cards()
        if c.id == "firearms-protocol:event:entry_into_force:forward"
    )
    quiz.run_session(QuizSession(service.schedule, [card.id], practice=True))
    qtbot.keyClicks(quiz.card_page.typed, "3 June 2005")
    qtbot.keyClick(quiz.card_page.typed, Qt.Key.Key_Return)
    text = quiz.card_page.answer.text()
    assert "Not right" in text and "3 July 2005" in text
    assert "The paper says" in text  # the paper's wrong value is named, not taught


def test_ordering_by_keyboard(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    service = window.quiz_service()
    card = next(c for c in service.catalogue.cards() if c.kind == "chronology_order")
    quiz.run_session(QuizSession(service.schedule, [card.id]))
    assert quiz.mode == "order"
    hint = quiz.card_page.findChild(QLabel, "quizOrderHint")
    assert hint is not None and hint.isVisible() and "Alt+" in hint.text()
    items = quiz.card_page.order_list
    right = list(card.answer.order)  # type: ignore[union-attr]
    for target, wanted in enumerate(right):  # move each event into place with Alt+Up
        row = items.order().index(wanted)
        items.setCurrentRow(row)
        for _ in range(row - target):
            qtbot.keyClick(items, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert items.order() == right
    qtbot.keyClick(items, Qt.Key.Key_Return)
    assert "Right" in quiz.card_page.answer.text()
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
    assert log_rows(data_dir) == [(card.id, 3, "order")]


def test_undo_takes_back_answers(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    quiz = open_quiz(qtbot, open_quiz_window(), "flashcard")
    start(qtbot, quiz)
    shown = []
    for _ in range(3):
        assert quiz.card is not None
        shown.append(quiz.card.id)
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_1 if len(shown) == 2 else Qt.Key.Key_3)
    assert len(log_rows(data_dir)) == 3
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_U)
    assert len(log_rows(data_dir)) == 2 and quiz.card is not None and quiz.card.id == shown[2]
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(log_rows(data_dir)) == 1 and quiz.card is not None and quiz.card.id == shown[1]


def test_e_opens_the_entity_and_escape_ends(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    quiz.start_page.choose_scope(Scope.theme("firearms"))  # cards on entries
    start(qtbot, quiz)
    assert quiz.card is not None
    slug = quiz.card.entity_slug
    assert slug
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_E)
    assert window.current_view == "study" and window.study.current_slug == slug
    window.show_view("quiz")
    quiz.card_page.setFocus()
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Escape)
    summary = quiz.summary.text()
    assert "Answered</td><td><b>1</b>" in summary and "Next card due" in summary


def test_practice_never_changes_the_schedule(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    quiz = open_quiz(qtbot, open_quiz_window(), "flashcard")
    quiz.start_page.practice_box.setChecked(True)
    start(qtbot, quiz)
    for _ in range(3):
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)
    assert log_rows(data_dir) == []


def test_scope_and_settings(qtbot: QtBot, open_quiz_window: QuizWindowFactory) -> None:
    window = open_quiz_window()
    window.study.select("untoc")
    quiz = open_quiz(qtbot, window, "flashcard")
    quiz.start_page.choose_scope(Scope.entity("untoc"))
    assert "UNTOC" in quiz.start_page.scope_box.currentText()
    quiz.start_page.new_box.setValue(5)
    quiz.start_page.retention_box.setValue(0.85)
    assert window.quiz_service().settings.current().new_cards_per_day == 5
    assert window.quiz_service().settings.current().desired_retention == pytest.approx(0.85)
    start(qtbot, quiz)
    assert quiz.session is not None and quiz.session.progress().new == 5
    family = {"untoc", "tip-protocol", "smuggling-protocol", "firearms-protocol"}
    assert quiz.card is not None and family & set(quiz.card.entity_slugs)


def test_done_when_a_new_user_studies_trafficking_and_the_stats_agree(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path, clock: Clock
) -> None:
    """Issue 5's 'Done when': start a quiz on "Trafficking in persons", answer ten cards by
    keyboard in different modes, undo one, quit, relaunch, see the statistics and tomorrow's
    due count, and `ocstudy stats` agrees."""
    window = open_quiz_window(fixed_clock=False)
    quiz = open_quiz(qtbot, window, "mixed")
    quiz.start_page.choose_scope(Scope.theme("trafficking-in-persons"))
    start(qtbot, quiz)
    modes = set()
    for _ in range(10):
        card = quiz.card
        assert card is not None and "trafficking-in-persons" in card.themes
        modes.add(quiz.mode)
        if quiz.mode == "choice":
            qtbot.keyClick(
                quiz.card_page, getattr(Qt.Key, f"Key_{card.choices.index(card.answer_text) + 1}")
            )
        elif quiz.mode == "typed":
            qtbot.keyClicks(quiz.card_page.typed, card.answer_text)
            qtbot.keyClick(quiz.card_page.typed, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
    assert modes and modes <= {"flashcard", "choice", "typed", "order"}
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_U)
    assert len(log_rows(data_dir)) == 9
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    again = open_quiz_window(fixed_clock=False)
    qtbot.keyClick(again, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert again.current_view == "stats" and again.stats is not None
    figures = {key: label.text() for key, label in again.stats.figures.items()}
    assert figures["reviewed_today"] == "9"
    result = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), "stats", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    )
    cli = json.loads(result.stdout)
    assert cli["reviewed_today"] == 9 == again.stats.stats.reviewed_today  # type: ignore[union-attr]
    assert str(cli["due_today"]) == figures["due_today"]
    assert str(cli["due_tomorrow"]) == figures["due_tomorrow"]
    text = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), "stats"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Due tomorrow:    {cli['due_tomorrow']}" in text
    assert sum(d["count"] for d in cli["reviews_per_day"]) == 9
    assert again.stats.history.values[-1][1] == 9
    del clock  # the real clock here: the CLI and the app must agree on what today is


def test_alt_s_starts_the_session_as_the_start_buttons_underlined_s_says(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    assert quiz.start_page.start_button.text().startswith("&S")
    quiz.start_page.scope_box.setFocus()
    qtbot.keyClick(quiz.start_page.scope_box, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: quiz.card is not None)  # a button's key clicks it after a moment


def test_e_on_a_card_of_the_whole_paper_says_it_has_no_entry(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    service = window.quiz_service()
    paper_wide = next(c.id for c in service.catalogue.cards() if not c.entity_slug)
    quiz.run_session(QuizSession(service.schedule, [paper_wide]))
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_E)
    assert window.current_view == "quiz"
    assert quiz.card_page.notice.isVisible()
    assert "no entry" in quiz.card_page.notice.text()
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_1)  # Again: missed, listed in the summary
    if quiz.card is not None:  # it comes back once more: end the session
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_Escape)
    missed = quiz.summary_page.missed.item(0)
    assert missed is not None and "opens" not in missed.toolTip()


def test_larger_text_widens_the_start_pages_column_so_nothing_is_cut(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    page = quiz.start_page
    controls = (page.practice_box, page.decide_button, page.start_button, page.custom_button)

    def whole() -> bool:
        return all(control.width() >= control.sizeHint().width() for control in controls)

    try:
        for _ in range(4):
            qtbot.keyClick(page.start_button, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: page.font().pointSizeF() == window.menus.appearance.points)
        qtbot.waitUntil(whole)
    finally:
        window.menus.reset_size()
