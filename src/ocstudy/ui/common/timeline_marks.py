"""The timeline's marks, drawn one way wherever the timeline is drawn: on screen (and so in its
PNG and SVG exports, which render the view) and in a revision sheet's printed figure. An event
(its marker, the ring of a date the paper gets wrong, its other themes' dots, its label), the
axis (its line, ticks and years) and a lane's name; only the colours and a few sizes differ,
given by a :class:`MarkStyle`: the palette's on screen, fixed print colours on paper.

Theme colours are fixed (the Okabe-Ito palette), readable on light and dark pages alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen, QPolygonF

from ocstudy.services.timeline import SPAN_KIND, TimelineItem
from ocstudy.timeline.layout import MARKER_PX, Glyph
from ocstudy.timeline.scale import Tick
from ocstudy.ui.common.palette import palette_colors

THEME_COLORS = {
    "drugs": "#E69F00",
    "organized-crime": "#0072B2",
    "trafficking-in-persons": "#CC79A7",
    "migrant-smuggling": "#009E73",
    "firearms": "#D55E00",
    "corruption": "#56B4E9",
    "money-laundering": "#B8A200",
}
#: The distance between an event's other themes' dots (they sit between marker and label).
DOT_PX = 8.0
#: How far a year's label starts right of its tick.
LABEL_INSET = 3.0


def event_label(item: TimelineItem) -> str:
    """An event's label, marked \u26a0 where the paper gives another date (as everywhere)."""
    return ("\u26a0 " if item.differs else "") + item.label


def theme_color(key: str, alpha: int = 255) -> QColor:
    color = QColor(THEME_COLORS.get(key, "#888888"))
    color.setAlpha(alpha)
    return color


@dataclass(frozen=True)
class MarkStyle:
    """Colours and sizes of the marks."""

    text: QColor  # events' labels
    axis_text: QColor  # years, major ticks, lanes' names
    rule: QColor  # the axis's line and minor ticks
    warn: QColor  # the ring round a date the paper gets wrong
    axis_back: QColor | None  # the axis band; none on paper
    name_back: QColor | None  # behind a lane's name, over the events; none on paper
    tick: float = 10.0  # a major tick's length; a minor tick is half as long
    ring: float = 7.5  # the ring's radius
    ring_pen: float = 2.0
    bold_names: bool = False

    @classmethod
    def of(cls, palette: QPalette) -> MarkStyle:
        """The screen's: the palette's colours, light or dark."""
        window = QColor(palette.color(QPalette.ColorRole.Window))
        name_back = QColor(window)
        name_back.setAlpha(220)
        return cls(
            text=palette.color(QPalette.ColorRole.Text),
            axis_text=palette.color(QPalette.ColorRole.WindowText),
            rule=palette.color(QPalette.ColorRole.Mid),
            warn=QColor(palette_colors(palette).warn),
            axis_back=window,
            name_back=name_back,
        )


#: The printed figure's: black on white whatever the desktop's look, sizes for a small font.
PRINT_STYLE = MarkStyle(
    text=QColor("#1a1a1a"),
    axis_text=QColor("#1a1a1a"),
    rule=QColor("#1a1a1a"),
    warn=QColor("#b3261e"),
    axis_back=None,
    name_back=None,
    tick=6.0,
    ring=7.0,
    ring_pen=1.6,
    bold_names=True,
)


def marker_shape(item: TimelineItem) -> str:
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


def draw_ring(painter: QPainter, style: MarkStyle, x: float, y: float) -> None:
    """The ring round the marker of a date the paper gets wrong."""
    painter.setPen(QPen(style.warn, style.ring_pen))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(QPointF(x, y), style.ring, style.ring)


def draw_event(
    painter: QPainter,
    style: MarkStyle,
    item: TimelineItem,
    glyph: Glyph,
    y: float,
    left: float,
    label_color: QColor | None = None,
) -> None:
    """One event as laid out in ``glyph`` (x from ``left``), centred on ``y``: its marker, the
    ring if the paper differs, its other themes' dots and its label (``glyph.label``)."""
    x0 = left + glyph.x0
    draw_marker(
        painter, marker_shape(item), x0, left + glyph.x1, y, theme_color(item.theme), item.theme
    )
    if item.differs:
        draw_ring(painter, style, x0, y)
    # The other themes' dots go before the label, where they do not depend on how wide the
    # label's text comes out (an SVG viewer may lay text out with another font).
    dot_x = left + glyph.label_x0 - DOT_PX * len(item.other_themes) + DOT_PX / 2 - 2
    for other in item.other_themes:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme_color(other))
        painter.drawEllipse(QPointF(dot_x, y), 3, 3)
        dot_x += DOT_PX
    if glyph.label:
        painter.setPen(label_color or style.text)
        ascent = painter.fontMetrics().ascent()
        painter.drawText(QPointF(left + glyph.label_x0, y + ascent / 2 - 1), glyph.label)


def axis_label_positions(
    marks: Sequence[tuple[float, Tick]],
    left: float,
    right: float,
    measure: Callable[[str], float],
) -> list[tuple[float, str]]:
    """Where the years (or months, or days) start: only those drawn whole between ``left`` and
    ``right`` (a year whose tick is just off the edge would show as its last digits)."""
    labels = []
    for x, tick in marks:
        start = x + LABEL_INSET
        if tick.major and start >= left and start + measure(tick.label) <= right:
            labels.append((start, tick.label))
    return labels


def draw_axis(
    painter: QPainter,
    style: MarkStyle,
    band: QRectF,
    marks: Sequence[tuple[float, Tick]],
    labels: Sequence[tuple[float, str]],
    below: bool = False,
) -> None:
    """The axis in ``band``: its line along the lanes' side (the foot of the band above the
    lanes, the head ``below`` them), ticks from it into the band at the ``marks`` (x, tick),
    and the ``labels`` (x, text) beside the major ticks."""
    if style.axis_back is not None:
        painter.fillRect(band, style.axis_back)
    line = band.top() + 0.5 if below else band.bottom() - 0.5
    inward = 1 if below else -1
    painter.setPen(style.rule)
    painter.drawLine(QPointF(band.left(), line), QPointF(band.right(), line))
    for x, tick in marks:
        if band.left() <= x <= band.right():
            painter.setPen(style.axis_text if tick.major else style.rule)
            length = style.tick if tick.major else style.tick / 2
            painter.drawLine(QPointF(x, line), QPointF(x, line + inward * length))
    painter.setPen(style.axis_text)
    ascent = painter.fontMetrics().ascent()
    baseline = line + style.tick + 2 + ascent if below else line - style.tick - 2
    for x, label in labels:
        painter.drawText(QPointF(x, baseline), label)


def draw_lane_name(
    painter: QPainter, style: MarkStyle, key: str, name: str, top: float, height: float
) -> None:
    """A lane's name with its theme's dot, in the ``height`` at the head of its band."""
    font = QFont(painter.font())
    font.setBold(style.bold_names)
    painter.save()
    painter.setFont(font)
    chip_h = height - 4
    rect = QRectF(4, top + 2, painter.fontMetrics().horizontalAdvance(name) + 18, chip_h)
    if style.name_back is not None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.name_back)
        painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme_color(key))
    painter.drawEllipse(QPointF(rect.left() + 7, rect.center().y()), chip_h / 4, chip_h / 4)
    painter.setPen(style.axis_text)
    ascent = painter.fontMetrics().ascent()
    painter.drawText(QPointF(rect.left() + 14, rect.center().y() + ascent / 2 - 1), name)
    painter.restore()
