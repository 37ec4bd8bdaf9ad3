"""Card info (Ctrl+Shift+I): one card's question, answer, entry and kind in words, every
answer to it with the interval and memory each left, and its chance of recall now. The card's
internal id is only in a small line at the foot, for a bug report. Read-only."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocstudy.phrasing import counted
from ocstudy.quiz.scheduling import format_interval
from ocstudy.services.browser.kinds import kind_words
from ocstudy.services.browser.rows import CardHistory, card_history
from ocstudy.services.review.quiz import QuizService
from ocstudy.ui.common.palette import palette_colors

HEADERS = ("Date", "Rating", "Interval", "Stability", "Difficulty", "Time taken")


def _time_taken(duration_ms: int | None) -> str:
    return "" if duration_ms is None else f"{duration_ms / 1000:.1f} s"


class CardInfoDialog(QDialog):
    def __init__(self, service: QuizService, card_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cardInfoDialog")
        self.setWindowTitle("Card info")
        self.setAccessibleName("Card info")
        history = card_history(service, card_id)
        self.summary = QLabel(self)
        self.summary.setObjectName("cardInfoSummary")
        self.summary.setWordWrap(True)
        self.retrievability = QLabel(self)
        self.retrievability.setObjectName("cardInfoRetrievability")
        self.reviews = QTableWidget(0, len(HEADERS), self)
        self.reviews.setObjectName("cardInfoReviews")
        self.reviews.setAccessibleName("Every answer to the card")
        self.reviews.setHorizontalHeaderLabels(list(HEADERS))
        self.reviews.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reviews.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.reviews.verticalHeader().hide()
        self.reviews.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        note = QLabel(
            "Stability and difficulty are FSRS's after each answer; the intervals before the "
            "last answer are recomputed, up to the few days of spread the scheduler adds.",
            self,
        )
        note.setObjectName("cardInfoNote")
        note.setWordWrap(True)
        self.card_id = QLabel(self)
        self.card_id.setObjectName("cardInfoId")
        self.card_id.setAccessibleName("The card's id, for a bug report")
        self.card_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card_id.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.retrievability)
        layout.addWidget(self.reviews, 1)
        layout.addWidget(note)
        layout.addWidget(self.card_id)
        layout.addWidget(buttons)
        if history is not None:
            self._fill(history, service)
        self.resize(720, 420)

    def _fill(self, history: CardHistory, service: QuizService) -> None:
        card = history.card
        entity = service.catalogue.entity(card.entity_slug) if card.entity_slug else None
        entry = entity.short_name if entity else "no entry"
        tags = service.schedule.marks.tags.card_tags(card.id)
        about = [
            f"Entry: {entry}",
            kind_words(card.kind),
            counted(len(history.reviews), "answer"),
            *([f"your tags: {' '.join(tags)}"] if tags else []),
        ]
        self.summary.setText(
            f"<b>{escape(card.prompt)}</b><br>{escape(card.answer_text)}<br>"
            f"{escape(' · '.join(about))}"
        )
        muted = palette_colors(self.palette()).muted
        self.card_id.setText(
            f"<small style='color:{muted}'>Card id (for a bug report): {escape(card.id)}</small>"
        )
        chance = history.retrievability
        self.retrievability.setText(
            "Never answered: no chance of recall yet"
            if chance is None
            else f"Chance of recall now (retrievability): {chance:.0%}"
        )
        tz = service.schedule.day.tz
        for line in history.reviews:
            row = self.reviews.rowCount()
            self.reviews.insertRow(row)
            values = (
                line.reviewed_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                line.rating_name,
                format_interval(line.interval),
                f"{line.stability:.2f} d" if line.stability is not None else "",
                f"{line.difficulty:.2f}" if line.difficulty is not None else "",
                _time_taken(line.duration_ms),
            )
            for column, value in enumerate(values):
                self.reviews.setItem(row, column, QTableWidgetItem(value))
