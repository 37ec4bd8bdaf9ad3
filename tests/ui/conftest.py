"""Fixtures and helpers that drive the real widgets, as a user would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from ocstudy.app import create_main_window
from ocstudy.ui.study.tree_model import SLUG_ROLE
from ocstudy.ui.window.main_window import MainWindow

from .quiz_driving import clock, open_quiz_window  # noqa: F401 (the quiz tests' fixtures)

WindowFactory = Callable[[], MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, data_dir: Path, opened_windows: list[MainWindow]) -> WindowFactory:
    """Open a fully wired window on the test's data folder (again and again: a restart)."""

    def factory() -> MainWindow:
        window = create_main_window(data_dir)
        with qtbot.waitSignal(window.firstPainted, timeout=10_000):  # the menus are made then
            window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach only the active window
        opened_windows.append(window)
        return window

    return factory


@pytest.fixture
def window(open_window: WindowFactory) -> MainWindow:
    return open_window()


def visible_slugs(window: MainWindow) -> list[str]:
    model = window.study.model
    found: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            slug = index.data(SLUG_ROLE)
            if slug:
                found.append(slug)
            walk(index)

    walk(QModelIndex())
    return found
