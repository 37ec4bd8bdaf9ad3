"""Small charts drawn with QPainter, in the palette's colours: bars per day or per bin, the
answer buttons per kind of card, a calendar of answers per day, and bars inside table cells
for shares (chance of recall, retention). Each chart says its values to a screen reader
(its accessible description) and, under the mouse, in a tooltip."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from ocstudy.phrasing import counted
from ocstudy.services.review.stats import DayCount
from ocstudy.services.review.stats_charts import RATING_NAMES, ButtonCounts
from ocstudy.ui.stats.models import MONTHS, SHARE_ROLE, percent

#: A bar: its label under the axis, what a tooltip and a screen reader say of it, its value.
Bar = tuple[str, str, int]
#: Again, Hard, Good and Easy as Anki colours them (red, orange, green, blue), each at least
#: 3:1 against the window in the light look and in the dark one.
RATING_COLORS_LIGHT = ("#c62828", "#c65000", "#2e7d32", "#1565c0")
RATING_COLORS_DARK = ("#ff7b7b", "#ffb060", "#7fd98a", "#82b1ff")


def rating_color(button: int, palette: QPalette) -> QColor:
    """The colour of rating button ``button`` (0: Again) that reads on this palette's page."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor((RATING_COLORS_DARK if dark else RATING_COLORS_LIGHT)[button])


class BarChart(QWidget):
    """Vertical bars, one per labelled value (a day, a week, a bin), with the largest value
    marked; hover a bar for what it counts."""

    def __init__(self, title: str, parent: QWidget | None = None, *, unit: str = "card"):
        super().__init__(parent)
        self.title = title
        self.unit = unit
        self.bars: list[Bar] = []
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    @property
    def values(self) -> list[tuple[str, int]]:
        return [(label, value) for label, _words, value in self.bars]

    def sizeHint(self) -> QSize:
        return QSize(480, 170)

    def set_title(self, title: str) -> None:
        self.title = title
        self.setAccessibleName(title)
        self.update()

    def set_values(self, values: Sequence[tuple[str, int]]) -> None:
        """Bars labelled as they are said (days: "05 Dec")."""
        self.set_bars([(label, label, value) for label, value in values])

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = list(bars)
        total = sum(value for _label, _words, value in self.bars)
        each = "; ".join(f"{words}: {value}" for _label, words, value in self.bars)
        self.setAccessibleDescription(
            f"{self.title}: {counted(total, self.unit)} in all. {each}" if self.bars else ""
        )
        self.update()

    def _bar_width(self) -> float:
        return self.width() / len(self.bars) if self.bars else 0.0

    def bar_at(self, x: float) -> Bar | None:
        if not self.bars or not 0 <= x < self.width():
            return None
        return self.bars[min(len(self.bars) - 1, int(x / self._bar_width()))]

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(event.pos().x())
            if bar is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), f"{bar[1]}: {counted(bar[2], self.unit)}")
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = painter.fontMetrics()
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(QPointF(0, metrics.ascent()), self.title)
        top, bottom = 2 * metrics.height() + 6, self.height() - metrics.height() - 4
        if not self.bars:
            return
        highest = max(1, max(value for _label, _words, value in self.bars))
        width = self._bar_width()
        bar = palette.color(QPalette.ColorRole.Highlight)
        for index, (_label, _words, value) in enumerate(self.bars):
            height = (bottom - top) * value / highest
            rect = QRectF(index * width + 1, bottom - height, max(1.0, width - 2), height)
            painter.fillRect(rect, bar)
            if value == highest and value:
                painter.setPen(palette.color(QPalette.ColorRole.WindowText))
                painter.drawText(
                    QRectF(rect.center().x() - 40, rect.top() - metrics.height() - 2, 80, 20),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    str(value),
                )
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        step = _label_step(metrics, [label for label, _words, _value in self.bars], width)
        for index in range(0, len(self.bars), step):
            label = self.bars[index][0]
            advance = metrics.horizontalAdvance(label)
            left = min(index * width + max(0.0, (width - advance) / 2), self.width() - advance)
            painter.drawText(QPointF(max(0.0, left), self.height() - 3), label)
        painter.drawLine(QPointF(0, bottom + 0.5), QPointF(self.width(), bottom + 0.5))


