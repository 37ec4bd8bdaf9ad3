"""The quiz's small widgets: the readable column, the order list and the typed answer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QSizePolicy,
    QWidget,
)

#: The readable column's width, in average characters of the body font.
COLUMN_CHARS = 76
ORIGINAL_INDEX = Qt.ItemDataRole.UserRole + 1


class OrderList(QListWidget):
    """Events to put in order: drag them, or move the selected one with Alt+Up / Alt+Down.

    Typed keys are the quiz's (Space checks the order, U undoes, E opens the entry...), not
    the list's type-ahead search: they go on to the quiz view."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quizOrderList")
        self.setAccessibleName("Events to put in order, earliest first")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
        if step and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.move_current(step)
            return
        typed = event.text().isprintable() and event.text() != ""
        if typed and not event.modifiers() & (_CONTROL | Qt.KeyboardModifier.AltModifier):
            event.ignore()
            return
        super().keyPressEvent(event)

    def move_current(self, step: int) -> None:
        row = self.currentRow()
        target = row + step
        if row >= 0 and 0 <= target < self.count():
            item = self.takeItem(row)
            self.insertItem(target, item)
            self.setCurrentRow(target)

    def order(self) -> list[int]:
        return [int(self.item(row).data(ORIGINAL_INDEX)) for row in range(self.count())]


class TypedAnswer(QLineEdit):
    """The typed answer: Enter checks it, and the key goes no further (it would rate too)."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


_CONTROL = Qt.KeyboardModifier.ControlModifier


def column(content: QWidget, parent: QWidget, chars: int = COLUMN_CHARS) -> QHBoxLayout:
    """``content`` centred in a column about ``chars`` characters wide."""
    content.setMaximumWidth(content.fontMetrics().averageCharWidth() * chars + 24)
    content.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(content, 100)
    row.addStretch(1)
    return row
