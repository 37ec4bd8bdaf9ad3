"""The quiz: start page, one card at a time, and a summary, with Anki's keyboard.

Space or Enter shows the answer (or checks a typed answer or an order) and then accepts the
suggested rating; 1 to 4 pick an option before the answer and rate after it; U or Ctrl+Z undo
the last answer; E opens the card's entry in the study view; Escape ends the session.
"""

from __future__ import annotations

from datetime import datetime

from fsrs import Rating
from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from ocstudy.quiz.answers import CheckResult, auto_rating
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.session import QuizSession
from ocstudy.services.quiz import QuizService
from ocstudy.ui.quiz.card_page import RATINGS, CardPage
from ocstudy.ui.quiz.start_page import QuizStartPage
from ocstudy.userdata.database import UserDatabaseError

KEY_RATINGS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3}
MODE_FALLBACK = ("typed", "choice", "flashcard")


def mode_for(card: QuizCard, preferred: str, turn: int) -> str:
    """The answer mode for ``card``: the preferred one if the card allows it, else the nearest."""
    if "order" in card.modes:
        return "order"
    if preferred == "mixed":
        return card.modes[turn % len(card.modes)]
    if preferred in card.modes:
        return preferred
    return next((mode for mode in MODE_FALLBACK if mode in card.modes), card.modes[0])


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%A %d %B %Y, %H:%M") if moment else "no card scheduled"


class QuizView(QWidget):
    entityOpened = Signal(str)

    def __init__(self, service: QuizService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quizView")
        self.setAccessibleName("Quiz")
        self._service = service
        self.session: QuizSession | None = None
        self.card: QuizCard | None = None
        self.mode = "flashcard"
        self.result: CheckResult | None = None
        self.revealed = False
        self._timer = QElapsedTimer()
        self._duration = 0

        self.start_page = QuizStartPage(service, self)
        self.card_page = CardPage(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("quizSummary")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        again = QPushButton("Back to the start page (Enter)", self)
        again.setObjectName("quizBackToStart")
        again.clicked.connect(self.back_to_start)
        summary_page = QWidget(self)
        summary_layout = QVBoxLayout(summary_page)
        summary_layout.addWidget(self.summary, 1)
        summary_layout.addWidget(again)
        self.pages = QStackedWidget(self)
        for page in (self.start_page, self.card_page, summary_page):
            self.pages.addWidget(page)
        self._summary_page = summary_page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(self.pages)
        self.setFocusProxy(self.start_page.start_button)

        self.start_page.startRequested.connect(self.start)
        self.card_page.showRequested.connect(self.show_answer)
        self.card_page.checkRequested.connect(self.show_answer)
        self.card_page.choicePicked.connect(self.pick)
        self.card_page.rated.connect(self.rate)

    # -- session flow -----------------------------------------------------------------------

    def set_selected_entity(self, slug: str | None, name: str | None) -> None:
        self.start_page.set_entity((slug, name) if slug and name else None)

    def start(self) -> None:
        """Start a session with the start page's choices."""
        scope, practice = self.start_page.scope, self.start_page.practice
        self.run_session(self._service.start(scope, practice=practice))

    def run_session(self, session: QuizSession) -> None:
        self.session = session
        self.pages.setCurrentWidget(self.card_page)
        self._next()

    def _next(self) -> None:
        assert self.session is not None
        card = self.session.current
        if card is None:
            self.end_session()
            return
        self.card, self.result, self.revealed = card, None, False
        self.mode = mode_for(card, self.start_page.mode, self.session.answered)
        progress = self.session.progress()
        labels = self.session.preview_labels()
        self.card_page.show_card(
            card,
            self.mode,
            (progress.done, progress.left, progress.text),
            {rating: labels[rating] for rating in RATINGS},
        )
        self._timer.start()

    def show_answer(self) -> None:
        """Reveal the answer; in typed and ordering modes, check what was given first."""
        if self.session is None or self.card is None or self.revealed:
            return
        self._duration = int(self._timer.elapsed())
        if self.mode == "typed":
            self.result = self.session.check_typed(self.card_page.typed.text())
        elif self.mode == "order":
            self.result = self.session.check_order(self.card_page.order_list.order())
        self._reveal()

    def pick(self, index: int) -> None:
        if self.session is None or self.card is None or self.revealed or self.mode != "choice":
            return
        if index >= len(self.card.choices):
            return
        self._duration = int(self._timer.elapsed())
        self.result = self.session.check_choice(index)
        self._reveal()

    def _reveal(self) -> None:
        assert self.card is not None
        self.revealed = True
        self.card_page.reveal(self.card, self.result, self.suggested_rating())

    def suggested_rating(self) -> Rating:
        return auto_rating(self.result, self._duration) if self.result else Rating.Good

    def rate(self, rating: Rating) -> None:
        if self.session is None or not self.revealed:
            return
        try:
            self.session.answer(rating, self.mode, self._duration)  # type: ignore[arg-type]
        except UserDatabaseError as error:  # the card stays: the learner can rate it again
            self.card_page.show_problem(f"Your answer is not saved: {error}")
            return
        self._next()

    def undo(self) -> None:
        if self.session is None or not self.session.can_undo:
            return
        self.session.undo()
        if self.pages.currentWidget() is not self.card_page:
            self.pages.setCurrentWidget(self.card_page)
        self._next()

    def end_session(self) -> None:
        if self.session is None:
            return
        summary = self.session.summary()
        minutes, seconds = divmod(int(summary.time.total_seconds()), 60)
        kind = "Practice" if summary.practice else "Session"
        rate = f"{100 * summary.correct / summary.answered:.0f}%" if summary.answered else "-"
        self.summary.setText(
            f"<h2>{kind} over</h2><table cellpadding='4'>"
            f"<tr><td>Answered</td><td><b>{summary.answered}</b></td></tr>"
            f"<tr><td>Remembered</td><td><b>{summary.correct}</b> ({rate})</td></tr>"
            f"<tr><td>Time</td><td><b>{minutes} min {seconds:02d} s</b></td></tr>"
            f"<tr><td>Next card due</td><td><b>{_when(summary.next_due)}</b></td></tr></table>"
            + ("<p>Practice changes nothing in your schedule.</p>" if summary.practice else "")
        )
        self.card = None
        self.pages.setCurrentWidget(self._summary_page)
        self._summary_page.setFocus(Qt.FocusReason.OtherFocusReason)

    def back_to_start(self) -> None:
        self.session = None
        self.start_page.refresh()
        self.pages.setCurrentWidget(self.start_page)
        self.start_page.start_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- keyboard ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        page = self.pages.currentWidget()
        if page is self._summary_page and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.back_to_start()
        elif page is self.start_page and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.start_page.start_button.isEnabled():
                self.start()
        elif page is not self.card_page or self.card is None:
            if (key == Qt.Key.Key_U or (key == Qt.Key.Key_Z and control)) and self.session:
                self.undo()
            else:
                super().keyPressEvent(event)
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.revealed:
                self.rate(self.suggested_rating())
            else:
                self.show_answer()
        elif key in KEY_RATINGS and not control:
            number = KEY_RATINGS[key]
            if self.revealed:
                self.rate(RATINGS[number])
            else:
                self.pick(number)
        elif key == Qt.Key.Key_U or (key == Qt.Key.Key_Z and control):
            self.undo()
        elif key == Qt.Key.Key_E:
            self.entityOpened.emit(self.card.entity_slug)
        elif key == Qt.Key.Key_Escape:
            self.end_session()
        else:
            super().keyPressEvent(event)
