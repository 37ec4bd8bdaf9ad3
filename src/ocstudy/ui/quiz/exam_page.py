"""A practice exam, one question at a time, marked only at the end as an exam is: an option
picked (1-4 or a click), a date or number typed, events put in order (drag, Alt+Up/Down);
Enter or Next goes on, Previous goes back, Finish (or the countdown reaching zero) marks
it. Nothing is shown right or wrong, and nothing is written to the schedule."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocstudy.services.review.exam_practice import ExamQuestion, Given
from ocstudy.ui.quiz.widgets import ORIGINAL_INDEX, OptionButton, OrderList, TypedAnswer, column

KEYS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3}


class ExamPage(QWidget):
    #: The exam is over: what was given to each question, in order.
    finished = Signal(object)

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None):
        """``now``: the app's clock, which the countdown follows."""
        super().__init__(parent)
        self._now = now
        self.setObjectName("examPage")
        self.setAccessibleName("Practice exam")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        body = QWidget(self)
        self.progress = QLabel(body)
        self.progress.setObjectName("examProgress")
        self.countdown = QLabel(body)
        self.countdown.setObjectName("examCountdown")
        self.countdown.setAccessibleName("Time left")
        self.prompt = QLabel(body)
        self.prompt.setObjectName("examPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.prompt.setFont(font)
        self.choices = QButtonGroup(self)
        self.choice_buttons: list[OptionButton] = []
        for index in range(4):
            button = OptionButton(body)
            button.setObjectName(f"examChoice{index}")
            button.setCheckable(True)
            self.choices.addButton(button, index)
            self.choice_buttons.append(button)
        self.typed = TypedAnswer(body)
        self.typed.setObjectName("examTyped")
        self.typed.setAccessibleName("Your answer")
        self.typed.submitted.connect(self.next_question)
        self.order_list = OrderList(body)
        self.order_list.setObjectName("examOrder")
        self.previous_button = QPushButton("&Previous", body)
        self.previous_button.setObjectName("examPrevious")
        self.previous_button.clicked.connect(self.previous_question)
        self.next_button = QPushButton("&Next (Enter)", body)
        self.next_button.setObjectName("examNext")
        self.next_button.clicked.connect(self.next_question)
        self.finish_button = QPushButton("Finish and &mark", body)  # Alt+F is the File menu
        self.finish_button.setObjectName("examFinish")
        self.finish_button.clicked.connect(self.finish)
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.countdown)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.prompt)
        for button in self.choice_buttons:
            layout.addWidget(button)
        layout.addWidget(self.typed)
        layout.addWidget(self.order_list)
        layout.addLayout(buttons)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(column(body, self))
        self.questions: list[ExamQuestion] = []
        self.given: list[Given] = []
        self.index = 0
        self._ends: datetime | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_time)

    def begin(self, questions: Sequence[ExamQuestion], minutes: int = 0) -> None:
        """Start the exam; ``minutes`` > 0 counts down and marks it at zero."""
        self.questions, self.given, self.index = list(questions), [None] * len(questions), 0
        self._ends = self._now() + timedelta(minutes=minutes) if minutes else None
        self.countdown.setVisible(minutes > 0)
        if minutes:
            self._tick.start()
            self._show_time()
        self._show()

    def time_left_ms(self) -> int:
        if self._ends is None:
            return 0
        return max(0, (self._ends - self._now()) // timedelta(milliseconds=1))

    def _show_time(self) -> None:
        left = self.time_left_ms()
        self.countdown.setText(f"{left // 60_000}:{left // 1000 % 60:02d} left")
        if left == 0 and self.questions:
            self.finish()

    def _show(self) -> None:
        question = self.questions[self.index]
        card, mode, given = question.card, question.mode, self.given[self.index]
        self.progress.setText(f"Question {self.index + 1} of {len(self.questions)}")
        self.prompt.setText(card.prompt)
        self.choices.setExclusive(False)
        for index, button in enumerate(self.choice_buttons):
            button.setVisible(mode == "choice" and index < len(card.choices))
            button.setText(
                f"{index + 1}. {card.choices[index]}" if index < len(card.choices) else ""
            )
            button.setChecked(given == index)
        self.choices.setExclusive(True)
        self.typed.setVisible(mode == "typed")
        self.typed.setText(given if isinstance(given, str) else "")
        self.order_list.setVisible(mode == "order")
        self.order_list.clear()
        if mode == "order":
            order = given if isinstance(given, tuple) else tuple(range(len(card.items)))
            for index in order:
                item = QListWidgetItem(card.items[index])
                item.setData(ORIGINAL_INDEX, index)
                self.order_list.addItem(item)
            self.order_list.setCurrentRow(0)
        self.previous_button.setEnabled(self.index > 0)
        last = self.index == len(self.questions) - 1
        self.next_button.setText("Fi&nish (Enter)" if last else "&Next (Enter)")
        focus = {"typed": self.typed, "order": self.order_list}.get(mode, self)
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _keep(self) -> None:
        """Keep what is given to the question on screen."""
        mode = self.questions[self.index].mode
        if mode == "choice":
            picked = self.choices.checkedId()
            self.given[self.index] = picked if picked >= 0 else None
        elif mode == "typed":
            self.given[self.index] = self.typed.text().strip() or None
        else:
            self.given[self.index] = tuple(self.order_list.order())

    def pick(self, index: int) -> None:
        if self.questions[self.index].mode == "choice" and self.choice_buttons[index].isVisible():
            self.choice_buttons[index].setChecked(True)

    def next_question(self) -> None:
        if not self.questions:
            return
        self._keep()
        if self.index == len(self.questions) - 1:
            self.finish()
            return
        self.index += 1
        self._show()

    def previous_question(self) -> None:
        if self.questions and self.index > 0:
            self._keep()
            self.index -= 1
            self._show()

    def finish(self) -> None:
        if not self.questions:
            return
        self._keep()
        self._tick.stop()
        given, self.questions = self.given, []
        self.finished.emit(given)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next_question()
        elif key in KEYS and self.questions:
            self.pick(KEYS[key])
        else:
            super().keyPressEvent(event)
