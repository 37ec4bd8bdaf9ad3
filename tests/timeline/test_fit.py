"""Fit (0, Home, the Fit button) shows every lane, as the README says, at the window sizes a
student has: the lanes share the height, crowded ones folding more events into clusters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.main_window import MainWindow
from ui.conftest import open_window, window

from .reading import Pixels
from .test_export_image import check_image, show_timeline

__all__ = ["open_window", "window"]


@pytest.mark.parametrize("size", [(1280, 820), (1024, 640)])
def test_fit_shows_every_lane(qtbot: QtBot, window: MainWindow, size: tuple[int, int]) -> None:
    view = show_timeline(qtbot, window, size).view
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert not view.is_fitted
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.is_fitted
    # the scroll bars follow the scene at the next turn of the event loop
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() == 0)
    assert view.horizontalScrollBar().maximum() == 0
    height = view.viewport().height()
    for lane in view.lanes:
        assert view.lane_top(lane.key) + view.lane_height(lane.key) <= height, lane.key
    # what the learner sees: the axis, then every lane's band with its name at its top
    check_image(Pixels(view.viewport().grab().toImage()), view, [lane.key for lane in view.lanes])
    shown = sum(len(glyph.indices) for glyphs in view.glyphs.values() for glyph in glyphs)
    assert shown == len(view.visible_items())  # folded into clusters, never dropped
