"""Every view is usable at 1024x640 (and at 1280x820): opened on a (fake) screen that size,
no control of any view is off the screen, no pane is squeezed to nothing, no label is cut, and
the quiz's longest cards are shown whole (the card page scrolls when a card needs more room
than the screen has). ``test_small_screen_xvfb.py`` checks the same on a real 1024x640 X
display."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fsrs import Rating
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget
from pytestqt.qtbot import QtBot

from ocstudy.render.feedback import answer_html
from ocstudy.ui.common.palette import palette_colors
from ocstudy.ui.quiz.view import QuizView
from ocstudy.ui.window import geometry
from ocstudy.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_window
from .screen_fit import out_of_reach

__all__ = ["open_window"]

SMALL = QRect(0, 0, 1024, 640)
LARGE = QRect(0, 0, 1920, 1080)  # the window opens at 1280x820 on it


def window_on(
    open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, room: QRect
) -> MainWindow:
    monkeypatch.setattr(geometry, "available_geometry", lambda _window: QRect(room))
    window = open_window()
    window.study.select("firearms-protocol")
    return window


@pytest.fixture
def small_window(open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    return window_on(open_window, monkeypatch, SMALL)


def problems(qtbot: QtBot, window: MainWindow) -> list[str]:
    """What is out of reach once the window is laid out (none: at once)."""
    room = geometry.available_geometry(window)
    try:
        qtbot.waitUntil(lambda: not out_of_reach(window, room), timeout=2000)
    except qtbot.TimeoutError:
        return out_of_reach(window, room)
    return []


def shown(qtbot: QtBot, window: MainWindow, view: str) -> list[str]:
    window.show_view(view)
    widget = window.view_widget(view)
    qtbot.waitUntil(lambda: widget.isVisible() and widget.width() > 100)
    return problems(qtbot, window)


@pytest.mark.parametrize("room", [SMALL, LARGE], ids=["1024x640", "1920x1080"])
def test_every_view_fits_the_screen(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, room: QRect
) -> None:
    window = window_on(open_window, monkeypatch, room)
    for view in ("study", "timeline", "quiz", "stats", "cards"):
        assert shown(qtbot, window, view) == [], view


def test_a_quiz_session_and_its_summary_fit_a_1024x640_screen(
    qtbot: QtBot, small_window: MainWindow
) -> None:
    shown(qtbot, small_window, "quiz")
    quiz = small_window.quiz
    assert quiz is not None
    quiz.start()
    assert problems(qtbot, small_window) == []
    quiz.show_answer()
    assert problems(qtbot, small_window) == []
    quiz.end_session()
    assert problems(qtbot, small_window) == []


def whole(label: QLabel | None) -> bool:
    """Whether ``label`` is as tall as its text needs at its width."""
    return label is not None and label.height() >= label.heightForWidth(label.width())


def reachable(widget: QWidget, view: QWidget) -> bool:
    """Inside ``view``, or on a page that scrolls to it."""
    parent = widget.parentWidget()
    while parent is not None and parent is not view:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    bottom = widget.mapTo(view, QPoint(0, widget.height())).y()
    return bottom <= view.height()


def test_the_quizs_longest_answers_are_shown_whole_at_1024x640(
    qtbot: QtBot, small_window: MainWindow
) -> None:
    shown(qtbot, small_window, "quiz")
    quiz = small_window.quiz
    assert isinstance(quiz, QuizView)
    colors = palette_colors(quiz.palette())
    cards = sorted(
        quiz.service.catalogue.cards(),
        key=lambda card: len(answer_html(card, None, colors)),
        reverse=True,
    )
    quiz.start_page.mode_box.setCurrentIndex(quiz.start_page.mode_box.findData("choice"))
    for card in cards[:6]:
        quiz.run_session(quiz.service.practice([card.id]))
        quiz.show_answer()
        qtbot.waitUntil(lambda: whole(quiz.card_page.findChild(QLabel, "quizAnswer")))
        good = quiz.card_page.rating_buttons[Rating.Good]
        assert reachable(good, quiz), card.id
        assert problems(qtbot, small_window) == []


def test_the_longest_ordering_card_fits_a_1024x640_screen(
    qtbot: QtBot, small_window: MainWindow
) -> None:
    shown(qtbot, small_window, "quiz")
    quiz = small_window.quiz
    assert isinstance(quiz, QuizView)
    longest = max(quiz.service.catalogue.cards(), key=lambda card: sum(map(len, card.items)))
    quiz.run_session(quiz.service.practice([longest.id]))
    assert quiz.mode == "order"
    assert problems(qtbot, small_window) == []
    assert reachable(quiz.card_page.check_order_button, quiz)


@pytest.fixture
def larger_text(open_window: WindowFactory) -> Iterator[Callable[[MainWindow], None]]:
    """Text made larger in a window (as by Ctrl+= six times); normal again after the test."""
    windows: list[MainWindow] = []

    def grow(window: MainWindow) -> None:
        windows.append(window)
        window.menus.appearance.set_points(16.0)

    yield grow
    for window in windows:
        window.menus.appearance.reset_size()


def test_the_timeline_with_larger_text_fits_a_1280x720_screen(
    qtbot: QtBot,
    open_window: WindowFactory,
    monkeypatch: pytest.MonkeyPatch,
    larger_text: Callable[[MainWindow], None],
) -> None:
    window = window_on(open_window, monkeypatch, QRect(0, 0, 1280, 720))
    larger_text(window)
    window.show_view("timeline")
    export = window.findChild(QWidget, "timelineExport")
    assert export is not None
    qtbot.waitUntil(lambda: export.font().pointSizeF() == 16.0)  # the new size reached it
    assert shown(qtbot, window, "timeline") == []
