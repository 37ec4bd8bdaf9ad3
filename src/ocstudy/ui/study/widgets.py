"""The study view's own widgets: the search box and the instrument tree."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTreeView

from ocstudy.ui.study.history import HistoryButtons


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


class InstrumentTree(HistoryButtons, QTreeView):
    """The instrument tree; the mouse's back and forward buttons step through history."""
