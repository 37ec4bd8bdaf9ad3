"""The quiz's small widgets: the readable column, an option's button, the order list and the
typed answer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QWidget,
)

#: The readable column's width, in average characters of the body font.
COLUMN_CHARS = 76
ORIGINAL_INDEX = Qt.ItemDataRole.UserRole + 1


class OptionButton(QPushButton):
    """An option of a multiple-choice card: its text wraps inside the button (a button's own
    text is cut at its edge, and an option can be longer than the column)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._text = ""
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self._label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def setText(self, text: str) -> None:
        self._text = text
        self._label.setText(text)
        self.setAccessibleName(text)

    def text(self) -> str:
        return self._text


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


def set_focus_proxy(widget: QWidget, proxy: QWidget | None) -> None:
    """``widget``'s focus goes to ``proxy`` (None: to ``widget`` itself). Qt takes None;
    PySide's type stubs do not say so."""
    widget.setFocusProxy(proxy)  # type: ignore[arg-type]


class _ColumnWidth(QObject):
    """Keeps a column about ``chars`` characters wide as the text size changes (View > Text
    size): measured once, larger text would be cut at the old width."""

    def __init__(self, content: QWidget, chars: int) -> None:
        super().__init__(content)
        self._chars = chars
        self.fit(content)
        content.installEventFilter(self)

    def fit(self, content: QWidget) -> None:
        content.setMaximumWidth(content.fontMetrics().averageCharWidth() * self._chars + 24)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange and isinstance(watched, QWidget):
            self.fit(watched)
        return False


def column(content: QWidget, parent: QWidget, chars: int = COLUMN_CHARS) -> QHBoxLayout:
    """``content`` centred in a column about ``chars`` characters wide."""
    _ColumnWidth(content, chars)
    content.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(content, 100)
    row.addStretch(1)
    return row
