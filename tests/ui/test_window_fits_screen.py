"""The first window fits the screen: a fresh start opens at 1280x820 where there is room for
it, else as large as the screen's free room (its panels left clear); a size remembered on a
bigger screen is made to fit the one the window opens on, and one that fits is kept as it was.
The screen is a fake one here (``available_geometry`` is what the window asks);
``test_small_screen_xvfb.py`` opens the real app on a real 1024x640 X display."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect, QSettings, QSize

from ocstudy.app import UI_STATE_FILE
from ocstudy.ui.window import geometry
from ocstudy.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_window

__all__ = ["open_window"]

ScreenSetter = Callable[[QRect], None]


@pytest.fixture
def screen(monkeypatch: pytest.MonkeyPatch) -> ScreenSetter:
    """Set the free room of the screen the window opens on."""

    def use(room: QRect) -> None:
        monkeypatch.setattr(geometry, "available_geometry", lambda _window: QRect(room))

    return use


def inside(window: MainWindow, room: QRect) -> bool:
    return room.contains(window.frameGeometry())


def test_a_fresh_start_on_a_small_screen_opens_inside_it(
    open_window: WindowFactory, screen: ScreenSetter
) -> None:
    room = QRect(0, 0, 1024, 640)
    screen(room)
    window = open_window()
    assert inside(window, room), window.frameGeometry()
    assert window.width() >= 1000 and window.height() >= 560  # as large as the room allows


def test_a_fresh_start_keeps_clear_of_a_panel_and_another_monitor(
    open_window: WindowFactory, screen: ScreenSetter
) -> None:
    room = QRect(1920, 32, 1366, 736)  # a second monitor, its top panel 32 px high
    screen(room)
    window = open_window()
    assert inside(window, room), window.frameGeometry()


def test_a_fresh_start_on_a_large_screen_opens_at_1280x820(
    open_window: WindowFactory, screen: ScreenSetter
) -> None:
    screen(QRect(0, 0, 1920, 1080))
    window = open_window()
    assert window.size() == QSize(1280, 820)
    assert inside(window, QRect(0, 0, 1920, 1080))


def remember(data_dir: Path, window: MainWindow, where: QRect) -> None:
    """Close ``window`` at ``where`` (its inside), as the learner left it."""
    window.setGeometry(where)
    window.close()
    settings = QSettings(str(data_dir / UI_STATE_FILE), QSettings.Format.IniFormat)
    assert settings.value("window/geometry") is not None


def test_a_size_remembered_on_a_bigger_screen_is_fitted(
    open_window: WindowFactory, screen: ScreenSetter, data_dir: Path
) -> None:
    screen(QRect(0, 0, 1920, 1200))
    remember(data_dir, open_window(), QRect(300, 200, 1600, 960))
    room = QRect(0, 0, 1024, 640)
    screen(room)
    window = open_window()
    assert inside(window, room), window.frameGeometry()
    assert window.width() >= 1000 and window.height() >= 560


def test_a_remembered_size_that_fits_is_kept(
    open_window: WindowFactory, screen: ScreenSetter, data_dir: Path
) -> None:
    screen(QRect(0, 0, 1920, 1200))
    remember(data_dir, open_window(), QRect(60, 50, 900, 560))
    screen(QRect(0, 0, 1024, 640))
    window = open_window()
    assert window.geometry() == QRect(60, 50, 900, 560)


def test_a_remembered_place_is_fitted_with_the_frame_the_window_closed_with(
    open_window: WindowFactory, screen: ScreenSetter, data_dir: Path
) -> None:
    """The window manager's frame of the last session stands for the frame before the window
    is shown (the style is not asked: issue 28); its title bar stays on the screen."""
    screen(QRect(0, 0, 1920, 1200))
    remember(data_dir, open_window(), QRect(60, 30, 900, 560))
    settings = QSettings(str(data_dir / UI_STATE_FILE), QSettings.Format.IniFormat)
    settings.setValue("window/frame", [2, 80, 2, 2])  # a tall title bar
    settings.sync()
    window = open_window()
    assert window.geometry() == QRect(60, 80, 900, 560)


def test_a_frame_no_window_manager_draws_does_not_shrink_the_window(
    open_window: WindowFactory, screen: ScreenSetter, data_dir: Path
) -> None:
    """A ``window/frame`` of hundreds of pixels (a hand edit) is no frame: the remembered
    window opens as it was, not shrunk for good (found by the second reader)."""
    screen(QRect(0, 0, 1920, 1200))
    remember(data_dir, open_window(), QRect(60, 30, 1800, 1100))
    settings = QSettings(str(data_dir / UI_STATE_FILE), QSettings.Format.IniFormat)
    remembered = settings.value("window/geometry")
    settings.remove("window/frame")
    settings.sync()
    without_frame = open_window().geometry()
    settings.setValue("window/geometry", remembered)
    settings.setValue("window/frame", [300, 400, 300, 400])
    settings.sync()
    window = open_window()
    assert window.geometry() == without_frame
    assert window.width() == 1800


def test_a_window_left_on_a_monitor_that_is_gone_comes_back_on_the_screen(
    open_window: WindowFactory, screen: ScreenSetter, data_dir: Path
) -> None:
    screen(QRect(0, 0, 3840, 1080))
    remember(data_dir, open_window(), QRect(2400, 100, 1200, 800))
    room = QRect(0, 0, 1280, 800)
    screen(room)
    window = open_window()
    assert inside(window, room), window.frameGeometry()


def test_the_frame_stays_on_the_screen_too() -> None:
    """The title bar and the borders the window manager adds are in the room as well; a
    window that cannot be made small enough keeps its title bar on the screen."""
    frame = QMargins(4, 30, 4, 4)
    room = QRect(0, 0, 1024, 640)
    fitted = geometry.fitted(QRect(0, 0, 1280, 820), room, frame, QSize(0, 0))
    assert fitted.marginsAdded(frame) == room
    least = QSize(400, 400)
    too_big = geometry.fitted(QRect(-50, -50, 500, 500), QRect(0, 0, 300, 300), frame, least)
    assert too_big.topLeft() == QPoint(4, 30)


def test_a_remembered_frame_that_cannot_be_read_is_not_used() -> None:
    """``window/frame`` edited by hand, or from another program: the style's title bar
    stands for the frame instead."""
    assert geometry.remembered_frame(["2", "30", "2", "2"]) == QMargins(2, 30, 2, 2)
    for value in (None, "0, 30, 0, 0", ["0", "30", "0"], ["a", "30", "0", "0"], [0, -1, 0, 0]):
        assert geometry.remembered_frame(value) is None, value
    assert geometry.remembered_frame([0, geometry.MOST_FRAME + 1, 0, 0]) is None
