"""The exam on the quiz's start page and the practice exam, driven as a learner would: a date
set shows the forecast; a 3-question practice exam answered by keys and clicks shows its
result, and the review log is untouched."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFontMetrics, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from ocstudy.quiz.scope import Scope
from ocstudy.services.review.exam import ExamService
from ocstudy.ui.common.palette import palette_colors
from ocstudy.ui.quiz.exam_box import ExamBox
from ocstudy.ui.quiz.exam_themes import ROWS_SHOWN, THEME_ROLE
from ocstudy.ui.quiz.view import QuizView
from ocstudy.ui.window.appearance import dark_palette

from .quiz_driving import Clock, QuizWindowFactory, log_rows, open_quiz, start
from .test_one_undo import counting

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def exam_set(qtbot: QtBot, quiz: QuizView, day: QDate) -> ExamBox:
    box = quiz.start_page.exam_box
    qtbot.mouseClick(box.set_box, Qt.MouseButton.LeftButton)
    box.date_edit.setDate(day)
    qtbot.waitUntil(lambda: "If you stopped now" in box.status.text())
    return box


def test_enter_on_a_theme_row_studies_that_theme(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    box = exam_set(qtbot, quiz, QDate(2026, 12, 20))
    second = box.themes.model().index(1, 0)
    theme = second.data(THEME_ROLE)
    assert box.forecast is not None and theme == box.forecast.themes[1].key
    box.themes.setFocus()
    box.themes.setCurrentIndex(second)
    qtbot.keyClick(box.themes, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: quiz.card is not None)
    assert quiz.start_page.scope == Scope.theme(theme)


def test_the_forecast_is_computed_again_only_when_what_it_depends_on_changes(
    qtbot: QtBot,
    open_quiz_window: QuizWindowFactory,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    computations = counting(monkeypatch, ExamService, "forecast")
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    box = exam_set(qtbot, quiz, QDate(2026, 12, 20))
    computed = len(computations)
    page = quiz.start_page
    page.mode_box.setCurrentIndex(page.mode_box.findData("choice"))
    qtbot.mouseClick(page.practice_box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.practice_box, Qt.MouseButton.LeftButton)
    page.scope_box.setCurrentIndex(2)
    page.new_box.setValue(page.new_box.value() + 1)  # the plan sets today's new cards
    qtbot.keyClick(window, Qt.Key.Key_1, ALT)
    qtbot.keyClick(window, Qt.Key.Key_3, ALT)
    page.refresh()
    QApplication.processEvents()  # a forecast computed later would be computed now
    assert len(computations) == computed
    assert "If you stopped now" in box.status.text()
    page.retention_box.setValue(0.85)
    qtbot.waitUntil(lambda: len(computations) == computed + 1)
    page.mode_box.setCurrentIndex(page.mode_box.findData("flashcard"))
    page.scope_box.setCurrentIndex(0)
    start(qtbot, quiz)
    qtbot.keyClick(quiz, Qt.Key.Key_Space)
    qtbot.keyClick(quiz, Qt.Key.Key_3)  # an answer: today's share and the states moved
    qtbot.keyClick(quiz, Qt.Key.Key_Escape)
    quiz.back_to_start()
    qtbot.waitUntil(lambda: len(computations) == computed + 2)
    assert "0 % done" not in box.today.text()
    clock.advance(timedelta(days=1))
    page.refresh()
    qtbot.waitUntil(lambda: box.days_left.text() == "20 days left")
    assert len(computations) == computed + 3


def test_the_countdown_reaching_zero_marks_the_exam_and_shows_the_results(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, clock: Clock, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, mode="exam")
    options = quiz.start_page.exam_options
    options.questions_box.setValue(3)
    options.countdown_box.setValue(1)
    start_button = quiz.start_page.start_button
    start_button.setFocus()
    qtbot.keyClick(start_button, Qt.Key.Key_Return)
    page = quiz.exam_page
    qtbot.waitUntil(lambda: quiz.pages.currentWidget() is page)
    assert page.countdown.isVisible() and page.countdown.text() == "1:00 left"
    clock.advance(timedelta(seconds=30))
    qtbot.waitUntil(lambda: page.countdown.text() == "0:30 left")
    assert quiz.pages.currentWidget() is page
    clock.advance(timedelta(seconds=30))
    results = quiz.exam_results
    qtbot.waitUntil(lambda: quiz.pages.currentWidget() is results)
    assert "0 of 3" in results.score.text()
    assert results.missed.count() == 3
    assert log_rows(data_dir) == []


@pytest.mark.slow
def test_an_exam_date_that_cannot_be_saved_says_so_and_changes_nothing(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    """Another process holding the learner's database for writing (past the 5 s wait): the
    exam box says it was not saved, its box is unticked again, and no date is kept (the error
    escaped the box's slot, and the learner was told nothing)."""
    import sqlite3

    from ocstudy.userdata.database import USER_DB_NAME

    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    box = quiz.start_page.exam_box
    other = sqlite3.connect(data_dir / USER_DB_NAME, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        qtbot.mouseClick(box.set_box, Qt.MouseButton.LeftButton)
        assert box.status.text().startswith("Not saved: ")
        assert box.status.text().endswith(". Nothing changed.")
        assert not box.set_box.isChecked()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert quiz.service.exam.stored() is None


def test_a_result_that_cannot_be_kept_is_shown_all_the_same(
    qtbot: QtBot,
    open_quiz_window: QuizWindowFactory,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A full disk when the result is kept: the learner still sees the marked exam, with a
    line that it is not kept for the statistics (the start page was shown instead, the
    result lost)."""
    from ocstudy.services.errors import UserDatabaseError
    from ocstudy.userdata.exam_results import ExamResultStore

    def full_disk(*_args: object) -> None:
        raise UserDatabaseError("could not keep the practice exam's result: disk is full")

    monkeypatch.setattr(ExamResultStore, "add", full_disk)
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, mode="exam")
    quiz.start_page.exam_options.questions_box.setValue(3)
    qtbot.keyClick(quiz.start_page.start_button, Qt.Key.Key_Return)
    page = quiz.exam_page
    qtbot.waitUntil(lambda: quiz.pages.currentWidget() is page)
    qtbot.mouseClick(page.finish_button, Qt.MouseButton.LeftButton)
    results = quiz.exam_results
    qtbot.waitUntil(lambda: quiz.pages.currentWidget() is results)
    assert "0 of 3" in results.score.text()
    assert "could not be kept for the statistics" in results.score.text()
    assert "disk is full" in results.score.text()
    assert results.missed.count() == 3
    assert log_rows(data_dir) == []


def test_the_plan_that_does_not_fit_is_said_on_the_palette_warning_colours(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    box = exam_set(qtbot, quiz, QDate(2026, 12, 20))
    box.minutes_box.setValue(1)
    qtbot.waitUntil(box.fit_panel.isVisible)
    qtbot.waitUntil(lambda: box.fit.height() >= box.fit.sizeHint().height())  # both lines
    assert "does not fit in 1 min a day" in box.fit.text()
    for palette in (QApplication.style().standardPalette(), dark_palette()):
        box.fit_panel.setPalette(palette)
        shown = box.fit_panel.grab().toImage().pixelColor(6, 4).name()
        assert shown == palette_colors(palette).warn_background
    buttons = (box.more_button, box.core_button, box.later_button)
    assert [b.isVisible() for b in buttons] == [True, False, True]  # the exam covers the core
    box.scope_box.setCurrentIndex(box.scope_box.findData("all"))
    qtbot.waitUntil(box.core_button.isVisible)
    qtbot.mouseClick(box.core_button, Qt.MouseButton.LeftButton)
    assert box.scope_box.currentData() == "core"
    qtbot.waitUntil(lambda: not box.core_button.isVisible())


def test_setting_an_exam_date_shows_the_forecast_and_the_plan(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, clock: Clock, tmp_path: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    box = quiz.start_page.exam_box
    assert box.status.text() == "No exam date: set one for a plan."
    assert not box.themes.isVisible()
    new_before = quiz._service.counts().new
    qtbot.mouseClick(box.set_box, Qt.MouseButton.LeftButton)
    box.date_edit.setDate(QDate(2026, 12, 20))
    qtbot.waitUntil(lambda: "If you stopped now: 0 %; following the plan:" in box.status.text())
    assert box.days_left.text() == "21 days left"
    assert box.themes.isVisible() and box.themes.model().rowCount() == 7
    assert not box.themes.verticalScrollBar().isVisible()  # every theme shown
    last = box.themes.visualRect(box.themes.model().index(6, 0))
    assert box.themes.viewport().rect().contains(last)
    assert quiz._service.counts().new != new_before  # the plan decides today's new cards
    box.minutes_box.setValue(1)
    qtbot.waitUntil(lambda: box.fit.isVisible())
    assert "does not fit in 1 min a day" in box.fit.text()
    qtbot.mouseClick(box.more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.fit.isVisible())
    quiz.grab().save(str(tmp_path / "exam-start.png"))
    weakest = box.forecast.themes[0].key if box.forecast else ""
    place = box.themes.visualRect(box.themes.model().index(0, 0)).center()
    qtbot.mouseClick(box.themes.viewport(), Qt.MouseButton.LeftButton, pos=place)
    qtbot.waitUntil(lambda: quiz.card is not None)
    assert quiz.start_page.scope == Scope.theme(weakest)
    assert weakest in quiz.card.themes


def test_the_clock_past_the_exam_says_the_plan_is_cleared(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, clock: Clock
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    box = quiz.start_page.exam_box
    qtbot.mouseClick(box.set_box, Qt.MouseButton.LeftButton)
    box.date_edit.setDate(QDate(2026, 12, 1))
    qtbot.waitUntil(lambda: "If you stopped now" in box.status.text())
    clock.advance(timedelta(days=3))
    quiz.start_page.refresh()
    assert "has passed: its plan is cleared" in box.status.text()
    assert not box.set_box.isChecked()


def test_a_three_question_practice_exam_by_keys_and_clicks(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path, tmp_path: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, mode="exam")
    start = quiz.start_page
    assert start.exam_options.isVisible() and not start.practice_box.isVisible()
    start.exam_options.questions_box.setValue(3)
    start.start_button.setFocus()
    qtbot.keyClick(start.start_button, Qt.Key.Key_Return)
    page = quiz.exam_page
    qtbot.waitUntil(lambda: quiz.pages.currentWidget() is page)
    assert page.progress.text() == "Question 1 of 3"
    right = []
    for number in range(3):
        question = page.questions[number]
        card = question.card
        if question.mode == "choice":
            index = card.choices.index(card.answer_text)
            qtbot.keyClick(page, getattr(Qt.Key, f"Key_{index + 1}"))
            assert page.choice_buttons[index].isChecked()
            right.append(True)
            qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
        elif question.mode == "typed":
            qtbot.keyClicks(page.typed, "no such answer")
            right.append(False)
            qtbot.keyClick(page.typed, Qt.Key.Key_Return)
        else:
            right.append(page.order_list.order() == list(card.answer.order))  # type: ignore[union-attr]
            qtbot.keyClick(page, Qt.Key.Key_Return)
        if number == 0:
            page.grab().save(str(tmp_path / "exam-question.png"))
    results = quiz.exam_results
    qtbot.waitUntil(lambda: quiz.pages.currentWidget() is results)
    assert results.objectName() == "examResults"
    assert f"{sum(right)} of 3" in results.score.text()
    assert results.missed.count() == 3 - sum(right)
    assert "By theme:" in results.themes.text()
    assert log_rows(data_dir) == []
    assert len(window.quiz_service().practice_exams.results()) == 1
    if results.missed.count():
        assert "Right:" in results.missed.item(0).text()
        qtbot.mouseClick(results.review_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: quiz.card is not None)
        assert quiz.session is not None and quiz.session.practice


def test_the_statistics_show_the_forecast_and_the_practice_exam_scores(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    box = quiz.start_page.exam_box
    qtbot.mouseClick(box.set_box, Qt.MouseButton.LeftButton)
    box.date_edit.setDate(QDate(2026, 12, 20))
    service = window.quiz_service()
    exams = service.practice_exams
    paper = exams.paper(5, seed="stats")
    exams.finish(paper, [None] * 5)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    stats = window.stats
    assert stats is not None
    panel = stats.exam_panel
    qtbot.waitUntil(panel.isVisible)
    assert "If you stopped now: 0 %; following the plan:" in panel.forecast.text()
    assert "0 of 5 (0 %)" in panel.scores.text()
    exams.finish(paper, [None] * 5)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.scores.text().count("0 of 5") == 2)


def underlined_letters(window: QWidget) -> list[str]:
    """The Alt+letter of every control shown (its underlined letter), the menu bar's too."""
    letters = [QKeySequence.mnemonic(a.text()).toString() for a in window.menuBar().actions()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QAbstractButton | QLabel):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        letters.append(QKeySequence.mnemonic(widget.text()).toString())
    return [letter for letter in letters if letter]


def test_each_underlined_letter_on_the_start_page_is_one_controls(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "exam")  # with the practice exam's row
    box = exam_set(qtbot, quiz, QDate(2026, 12, 20))
    box.minutes_box.setValue(1)
    box.scope_box.setCurrentIndex(box.scope_box.findData("all"))
    qtbot.waitUntil(box.core_button.isVisible)  # every button of the plan shown
    for mode in ("exam", "mixed"):  # the practice exam's row; the retention's and FSRS's
        quiz.start_page.mode_box.setCurrentIndex(quiz.start_page.mode_box.findData(mode))
        letters = underlined_letters(window)
        assert sorted(letter for letter in set(letters) if letters.count(letter) > 1) == []
    qtbot.keyClick(quiz.start_page.start_button, Qt.Key.Key_X, ALT)
    qtbot.waitUntil(lambda: not box.set_box.isChecked())  # a check box's letter ticks it


def test_the_practice_exams_finish_keys_mark_it_not_open_the_file_menu(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, mode="exam")
    quiz.start_page.exam_options.questions_box.setValue(3)
    quiz.start()
    page = quiz.exam_page
    qtbot.waitUntil(lambda: quiz.pages.currentWidget() is page)
    letters = underlined_letters(window)
    assert sorted(letter for letter in set(letters) if letters.count(letter) > 1) == []
    page.next_question()
    page.next_question()  # the last question: Next is Finish
    letters = underlined_letters(window)
    assert sorted(letter for letter in set(letters) if letters.count(letter) > 1) == []
    finish = QKeySequence.mnemonic(page.finish_button.text())
    qtbot.keyClick(page, finish[0].key(), finish[0].keyboardModifiers())
    qtbot.waitUntil(lambda: quiz.pages.currentWidget() is quiz.exam_results)


def test_larger_text_keeps_the_themes_recall_rows_whole(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    box = exam_set(qtbot, quiz, QDate(2026, 12, 20))
    table = box.themes
    qtbot.waitUntil(table.isVisible)
    try:
        for _ in range(4):
            qtbot.keyClick(quiz.start_page.start_button, Qt.Key.Key_Equal, CTRL)
        qtbot.waitUntil(lambda: table.font().pointSizeF() == window.menus.appearance.points)
        assert table.rowHeight(0) >= QFontMetrics(table.font()).height() + 2
        rows = min(table.model().rowCount(), ROWS_SHOWN)
        assert table.viewport().height() >= rows * table.rowHeight(0)  # every row shown
    finally:
        window.menus.reset_size()
