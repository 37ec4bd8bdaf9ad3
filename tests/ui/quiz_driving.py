"""Driving the quiz as a learner would: a window on a temporary data folder with the app's
clock in the test's hand, and helpers that open the quiz, start a session and read the log."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ocstudy.app import create_main_window
from ocstudy.ui.quiz.view import QuizView
from ocstudy.ui.window.main_window import MainWindow


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


QuizWindowFactory = Callable[..., MainWindow]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def open_quiz_window(qtbot: QtBot, data_dir: Path, clock: Clock) -> Iterator[QuizWindowFactory]:
    opened: list[MainWindow] = []

    def factory(fixed_clock: bool = True) -> MainWindow:
        window = create_main_window(
            data_dir, clock=clock if fixed_clock else None, fuzz=False, seed=11
        )
        with qtbot.waitSignal(window.firstPainted, timeout=10_000):  # the menus are made then
            window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        opened.append(window)
        return window

    yield factory
    for window in opened:
        try:
            window.quit_without_asking()  # a card dialog left with text would ask: nobody answers
            window.deleteLater()
        except RuntimeError:
            pass


def log_rows(data_dir: Path) -> list[tuple[str, int, str]]:
    connection = sqlite3.connect(data_dir / "user.db")
    rows = connection.execute("SELECT card_id, rating, mode FROM review_log ORDER BY id").fetchall()
    connection.close()
    return rows


def open_quiz(qtbot: QtBot, window: MainWindow, mode: str = "mixed") -> QuizView:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.current_view == "quiz" and window.quiz is not None
    quiz = window.quiz
    assert quiz.objectName() == "quizView"
    quiz.start_page.mode_box.setCurrentIndex(quiz.start_page.mode_box.findData(mode))
    return quiz


def start(qtbot: QtBot, quiz: QuizView) -> None:
    quiz.start_page.start_button.setFocus()
    qtbot.keyClick(quiz.start_page.start_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: quiz.card is not None)


def cards_for(window: MainWindow, mode: str, count: int) -> list[str]:
    """Ids of ``count`` cards (of different facts) that can be answered in ``mode``."""
    chosen: dict[str, str] = {}
    for card in window.quiz_service().catalogue.cards():
        if mode in card.modes and "order" not in card.modes:
            chosen.setdefault(card.sibling_key, card.id)
    return list(chosen.values())[:count]
