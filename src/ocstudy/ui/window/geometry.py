"""Where the main window opens, and how large: at :data:`PREFERRED_SIZE` where the screen has
room for it, else as large as the room allows (the screen less its panels and docks, Qt's
available geometry); a size remembered on a bigger screen, or a place on a monitor that is gone,
is made to fit the screen the window opens on, and one that fits is kept as it was.

The frame the window manager adds (title bar, borders) is in the room too. Before the window is
shown its size is not known: the frame the window had when it was last closed stands for it
(``window/frame`` beside its geometry), else the style's title bar height, and the fit is made
again with the real frame once the window is on the screen (:func:`keep_on_screen`). A
returning start never asks the style: Qt for Python's ``QStyle`` type costs some 10 ms to set
up, before the first paint."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

#: The size a first start opens at where the screen has room for it.
PREFERRED_SIZE = QSize(1280, 820)


def available_geometry(window: QWidget) -> QRect:
    """The room the desktop leaves for windows on the screen ``window`` is on (or would be on,
    by its geometry; else the primary screen)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_of(window: QWidget, remembered: QMargins | None = None) -> QMargins:
    """The window manager's frame around ``window``: as it is once the window is shown, else
    the ``remembered`` one, else a title bar as high as the style draws one."""
    outer, inner = window.frameGeometry(), window.geometry()
    if window.isVisible() and outer != inner:
        return QMargins(
            inner.left() - outer.left(),
            inner.top() - outer.top(),
            outer.right() - inner.right(),
            outer.bottom() - inner.bottom(),
        )
    if remembered is not None:
        return remembered
    from PySide6.QtWidgets import QStyle  # on a first start only: see the module's docstring

    title = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight, None, window)
    return QMargins(0, title, 0, 0)


#: The most a remembered frame's side may be: a title bar at 200 % scale is about 80 pixels.
#: A larger one is not a frame (a hand edit, another program): it is ignored, since fitting
#: the window to it would shrink the window, and the smaller size would be kept at close.
MOST_FRAME = 120


def stored_frame(frame: QMargins) -> list[int]:
    """``frame`` as the settings keep it (``window/frame``)."""
    return [frame.left(), frame.top(), frame.right(), frame.bottom()]


def remembered_frame(value: object) -> QMargins | None:
    """The frame kept by :func:`stored_frame` (QSettings gives it back as four strings), or
    None for anything else."""
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        return None
    try:
        sides = [int(side) for side in value]
    except (TypeError, ValueError):
        return None
    if not all(0 <= side <= MOST_FRAME for side in sides):
        return None
    return QMargins(*sides)


def fitted(inside: QRect, room: QRect, frame: QMargins, minimum: QSize) -> QRect:
    """``inside`` (a window's geometry, its frame not counted) made no larger than ``room``
    less ``frame`` (nor smaller than ``minimum``) and moved into ``room`` where it sticks out.
    A window larger than the room even so keeps its top left corner, title bar included, on
    the screen."""
    most = room.marginsRemoved(frame)
    size = inside.size().boundedTo(most.size()).expandedTo(minimum)
    left = max(most.left(), min(inside.left(), most.right() + 1 - size.width()))
    top = max(most.top(), min(inside.top(), most.bottom() + 1 - size.height()))
    return QRect(QPoint(left, top), size)


def _is_whole_screen(window: QWidget) -> bool:
    state = window.windowState()
    return bool(state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen))


def open_fitted(
    window: QMainWindow, remembered: QByteArray | None, frame: QMargins | None = None
) -> None:
    """Size and place ``window`` before it is first shown: as ``remembered`` (a
    ``saveGeometry``) if there is one, fitted to the screen with the ``frame`` it had then
    (:func:`frame_of`), else at the preferred size, or the room's, in the middle of the
    room."""
    if remembered is not None and window.restoreGeometry(remembered):
        if not _is_whole_screen(window):
            keep_on_screen(window, frame)
        return
    room = available_geometry(window)
    frame = frame_of(window, frame)
    start = QRect(QPoint(0, 0), PREFERRED_SIZE.boundedTo(room.marginsRemoved(frame).size()))
    start.moveCenter(room.marginsRemoved(frame).center())
    window.setGeometry(fitted(start, room, frame, window.minimumSizeHint()))


def keep_on_screen(window: QWidget, remembered: QMargins | None = None) -> None:
    """Fit ``window`` (not maximised) and its frame (:func:`frame_of`) to the room on its
    screen, if they do not fit now."""
    if _is_whole_screen(window):
        return
    room = available_geometry(window)
    frame = frame_of(window, remembered)
    if room.contains(window.geometry().marginsAdded(frame)):
        return
    window.setGeometry(fitted(window.geometry(), room, frame, window.minimumSizeHint()))
