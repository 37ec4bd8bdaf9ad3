"""The study view's own widgets: the search box and the instrument tree."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QLineEdit, QTreeView

from ocstudy.ui.history_buttons import history_step


class SearchBox(QLineEdit):
    """Escape clears; Down or Enter moves into the tree."""

    moveToResults = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.moveToResults.emit()
            return
        super().keyPressEvent(event)


class InstrumentTree(QTreeView):
    historyStep = Signal(int)  # the mouse's back (-1) or forward (1) button

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if step := history_step(event):
            self.historyStep.emit(step)
            return
        super().mousePressEvent(event)
