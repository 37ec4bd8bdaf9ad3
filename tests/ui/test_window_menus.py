"""Appearance, text size, the shortcuts list and the About box."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.shortcuts_dialog import ShortcutsDialog

from .conftest import WindowFactory


@pytest.fixture(autouse=True)
def _restore_the_look(qapp: QApplication) -> Iterator[None]:
    font, palette, style = qapp.font(), QPalette(qapp.palette()), qapp.style().name()
    yield
    qapp.setFont(font)
    qapp.setStyle(style)
    qapp.setPalette(palette)


def test_text_size_keys_and_memory(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    start = QApplication.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == start + 2
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == start + 1
    window.close()
    QApplication.setFont(QApplication.font())  # as a new run would start
    open_window()
    assert QApplication.font().pointSizeF() == start + 1
    window2 = open_window()
    qtbot.keyClick(
        window2, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert QApplication.font().pointSizeF() == start


def test_dark_light_and_system(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    system_base = QApplication.palette().color(QPalette.ColorRole.Base)
    window.menus.theme_actions["dark"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 60
    assert window.menus.theme_actions["dark"].isChecked()
    window.study.select("firearms-protocol")  # the page follows: no light boxes on dark
    window.close()
    again = open_window()
    assert again.menus.theme_actions["dark"].isChecked()
    again.menus.theme_actions["system"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base) == system_base


def test_f1_lists_every_shortcut(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    rows = [
        [dialog.model.item(r, c).text() for c in range(3)] for r in range(dialog.model.rowCount())
    ]
    keys = {row[1] for row in rows}
    assert {"Ctrl+F", "Ctrl+Q", "Alt+1", "Alt+2", "Alt+3", "Alt+4", "Alt+5"} <= keys
    assert any(row[0] == "Quiz" and "Undo" in row[2] for row in rows)
    assert any(row[0] == "Timeline" and "Zoom" in row[2] for row in rows)
    dialog.close()


def test_about_shows_version_data_folder_and_licences(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    window.menus.about()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None
    text = box.text()
    assert str(window.data_dir) in text and "Content version" in text and "LGPL" in text
    box.close()
