"""The real window, opened by a safety test on a data folder of its choice."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ocstudy.app import create_main_window
from ocstudy.ui.window.main_window import MainWindow


def open_window(qtbot: QtBot, opened: list[MainWindow], data_dir: Path) -> MainWindow:
    """The real window on ``data_dir``, shown; closed at the end of the test."""
    window = create_main_window(data_dir)
    with qtbot.waitSignal(window.firstPainted, timeout=10_000):  # the menus are made then
        window.show()
    qtbot.waitExposed(window)
    opened.append(window)
    return window
