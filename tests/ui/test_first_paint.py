"""Work the learner does not see waits for the window's first paint (the menus' entries, the
single-instance socket): ``firstPainted`` comes once, after the paint, or after a while for a
window that is never painted (minimised)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from ocstudy.app import create_main_window
from ocstudy.ui.window import main_window
from ocstudy.ui.window.main_window import MainWindow


def test_first_painted_comes_once_after_the_paint(
    qtbot: QtBot, data_dir: Path, opened_windows: list[MainWindow]
) -> None:
    window = create_main_window(data_dir)
    opened_windows.append(window)
    painted: list[bool] = []
    window.firstPainted.connect(lambda: painted.append(window.study.detail.isVisible()))
    assert not window.menus.built and window.findChild(QAction, "quitAction") is None
    with qtbot.waitSignal(window.firstPainted, timeout=5000):
        window.show()
    window.resize(900, 700)
    window.repaint()  # painted again, at once: the signal does not come again
    assert painted == [True]
    assert window.menus.built  # the menus' entries and shortcuts follow the first paint
    assert window.findChild(QAction, "quitAction").shortcut().toString() == "Ctrl+Q"


def test_a_window_never_painted_still_gets_it(
    qtbot: QtBot, data_dir: Path, opened_windows: list[MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_window, "FIRST_PAINT_FALLBACK_MS", 50)
    window = create_main_window(data_dir)
    opened_windows.append(window)
    with qtbot.waitSignal(window.firstPainted, timeout=2000):
        pass  # never shown
    assert not window.isVisible()


def test_the_note_preview_is_made_when_first_shown(
    qtbot: QtBot, data_dir: Path, opened_windows: list[MainWindow]
) -> None:
    """A start with the note's editor shown makes no preview (a second text browser before
    the first paint, issue 28); Ctrl+Shift+P shows it rendered at once, and the mouse's back
    button over it still steps back."""
    window = create_main_window(data_dir)
    opened_windows.append(window)
    with qtbot.waitSignal(window.firstPainted, timeout=5000):
        window.show()
    notes = window.study.notes
    assert notes.stack.count() == 1
    window.study.select("untoc")
    window.study.select("firearms-protocol")
    notes.editor.setPlainText("**Ratified** by the EU")
    notes.preview_button.click()
    assert notes.stack.count() == 2 and notes.stack.currentWidget() is notes.preview
    assert "Ratified" in notes.preview.toPlainText() and "**" not in notes.preview.toPlainText()
    notes.preview.historyStep.emit(-1)
    assert window.study.current_slug == "untoc"
