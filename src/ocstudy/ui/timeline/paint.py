"""Drawing the timeline view: its lanes' events, the axis and the lane names that stay in view
as it scrolls, and the lane bands and grid behind them. The marks themselves are
:mod:`ocstudy.ui.common.timeline_marks`'s, in the palette's colours (light or dark).

Everything here draws through the view's painter, whatever it paints on: the screen, or a PNG
or SVG page when exported (:meth:`QGraphicsView.render`), so the files show what the screen
shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QTransform
from PySide6.QtWidgets import QScrollBar, QWidget

from ocstudy.timeline.layout import Glyph, Lane
from ocstudy.timeline.scale import Tick, ticks
from ocstudy.ui.common.timeline_marks import (
    MarkStyle,
    axis_label_positions,
    draw_axis,
    draw_event,
    draw_lane_name,
    theme_color,
)

if TYPE_CHECKING:
    from ocstudy.services.timeline import TimelineItem
    from ocstudy.timeline.scale import TimeScale

AXIS_H, LANE_HEADER_H, ROW_H, LANE_GAP, PAD = 30.0, 20.0, 22.0, 6.0, 40.0


class TimelineCanvas(Protocol):
    """What the drawing uses of the timeline view (``view.py``, which calls it)."""

    @property
    def lanes(self) -> list[Lane]: ...
    @property
    def glyphs(self) -> dict[str, list[Glyph]]: ...
    @property
    def time_scale(self) -> TimeScale: ...
    @property
    def first_day(self) -> float: ...
    @property
    def last_day(self) -> float: ...
    @property
    def selected_key(self) -> str | None: ...
    @property
    def highlighted_slug(self) -> str | None: ...

    def item_of(self, lane: Lane, glyph: Glyph) -> TimelineItem: ...
    def lane_top(self, key: str) -> float: ...
    def lane_height(self, key: str) -> float: ...
    def visible_days(self) -> tuple[float, float]: ...
    def palette(self) -> QPalette: ...
    def font(self) -> QFont: ...
    def fontMetrics(self) -> QFontMetrics: ...
    def viewport(self) -> QWidget: ...
    def viewportTransform(self) -> QTransform: ...
    def horizontalScrollBar(self) -> QScrollBar: ...
    def verticalScrollBar(self) -> QScrollBar: ...


def paint_lane(view: TimelineCanvas, painter: QPainter, lane: Lane, exposed: QRectF) -> None:
    palette = view.palette()
    style = MarkStyle.of(palette)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    painter.setFont(view.font())
    ascent = painter.fontMetrics().ascent()
    for glyph in view.glyphs.get(lane.key, []):
        start, end = glyph.extent
        if end + PAD < exposed.left() or start + PAD > exposed.right():
            continue
        y = LANE_HEADER_H + glyph.row * ROW_H + ROW_H / 2
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
            label = QRectF(
                PAD + glyph.label_x0 - 2,
                y - ROW_H / 2 + 2,
                glyph.label_x1 - glyph.label_x0 + 4,
                ROW_H - 4,
            )
            painter.drawRoundedRect(label, 4, 4)
        on_highlight = palette.color(QPalette.ColorRole.HighlightedText) if selected else None
        draw_event(painter, style, item, glyph, y, PAD, on_highlight)


def _axis_marks(view: TimelineCanvas) -> list[tuple[float, Tick]]:
    """The ticks in view, each at its x in the viewport."""
    first, last = view.visible_days()
    first, last = max(first, view.first_day), min(last, view.last_day)
    left = view.horizontalScrollBar().value()
    return [
        (PAD + view.time_scale.x(tick.day) - left, tick)
        for tick in ticks(first, last, view.time_scale.px_per_day)
    ]


def axis_labels(view: TimelineCanvas) -> list[tuple[float, str]]:
    """The axis's labels and where they start, in viewport px: only those drawn whole."""
    width = view.viewport().width()
    measure = view.fontMetrics().horizontalAdvance
    return axis_label_positions(_axis_marks(view), 0, width, measure)


def paint_axis_and_labels(view: TimelineCanvas, painter: QPainter) -> None:
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


def paint_axis(view: TimelineCanvas, painter: QPainter, top: float, below: bool) -> None:
    """The axis band from ``top`` (viewport coordinates) across the view: above the lanes, or
    ``below`` them (the whole timeline's export repeats it at the foot of each page)."""
    band = QRectF(0, top, view.viewport().width(), AXIS_H)
    style = MarkStyle.of(view.palette())
    draw_axis(painter, style, band, _axis_marks(view), axis_labels(view), below)


def paint_lane_names(view: TimelineCanvas, painter: QPainter) -> None:
    """Each lane's name at the top of its band, under the axis; a lane scrolled past the axis
    keeps its name pinned there until the next lane's pushes it away."""
    style = MarkStyle.of(view.palette())
    top = view.verticalScrollBar().value()
    for lane in view.lanes:
        lane_top = view.lane_top(lane.key) - top
        lane_bottom = lane_top + view.lane_height(lane.key)
        y = min(max(lane_top, AXIS_H), lane_bottom - LANE_HEADER_H)
        if y + LANE_HEADER_H <= AXIS_H:
            continue  # scrolled up under the axis
        name = f"{lane.label} ({len(lane.events)})"
        draw_lane_name(painter, style, lane.key, name, y, LANE_HEADER_H)


def paint_grid(view: TimelineCanvas, painter: QPainter, rect: QRectF) -> None:
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
