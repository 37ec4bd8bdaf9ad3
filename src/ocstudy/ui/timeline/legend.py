"""The key to the timeline's marks and colours, in as many rows as the width needs: the same
marks as on the timeline, on screen (:class:`ocstudy.ui.timeline.widgets.TimelineLegend`) and
at the head of every export."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen

from ocstudy.ui.common.timeline_marks import MarkStyle, draw_marker, draw_ring, theme_color

#: What the legend explains, in order: (shape, words).
LEGEND_MARKERS = (
    ("day", "a day"),
    ("range", "several days"),
    ("span", "adoption \u2192 in force"),
    ("period", "month or year only"),
    ("differs", "paper differs from record"),
    ("cluster", "events: click to open"),
)
LEGEND_ROW_H = 20.0


def legend_rows(
    width: float, themes: list[tuple[str, str]], measure: Callable[[str], float]
) -> int:
    """How many rows :func:`paint_legend` needs at ``width``."""
    return len(_legend_lines(width, themes, measure))


def _legend_lines(
    width: float, themes: list[tuple[str, str]], measure: Callable[[str], float]
) -> list[list[tuple[str, str, float]]]:
    entries = [(shape, words) for shape, words in LEGEND_MARKERS]
    entries += [(f"theme:{key}", label) for key, label in themes]
    lines: list[list[tuple[str, str, float]]] = [[]]
    x = 0.0
    for shape, words in entries:
        room = 26 + measure(words) + 14
        first_theme = shape == f"theme:{themes[0][0]}" if themes else False
        if x and (x + room > width or first_theme):  # the colours start a line of their own
            lines.append([])
            x = 0.0
        lines[-1].append((shape, words, x))
        x += room
    return lines


def paint_legend(
    painter: QPainter, rect: QRectF, palette: QPalette, themes: list[tuple[str, str]]
) -> None:
    """The key to the timeline's marks and colours, in rows across ``rect``: the same glyphs
    as on the timeline, on screen and in exports."""
    style = MarkStyle.of(palette)
    text = palette.color(QPalette.ColorRole.WindowText)
    neutral = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
    metrics = painter.fontMetrics()
    lines = _legend_lines(rect.width(), themes, metrics.horizontalAdvance)
    for row, line in enumerate(lines):
        y = rect.top() + row * LEGEND_ROW_H + LEGEND_ROW_H / 2
        for shape, words, x in line:
            left = rect.left() + x + 4
            if shape.startswith("theme:"):
                key = shape.removeprefix("theme:")
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme_color(key))
                painter.drawEllipse(QPointF(left + 8, y), 5, 5)
            elif shape == "differs":
                draw_marker(painter, "day", left + 8, left + 8, y, neutral, "")
                draw_ring(painter, style, left + 8, y)
            elif shape == "cluster":
                painter.setPen(QPen(neutral.darker(130), 1))
                painter.setBrush(neutral)
                painter.drawEllipse(QPointF(left + 8, y), 6, 6)
            elif shape == "day":
                draw_marker(painter, shape, left + 8, left + 8, y, neutral, "")
            else:
                draw_marker(painter, shape, left, left + 18, y, neutral, "")
            painter.setPen(text)
            painter.drawText(QPointF(left + 24, y + metrics.ascent() / 2 - 1), words)
