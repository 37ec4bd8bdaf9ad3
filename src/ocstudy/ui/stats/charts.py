"""Small charts drawn with QPainter, in the palette's colours: bars per day, a calendar of
answers per day, and bars inside table cells for shares (chance of recall, retention)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from ocstudy.phrasing import counted
from ocstudy.services.stats import DayCount
from ocstudy.ui.stats.models import MONTHS, SHARE_ROLE


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


class ShareDelegate(QStyledItemDelegate):
    """Draws a cell's share (``SHARE_ROLE``, 0 to 1) as a bar behind its text: a full bar
    in the knowledge tables, a shaded cell in the retention table (``fill=True``)."""

    def __init__(self, parent: QWidget | None = None, fill: bool = False):
        super().__init__(parent)
        self.fill = fill

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        share = index.data(SHARE_ROLE)
        if isinstance(share, float):
            color = QColor(option.palette.color(QPalette.ColorRole.Highlight))
            rect = QRectF(option.rect).adjusted(2, 3, -2, -3)
            if self.fill:
                color.setAlphaF(0.15 + 0.6 * share)
            else:
                color.setAlphaF(0.45)
                rect.setWidth(rect.width() * share)
            painter.fillRect(rect, color)
        super().paint(painter, option, index)


class CalendarHeatMap(QWidget):
    """Answers per day as a calendar, as Anki draws it: a column per week, Monday on top,
    darker for more answers; hover a day for its count."""

    CELL = 12.0
    GAP = 2.0

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.days: list[DayCount] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(int(54 * (self.CELL + self.GAP)) + 40, self._height())

    def _height(self) -> int:
        line = self.fontMetrics().height()
        return int(2 * line + 7 * (self.CELL + self.GAP) + 10)

    def set_days(self, days: Sequence[DayCount]) -> None:
        self.days = list(days)
        studied = sum(1 for d in self.days if d.count)
        total = sum(d.count for d in self.days)
        self.setAccessibleDescription(
            f"{self.title}: {counted(total, 'answer')} on {studied} of the last "
            f"{len(self.days)} days"
        )
        self.setFixedHeight(self._height())
        self.update()

    def _origin(self) -> tuple[float, float]:
        line = self.fontMetrics().height()
        return 30.0, line * 2 + 4.0

    def _cell(self, index: int) -> QRectF:
        """Where day ``index`` (0 = the first shown) is drawn."""
        first = self.days[0].day
        offset = first.weekday() + index
        left, top = self._origin()
        step = self.CELL + self.GAP
        return QRectF(left + (offset // 7) * step, top + (offset % 7) * step, self.CELL, self.CELL)

    def day_at(self, x: float, y: float) -> DayCount | None:
        for index, day in enumerate(self.days):
            if self._cell(index).contains(QPointF(x, y)):
                return day
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(event.pos().x(), event.pos().y())
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), _day_text(day), self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        metrics = painter.fontMetrics()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        painter.drawText(QPointF(0, metrics.ascent()), self.title)
        if not self.days:
            return
        highest = max(1, max(d.count for d in self.days))
        highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        empty = QColor(palette.color(QPalette.ColorRole.Mid))
        empty.setAlphaF(0.35)
        _left, top = self._origin()
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
            y = top + row * (self.CELL + self.GAP) + self.CELL - 2
            painter.drawText(QPointF(0, y), name)
        shown_month = -1
        for index, day in enumerate(self.days):
            cell = self._cell(index)
            if day.count:
                color = QColor(highlight)
                color.setAlphaF(0.3 + 0.7 * day.count / highest)
            else:
                color = empty
            painter.fillRect(cell, color)
            if day.day.day <= 7 and day.day.month != shown_month and day.day.weekday() == 0:
                shown_month = day.day.month
                painter.drawText(QPointF(cell.left(), top - 4), MONTHS[day.day.month - 1])
        painter.end()


def _day_text(day: DayCount) -> str:
    when = _long_date(day.day)
    if not day.count:
        return f"{when}: no answers"
    return f"{when}: {day.count} answer{'s' if day.count != 1 else ''}"


def _long_date(on: date) -> str:
    return f"{on.day} {MONTHS[on.month - 1]} {on.year}"
