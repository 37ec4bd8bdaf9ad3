"""Small charts drawn with QPainter, in the palette's colours: bars per day, and horizontal
bars for how well each theme is known."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class BarChart(QWidget):
    """Vertical bars, one per labelled value (a day), with the largest value marked."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.values: list[tuple[str, int]] = []
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(480, 170)

    def set_values(self, values: Sequence[tuple[str, int]]) -> None:
        self.values = list(values)
        total = sum(v for _, v in self.values)
        self.setAccessibleDescription(f"{self.title}: {total} in all, over {len(self.values)} days")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = painter.fontMetrics()
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(QPointF(0, metrics.ascent()), self.title)
        top, bottom = metrics.height() + 14, self.height() - metrics.height() - 4
        if not self.values:
            return
        highest = max(1, max(v for _, v in self.values))
        width = self.width() / len(self.values)
        bar = palette.color(QPalette.ColorRole.Highlight)
        for index, (_label, value) in enumerate(self.values):
            height = (bottom - top) * value / highest
            rect = QRectF(index * width + 1, bottom - height, max(1.0, width - 2), height)
            painter.fillRect(rect, bar)
            if value == highest and value:
                painter.setPen(palette.color(QPalette.ColorRole.WindowText))
                painter.drawText(
                    QRectF(
                        rect.left() - 20,
                        rect.top() - metrics.height() - 2,
                        rect.width() + 40,
                        metrics.height(),
                    ),
                    Qt.AlignmentFlag.AlignCenter,
                    str(value),
                )
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        step = max(1, len(self.values) // 6)
        for index in range(0, len(self.values), step):
            painter.drawText(QPointF(index * width + 1, self.height() - 3), self.values[index][0])
        painter.drawLine(QPointF(0, bottom + 0.5), QPointF(self.width(), bottom + 0.5))


class LevelBars(QWidget):
    """One horizontal bar per row, for shares between 0 and 1 (chance of recall)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.rows: list[tuple[str, float | None, str]] = []

    def set_rows(self, rows: Sequence[tuple[str, float | None, str]]) -> None:
        """``(label, share or None, text shown after the bar)`` per row."""
        self.rows = list(rows)
        self.setMinimumHeight((len(self.rows) + 1) * (self.fontMetrics().height() + 6) + 8)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        metrics = painter.fontMetrics()
        line = metrics.height() + 6
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        painter.drawText(QPointF(0, metrics.ascent()), self.title)
        label_width = max((metrics.horizontalAdvance(r[0]) for r in self.rows), default=0) + 12
        after_width = max((metrics.horizontalAdvance(r[2]) for r in self.rows), default=0) + 12
        bar_width = max(40.0, self.width() - label_width - after_width - 8)
        for index, (label, share, after) in enumerate(self.rows, start=1):
            y = index * line + 6
            painter.setPen(text)
            painter.drawText(QPointF(0, y + metrics.ascent()), label)
            frame = QRectF(label_width, y + 2, bar_width, metrics.height() - 4)
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawRect(frame)
            if share is not None:
                filled = QRectF(frame.left(), frame.top(), frame.width() * share, frame.height())
                painter.fillRect(filled, palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(text)
            painter.drawText(QPointF(frame.right() + 8, y + metrics.ascent()), after)
