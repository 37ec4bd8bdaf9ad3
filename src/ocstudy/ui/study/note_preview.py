"""What the notes panel shows besides its editor: the rendered preview (which loads nothing,
sets code in a monospaced font on a shade of the page, draws a bar beside quotes and hands
typing to the editor), the limits past which a note is shown unwrapped or previewed as plain
text, and the question asked before a note is deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from ocstudy.ui.common.confirm import confirm_deletion
from ocstudy.ui.study.detail_pane import blank_resource, open_web_link
from ocstudy.ui.study.history import HistoryButtons

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QKeyEvent, QPaintEvent

#: Qt wraps a line by laying it out again and again: a 1 MB line without a space took 36 s to
#: open. A line longer than this is shown unwrapped (one layout, under a second for 1 MB).
LONG_LINE = 5_000
#: Beyond these, the preview shows the note as plain text: Qt renders Markdown in the GUI
#: thread, and a 2,000-row table took seconds (a 1 MB line, minutes).
PREVIEW_MAX_CHARS = 50_000
PREVIEW_MAX_LINES = 500
PREVIEW_CUT = (
    f"\n\n[\u2026 The preview shows the first {PREVIEW_MAX_CHARS:,} characters; the whole "
    "note is in the editor.]"
)


def has_long_line(text: str) -> bool:
    return len(text) > LONG_LINE and max(map(len, text.split("\n"))) > LONG_LINE


def too_big_to_render(text: str) -> bool:
    return (
        len(text) > PREVIEW_MAX_CHARS
        or text.count("\n") > PREVIEW_MAX_LINES
        or (has_long_line(text))
    )


def code_background(palette: QPalette) -> QColor:
    """The page's colour with a tenth of its text's: a shade that sets code apart."""
    page = palette.color(QPalette.ColorRole.Base)
    ink = palette.color(QPalette.ColorRole.Text)
    return QColor(
        round(page.red() * 0.9 + ink.red() * 0.1),
        round(page.green() * 0.9 + ink.green() * 0.1),
        round(page.blue() * 0.9 + ink.blue() * 0.1),
    )


#: What the preview shows for an entry with no note.
NO_NOTE_YET = "*No note yet \u2014 press Ctrl+Shift+P to write one, or just type.*"


class MarkdownPreview(HistoryButtons, QTextBrowser):
    """Rendered Markdown that loads nothing and opens only http(s) links, on a click. Code is
    set in a monospaced font on a shade of the page and a block quote gets a bar on its left;
    typing a character asks to edit (``typed``)."""

    typed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notesPreview")
        self.setAccessibleName("Rendered note")
        self.setOpenLinks(False)
        self.anchorClicked.connect(open_web_link)

    def show_markdown(self, text: str) -> None:
        self.setMarkdown(text)
        self._style_code()

    def _style_code(self) -> None:
        """Code, inline or in a block, in a monospaced font on a shade of the page (its text
        colour one part in ten), so it reads in the light look and in the dark."""
        from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextFormat

        shade = code_background(self.palette())
        code = QTextCharFormat()
        code.setFontFamilies(["monospace", "DejaVu Sans Mono", "Courier New"])
        code.setBackground(shade)
        code_block = QTextBlockFormat()
        code_block.setBackground(shade)
        document = self.document()
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            if block.blockFormat().hasProperty(QTextFormat.Property.BlockCodeLanguage):
                cursor.setPosition(block.position())
                cursor.mergeBlockFormat(code_block)
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.charFormat().fontFixedPitch():
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.mergeCharFormat(code)
                it += 1
            block = block.next()

    def changeEvent(self, event: QEvent) -> None:
        """A new look: the code takes its shade of the new page."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_code()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QPainter, QPalette, QTextFormat

        document = self.document()
        layout = document.documentLayout()
        painter = QPainter(self.viewport())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Mid))
        top = self.verticalScrollBar().value()
        block = document.begin()
        while block.isValid():
            if block.blockFormat().intProperty(QTextFormat.Property.BlockQuoteLevel):
                rect = layout.blockBoundingRect(block)
                x = rect.left() + block.blockFormat().leftMargin() - 10
                painter.drawRect(QRectF(x, rect.top() - top, 3, rect.height()))
            block = block.next()
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        if event.text().isprintable() and event.text() and not event.modifiers() & control:
            self.typed.emit(event.text())
            return
        super().keyPressEvent(event)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Nothing is ever loaded (see ``blank_resource``)."""
        return blank_resource()


def confirm_delete(parent: QWidget) -> bool:
    """Ask before a note is deleted: "Delete note" or "Keep it" (the default)."""
    return confirm_deletion(
        parent,
        "Delete note",
        "Delete your note on this entry? You can undo this with Edit \u203a Undo delete note.",
        name="deleteNoteDialog",
    )
