"""The quiz start page's FSRS settings, driven as a learner would: Optimize…, Reset to
defaults and Help me decide…, on the synthetic log of tests/services/review/review_log.py."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from tests.services.review.review_log import logged_db, logged_dir, record_history
from tests.ui.quiz_driving import Clock, QuizWindowFactory, clock, open_quiz, open_quiz_window

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.days import StudyDay
from ocstudy.services.review import fsrs_fit
from ocstudy.services.review.quiz import QuizService
from ocstudy.ui.quiz.fsrs_dialog import FsrsOptimizeDialog, FsrsSimulationDialog
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.reviews import ReviewStore, ReviewStoreError

__all__ = ["clock", "logged_db", "logged_dir", "open_quiz_window"]  # fixtures


def stored(folder: Path, key: str = "fsrs.parameters") -> str | None:
    db = open_user_database(folder)
    try:
        return ReviewStore(db).setting(key)
    finally:
        db.close()


def optimize_dialog(qtbot: QtBot, open_quiz_window: QuizWindowFactory) -> FsrsOptimizeDialog:
    quiz = open_quiz(qtbot, open_quiz_window())
    qtbot.mouseClick(quiz.start_page.optimize_button, Qt.MouseButton.LeftButton)
    dialog = quiz.start_page.findChild(FsrsOptimizeDialog, "fsrsOptimizeDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_optimize_fits_shows_before_and_after_and_reset_undoes_it(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, logged_dir: Path
) -> None:
    dialog = optimize_dialog(qtbot, open_quiz_window)
    page = dialog.parentWidget()
    status = page.findChild(QLabel, "quizFsrsParameters")
    reset = page.findChild(QPushButton, "quizFsrsReset")
    assert status.text() == "FSRS's defaults" and not reset.isEnabled()
    counts = dialog.findChild(QLabel, "fsrsReviewCounts").text()
    assert f"; it needs {fsrs_fit.MIN_REVIEWS}: enough." in counts and "You have " in counts

    qtbot.mouseClick(dialog.findChild(QPushButton, "fsrsOptimize"), Qt.MouseButton.LeftButton)
    result = dialog.findChild(QLabel, "fsrsResult")
    qtbot.waitUntil(lambda: bool(result.text()), timeout=30_000)
    assert result.text().startswith("Before: log loss ") and "\nAfter: log loss " in result.text()
    assert "the quiz uses it now" in dialog.findChild(QLabel, "fsrsStage").text()
    assert status.text() == "fitted to you" and reset.isEnabled()
    assert stored(logged_dir)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert status.text() == "FSRS's defaults" and not reset.isEnabled()
    assert stored(logged_dir) == ""


def test_cancel_stops_the_fit_and_changes_nothing(
    qtbot: QtBot,
    open_quiz_window: QuizWindowFactory,
    logged_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_fit = fsrs_fit.fit
    cancelled = threading.Event()

    def fit_waiting_for_cancel(
        log: fsrs_fit.ReviewLog, current: Sequence[float], progress: fsrs_fit.Progress
    ) -> fsrs_fit.FitResult:
        def held(stage: str) -> bool:
            going = progress(stage)
            cancelled.wait(10)
            return going and progress(stage)

        return real_fit(log, current, held)

    monkeypatch.setattr("ocstudy.ui.quiz.fsrs_dialog.fit", fit_waiting_for_cancel)
    dialog = optimize_dialog(qtbot, open_quiz_window)
    qtbot.mouseClick(dialog.findChild(QPushButton, "fsrsOptimize"), Qt.MouseButton.LeftButton)
    cancel = dialog.findChild(QPushButton, "fsrsCancel")
    assert cancel.isEnabled()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    cancelled.set()
    stage = dialog.findChild(QLabel, "fsrsStage")
    qtbot.waitUntil(lambda: "cancelled" in stage.text(), timeout=30_000)
    assert stage.text() == "The optimization was cancelled; nothing was changed."
    assert not dialog.running and not dialog.findChild(QLabel, "fsrsResult").text()
    assert stored(logged_dir) is None


def test_too_few_reviews_says_so_and_cannot_start(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    dialog = optimize_dialog(qtbot, open_quiz_window)
    counts = dialog.findChild(QLabel, "fsrsReviewCounts").text()
    assert "You have none yet" in counts and "the day after you first study" in counts
    assert "about 20 days of study" in counts  # 400 at the 20 new cards a day
    assert not dialog.findChild(QPushButton, "fsrsOptimize").isEnabled()


def test_the_reviews_a_fit_needs_are_said_in_words_with_the_days_left(
    qtbot: QtBot,
    open_quiz_window: QuizWindowFactory,
    data_dir: Path,
    clock: Clock,
    repository: ContentRepository,
) -> None:
    """Not "reviews made on a later day than the card's previous one": what they are, how
    many there are, and how many more days of study at the learner's pace."""
    store = ReviewStore(open_user_database(data_dir))
    service = QuizService.open(repository, store, clock=clock, fuzz=False, day=StudyDay())
    cards = [card.id for card in service.catalogue.cards()][:40]
    record_history(store, cards, clock.now - timedelta(days=4), days=4, new_per_day=10)
    log = service.fsrs_fit.log()
    dialog = optimize_dialog(qtbot, open_quiz_window)
    counts = dialog.findChild(QLabel, "fsrsReviewCounts").text()
    assert "later day" not in counts
    assert "a card you had already answered on an earlier day" in counts
    assert f"You have {log.trainable}; it needs {fsrs_fit.MIN_REVIEWS}." in counts
    pace = log.trainable / 3
    assert f"about {log.days_to_fit(20)} more days of study" in counts
    assert f"({pace:.0f} such answers a day)" in counts


