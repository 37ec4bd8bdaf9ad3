"""The mouse's back and forward buttons step through the entities visited, as in a browser.

The widgets of the study view take :class:`HistoryButtons` as a mixin. Neither an
application-wide event filter nor filters on the scroll areas' viewports would do: a Python
filter on the application runs for every event Qt delivers, and handing Python a viewport
makes Qt for Python build the Python type of every QtWidgets class (some 15 to 40 ms before
the first paint).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget as _MixinBase
else:
    _MixinBase = object

_STEPS = {Qt.MouseButton.BackButton: -1, Qt.MouseButton.ForwardButton: 1}


def history_step(event: QMouseEvent) -> int:
    """-1 for the back button, 1 for forward, 0 for any other button."""
    return _STEPS.get(event.button(), 0)


class HistoryButtons(_MixinBase):
    """Listed before the Qt class: the back and forward buttons emit ``historyStep`` (-1 or 1)
    instead of reaching the widget."""

    historyStep = Signal(int)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if step := history_step(event):
            self.historyStep.emit(step)
            return
        super().mousePressEvent(event)
