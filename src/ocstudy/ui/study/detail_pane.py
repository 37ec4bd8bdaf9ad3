"""The detail pane: everything the paper says about the selected entity, with its sources.

Links to other entities navigate inside the app; links to the web open in the system browser
only when clicked, and only for http(s). The pane itself never loads anything from outside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QTextOption
from PySide6.QtWidgets import QTextBrowser, QWidget

from ocstudy.content.model import EntityDetail
from ocstudy.render.detail import ENTITY_SCHEME, DetailRenderer
from ocstudy.ui.common.palette import palette_colors
from ocstudy.ui.study.history import HistoryButtons

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QResizeEvent, QTextCursor

WEB_SCHEMES = ("http", "https")


def blank_resource() -> QImage:
    """What every resource a page or a note asks for becomes: one transparent pixel. (None, or
    an empty value, would let Qt open the URL itself, and a note with
    ``![x](file:///dev/zero)`` would read until memory ran out.)"""
    from PySide6.QtGui import QImage  # Qt for Python's types cost their start-up when imported

    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image


def open_web_link(url: QUrl) -> bool:
    """Open an http(s) link in the system's browser; anything else is left alone."""
    if url.scheme() not in WEB_SCHEMES:
        return False
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(url)


#: At most this many words marked on one page (a one-letter search marks a lot).
MAX_MARKS = 500
READABLE_CHARS = 100  # average characters: about 90 of running text


class DetailPane(HistoryButtons, QTextBrowser):
    entityActivated = Signal(str)
    #: a fact's compact source mark was clicked: show (or hide) its quote and record
    citationToggled = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAccessibleName("Details of the selected instrument or body")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # a word wider than its column widens the column; it is never cut ("Conventio|n")
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.anchorClicked.connect(self._follow)
        self._slug: str | None = None
        self._words: tuple[str, ...] = ()
        #: where the searched words are on the page, in order
        self.matches: list[QTextCursor] = []

    @property
    def slug(self) -> str | None:
        return self._slug

    def show_detail(self, renderer_html: str, slug: str, scroll: int = 0) -> None:
        """Show an entry's page, at ``scroll`` (where the learner left it, going back)."""
        self._slug = slug
        self.setHtml(renderer_html)
        if not self.testAttribute(Qt.WidgetAttribute.WA_PendingResizeEvent):
            self._fit_column()  # else its resize, before it is shown, fits the page once sized
        self._mark_matches()
        self.verticalScrollBar().setValue(scroll)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_column()

    def _fit_column(self) -> None:
        """Keep the text to a readable column (about 90 characters), centred on a wide pane:
        the page's own margins grow, so the background stays the page's."""
        room = self._viewport_width()
        spare = max(0, room - self.fontMetrics().averageCharWidth() * READABLE_CHARS)
        frame = self.document().rootFrame()
        format_ = frame.frameFormat()
        if format_.leftMargin() != spare / 2:
            format_.setLeftMargin(spare / 2)
            format_.setRightMargin(spare / 2)
            frame.setFrameFormat(format_)

    def _viewport_width(self) -> int:
        """The viewport's width, as ``viewport().width()`` is, without asking Qt for Python
        for the viewport: its first wrapper makes Qt for Python set up 53 widget classes'
        enums, 15-25 ms before the first paint (the scroll bar's wrapper costs nothing)."""
        bar = self.verticalScrollBar()
        beside = bar.width() if bar.isVisibleTo(self) else 0
        return self.maximumViewportSize().width() - beside

    def highlight_words(self, words: tuple[str, ...]) -> None:
        """Mark on the page every word that starts with a searched word."""
        self._words = words
        self._mark_matches()

    def _mark_matches(self) -> None:
        if not self._words:  # no search: nothing to mark, and no types to set up for it
            self.matches = []
            self.setExtraSelections([])
            return
        from PySide6.QtCore import QRegularExpression
        from PySide6.QtGui import QColor, QTextCursor
        from PySide6.QtWidgets import QTextEdit

        selections: list[QTextEdit.ExtraSelection] = []
        pattern = QRegularExpression(
            r"\b(?:" + "|".join(QRegularExpression.escape(w) for w in self._words) + r")\w*",
            QRegularExpression.PatternOption.CaseInsensitiveOption,
        )
        document = self.document()
        cursor = document.find(pattern, 0)
        while not cursor.isNull() and len(selections) < MAX_MARKS:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(cursor)
            # a highlighter's yellow and black ink, which read on a light and a dark page
            # (the page's ink, or its muted grey, on a see-through yellow did not in the dark)
            selection.format.setBackground(QColor(255, 213, 79))
            selection.format.setForeground(QColor(0, 0, 0))
            selections.append(selection)
            cursor = document.find(pattern, cursor)
        self.matches = [QTextCursor(s.cursor) for s in selections]  # copies: ours to keep
        self.setExtraSelections(selections)

    def next_match(self, direction: int = 1) -> None:
        """F3 / Shift+F3: the next (or previous) marked word, from where the cursor is."""
        if not self.matches:
            return
        here = self.textCursor().position()
        if direction > 0:
            target = next((c for c in self.matches if c.selectionStart() > here), self.matches[0])
        else:
            before = [c for c in self.matches if c.selectionEnd() < here]
            target = before[-1] if before else self.matches[-1]
        self.setTextCursor(target)
        self.ensureCursorVisible()

    def show_message(self, text: str) -> None:
        self._slug = None
        self.setPlainText(text)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Nothing is ever loaded: no remote images, no files (the page has no resources).
        An empty value, not None: on None Qt would open the URL as a local file itself."""
        return blank_resource()

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == ENTITY_SCHEME and url.host() == "cite":
            self.citationToggled.emit(url.path().strip("/"))
        elif url.scheme() == ENTITY_SCHEME:
            self.entityActivated.emit(url.path().strip("/"))
        elif not open_web_link(url) and not url.scheme() and url.fragment():
            self.scrollToAnchor(url.fragment())


def render_detail(
    detail: EntityDetail,
    palette: QPalette,
    titles: dict[str, str],
    theme_labels: dict[str, str],
    has_note: bool,
    expanded: frozenset[str] = frozenset(),
) -> str:
    renderer = DetailRenderer(
        palette_colors(palette), lambda slug: titles.get(slug, slug), expanded
    )
    return renderer.render(detail, theme_labels, has_note)
