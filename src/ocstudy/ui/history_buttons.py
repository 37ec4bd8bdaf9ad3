"""The mouse's back and forward buttons step through the entities visited, as in a browser.

The filter watches only the widgets it is given. An application-wide filter written in Python
runs for every event Qt delivers, and at start-up it makes Qt for Python build the Python types
of Qt's internal objects it is handed (about 135 enum types, some 40 ms before the first paint).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget


class HistoryButtons(QObject):
    def __init__(self, back: Callable[[], None], forward: Callable[[], None], parent: QObject):
        super().__init__(parent)
        self._steps = {Qt.MouseButton.BackButton: back, Qt.MouseButton.ForwardButton: forward}

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            step = self._steps.get(event.button())
            if step is not None:
                step()
                return True
        return False
