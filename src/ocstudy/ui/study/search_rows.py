"""How the tree shows a search: the words that matched highlighted in each row, the line of
facts or notes that matched after the row's title, and rows shown only as the parent of a
match in a muted, italic font. Without a search it paints as a plain delegate does."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ocstudy.content.search import SNIPPET_END, SNIPPET_START
from ocstudy.ui.study.tree_model import MATCH_ROLE, SLUG_ROLE, SNIPPET_ROLE, InstrumentTreeModel

Index = QModelIndex | QPersistentModelIndex


def marked_spans(text: str, query_words: tuple[str, ...]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, matched) where a word starts with a query word."""
    if not query_words:
        return [(text, False)]
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in query_words) + r")\w*", re.IGNORECASE
    )
    spans: list[tuple[str, bool]] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            spans.append((text[last : match.start()], False))
        spans.append((match.group(), True))
        last = match.end()
    if last < len(text):
        spans.append((text[last:], False))
    return spans


def snippet_spans(snippet: str) -> list[tuple[str, bool]]:
    """A snippet's pieces, the matched words (between the FTS5 marks) flagged."""
    spans: list[tuple[str, bool]] = []
    for part in re.split(f"({SNIPPET_START}.*?{SNIPPET_END})", snippet):
        if part.startswith(SNIPPET_START):
            spans.append((part.strip(SNIPPET_START + SNIPPET_END), True))
        elif part:
            spans.append((part, False))
    return spans


class SearchRowDelegate(QStyledItemDelegate):
    def __init__(self, model: InstrumentTreeModel, parent: object = None):
        super().__init__(parent)  # type: ignore[arg-type]
        self._model = model

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if self._model.matches is None or not index.data(SLUG_ROLE):
            super().paint(painter, option, index)
            return
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        text, view_option.text = view_option.text, ""
        widget = view_option.widget
        style = widget.style() if widget else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, view_option, widget)
        palette: QPalette = view_option.palette
        selected = bool(view_option.state & QStyle.StateFlag.State_Selected)
        is_match = bool(index.data(MATCH_ROLE))
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = palette.color(role)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        font = QFont(view_option.font)
        painter.save()
        if is_match:
            spans = marked_spans(text, self._model.query_words)
            x = self._draw(painter, rect, rect.left(), spans, font, ink, ink if selected else None)
            snippet = index.data(SNIPPET_ROLE)
            if snippet:
                small = QFont(font)
                small.setPointSizeF(font.pointSizeF() * 0.9)
                pieces = [("  \u2014 ", False), *snippet_spans(snippet)]
                self._draw(painter, rect, x, pieces, small, ink if selected else muted, None)
        else:  # shown as the parent of a match
            font.setItalic(True)
            self._draw(painter, rect, rect.left(), [(text, False)], font, muted, None)
        painter.restore()

    def _draw(
        self,
        painter: QPainter,
        rect: QRect,
        x: int,
        spans: list[tuple[str, bool]],
        font: QFont,
        ink: QColor,
        selected_ink: QColor | None,
    ) -> int:
        """Draw the pieces from ``x``, matched ones bold on a highlight; elide at the edge."""
        bold = QFont(font)
        bold.setBold(True)
        back = QColor(255, 213, 79, 140)  # a marker's yellow, readable in light and dark
        for piece, matched in spans:
            piece_font = bold if matched else font
            metrics = QFontMetrics(piece_font)
            room = rect.right() - x
            if room <= 0:
                break
            shown = metrics.elidedText(piece, Qt.TextElideMode.ElideRight, room)
            width = metrics.horizontalAdvance(shown)
            box = QRect(x, rect.top(), width, rect.height())
            if matched and selected_ink is None:
                painter.fillRect(box.adjusted(0, 2, 0, -2), back)
            painter.setFont(piece_font)
            painter.setPen(ink)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignVCenter), shown)
            x += width
            if shown != piece:
                break
        return x
