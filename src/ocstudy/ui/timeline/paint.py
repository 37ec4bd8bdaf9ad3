"""Drawing the timeline: glyphs in lanes, the sticky axis and the sticky lane labels.

Colours come from the palette (text, highlight, the detail pane's warning colour) and from
the fixed theme colours, which read on light and dark backgrounds alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen, QPolygonF

from ocstudy.services.timeline import SPAN_KIND, TimelineItem
from ocstudy.timeline.layout import MARKER_PX, Glyph, Lane
from ocstudy.timeline.scale import ticks
from ocstudy.ui.palette import palette_colors

if TYPE_CHECKING:
    from ocstudy.ui.timeline.view import TimelineView

THEME_COLORS = {
    "drugs": "#E69F00",
    "organized-crime": "#0072B2",
    "trafficking-in-persons": "#CC79A7",
    "migrant-smuggling": "#009E73",
    "firearms": "#D55E00",
    "corruption": "#56B4E9",
    "money-laundering": "#B8A200",
}
AXIS_H, LANE_HEADER_H, ROW_H, LANE_GAP, PAD = 30.0, 20.0, 22.0, 6.0, 40.0
DOT_PX = 8.0


def theme_color(key: str, alpha: int = 255) -> QColor:
    color = QColor(THEME_COLORS.get(key, "#888888"))
    color.setAlpha(alpha)
    return color


def draw_item_marker(
    painter: QPainter, item: TimelineItem, glyph: Glyph, y: float, color: QColor
) -> None:
    """The marker of ``item`` as laid out in ``glyph`` (on screen and in the printed figure)."""
    draw_marker(painter, _shape(item), PAD + glyph.x0, PAD + glyph.x1, y, color, item.theme)


def _shape(item: TimelineItem) -> str:
    if item.kind == SPAN_KIND:
        return "span"
    if item.is_range:
        return "range"
    return "day" if item.precision == "day" else "period"


def draw_marker(
    painter: QPainter, shape: str, x0: float, x1: float, y: float, color: QColor, theme: str
) -> None:
    """One marker: a diamond for a day, a bar for a range, a dashed bar for the years from
    adoption to entry into force, a hatched bar for a date known only to the month or year."""
    if shape == "span":
        painter.setPen(QPen(color, 1, Qt.PenStyle.DashLine))
        painter.setBrush(theme_color(theme, 60))
        painter.drawRoundedRect(QRectF(x0, y - 3, x1 - x0, 6), 3, 3)
    elif shape == "range":
        painter.setPen(QPen(color.darker(130), 1))
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(x0, y - 5, max(x1 - x0, MARKER_PX), 10), 3, 3)
    elif shape == "day":
        half = MARKER_PX / 2
        painter.setPen(QPen(color.darker(140), 1))
        painter.setBrush(color)
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(x0, y - half),
                    QPointF(x0 + half, y),
                    QPointF(x0, y + half),
                    QPointF(x0 - half, y),
                ]
            )
        )
    else:  # a month or a year: a faded, hatched bar over the whole period
        painter.setPen(QPen(color, 1, Qt.PenStyle.DotLine))
        painter.setBrush(QBrush(theme_color(theme, 110), Qt.BrushStyle.Dense4Pattern))
        painter.drawRect(QRectF(x0, y - 5, max(x1 - x0, MARKER_PX), 10))


def paint_lane(view: TimelineView, painter: QPainter, lane: Lane, exposed: QRectF) -> None:
    palette = view.palette()
    colors = palette_colors(palette)
    text = palette.color(QPalette.ColorRole.Text)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    painter.setFont(view.font())
    ascent = painter.fontMetrics().ascent()
    for glyph in view.glyphs.get(lane.key, []):
        start, end = glyph.extent
        if end + PAD < exposed.left() or start + PAD > exposed.right():
            continue
        y = LANE_HEADER_H + glyph.row * ROW_H + ROW_H / 2
        label_rect = QRectF(
            PAD + glyph.label_x0 - 2,
            y - ROW_H / 2 + 2,
            glyph.label_x1 - glyph.label_x0 + 4,
            ROW_H - 4,
        )
        if glyph.is_cluster:
            color = theme_color(lane.key, 200)
            painter.setPen(QPen(color.darker(130), 1))
            painter.setBrush(color)
            painter.drawEllipse(QPointF(PAD + glyph.x0, y), 6, 6)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QPointF(PAD + glyph.label_x0, y + ascent / 2 - 1), glyph.label)
            continue
        item = view.item_of(lane, glyph)
        selected = item.key == view.selected_key
        if item.entity_slug == view.highlighted_slug or selected:
            back = QColor(highlight)
            back.setAlpha(255 if selected else 70)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(back)
            painter.drawRoundedRect(label_rect, 4, 4)
        draw_item_marker(painter, item, glyph, y, theme_color(item.theme))
        if item.differs:
            painter.setPen(QPen(QColor(colors.warn), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(PAD + glyph.x0, y), 7.5, 7.5)
        # The other themes' dots go before the label, where they do not depend on how wide
        # the label's text comes out (an SVG viewer may lay text out with another font).
        dot_x = PAD + glyph.label_x0 - DOT_PX * len(item.other_themes) + DOT_PX / 2 - 2
        for other in item.other_themes:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme_color(other))
            painter.drawEllipse(QPointF(dot_x, y), 3, 3)
            dot_x += DOT_PX
        selected_text = palette.color(QPalette.ColorRole.HighlightedText)
        painter.setPen(selected_text if selected else text)
        painter.drawText(QPointF(PAD + glyph.label_x0, y + ascent / 2 - 1), glyph.label)


def axis_labels(view: TimelineView) -> list[tuple[float, str]]:
    """The axis's labels and where they start, in viewport px: only those drawn whole (a year
    whose tick is just off the left edge would show as its last digits)."""
    first, last = view.visible_days()
    first, last = max(first, view.first_day), min(last, view.last_day)
    left = view.horizontalScrollBar().value()
    width = view.viewport().width()
    metrics = view.fontMetrics()
    labels = []
    for tick in ticks(first, last, view.time_scale.px_per_day):
        x = PAD + view.time_scale.x(tick.day) - left + 3
        if tick.major and x >= 0 and x + metrics.horizontalAdvance(tick.label) <= width:
            labels.append((x, tick.label))
    return labels


def paint_axis_and_labels(view: TimelineView, painter: QPainter) -> None:
    """The axis along the top and the lane names along the left, in viewport coordinates.

    The painter maps the scene to whatever it draws on: the viewport on screen, an image or an
    SVG page when exported (where :meth:`QGraphicsView.render` adds the page's offset). Only the
    scene-to-viewport part is undone, so the axis and the names land where the lanes are on
    every device, not at the device's top left corner."""
    painter.save()
    to_viewport, _invertible = view.viewportTransform().inverted()
    painter.setTransform(to_viewport * painter.transform())
    paint_axis(view, painter, 0.0, below=False)
    paint_lane_names(view, painter)
    painter.restore()


def paint_axis(view: TimelineView, painter: QPainter, top: float, below: bool) -> None:
    """The axis band from ``top`` (viewport coordinates), its years and ticks: above the lanes
    (the line at the band's foot) or, ``below`` them, upside down (the line at its head)."""
    palette = view.palette()
    width = view.viewport().width()
    window = QColor(palette.color(QPalette.ColorRole.Window))
    painter.fillRect(QRectF(0, top, width, AXIS_H), window)
    line = top + 0.5 if below else top + AXIS_H - 0.5
    inward = 1 if below else -1  # from the line into the band
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    painter.drawLine(QPointF(0, line), QPointF(width, line))
    first, last = view.visible_days()
    first, last = max(first, view.first_day), min(last, view.last_day)
    left = view.horizontalScrollBar().value()
    text = palette.color(QPalette.ColorRole.WindowText)
    for tick in ticks(first, last, view.time_scale.px_per_day):
        x = PAD + view.time_scale.x(tick.day) - left
        painter.setPen(text if tick.major else palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(QPointF(x, line), QPointF(x, line + inward * (10 if tick.major else 5)))
    painter.setPen(text)
    baseline = top + AXIS_H - 6 if below else top + AXIS_H - 12
    for x, label in axis_labels(view):
        painter.drawText(QPointF(x, baseline), label)


def paint_lane_names(view: TimelineView, painter: QPainter) -> None:
    """Each lane's name at the top of its band, under the axis; a lane scrolled past the axis
    keeps its name pinned there until the next lane's pushes it away."""
    palette = view.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    label_back = QColor(palette.color(QPalette.ColorRole.Window))
    label_back.setAlpha(220)
    top = view.verticalScrollBar().value()
    for lane in view.lanes:
        lane_top = view.lane_top(lane.key) - top
        lane_bottom = lane_top + view.lane_height(lane.key)
        y = min(max(lane_top, AXIS_H), lane_bottom - LANE_HEADER_H)
        if y + LANE_HEADER_H <= AXIS_H:
            continue  # scrolled up under the axis
        name = f"{lane.label} ({len(lane.events)})"
        rect = QRectF(4, y + 2, painter.fontMetrics().horizontalAdvance(name) + 18, 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(label_back)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setBrush(theme_color(lane.key))
        painter.drawEllipse(QPointF(rect.left() + 7, rect.center().y()), 4, 4)
        painter.setPen(text)
        painter.drawText(QPointF(rect.left() + 14, rect.bottom() - 4), name)


def paint_grid(view: TimelineView, painter: QPainter, rect: QRectF) -> None:
    """Faint vertical lines at the major ticks, and alternating lane bands."""
    palette = view.palette()
    painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
    band = palette.color(QPalette.ColorRole.AlternateBase)
    for index, lane in enumerate(view.lanes):
        if index % 2:
            top = view.lane_top(lane.key)
            height = view.lane_height(lane.key)
            painter.fillRect(QRectF(rect.left(), top, rect.width(), height), band)
    grid = QColor(palette.color(QPalette.ColorRole.Mid))
    grid.setAlpha(60)
    painter.setPen(QPen(grid, 0))
    first = max(view.first_day, view.time_scale.day(rect.left() - PAD))
    last = min(view.last_day, view.time_scale.day(rect.right() - PAD))
    for tick in ticks(first, last, view.time_scale.px_per_day):
        if tick.major:
            x = PAD + view.time_scale.x(tick.day)
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))


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
    colors = palette_colors(palette)
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
                painter.setPen(QPen(QColor(colors.warn), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(left + 8, y), 7.5, 7.5)
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
