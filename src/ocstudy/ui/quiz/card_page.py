"""The card page: the question, the answer input for the mode, and the answer side.

It only shows what the quiz view tells it and reports what the learner did; the session and
the keyboard belong to :class:`ocstudy.ui.quiz.view.QuizView`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ocstudy.quiz.answers import CheckResult
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.rating import Rating
from ocstudy.quiz.session import Progress
from ocstudy.render.feedback import RIGHT, WRONG, answer_html, counts_html, front_html
from ocstudy.ui.common.palette import palette_colors
from ocstudy.ui.quiz.widgets import (
    ORIGINAL_INDEX,
    OptionButton,
    OrderList,
    TypedAnswer,
    column,
    set_focus_proxy,
)

RATINGS = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)


class CardPage(QWidget):
    showRequested = Signal()
    checkRequested = Signal()
    choicePicked = Signal(int)
    rated = Signal(object)  # an ocstudy.quiz.rating.Rating

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quizCardPage")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        body = QWidget(self)
        body.setObjectName("quizColumn")
        self.column = body
        self.progress = QProgressBar(body)
        self.progress.setObjectName("quizProgress")
        self.progress.setAccessibleName("Session progress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.counts = QLabel(body)
        self.counts.setObjectName("quizSessionCounts")
        self.counts.setAccessibleName("Cards left: new, learning, review")
        self.progress_label = QLabel(body)
        self.progress_label.setObjectName("quizProgressLabel")
        self.practice_label = QLabel(body)
        self.practice_label.setObjectName("quizPracticeBadge")
        self.practice_label.setAccessibleName("Practice session")
        self.practice_label.setWordWrap(True)  # a custom session's search can be long
        self.practice_label.hide()
        self.notice = QLabel(body)
        self.notice.setObjectName("quizNotice")
        self.notice.setAccessibleName("Quiz message")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.marker = QLabel(body)
        self.marker.setObjectName("quizMarker")
        self.prompt = QLabel(body)
        self.prompt.setObjectName("quizPrompt")
        self.prompt.setAccessibleName("Question")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.RichText)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.prompt.setFont(font)

        self.show_button = QPushButton("Show answer (Space)", body)
        self.show_button.setObjectName("quizShowAnswer")
        self.show_button.clicked.connect(self.showRequested)
        self.choices: list[OptionButton] = []
        choice_box = QWidget(body)
        choice_layout = QVBoxLayout(choice_box)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        for number in range(1, 5):
            button = OptionButton(choice_box)
            button.setObjectName(f"quizChoice{number}")
            button.clicked.connect(lambda _=False, n=number - 1: self.choicePicked.emit(n))
            choice_layout.addWidget(button)
            self.choices.append(button)
        typed_box = QWidget(body)
        self.typed = TypedAnswer(typed_box)
        self.typed.setObjectName("quizTypedAnswer")
        self.typed.setAccessibleName("Your answer")
        self.typed.submitted.connect(self.checkRequested)
        typed_layout = QHBoxLayout(typed_box)
        typed_layout.setContentsMargins(0, 0, 0, 0)
        typed_layout.addWidget(self.typed)
        order_box = QWidget(body)
        self.order_list = OrderList(order_box)
        check = QPushButton("Check order (Space or Enter)", order_box)
        check.setObjectName("quizCheckOrder")
        check.clicked.connect(self.checkRequested)
        self.check_order_button = check
        order_hint = QLabel(
            "Drag the events, or move the selected one with Alt+\u2191 / Alt+\u2193; "
            "Space or Enter checks the order.",
            order_box,
        )
        order_hint.setObjectName("quizOrderHint")
        order_hint.setWordWrap(True)  # wider than the column in one line
        order_layout = QVBoxLayout(order_box)
        order_layout.setContentsMargins(0, 0, 0, 0)
        order_layout.addWidget(order_hint)
        order_layout.addWidget(self.order_list)
        order_layout.addWidget(check)
        self.inputs = QWidget(body)
        inputs_layout = QVBoxLayout(self.inputs)
        inputs_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (choice_box, typed_box, order_box, self.show_button):
            inputs_layout.addWidget(widget)
        self._input_of = {"choice": choice_box, "typed": typed_box, "order": order_box}

        self.answer = QLabel(body)
        self.answer.setObjectName("quizAnswer")
        self.answer.setAccessibleName("Answer")
        self.answer.setWordWrap(True)
        self.answer.setTextFormat(Qt.TextFormat.RichText)
        self.answer.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.rating_buttons: dict[Rating, QPushButton] = {}
        self.ratings_row = QWidget(body)
        ratings = QHBoxLayout(self.ratings_row)
        ratings.setContentsMargins(0, 0, 0, 0)
        for number, rating in enumerate(RATINGS, start=1):
            rate = QPushButton(self.ratings_row)
            rate.setObjectName(f"quizRate{rating.name}")
            rate.clicked.connect(lambda _=False, r=rating: self.rated.emit(r))
            ratings.addWidget(rate)
            self.rating_buttons[rating] = rate
            rate.setProperty("number", number)

        top = QHBoxLayout()
        top.addWidget(self.counts)
        top.addStretch(1)
        top.addWidget(self.progress_label)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addLayout(top)
        layout.addWidget(self.practice_label)
        layout.addWidget(self.notice)
        layout.addSpacing(8)
        layout.addWidget(self.marker)
        layout.addWidget(self.prompt)
        layout.addSpacing(8)
        layout.addWidget(self.inputs)
        layout.addWidget(self.answer)
        layout.addWidget(self.ratings_row)
        layout.addStretch(1)
        self._page = page = QWidget()
        centred = column(body, page)
        centred.setContentsMargins(0, 0, 0, 0)
        page.setLayout(centred)
        self.scroller = QScrollArea(self)  # a card longer than the window's room scrolls
        self.scroller.setObjectName("quizCardScroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroller)

    def show_card(
        self,
        card: QuizCard,
        mode: str,
        progress: Progress,
        labels: dict[Rating, str] | None,
        hint: str,
        *,
        practice: bool = False,
        custom: str | None = None,
    ) -> None:
        """Show ``card``'s question in ``mode``; ``labels`` are the rating buttons' intervals
        (None in practice, where they would mean nothing; the page says it is practice).
        ``custom``: what the custom study session asks, said over the card."""
        colors = palette_colors(self.palette())
        self.notice.hide()
        self._show_badge(practice, custom)
        self.progress.setRange(0, max(1, progress.done + progress.left))
        self.progress.setValue(progress.done)
        self.counts.setText(counts_html(progress.new, progress.learning, progress.review, colors))
        self.progress_label.setText(progress.text)
        self.marker.setVisible(bool(card.marker))
        self.marker.setText(f"<i>{escape(card.marker or '')}</i>")
        self.prompt.setText(front_html(card, mode))
        for name, widget in self._input_of.items():
            widget.setVisible(name == mode)
        self.show_button.setVisible(mode in ("flashcard", "choice"))
        self.show_button.setText(
            "Show answer (Space)"
            if mode == "flashcard"
            else "I don\u2019t know: show the answer (Space)"
        )
        self.inputs.setEnabled(True)
        for number, (button, option) in enumerate(zip(self.choices, card.choices, strict=False), 1):
            button.setText(f"{number}   {option}")
            button.setEnabled(True)
            button.setStyleSheet("")
        self.typed.clear()
        self.typed.setPlaceholderText(hint)
        self.order_list.clear()
        for index, text_item in enumerate(card.items):
            item = QListWidgetItem(text_item)
            item.setData(ORIGINAL_INDEX, index)
            self.order_list.addItem(item)
        self.order_list.setCurrentRow(0)
        line = self.order_list.fontMetrics().lineSpacing()
        self.order_list.setFixedHeight((2 * line + 8) * max(1, len(card.items)) + 4)
        self.answer.clear()
        self.answer.hide()
        self.ratings_row.hide()
        self.set_intervals(labels)
        self._relayout()
        self.scroller.verticalScrollBar().setValue(0)
        focus = {"typed": self.typed, "order": self.order_list}.get(mode)
        set_focus_proxy(self, focus)  # the page's focus, coming back to it too, is the input's
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_badge(self, practice: bool, custom: str | None) -> None:
        """The line that says a session is practice, or custom study (and which)."""
        muted = palette_colors(self.palette()).muted
        stays = "your schedule stays as it is"
        self.practice_label.setVisible(practice or custom is not None)
        if custom is None:
            self.practice_label.setAccessibleName("Practice session")
            self.practice_label.setText(
                f'<b>Practice</b> <span style="color:{muted}">\u2014 {stays}</span>'
            )
            return
        how = f"practice: {stays}" if practice else "your answers are recorded as reviews"
        self.practice_label.setAccessibleName("Custom study session")
        self.practice_label.setText(
            f"<b>Custom study</b> \u00b7 {escape(custom)} "
            f'<span style="color:{muted}">\u2014 {how}</span>'
        )

    def _relayout(self) -> None:
        """Lay the column out now, so that it is drawn at its new size at once (the order
        list's height and the inputs shown change with each card), and the page scrolls, or
        not, as its new height needs."""
        for widget in (*self._input_of.values(), self.inputs, self.column, self._page):
            layout = widget.layout()
            if layout is not None:
                layout.invalidate()
                layout.activate()
        QApplication.sendEvent(self.scroller, QEvent(QEvent.Type.LayoutRequest))

    def set_intervals(self, labels: dict[Rating, str] | None) -> None:
        """The rating buttons' texts, with the interval each rating gives (None: none)."""
        for rating, button in self.rating_buttons.items():
            number = button.property("number")
            interval = f"  \u00b7  {labels[rating]}" if labels else ""
            button.setText(f"{number}  {rating.name}{interval}")

    def show_notice(self, message: str, *, warn: bool = False) -> None:
        """A line over the card: what a key did to a card (buried, suspended, a leech...)."""
        colors = palette_colors(self.palette())
        style = f"background-color:{colors.warn_background}" if warn else f"color:{colors.ok}"
        sign = "\u26a0 " if warn else "\u2713 "
        self.notice.setText(f'<p style="{style}">{sign}{escape(message)}</p>')
        self.notice.show()

    def show_problem(self, message: str) -> None:
        colors = palette_colors(self.palette())
        self.answer.setText(
            self.answer.text()
            + f'<p style="background-color:{colors.warn_background}">\u26a0 {escape(message)}</p>'
        )

    def reveal(self, card: QuizCard, result: CheckResult | None, suggested: Rating | None) -> None:
        colors = palette_colors(self.palette())
        self.answer.setText(answer_html(card, result, colors))
        self.answer.show()
        self.inputs.setEnabled(False)
        self.show_button.hide()
        self._input_of["order"].hide()  # the answer shows both orders side by side
        if card.choices and result is not None and result.mode == "choice":
            self._mark_choices(card, result)
        for rating, button in self.rating_buttons.items():
            button.setDefault(rating == suggested)
            font = button.font()
            font.setBold(rating == suggested)
            button.setFont(font)
        self.ratings_row.show()
        self._relayout()
        set_focus_proxy(self, None)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _mark_choices(self, card: QuizCard, result: CheckResult) -> None:
        """The right option \u2713 in the palette's "ok" colour, a wrong pick \u2717 in its "warn"
        colour: marked by sign and colour both, for dark mode and colour-blind learners."""
        colors = palette_colors(self.palette())
        for number, (button, option) in enumerate(zip(self.choices, card.choices, strict=False), 1):
            if option == card.answer_text:
                mark, color = RIGHT, colors.ok
            elif option == result.given:
                mark, color = WRONG, colors.warn
            else:
                continue
            button.setText(f"{mark} {number}   {option}")
            button.setStyleSheet(
                f"QPushButton {{ border: 2px solid {color}; border-radius: 4px }}"
                f" QLabel {{ color: {color}; font-weight: bold }}"
            )
