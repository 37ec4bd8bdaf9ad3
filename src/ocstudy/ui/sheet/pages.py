"""A revision sheet's document laid out in pages, in the print look (fixed font, black on
white), with what must not be cut by a page's foot kept together: a heading with the text it
heads, a table row with itself.

Qt's text layout knows no ``page-break-after: avoid`` and moves a table row to the next page
only when none of its cells' first lines fit, so a row of two-line cells is cut after its
first line (nor can a row be pushed down: padding the row above makes Qt break that row's own
lines early). Both are mended after Qt's layout, in one pass from the top (each move only
shifts what comes after): a heading gets a page break before it; a table is cut in two before
a row that would be cut, the second part starting the next page under the header again."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPagedPaintDevice,
    QPainter,
    QPalette,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
    QTextTable,
    QTextTableCell,
)

from ocstudy.render.sheet import TEXT

BODY_POINTS = 9.0
FONT_FAMILIES = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica"]


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


class SheetPages:
    """A document laid out in pages of ``size`` (device units) for ``device``."""

    def __init__(self, device: QPagedPaintDevice, size: QSizeF):
        self.document = QTextDocument()
        self.document.setDefaultFont(print_font())
        self.document.setDefaultStyleSheet(f"a {{ color: {TEXT}; }} h1 {{ font-size: large; }}")
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document.setDefaultTextOption(option)
        self.document.documentLayout().setPaintDevice(device)
        self.document.setPageSize(size)
        self.size = size

    def set_html(self, html: str) -> int:
        self.document.setHtml(html)
        return self.document.pageCount()

    def _page(self, y: float) -> int:
        return int(y // self.size.height())

    def keep_together(self) -> int:
        """Move each heading left alone at the foot of a page to the top of the next, with
        the text it heads (a part's heading right above an entry's moves with it), and each
        table row cut by a page's foot to the next page whole; returns the page count."""
        layout = self.document.documentLayout()
        self.document.setUndoRedoEnabled(False)
        block = self.document.begin()
        headings: QTextBlock | None = None  # the first of the headings in a row before ``block``
        before_table: dict[int, QTextBlock | None] = {}  # the headings right above each table
        while block.isValid():
            following = block.next()
            table = QTextCursor(block).currentTable()
            if block.blockFormat().headingLevel():
                headings = headings or block
                page = self._page(_first_line_top(layout, block))
                below = self._page(_first_line_top(layout, following))
                if following.isValid() and below > page:
                    _break_before(headings)
            elif table is not None:
                before_table.setdefault(table.firstPosition(), headings)
                cell = table.cellAt(block.position())
                if cell.column() == 0 and block == cell.firstCursorPosition().block():
                    rest = self._keep_row(table, cell.row(), before_table[table.firstPosition()])
                    if rest is not None:  # the rows from here on are a table of their own now
                        following = rest.cellAt(0, 0).firstCursorPosition().block()
                headings = None
            else:
                headings = None
            block = following
        return self.document.pageCount()

    def _row_lines(self, table: QTextTable, row: int) -> tuple[float, float, set[int]]:
        """The top and foot of row ``row``'s text, and the pages its lines are on."""
        layout = self.document.documentLayout()
        top, foot, pages = float("inf"), float("-inf"), set()
        for column in range(table.columns()):
            for block in _cell_blocks(table.cellAt(row, column)):
                origin = layout.blockBoundingRect(block).top()
                text = block.layout()
                for index in range(text.lineCount()):
                    line = text.lineAt(index)
                    top = min(top, origin + line.y())
                    foot = max(foot, origin + line.y() + line.height())
                    pages.add(self._page(origin + line.y()))
        return top, foot, pages

    def _keep_row(
        self, table: QTextTable, row: int, headings: QTextBlock | None
    ) -> QTextTable | None:
        """Move ``row`` to the next page if a page's foot cuts it (and it fits on a page);
        return the table the rows from ``row`` on are now, if they were cut off.

        The first row under the header takes the table with it (a header alone at a page's
        foot says nothing), and the headings right above the table with that. A later row
        starts a table of its own, with the header again, on the next page."""
        top, foot, pages = self._row_lines(table, row)
        if len(pages) < 2 or foot - top >= self.size.height() * 0.9:
            return None
        header = table.format().headerRowCount()
        if row > header:
            return _split_before(table, row)
        if self._page(self._row_lines(table, 0)[0]) == min(pages):
            if headings is not None:
                _break_before(headings)
            else:
                table_format = table.format()
                table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                table.setFormat(table_format)
        return None

    def anchor_pages(self) -> dict[str, int]:
        """The page (from 0) of each named anchor."""
        layout = self.document.documentLayout()
        pages: dict[str, int] = {}
        block = self.document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                for name in iterator.fragment().charFormat().anchorNames():
                    pages.setdefault(name, self._page(layout.blockBoundingRect(block).top()))
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
    pushed the line onto the next page (a one-line block at a page's foot: the rect says
    this page, the line is on the next)."""
    top = layout.blockBoundingRect(block).top()
    if not block.isValid() or not block.layout().lineCount():
        return top
    return top + block.layout().lineAt(0).y()


def _cell_blocks(cell: QTextTableCell) -> list[QTextBlock]:
    blocks = [cell.firstCursorPosition().block()]
    last = cell.lastCursorPosition().block()
    while blocks[-1] != last and blocks[-1].isValid():
        blocks.append(blocks[-1].next())
    return blocks


def _split_before(table: QTextTable, row: int) -> QTextTable:
    """Cut ``table`` before ``row``: the rows from ``row`` on move to a new table under it,
    which starts a page and repeats the header rows; return the new table."""
    header = table.format().headerRowCount()
    rows = [*range(header), *range(row, table.rows())]
    # a cursor from the table, not from table.document(): with Qt for Python 6.11, the layout's
    # wrapper went invalid once the wrapper of a table its document was reached through was freed
    cursor = table.lastCursorPosition()
    cursor.setPosition(table.lastPosition() + 1)
    table_format = table.format()
    table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cursor.beginEditBlock()  # one change for the layout to follow, not one per cell
    rest = cursor.insertTable(len(rows), table.columns(), table_format)
    for new_row, old_row in enumerate(rows):
        for column in range(table.columns()):
            _copy_cell(table.cellAt(old_row, column), rest.cellAt(new_row, column))
    table.removeRows(row, table.rows() - row)
    cursor.endEditBlock()
    return rest


def _copy_cell(source: QTextTableCell, target: QTextTableCell) -> None:
    """The text of ``source`` (its characters' and its paragraphs' formats) into the empty
    cell ``target``, and the cell's own format (its background)."""
    cursor = QTextCursor(source.firstCursorPosition())
    cursor.setPosition(source.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    target.setFormat(source.format())
    QTextCursor(target.firstCursorPosition()).insertFragment(cursor.selection())
    for old, new in zip(_cell_blocks(source), _cell_blocks(target), strict=False):
        QTextCursor(new).setBlockFormat(old.blockFormat())


def _break_before(block: QTextBlock) -> None:
    page_break = QTextBlockFormat()
    page_break.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).mergeBlockFormat(page_break)
