"""Draw a revision sheet into a PDF with Qt's own printing: the body is one QTextDocument laid
out in pages of the writer's size, the title and contents another, put first once the body's
pages are known; every page gets the footer (the paper, the date printed, the content
version, the page number). Fonts are embedded and the text stays text.

The file is written through :func:`ocstudy.services.exchange.export_files.atomic_file`: a cancelled
or failed sheet leaves nothing behind, and an unwritable folder raises ``OSError``."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextFormat,
)

from ocstudy.render.sheet import MUTED, SheetHtml, contents_html
from ocstudy.services.exchange.export_files import atomic_file
from ocstudy.services.progress import OperationCancelledError, Progress, report
from ocstudy.services.sheet.model import Sheet
from ocstudy.ui.sheet.figure import FigureHandler
from ocstudy.ui.sheet.pages import SheetPages, print_font

DPI = 300
FOOTER_POINTS = 6.5
MARGINS_MM = QMarginsF(16, 14, 16, 10)
FOOTER_MM = 9.0
_PAGE_IDS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)
_HEADING = re.compile(r"<(/?)h[1-6]\b")
_SIZE_OR_COLOR = re.compile(r"(?<![-\w])(?:font-size|color):[^;\"]*;?")


@dataclass(frozen=True)
class SheetResult:
    path: Path
    pages: int
    cancelled: bool = False


def markdown_html(text: str) -> str:
    """A note's Markdown as an HTML fragment (Qt's own Markdown reader), its headings bold
    paragraphs (an entry's heading stays the largest) and its colours the print's."""
    document = QTextDocument()
    document.setMarkdown(text)
    match = _BODY.search(document.toHtml())
    if not match:
        return escape_text(text)
    html = _HEADING.sub(r"<\1p", match.group(1))
    return _SIZE_OR_COLOR.sub("", html)


def escape_text(text: str) -> str:
    from html import escape

    return f"<p>{escape(text)}</p>"


def ensure_gui() -> None:
    """Qt's fonts need a QGuiApplication; the command line has none (and maybe no display)."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication.setApplicationName("ocstudy")
        _keep.append(QGuiApplication([]))


_keep: list[QGuiApplication] = []


def _writer(path: Path, sheet: Sheet) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(_PAGE_IDS[sheet.page]))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    writer.setTitle(sheet.title)
    writer.setAuthor(sheet.paper_author)
    writer.setCreator("ocstudy")
    return writer


def write_sheet_pdf(sheet: Sheet, path: Path, progress: Progress | None = None) -> SheetResult:
    """Write ``sheet`` to ``path`` as a PDF; ``progress(done, total)`` counts pages and may
    cancel. Raises ``OSError`` when the file cannot be written (nothing is left behind)."""
    ensure_gui()
    path = Path(path)
    try:
        with atomic_file(path) as temp:
            pages = _write(sheet, temp, progress)
    except OperationCancelledError:
        return SheetResult(path, 0, cancelled=True)
    return SheetResult(path, pages)


def _write(sheet: Sheet, temp: Path, progress: Progress | None) -> int:
    writer = _writer(temp, sheet)
    body = writer.pageLayout().paintRectPixels(DPI)
    footer_h = FOOTER_MM / 25.4 * DPI
    size = QSizeF(body.width(), body.height() - footer_h)
    main = SheetPages(writer, size)
    builder = SheetHtml(markdown_html, body.width() - 4)
    html = builder.body(sheet)
    handler = FigureHandler(main.document, builder.figures, DPI)
    main.document.documentLayout().registerHandler(
        int(QTextFormat.ObjectTypes.ImageObject), handler
    )
    main.set_html(html)
    body_pages = main.keep_together()
    contents = SheetPages(writer, size)
    contents_pages = contents.set_html(contents_html(sheet, {}))
    body_numbers = main.anchor_pages()
    for _ in range(3):  # the real numbers are as wide as the placeholders: once is enough
        numbers = {k: contents_pages + v + 1 for k, v in body_numbers.items()}
        pages = contents.set_html(contents_html(sheet, numbers))
        if pages == contents_pages:
            break
        contents_pages = pages
    total = contents_pages + body_pages
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {temp.name}")
    try:
        for index in range(total):
            report(progress, index, total)
            if index:
                writer.newPage()
            if index < contents_pages:
                contents.draw(painter, index)
            else:
                main.draw(painter, index - contents_pages)
            _footer(painter, sheet, QRectF(0, size.height(), size.width(), footer_h), index, total)
        report(progress, total, total)
    finally:
        painter.end()
    return total


def _footer(painter: QPainter, sheet: Sheet, rect: QRectF, index: int, total: int) -> None:
    painter.save()
    painter.setFont(print_font(FOOTER_POINTS))
    painter.setPen(QColor(MUTED))
    metrics = painter.fontMetrics()
    baseline = rect.bottom() - metrics.descent()
    painter.drawLine(
        QPointF(rect.left(), rect.top() + rect.height() * 0.3),
        QPointF(rect.right(), rect.top() + rect.height() * 0.3),
    )
    line = footer_line(sheet, index + 1, total, rect.width(), metrics)
    painter.drawText(QPointF(rect.right() - metrics.horizontalAdvance(line), baseline), line)
    painter.restore()


def footer_line(sheet: Sheet, number: int, total: int, width: float, metrics: QFontMetrics) -> str:
    """The footer as one line, its parts separated (``... · content 25e52600059a · page 14 of
    17``), so that it reads and copies as one; a paper's title too long for the line is cut
    short (\u2026), never the page number."""
    line = f"{sheet.footer} \u00b7 page {number} of {total}"
    title = sheet.paper_title
    if metrics.horizontalAdvance(line) <= width or not line.startswith(title):
        return line
    rest = line.removeprefix(title)
    room = int(width - metrics.horizontalAdvance(rest))
    return metrics.elidedText(title, Qt.TextElideMode.ElideRight, max(0, room)) + rest
