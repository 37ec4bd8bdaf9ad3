"""How the tree shows a search: the words that matched highlighted in each row, the line of
facts or notes that matched after the row's title, and rows shown only as the parent of a
match in a muted, italic font. Without a search it paints as a plain delegate does."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from ocstudy.content.search import SNIPPET_END, SNIPPET_START
from ocstudy.services.study import NOTE_SNIPPET_PREFIX
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


#: A piece of a row as drawn: its text, whether it is a matched word, its font.
Piece = tuple[str, bool, QFont]
#: Between a row's title and its line of context.
SNIPPET_DASH = "  \u2014 "
ELLIPSIS = "\u2026"


def _width(pieces: list[Piece]) -> int:
    return sum(QFontMetrics(font).horizontalAdvance(text) for text, _matched, font in pieces)


def elided(pieces: list[Piece], room: int) -> list[Piece]:
    """``pieces`` cut to ``room`` pixels, the last one shown ending in an ellipsis."""
    shown: list[Piece] = []
    for text, matched, font in pieces:
        metrics = QFontMetrics(font)
        if room <= 0:
            break
        cut = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
        shown.append((cut, matched, font))
        room -= metrics.horizontalAdvance(cut)
        if cut != text:
            break
    return shown


def with_match_in_view(pieces: list[Piece], room: int) -> list[Piece]:
    """A line of context that fits ``room`` from its first matched word on: the words
    before it are dropped from the left, an ellipsis in their place, as far as needed."""
    first = next((n for n, (_t, matched, _f) in enumerate(pieces) if matched), None)
    if not first or _width(pieces) <= room:  # no match, or nothing before it
        return pieces
    before = "".join(text for text, _matched, _font in pieces[:first]).split(" ")
    font = pieces[first - 1][2]
    metrics = QFontMetrics(font)
    left = room - _width(pieces[first : first + 1])
    kept = list(before)
    while kept and metrics.horizontalAdvance(ELLIPSIS + " ".join(kept)) > left:
        kept.pop(0)
    if len(kept) == len(before):
        return pieces
    return [(ELLIPSIS + " ".join(kept).lstrip(ELLIPSIS), False, font), *pieces[first:]]


class SearchRowDelegate(QStyledItemDelegate):
    """Draws a row as :meth:`pieces` lays it out: the title with its matched words, then
    the line of context, always with a matched word in view (the title gives way first)."""

    def __init__(self, model: InstrumentTreeModel, parent: object = None):
        super().__init__(parent)  # type: ignore[arg-type]
        self._model = model

    def pieces(self, view: QAbstractItemView, index: QModelIndex) -> list[Piece]:
        """What the row at ``index`` shows in ``view`` now, as drawn."""
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(index)
        self.initStyleOption(option, index)
        text, option.text = option.text, ""
        rect = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        return self._layout(text, option.font, rect.width(), index)

    def _layout(self, text: str, font: QFont, room: int, index: Index) -> list[Piece]:
        if not index.data(MATCH_ROLE):  # shown as the parent of a match
            italic = QFont(font)
            italic.setItalic(True)
            return elided([(text, False, italic)], room)
        bold = QFont(font)
        bold.setBold(True)
        title = [
            (p, hit, bold if hit else font)
            for p, hit in marked_spans(text, self._model.query_words)
        ]
        snippet = index.data(SNIPPET_ROLE)
        if not snippet:
            return elided(title, room)
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.9)
        small_bold = QFont(small)
        small_bold.setBold(True)
        lead = [(SNIPPET_DASH, False, small)]
        if snippet.startswith(NOTE_SNIPPET_PREFIX):
            lead.append((NOTE_SNIPPET_PREFIX, False, small))
            snippet = snippet[len(NOTE_SNIPPET_PREFIX) :]
        context = [(p, hit, small_bold if hit else small) for p, hit in snippet_spans(snippet)]
        first = next((n for n, (_t, hit, _f) in enumerate(context) if hit), None)
        needed = _width(lead)
        if first is not None:
            needed += _width([(ELLIPSIS, False, small), context[first]])
        title_room = max(room - needed, min(_width(title), room // 3))
        shown = elided(title, title_room)
        left = room - _width(shown) - _width(lead)
        return elided([*shown, *lead, *with_match_in_view(context, left)], room)

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
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = palette.color(role)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        is_match = bool(index.data(MATCH_ROLE))
        back = QColor(255, 213, 79, 140)  # a marker's yellow, readable in light and dark
        painter.save()
        x = rect.left()
        base_size = view_option.font.pointSizeF()
        for piece, matched, font in self._layout(text, view_option.font, rect.width(), index):
            width = QFontMetrics(font).horizontalAdvance(piece)
            box = QRect(x, rect.top(), width, rect.height())
            if matched and not selected:
                painter.fillRect(box.adjusted(0, 2, 0, -2), back)
            context = font.pointSizeF() < base_size  # the line of context is muted
            painter.setFont(font)
            painter.setPen(ink if selected or matched or (is_match and not context) else muted)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignVCenter), piece)
            x += width
        painter.restore()
