"""The card page: the question, the answer input for the mode, and the answer side.

It only shows what the quiz view tells it and reports what the learner did; the session and
the keyboard belong to :class:`ocstudy.ui.quiz.view.QuizView`.
"""

from __future__ import annotations

from html import escape

from fsrs import Rating
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocstudy.quiz.answers import CheckResult
from ocstudy.quiz.model import QuizCard
from ocstudy.ui.palette import palette_colors

RATINGS = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)
VERDICTS = {
    "correct": "\u2713 Right",
    "partial": "\u25d1 Partly right",
    "wrong": "\u2717 Not right",
}
ORIGINAL_INDEX = Qt.ItemDataRole.UserRole + 1


class OrderList(QListWidget):
    """Events to put in order: drag them, or move the selected one with Alt+Up / Alt+Down."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quizOrderList")
        self.setAccessibleName("Events to put in order, earliest first")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
        if step and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.move_current(step)
            return
        super().keyPressEvent(event)

    def move_current(self, step: int) -> None:
        row = self.currentRow()
        target = row + step
        if row >= 0 and 0 <= target < self.count():
            item = self.takeItem(row)
            self.insertItem(target, item)
            self.setCurrentRow(target)

    def order(self) -> list[int]:
        return [int(self.item(row).data(ORIGINAL_INDEX)) for row in range(self.count())]


class TypedAnswer(QLineEdit):
    """The typed answer: Enter checks it, and the key goes no further (it would rate too)."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class CardPage(QWidget):
    showRequested = Signal()
    checkRequested = Signal()
    choicePicked = Signal(int)
    rated = Signal(object)  # a fsrs Rating

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quizCardPage")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("quizProgress")
        self.progress.setAccessibleName("Session progress")
        self.progress.setTextVisible(False)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("quizProgressLabel")
        self.marker = QLabel(self)
        self.marker.setObjectName("quizMarker")
        self.prompt = QLabel(self)
        self.prompt.setTextFormat(Qt.TextFormat.RichText)
        self.prompt.setObjectName("quizPrompt")
        self.prompt.setAccessibleName("Question")
        self.prompt.setWordWrap(True)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.prompt.setFont(font)

        self.show_button = QPushButton("Show answer (Space)", self)
        self.show_button.setObjectName("quizShowAnswer")
        self.show_button.clicked.connect(self.showRequested)
        self.choices: list[QPushButton] = []
        choice_box = QWidget(self)
        choice_layout = QVBoxLayout(choice_box)
        for number in range(1, 5):
            button = QPushButton(choice_box)
            button.setObjectName(f"quizChoice{number}")
            button.setStyleSheet("text-align: left; padding: 6px")
            button.clicked.connect(lambda _=False, n=number - 1: self.choicePicked.emit(n))
            choice_layout.addWidget(button)
            self.choices.append(button)
        typed_box = QWidget(self)
        self.typed = TypedAnswer(typed_box)
        self.typed.setObjectName("quizTypedAnswer")
        self.typed.setAccessibleName("Your answer")
        self.typed.setPlaceholderText("Type your answer, then Enter (e.g. 15 November 2000)")
        self.typed.submitted.connect(self.checkRequested)
        typed_layout = QHBoxLayout(typed_box)
        typed_layout.addWidget(self.typed)
        order_box = QWidget(self)
        self.order_list = OrderList(order_box)
        check = QPushButton("Check order (Enter)", order_box)
        check.setObjectName("quizCheckOrder")
        check.clicked.connect(self.checkRequested)
        order_hint = QLabel(
            "Drag the events, or move the selected one with Alt+\u2191 / Alt+\u2193.", order_box
        )
        order_hint.setObjectName("quizOrderHint")
        order_layout = QVBoxLayout(order_box)
        order_layout.addWidget(order_hint)
        order_layout.addWidget(self.order_list)
        order_layout.addWidget(check)
        self.inputs = QWidget(self)
        inputs_layout = QVBoxLayout(self.inputs)
        inputs_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.show_button, choice_box, typed_box, order_box):
            inputs_layout.addWidget(widget)
        self._input_of = {
            "flashcard": self.show_button,
            "choice": choice_box,
            "typed": typed_box,
            "order": order_box,
        }

        self.answer = QLabel(self)
        self.answer.setObjectName("quizAnswer")
        self.answer.setAccessibleName("Answer")
        self.answer.setWordWrap(True)
        self.answer.setTextFormat(Qt.TextFormat.RichText)
        self.answer.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.rating_buttons: dict[Rating, QPushButton] = {}
        ratings = QHBoxLayout()
        for number, rating in enumerate(RATINGS, start=1):
            button = QPushButton(self)
            button.setObjectName(f"quizRate{rating.name}")
            button.clicked.connect(lambda _=False, r=rating: self.rated.emit(r))
            ratings.addWidget(button)
            self.rating_buttons[rating] = button
            button.setProperty("number", number)
        self.ratings_row = QWidget(self)
        self.ratings_row.setLayout(ratings)

        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.progress_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.marker)
        layout.addWidget(self.prompt)
        layout.addWidget(self.inputs)
        layout.addWidget(self.answer)
        layout.addStretch(1)
        layout.addWidget(self.ratings_row)

    def show_card(
        self, card: QuizCard, mode: str, progress: tuple[int, int, str], labels: dict[Rating, str]
    ) -> None:
        done, left, text = progress
        self.progress.setRange(0, max(1, done + left))
        self.progress.setValue(done)
        self.progress_label.setText(text)
        self.marker.setVisible(bool(card.marker))
        self.marker.setText(f"<i>{escape(card.marker or '')}</i>")
        self.prompt.setText(escape(card.prompt))
        for name, widget in self._input_of.items():
            widget.setVisible(name == mode)
        self.inputs.setEnabled(True)
        for number, (button, option) in enumerate(zip(self.choices, card.choices, strict=False), 1):
            button.setText(f"{number}   {option}")
            button.setEnabled(True)
        self.typed.clear()
        self.order_list.clear()
        for index, text_item in enumerate(card.items):
            item = QListWidgetItem(text_item)
            item.setData(ORIGINAL_INDEX, index)
            self.order_list.addItem(item)
        self.order_list.setCurrentRow(0)
        self.answer.clear()
        self.ratings_row.hide()
        for rating, button in self.rating_buttons.items():
            number = button.property("number")
            button.setText(f"{number}  {rating.name}  \u00b7  {labels.get(rating, '')}")
        focus = {"typed": self.typed, "order": self.order_list}.get(mode, self)
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_problem(self, message: str) -> None:
        colors = palette_colors(self.palette())
        self.answer.setText(
            self.answer.text()
            + f'<p style="background-color:{colors.warn_background}">\u26a0 {escape(message)}</p>'
        )

    def reveal(self, card: QuizCard, result: CheckResult | None, suggested: Rating | None) -> None:
        colors = palette_colors(self.palette())
        parts = []
        if result is not None:
            color = colors.ok if result.verdict == "correct" else colors.warn
            parts.append(
                f'<p style="color:{color}"><b>{VERDICTS[result.verdict]}</b>'
                + (
                    f" \u2014 you said \u201c{escape(result.given)}\u201d"
                    if result.given and result.verdict != "correct"
                    else ""
                )
                + "</p>"
            )
            if result.difference:
                parts.append(f"<p>{escape(result.difference)}</p>")
        parts.append(f'<p style="font-size:large"><b>{escape(card.answer_text)}</b></p>')
        parts += [f"<p>{escape(line)}</p>" for line in card.details]
        parts += [
            f'<p style="background-color:{colors.warn_background}">\u26a0 {escape(note)}</p>'
            for note in card.paper_notes
        ]
        if card.sources:
            sources = "; ".join(escape(s) for s in card.sources)
            parts.append(f'<p style="color:{colors.muted}">Source: {sources}</p>')
        self.answer.setText("".join(parts))
        self.inputs.setEnabled(False)
        if card.choices and result is not None and result.mode == "choice":
            for button, option in zip(self.choices, card.choices, strict=False):
                button.setEnabled(option == card.answer_text)
        for rating, button in self.rating_buttons.items():
            button.setDefault(rating == suggested)
            font = button.font()
            font.setBold(rating == suggested)
            button.setFont(font)
        self.ratings_row.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