def test_help_me_decide_shows_each_retention_and_sets_the_chosen_one(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, logged_dir: Path
) -> None:
    quiz = open_quiz(qtbot, open_quiz_window())
    page = quiz.start_page
    qtbot.mouseClick(page.decide_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(FsrsSimulationDialog, "fsrsSimulationDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    model = dialog.table.model()
    column = [[model.index(r, c).data() for r in range(model.rowCount())] for c in range(4)]
    assert column[0] == ["0.80", "0.85", "0.90", "0.95"]
    answers = [float(v) for v in column[1]]
    assert answers == sorted(answers) and answers[0] < answers[-1]
    assert all(float(v) > 0 for v in column[2])
    assert dialog.chosen() == 0.90  # the current retention is selected

    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)
    qtbot.mouseClick(dialog.findChild(QPushButton, "fsrsUseRetention"), Qt.MouseButton.LeftButton)
    assert page.retention_box.value() == pytest.approx(0.80)
    assert stored(logged_dir, "quiz.desired_retention") == "0.8"


def test_a_fit_that_cannot_be_saved_says_so_and_keeps_the_old_parameters(
    qtbot: QtBot,
    open_quiz_window: QuizWindowFactory,
    logged_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = optimize_dialog(qtbot, open_quiz_window)

    def full_disk(self: ReviewStore, values: dict[str, str]) -> None:
        raise ReviewStoreError("could not save your settings: database or disk is full")

    monkeypatch.setattr(ReviewStore, "set_settings", full_disk)
    qtbot.mouseClick(dialog.findChild(QPushButton, "fsrsOptimize"), Qt.MouseButton.LeftButton)
    stage = dialog.findChild(QLabel, "fsrsStage")
    qtbot.waitUntil(lambda: "disk is full" in stage.text(), timeout=30_000)
    assert stage.text().endswith("; the quiz keeps the parameters it had.")
    assert not dialog.findChild(QLabel, "fsrsResult").text()
    page = dialog.parentWidget()
    assert page.findChild(QLabel, "quizFsrsParameters").text() == "FSRS's defaults"
    monkeypatch.undo()
    assert stored(logged_dir) is None
