"""The quiz in the dark look (issue 23): started dark, the start page's counts are in the dark
palette's colours, and they follow a change of look."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ocstudy.app import UI_STATE_FILE
from ocstudy.ui.common.palette import palette_colors
from ocstudy.ui.window.appearance import dark_palette

from .quiz_driving import QuizWindowFactory


@pytest.fixture(autouse=True)
def _restore_the_look(qapp: QApplication) -> Iterator[None]:
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)


def count_colours(text: str) -> list[str]:
    return [part.split('"')[0] for part in text.split('style="color:')[1:]]


def remember(data_dir: Path, **values: str) -> None:
    settings = QSettings(str(data_dir / UI_STATE_FILE), QSettings.Format.IniFormat)
    for key, value in values.items():
        settings.setValue(key.replace("__", "/"), value)
    settings.sync()


@pytest.mark.parametrize("last_view", ["quiz", "study"])
def test_started_dark_the_counts_are_in_the_dark_colours(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path, last_view: str
) -> None:
    remember(data_dir, view__theme="dark", window__view=last_view)
    window = open_quiz_window()
    window.show_view("quiz")
    assert window.quiz is not None
    dark = palette_colors(dark_palette())
    counts = window.quiz.start_page.counts_label
    assert count_colours(counts.text()) == [dark.link, dark.warn, dark.ok]


def test_the_counts_follow_a_change_of_look(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    window.show_view("quiz")
    assert window.quiz is not None
    counts = window.quiz.start_page.counts_label
    window.menus.set_theme("dark")
    dark = palette_colors(dark_palette())
    qtbot.waitUntil(lambda: count_colours(counts.text()) == [dark.link, dark.warn, dark.ok])
    window.menus.set_theme("light")
    light = palette_colors(QApplication.palette())
    qtbot.waitUntil(lambda: count_colours(counts.text()) == [light.link, light.warn, light.ok])