def _label_step(metrics: QFontMetrics, labels: Sequence[str], width: float) -> int:
    """Every how many bars a label is drawn, so that labels never overlap."""
    widest = max((metrics.horizontalAdvance(label) for label in labels), default=0) + 8
    return max(1, math.ceil(widest / width)) if width > 0 else 1


class ButtonsChart(QWidget):
    """The answer buttons as Anki draws them: a group of four bars (Again, Hard, Good, Easy,
    in its colours) for each kind of card, with the share of correct answers under it."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.groups: list[ButtonCounts] = []
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(480, 190)

    def set_title(self, title: str) -> None:
        self.title = title
        self.setAccessibleName(title)
        self.update()

    def set_counts(self, groups: Sequence[ButtonCounts]) -> None:
        self.groups = list(groups)
        said = [
            f"{group_name(g)}: "
            + ", ".join(f"{name} {n}" for name, n in zip(RATING_NAMES, g.counts, strict=True))
            + f"; {correct_words(g)}"
            for g in self.groups
        ]
        self.setAccessibleDescription(f"{self.title}. " + ". ".join(said))
        self.update()

    def _bar_rect(self, group: int, button: int) -> QRectF:
        """Where the bar of ``button`` (0: Again) of ``group`` stands, full height."""
        metrics = self.fontMetrics()
        top, bottom = 2 * metrics.height() + 6, self.height() - 2 * metrics.height() - 8
        slot = self.width() / max(1, len(self.groups))
        bar = min(36.0, (slot - 24) / 4)
        left = group * slot + (slot - 4 * bar) / 2
        return QRectF(left + button * bar + 1, top, bar - 2, bottom - top)

    def bar_at(self, x: float, y: float) -> tuple[ButtonCounts, int] | None:
        for group_index, group in enumerate(self.groups):
            for button in range(4):
                if self._bar_rect(group_index, button).contains(QPointF(x, y)):
                    return group, button
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self.bar_at(event.pos().x(), event.pos().y())
            if found is None:
                QToolTip.hideText()
            else:
                group, button = found
                count = group.counts[button]
                share = f" ({count / group.total:.0%})" if group.total else ""
                text = f"{group_name(group)}, {RATING_NAMES[button]}: {counted(count, 'answer')}"
                QToolTip.showText(event.globalPos(), text + share)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        metrics = painter.fontMetrics()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        painter.drawText(QPointF(0, metrics.ascent()), self.title)
        highest = max((max(g.counts) for g in self.groups), default=0)
        slot = self.width() / max(1, len(self.groups))
        for index, group in enumerate(self.groups):
            for button, count in enumerate(group.counts):
                full = self._bar_rect(index, button)
                height = full.height() * count / highest if highest else 0.0
                bar = QRectF(full.left(), full.bottom() - height, full.width(), height)
                painter.fillRect(bar, rating_color(button, palette))
                if count:
                    painter.setPen(text)
                    painter.drawText(
                        QRectF(full.center().x() - 30, bar.top() - metrics.height(), 60, 20),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                        str(count),
                    )
            below = self._bar_rect(index, 0).bottom() + 4
            painter.setPen(text)
            area = QRectF(index * slot, below, slot, 2 * metrics.height() + 4)
            painter.drawText(
                area,
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                f"{group_name(group)}\n{correct_words(group, short=True)}",
            )
        painter.end()


def group_name(group: ButtonCounts) -> str:
    return group.kind.capitalize()


def correct_words(group: ButtonCounts, *, short: bool = False) -> str:
    """ "84% correct of 238 answers" ("84% of 238 correct" where room is short)."""
    if not group.total:
        return "no answers"
    if short:
        return f"{percent(group.share_correct)} of {group.total} correct"
    return f"{percent(group.share_correct)} correct of {counted(group.total, 'answer')}"


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
    return f"{long_date(day.day)}: {counted(day.count, 'answer') if day.count else 'no answers'}"


def long_date(on: date) -> str:
    return f"{on.day} {MONTHS[on.month - 1]} {on.year}"
