"""The end of a session: what happened, the cards missed (each opens its entry), practice on
them, and when the next card falls due.

The missed cards' list is as tall as its rows (each wrapped to the column's width: no
horizontal scrolling), up to the room the page has; only then does it scroll."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ocstudy.phrasing import duration
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.session import SessionSummary
from ocstudy.ui.quiz.widgets import column

SLUG_ROLE = Qt.ItemDataRole.UserRole + 1


def when(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "no card scheduled"
    if moment <= now:
        return "now"
    return moment.astimezone().strftime("%A %d %B %Y, %H:%M")


class MissedList(QListWidget):
    """The cards missed, each wrapped to the list's width, the list as tall as they are."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._contents_height = 0
        self.setObjectName("quizMissed")
        self.setAccessibleName("Cards you missed")
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setSpacing(2)
        self.setAlternatingRowColors(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        height = self.contentsSize().height() + 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), max(height, self.minimumSizeHint().height()))

    def updateGeometries(self) -> None:
        """The rows were laid out again (new items, a new width): ask for their height."""
        super().updateGeometries()
        height = self.contentsSize().height()
        if height != self._contents_height:
            self._contents_height = height
            self.updateGeometry()


class SummaryPage(QWidget):
    entityOpened = Signal(str)
    practiceRequested = Signal()
    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quizSummaryPage")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        body = QWidget(self)
        self.summary = QLabel(body)
        self.summary.setObjectName("quizSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.missed_label = QLabel("Cards you missed (a click opens the entry):", body)
        self.missed = MissedList(body)
        self.missed.itemActivated.connect(self._open)
        self.missed.itemClicked.connect(self._open)
        self.practice_button = QPushButton("&Review the missed cards now", body)
        self.practice_button.setObjectName("quizPracticeMissed")
        self.practice_button.setToolTip("Practice: your schedule stays as it is")
        self.practice_button.clicked.connect(self.practiceRequested)
        back = QPushButton("&Back to the start page", body)
        back.setObjectName("quizBackToStart")
        back.clicked.connect(self.backRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.practice_button)
        buttons.addWidget(back)
        buttons.addStretch(1)
        layout = QVBoxLayout(body)
        layout.addWidget(self.summary)
        layout.addWidget(self.missed_label)
        layout.addWidget(self.missed)
        layout.addLayout(buttons)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(column(body, self))
        self.back_button = back

    def show_summary(
        self, summary: SessionSummary, missed: list[QuizCard], *, custom: str | None = None
    ) -> None:
        """``custom``: what the custom study session asked (None: another session)."""
        kind = "Custom study" if custom else "Practice" if summary.practice else "Session"
        first = f"{summary.first_try} of {summary.cards}" if summary.cards else "-"
        rows = [
            ("Answered", f"{summary.answered}"),
            ("Right on the first try", first),
            ("Time spent", duration(summary.time)),
            ("Next card due", escape(when(summary.next_due, summary.ended))),
        ]
        table = "".join(f"<tr><td>{k}</td><td><b>{v}</b></td></tr>" for k, v in rows)
        note = "<p>Practice changes nothing in your schedule.</p>" if summary.practice else ""
        if custom:
            how = (
                "practice changes nothing in your schedule"
                if summary.practice
                else "your answers were recorded as reviews"
            )
            note = f"<p>Custom study of {escape(custom)}: {how}.</p>"
        self.summary.setText(f"<h2>{kind} over</h2><table cellpadding='4'>{table}</table>{note}")
        self.missed.clear()
        for card in missed:
            item = QListWidgetItem(f"{card.prompt} \u2014 {card.answer_text}")
            item.setData(Qt.ItemDataRole.UserRole, card.id)
            item.setData(SLUG_ROLE, card.entity_slug)
            item.setToolTip("A click opens its entry." if card.entity_slug else "")
            self.missed.addItem(item)
        for widget in (self.missed_label, self.missed, self.practice_button):
            widget.setVisible(bool(missed))
        self.back_button.setDefault(True)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def missed_ids(self) -> list[str]:
        items = (self.missed.item(row) for row in range(self.missed.count()))
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items]

    def _open(self, item: QListWidgetItem) -> None:
        self.entityOpened.emit(str(item.data(SLUG_ROLE)))
