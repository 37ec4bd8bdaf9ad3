"""The timeline as a printed figure: one page wide, every event labelled (no clusters), one
lane per theme, with a legend. Laid out by ``ocstudy.timeline.layout`` and drawn with the
timeline view's own marks (:mod:`ocstudy.ui.common.timeline_marks`), in fixed print colours.

Figures are inline objects of the sheet's QTextDocument: the HTML holds an image named
``ocstudy-figure:N``, and :class:`FigureHandler`, registered for images, gives its size and
draws it as vector shapes and text (so the labels stay selectable in the PDF). Inside a
figure, one unit is 1/96 inch, the timeline view's screen pixel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPyTextObject,
    QTextDocument,
    QTextFormat,
)

from ocstudy.content.vocabulary import FactStatus
from ocstudy.render.sheet import FIGURE_SCHEME
from ocstudy.services.sheet.model import TimelineFigure
from ocstudy.services.timeline import TimelineItem
from ocstudy.timeline.layout import (
    LABEL_GAP_PX,
    MARKER_PX,
    Glyph,
    Lane,
    LaneEvent,
    layout_lane_unclustered,
)
from ocstudy.timeline.scale import TimeScale, day_number, ticks
from ocstudy.ui.common.timeline_marks import (
    DOT_PX,
    PRINT_STYLE,
    axis_label_positions,
    draw_axis,
    draw_event,
    draw_lane_name,
    event_label,
    theme_color,
)

UNITS_PER_INCH = 96.0
AXIS_H, LANE_HEADER_H, ROW_H, LEGEND_H = 22.0, 16.0, 14.0, 38.0
LABEL_PX = 9  # 6.75 points
MUTED, GRID, BAND = "#555555", "#d0d0d0", "#f0f0f0"
#: The axis starts this many days before the first event and ends as many after the last.
MARGIN_DAYS = 180


@dataclass
class LaidOutLane:
    key: str
    label: str
    items: list[TimelineItem]
    glyphs: list[Glyph]

    @property
    def rows(self) -> int:
        return max((g.row for g in self.glyphs), default=-1) + 1

    @property
    def height(self) -> float:
        return LANE_HEADER_H + max(1, self.rows) * ROW_H


class FigureLayout:
    """Where everything of one figure goes, ``width`` units wide."""

    def __init__(self, figure: TimelineFigure, width: float, font: QFont):
        self.figure = figure
        self.width = width
        self.font = font
        metrics = QFontMetricsF(font)
        measure = metrics.horizontalAdvance
        keys = [key for key, _ in figure.lanes]
        by_lane: dict[str, list[TimelineItem]] = {key: [] for key in keys}
        for item in figure.items:
            by_lane[item.theme if item.theme in by_lane else keys[0]].append(item)
        days = [day_number(i.start) for i in figure.items] or [day_number(date(2000, 1, 1))]
        self.first_day = min(days) - MARGIN_DAYS
        self.scale = self._scale(figure.items, measure)
        last_day = max(day_number(i.end) for i in figure.items) if figure.items else days[0]
        #: the axis ends here, near the last event (the labels go on to the page's edge)
        self.last_day = last_day + MARGIN_DAYS
        self.lanes: list[LaidOutLane] = []
        for key, label in figure.lanes:
            items = sorted(by_lane[key], key=lambda i: (i.start, i.end, i.key))
            events = [
                LaneEvent(
                    day_number(i.start),
                    day_number(i.end),
                    str(n),
                    event_label(i),
                    DOT_PX * len(i.other_themes),
                )
                for n, i in enumerate(items)
            ]
            lane = Lane(key, label, events)
            ordered = [items[int(event.key)] for event in lane.events]
            glyphs = layout_lane_unclustered(lane, self.scale, measure)
            self.lanes.append(LaidOutLane(key, label, ordered, glyphs))
        self.height = AXIS_H + sum(lane.height for lane in self.lanes) + LEGEND_H

    def _scale(self, items: Sequence[TimelineItem], measure: object) -> TimeScale:
        """The widest zoom at which every label still ends inside the figure."""
        assert callable(measure)
        room = self.width - MARKER_PX
        last = max((day_number(i.end) for i in items), default=self.first_day)
        px_per_day = room / max(1.0, last + 1 - self.first_day)
        for item in items:
            days = day_number(item.end) + 1 - self.first_day
            dots = DOT_PX * len(item.other_themes)
            label = measure(event_label(item)) + dots + MARKER_PX / 2 + LABEL_GAP_PX + 2
            if days > 0:
                px_per_day = min(px_per_day, max(1e-6, (room - label) / days))
        return TimeScale(self.first_day, px_per_day)


class FigureHandler(QPyTextObject):
    """Sizes and draws the figures of one sheet document (registered for image objects)."""

    def __init__(self, document: QTextDocument, figures: Sequence[TimelineFigure], dpi: float):
        super().__init__(document)
        self.figures = figures
        self.unit = dpi / UNITS_PER_INCH
        # in pixels, which the painter's scale to figure units turns into 1/96 inch
        self.font = QFont(document.defaultFont())
        self.font.setPixelSize(LABEL_PX)
        self._layouts: dict[int, FigureLayout] = {}

    def layout(self, index: int, width: float) -> FigureLayout:
        if index not in self._layouts:
            self._layouts[index] = FigureLayout(self.figures[index], width, self.font)
        return self._layouts[index]

    def _index(self, fmt: QTextFormat) -> int | None:
        name = fmt.toImageFormat().name()
        if not name.startswith(FIGURE_SCHEME):
            return None
        index = int(name.removeprefix(FIGURE_SCHEME))
        return index if 0 <= index < len(self.figures) else None

    def intrinsicSize(self, doc: QTextDocument, position: int, fmt: QTextFormat) -> QSizeF:
        index = self._index(fmt)
        if index is None:
            return QSizeF(0, 0)
        width = fmt.toImageFormat().width()
        layout = self.layout(index, width / self.unit)
        return QSizeF(width, layout.height * self.unit)

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        position: int,
        fmt: QTextFormat,
    ) -> None:
        index = self._index(fmt)
        if index is None:
            return
        rect = QRectF(rect)
        layout = self.layout(index, rect.width() / self.unit)
        painter.save()
        painter.translate(rect.topLeft())
        painter.scale(self.unit, self.unit)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_figure(painter, layout)
        painter.restore()


def paint_figure(painter: QPainter, layout: FigureLayout) -> None:
    """The figure, drawn with the timeline's own marks (the axis, the lanes' names, the
    events) in print colours: lane bands in turn as on screen, grid lines at the years, and the
    axis from the first event to the last, not to the edge of the page."""
    painter.setFont(layout.font)
    metrics = painter.fontMetrics()
    width, scale = layout.width, layout.scale
    bottom = layout.height - LEGEND_H
    end = min(width, scale.x(layout.last_day))
    marks = [
        (scale.x(tick.day), tick)
        for tick in ticks(layout.first_day, layout.last_day, scale.px_per_day)
        if 0 <= scale.x(tick.day) <= end
    ]
    top = AXIS_H
    for index, lane in enumerate(layout.lanes):
        if index % 2:
            painter.fillRect(QRectF(0, top, width, lane.height), QColor(BAND))
        top += lane.height
    painter.setPen(QPen(QColor(GRID), 0.6))
    for x, tick in marks:
        if tick.major:
            painter.drawLine(QPointF(x, AXIS_H), QPointF(x, bottom))
    labels = axis_label_positions(marks, 0, width, metrics.horizontalAdvance)
    draw_axis(painter, PRINT_STYLE, QRectF(0, 0, end, AXIS_H), marks, labels)
    top = AXIS_H
    for lane in layout.lanes:
        draw_lane_name(painter, PRINT_STYLE, lane.key, lane.label, top, LANE_HEADER_H)
        for glyph in lane.glyphs:
            item = lane.items[glyph.indices[0]]
            y = top + LANE_HEADER_H + glyph.row * ROW_H + ROW_H / 2
            draw_event(painter, PRINT_STYLE, item, glyph, y, 0.0)
        top += lane.height
    _legend(painter, layout, bottom + 12, metrics.ascent())


def _legend(painter: QPainter, layout: FigureLayout, y: float, ascent: float) -> None:
    sample = layout.figure.items[0] if layout.figure.items else None
    x = 6.0
    if sample is not None:
        agrees = FactStatus.AGREES
        shapes = (
            ("one day", replace(sample, is_range=False, precision="day", status=agrees)),
            ("several days", replace(sample, is_range=True, precision="day", status=agrees)),
            ("month or year only", replace(sample, is_range=False, precision="year")),
            ("the paper gives another date", replace(sample, is_range=False, precision="day")),
        )
        for text, item in shapes:
            ranged = item.is_range or item.precision != "day"
            glyph = Glyph([0], 0, x + 5, x + (19 if ranged else 5), "", 0, 0)
            status = FactStatus.DIFFERS if text.startswith("the paper") else FactStatus.AGREES
            item = replace(item, status=status)
            draw_event(painter, PRINT_STYLE, replace(item, other_themes=()), glyph, y, 0.0)
            label_x = x + (24 if ranged else 12) + (4 if item.differs else 0)
            painter.setPen(QColor(MUTED))
            painter.drawText(QPointF(label_x, y + ascent / 2 - 1), text)
            x = label_x + painter.fontMetrics().horizontalAdvance(text) + 14
    # every colour drawn: the events' own themes and their other themes' dots
    themes = list(
        dict.fromkeys(t for item in layout.figure.items for t in (item.theme, *item.other_themes))
    )
    labels = {**dict(layout.figure.themes), **dict(layout.figure.lanes)}
    x, y = 6.0, y + 14
    for key in themes:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme_color(key))
        painter.drawEllipse(QPointF(x + 3, y), 3.5, 3.5)
        text = labels.get(key, key.replace("-", " ").capitalize())
        painter.setPen(QColor(MUTED))
        painter.drawText(QPointF(x + 10, y + ascent / 2 - 1), text)
        x += 10 + painter.fontMetrics().horizontalAdvance(text) + 14
