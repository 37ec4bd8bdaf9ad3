"""Exporting the timeline to PNG or SVG: the current view as it is on screen, or the whole
timeline with every event on its own (no clusters), under a title and the legend.

A whole timeline can be far taller than one image should be: a PNG is then cut into pages
(``name-1.png``, ``name-2.png``, ...), each with the title, the legend and the axis above and
below the lanes; an SVG is one page.

The view is drawn by its own painting code (:meth:`QGraphicsView.render`), the same as on
screen: the lanes, the axis and the lane names cannot drift apart between screen and file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QImage, QImageWriter, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFrame, QGraphicsView

from ocstudy.services.exchange.export_files import atomic_file
from ocstudy.services.timeline import TimelineItem
from ocstudy.ui.timeline.legend import LEGEND_ROW_H, legend_rows, paint_legend
from ocstudy.ui.timeline.paint import AXIS_H, paint_axis
from ocstudy.ui.timeline.view import TimelineView

EXPORT_WIDTH = 2400
#: The tallest PNG page; a taller whole timeline goes on several pages.
MAX_PAGE_HEIGHT = 16_000
TITLE_H = 34.0


def _header_height(view: QGraphicsView, themes: list[tuple[str, str]], width: float) -> float:
    rows = legend_rows(width - 8, themes, view.fontMetrics().horizontalAdvance)
    return TITLE_H + rows * LEGEND_ROW_H + 8


def _paint_header(
    painter: QPainter, view: QGraphicsView, themes: list[tuple[str, str]], title: str, width: float
) -> float:
    palette = view.palette()
    painter.setPen(palette.color(QPalette.ColorRole.WindowText))
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QPointF(8, TITLE_H - 10), title)
    painter.setFont(view.font())
    height = _header_height(view, themes, width)
    paint_legend(painter, QRectF(4, TITLE_H, width - 8, height - TITLE_H), palette, themes)
    return height


def whole_timeline_view(
    items: list[TimelineItem],
    themes: list[tuple[str, str]],
    filters: tuple[set[str], set[str] | None],
    like: QGraphicsView,
) -> TimelineView:
    """An off-screen view of every shown event, fitted to the export width, no clusters."""
    source = TimelineView(items, themes, clusters=False)
    source.setPalette(like.palette())
    source.setFont(like.font())
    source.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    source.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    source.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    source.setFrameShape(QFrame.Shape.NoFrame)
    source.set_filters(*filters)
    source.resize(EXPORT_WIDTH, 800)
    source.show()
    source.fit_all()
    return source


def export_view(
    source: TimelineView, path: Path, themes: list[tuple[str, str]], title: str, whole: bool
) -> list[Path]:
    """Write ``source`` to ``path`` (PNG or SVG, by its suffix); return the files written,
    each the user's only (0600) and whole or not there at all (see ``atomic_file``).

    The current view is drawn as it is. The whole timeline is drawn page by page, with the
    axis again under the lanes: the view is made one page tall and scrolled down a page at a
    time (less the axis, which each page repeats), so the cost grows with the number of
    events, never with a giant image."""
    width = source.viewport().width()
    header_h = _header_height(source, themes, width)
    footer_h = AXIS_H if whole else 0.0
    svg = path.suffix.lower() == ".svg"
    offsets = [0]
    if whole:
        content_h = int(source.sceneRect().height())
        room = int(MAX_PAGE_HEIGHT - header_h - footer_h)
        view_h = content_h if svg else min(content_h, room)
        source.resize(width, view_h)
        step = view_h - int(AXIS_H)
        while offsets[-1] + view_h < content_h:
            offsets.append(offsets[-1] + step)
    height = source.viewport().height()
    size = QSize(width, int(header_h + height + footer_h))
    written = []
    for page, offset in enumerate(offsets):
        target = (
            path if len(offsets) == 1 else path.with_name(f"{path.stem}-{page + 1}{path.suffix}")
        )
        source.verticalScrollBar().setValue(offset)
        with atomic_file(target) as temp:
            if svg:
                _write_svg(
                    temp, size, title, lambda p: _paint_page(p, source, themes, title, whole)
                )
            else:
                _write_png(
                    temp, size, source, lambda p: _paint_page(p, source, themes, title, whole)
                )
        written.append(target)
    return written


def _write_svg(temp: Path, size: QSize, title: str, paint: Callable[[QPainter], None]) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(temp))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"could not write {temp.name}")
    paint(painter)
    painter.end()


def _write_png(
    temp: Path, size: QSize, source: TimelineView, paint: Callable[[QPainter], None]
) -> None:
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(source.palette().base().color())
    painter = QPainter(image)
    paint(painter)
    painter.end()
    writer = QImageWriter(str(temp), QByteArray(b"PNG"))  # the name ends in .partial
    if not writer.write(image):
        raise OSError(f"could not write {temp.name}: {writer.errorString()}")


def _paint_page(
    painter: QPainter,
    source: TimelineView,
    themes: list[tuple[str, str]],
    title: str,
    whole: bool,
) -> None:
    """The title and legend, the view as on screen (its axis and lane names included), and
    for the whole timeline the axis again at the foot of the page."""
    width = source.viewport().width()
    header_h = _header_height(source, themes, width)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(QRectF(0, 0, width, header_h), source.palette().base())
    _paint_header(painter, source, themes, title, width)
    viewport = source.viewport().rect()
    source.render(painter, QRectF(0, header_h, width, viewport.height()), viewport)
    if whole:
        painter.save()
        painter.setFont(source.font())
        paint_axis(source, painter, header_h + viewport.height(), below=True)
        painter.restore()
