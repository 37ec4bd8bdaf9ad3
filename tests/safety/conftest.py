"""Windows opened by a safety test, closed and deleted after it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ocstudy.app import create_main_window
from ocstudy.ui.main_window import MainWindow


@pytest.fixture
def windows(qtbot: QtBot) -> Iterator[list[MainWindow]]:
    opened: list[MainWindow] = []
    yield opened
    for window in opened:
        try:
            window.close()
            window.deleteLater()
        except RuntimeError:  # already deleted by the test
            pass


def open_window(qtbot: QtBot, windows: list[MainWindow], data_dir: Path) -> MainWindow:
    """The real window on ``data_dir``, shown; closed at the end of the test."""
    window = create_main_window(data_dir)
    window.show()
    qtbot.waitExposed(window)
    windows.append(window)
    return window
