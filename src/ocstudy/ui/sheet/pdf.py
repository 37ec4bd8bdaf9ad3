"""Draw a revision sheet into a PDF with Qt's own printing: the body is one QTextDocument laid
out in pages of the writer's size, the title and contents another, put first once the body's
pages are known; every page gets the footer (the paper, the date printed, the content
version, the page number). Fonts are embedded and the text stays text.

The file is written through :func:`ocstudy.services.export_files.atomic_file`: a cancelled
or failed sheet leaves nothing behind, and an unwritable folder raises ``OSError``."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)

from ocstudy.services.export_files import OperationCancelledError, Progress, atomic_file, report
from ocstudy.services.sheet.model import Sheet
from ocstudy.ui.sheet.figure import FigureHandler
from ocstudy.ui.sheet.html import MUTED, TEXT, SheetHtml, contents_html

DPI = 300
BODY_POINTS = 9.0
FOOTER_POINTS = 7.0
MARGINS_MM = QMarginsF(16, 14, 16, 10)
FOOTER_MM = 9.0
FONT_FAMILIES = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica"]
_PAGE_IDS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)
_HEADING = re.compile(r"<(/?)h[1-6]\b")
_SIZE_OR_COLOR = re.compile(r"(?<![-\w])(?:font-size|color):[^;\"]*;?")


@dataclass(frozen=True)
class SheetResult:
    path: Path
    pages: int
    cancelled: bool = False


def print_font(points: float = BODY_POINTS) -> QFont:
    """The sheet's font, whatever the app's: fixed families and size, no ligatures (so that
    "fi" is found by a search in the PDF)."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def print_palette() -> QPalette:
    """Black on white, whatever the desktop's look."""
    palette = QPalette(QColor(TEXT), QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor(TEXT))
    return palette


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


class _Pages:
    """A document laid out in pages of ``size`` (device units) for ``writer``."""

    def __init__(self, writer: QPdfWriter, size: QSizeF):
        self.document = QTextDocument()
        self.document.setDefaultFont(print_font())
        self.document.setDefaultStyleSheet(f"a {{ color: {TEXT}; }} h1 {{ font-size: large; }}")
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document.setDefaultTextOption(option)
        self.document.documentLayout().setPaintDevice(writer)
        self.document.setPageSize(size)
        self.size = size

    def set_html(self, html: str) -> int:
        self.document.setHtml(html)
        return self.document.pageCount()

    def keep_headings_with_text(self) -> int:
        """Move each heading left alone at the foot of a page to the top of the next, with
        the text it heads (Qt's text layout knows no ``page-break-after: avoid``); returns
        the page count. A part's heading right above an entry's moves with it. One pass from
        the top: each move only shifts what comes after."""
        layout = self.document.documentLayout()
        height = self.size.height()
        block = self.document.begin()
        first_heading = None  # the first of the headings in a row that ``block`` ends
        while block.isValid():
            following = block.next()
            if not block.blockFormat().headingLevel():
                first_heading = None
            else:
                first_heading = first_heading or block
                page = int(_first_line_top(layout, block) // height)
                below = int(_first_line_top(layout, following) // height)
                if following.isValid() and below > page:
                    page_break = QTextBlockFormat()
                    page_break.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(first_heading).mergeBlockFormat(page_break)
            block = following
        return self.document.pageCount()

    def anchor_pages(self) -> dict[str, int]:
        """The page (from 0) of each named anchor."""
        layout = self.document.documentLayout()
        pages: dict[str, int] = {}
        block = self.document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                for name in iterator.fragment().charFormat().anchorNames():
                    top = layout.blockBoundingRect(block).top()
                    pages.setdefault(name, int(top // self.size.height()))
                iterator += 1
            block = block.next()
        return pages

    def draw(self, painter: QPainter, page: int) -> None:
        height = self.size.height()
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = print_palette()
        context.clip = QRectF(0, page * height, self.size.width(), height)
        painter.save()
        painter.translate(0, -page * height)
        painter.setClipRect(context.clip)
        self.document.documentLayout().draw(painter, context)
        painter.restore()


def _first_line_top(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> float:
    """Where a block's first line is drawn: below its bounding rect's top where the layout
    pushed the line onto the next page (a one-line block at a page's foot)."""
    top = layout.blockBoundingRect(block).top()
    if not block.isValid() or not block.layout().lineCount():
        return top
    return top + block.layout().lineAt(0).y()


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
    main = _Pages(writer, size)
    builder = SheetHtml(markdown_html, body.width() - 4)
    html = builder.body(sheet)
    handler = FigureHandler(main.document, builder.figures, DPI)
    main.document.documentLayout().registerHandler(
        int(QTextFormat.ObjectTypes.ImageObject), handler
    )
    main.set_html(html)
    body_pages = main.keep_headings_with_text()
    contents = _Pages(writer, size)
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
    baseline = rect.bottom() - painter.fontMetrics().descent()
    painter.drawLine(
        QPointF(rect.left(), rect.top() + rect.height() * 0.3),
        QPointF(rect.right(), rect.top() + rect.height() * 0.3),
    )
    painter.drawText(QPointF(rect.left(), baseline), sheet.footer)
    number = f"page {index + 1} of {total}"
    width = painter.fontMetrics().horizontalAdvance(number)
    painter.drawText(QPointF(rect.right() - width, baseline), number)
    painter.restore()
