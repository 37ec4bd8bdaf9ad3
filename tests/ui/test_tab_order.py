"""Tab reaches every control of each view, in reading order (top to bottom, left to right
within a row), driven with real key presses."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .quiz_driving import QuizWindowFactory, open_quiz, start


def tab_cycle(qtbot: QtBot, start: QWidget, limit: int = 80) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    seen: list[QWidget] = []
    for _ in range(limit):
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget in seen:
            break
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return seen


def reachable(view: QWidget) -> list[QWidget]:
    return [
        w
        for w in view.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]


@pytest.mark.parametrize(
    ("shortcut", "name"),
    [
        (Qt.Key.Key_1, "study"),
        (Qt.Key.Key_2, "timeline"),
        (Qt.Key.Key_3, "quiz"),
        (Qt.Key.Key_4, "stats"),
        (Qt.Key.Key_5, "cards"),
    ],
)
def test_tab_reaches_every_control_in_reading_order(
    qtbot: QtBot, open_window: WindowFactory, shortcut: Qt.Key, name: str
) -> None:
    window: MainWindow = open_window()
    qtbot.keyClick(window, shortcut, Qt.KeyboardModifier.AltModifier)
    assert_reading_order(qtbot, window, window.view_widget(name), name)


@pytest.mark.parametrize("mode", ["choice", "typed", "flashcard"])
def test_tab_reaches_every_control_of_a_quiz_card(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, mode: str
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, mode)
    start(qtbot, quiz)
    assert_reading_order(qtbot, window, quiz, f"quiz card ({mode})")


def assert_reading_order(qtbot: QtBot, window: MainWindow, view: QWidget, name: str) -> None:
    controls = reachable(view)
    assert controls
    cycle = tab_cycle(qtbot, controls[0])
    missing = [w.objectName() or type(w).__name__ for w in controls if w not in cycle]
    assert not missing, f"Tab never reaches {missing} in the {name} view"
    in_view = [w for w in cycle if w is view or view.isAncestorOf(w)]
    first = in_view.index(controls[0]) if controls[0] in in_view else 0
    ordered = in_view[first:] + in_view[:first]
    assert ordered, name
    # reading order: each control starts no higher than a row above the one before it,
    # except where Tab wraps round to the top once
    positions = [w.mapTo(window, QPoint(0, 0)) for w in ordered]
    wraps = sum(1 for before, after in itertools.pairwise(positions) if after.y() < before.y() - 30)
    assert wraps <= 1, [(w.objectName(), p.y()) for w, p in zip(ordered, positions, strict=True)]
