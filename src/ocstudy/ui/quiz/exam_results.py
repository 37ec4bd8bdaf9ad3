"""A practice exam's result: the score, each theme's, and the questions missed with the right
answer and its source; "Review these now" practises them (the schedule stays)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocstudy.services.review.exam_practice import ExamResult, MarkedQuestion
from ocstudy.services.review.exam_text import percent
from ocstudy.ui.quiz.widgets import column

CARD_ROLE = Qt.ItemDataRole.UserRole + 1


def missed_text(mark: MarkedQuestion) -> str:
    card, result = mark.question.card, mark.result
    given = result.given or "no answer"
    source = f" \u2014 {'; '.join(card.sources)}" if card.sources else ""
    return f"{card.prompt}\nYou: {given}. Right: {card.answer_text}{source}"


class ExamResultsPage(QWidget):
    #: Practise these cards now (ids).
    reviewRequested = Signal(object)
    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("examResults")
        self.setAccessibleName("Practice exam result")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        body = QWidget(self)
        self.score = QLabel(body)
        self.score.setObjectName("examScore")
        self.score.setTextFormat(Qt.TextFormat.RichText)
        self.themes = QLabel(body)
        self.themes.setObjectName("examThemeScores")
        self.themes.setWordWrap(True)
        self.missed = QListWidget(body)
        self.missed.setObjectName("examMissed")
        self.missed.setAccessibleName("Questions you missed, with the right answer")
        self.missed.setWordWrap(True)
        self.missed.setAlternatingRowColors(True)
        self.review_button = QPushButton("&Review these now", body)
        self.review_button.setObjectName("examReviewMissed")
        self.review_button.setToolTip("Practice on the questions missed: your schedule stays")
        self.review_button.clicked.connect(lambda: self.reviewRequested.emit(self.missed_ids()))
        back = QPushButton("&Back to the start page", body)
        back.setObjectName("examBack")
        back.clicked.connect(self.backRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.review_button)
        buttons.addWidget(back)
        buttons.addStretch(1)
        layout = QVBoxLayout(body)
        layout.addWidget(self.score)
        layout.addWidget(self.themes)
        layout.addWidget(QLabel("Questions you missed:", body))
        layout.addWidget(self.missed, 1)
        layout.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(column(body, self))

    def show_result(self, result: ExamResult, problem: str = "") -> None:
        """``result`` on the page; ``problem``: a line saying it could not be kept."""
        asked = len(result.marked)
        kept = f"<br><b>{escape(problem)}</b>" if problem else ""
        self.score.setText(
            f"<h2>Practice exam: {result.right} of {asked} ({percent(result.score)})</h2>"
            f"{escape('Marked at the end; your schedule stays as it is.')}{kept}"
        )
        rows = [
            f"{label}: {right} of {total}"
            for label, (right, total) in sorted(result.themes.items(), key=lambda r: r[0])
        ]
        self.themes.setText("By theme: " + "; ".join(rows))
        self.missed.clear()
        for mark in result.missed:
            item = QListWidgetItem(missed_text(mark))
            item.setData(CARD_ROLE, mark.question.card.id)
            self.missed.addItem(item)
        self.review_button.setEnabled(bool(result.missed))
        self.review_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def missed_ids(self) -> list[str]:
        return [str(self.missed.item(row).data(CARD_ROLE)) for row in range(self.missed.count())]
