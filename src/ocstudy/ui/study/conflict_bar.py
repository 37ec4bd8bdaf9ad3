"""The bar over a note changed on two computers at once (``docs/sync.md``): the note's text
and the text kept beside it, side by side and read-only, and the learner's choice: keep this,
keep that, or keep both."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ocstudy.services.sync.conflicts import Keep, NoteConflict

CHOICES = (
    (Keep.THIS, "Keep this", "keepThisButton", "Keep the note's text; drop the other"),
    (Keep.THAT, "Keep that", "keepThatButton", "Keep the other computer's text instead"),
    (Keep.BOTH, "Keep both", "keepBothButton", "Keep both texts, one after the other, marked"),
)


class ConflictBar(QFrame):
    """Shows one conflict (:meth:`show_conflict`); ``chosen`` carries the learner's choice
    (a :class:`Keep` value) for the conflict on screen, :attr:`conflict`."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteConflict")
        self.setAccessibleName("Note changed on two computers")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.conflict: NoteConflict | None = None
        self.message = QLabel(
            "This note was changed on two computers at once. Both texts are kept until you choose.",
            self,
        )
        self.message.setWordWrap(True)
        self.this_text = self._text_box("conflictThis", "The note's text")
        self.that_text = self._text_box("conflictThat", "The text kept beside it")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for keep, text, name, tip in CHOICES:
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setAccessibleName(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, keep=keep: self.chosen.emit(keep.value))
            buttons.addWidget(button)
        layout = QGridLayout(self)
        layout.addWidget(self.message, 0, 0, 1, 2)
        layout.addWidget(QLabel("This (the note now):", self), 1, 0)
        layout.addWidget(QLabel("That (kept beside it):", self), 1, 1)
        layout.addWidget(self.this_text, 2, 0)
        layout.addWidget(self.that_text, 2, 1)
        layout.addLayout(buttons, 3, 0, 1, 2)
        self.hide()

    def _text_box(self, name: str, accessible: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setReadOnly(True)
        box.setMaximumHeight(140)
        return box

    def show_conflict(self, conflict: NoteConflict | None) -> None:
        """Show ``conflict``; None hides the bar."""
        self.conflict = conflict
        if conflict is None:
            self.hide()
            return
        self.this_text.setPlainText(conflict.this)
        self.that_text.setPlainText(conflict.that)
        self.show()
