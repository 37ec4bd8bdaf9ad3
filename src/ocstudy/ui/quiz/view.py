"""The quiz: start page, one card at a time, and a summary, with Anki's keyboard.

Space or Enter shows the answer (or checks a typed answer or an order) and then accepts the
suggested rating; 1 to 4 pick an option before the answer and rate after it; U or Ctrl+Z undo
the last answer; E opens the card's entry in the study view; Escape ends the session. On the
start page, C opens Custom study (``custom_study.py``), as on Anki's deck overview.
Anki's reviewer keys ``-`` (bury), ``@`` (suspend), Ctrl+1...7 (flag) and ``i`` (card info)
are in ``card_marks.py``.

Showing the answer without giving one (Space on a multiple-choice card, Enter on an empty
typed field) is "I don't know": it suggests Again, so Space twice never records Good.
Everything acts on the card on screen (``self.card``), which the session pins.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from ocstudy.content.vocabulary import AnswerMode
from ocstudy.quiz.answers import CheckResult, auto_rating, supported_modes, typed_hint
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.rating import Rating
from ocstudy.quiz.session import QuizSession, Undoable
from ocstudy.services.errors import UserDatabaseError
from ocstudy.services.operations import Changes, UndoStep
from ocstudy.services.review.custom_study import CustomPlan
from ocstudy.services.review.exam_practice import ExamQuestion, Given
from ocstudy.services.review.quiz import QuizService
from ocstudy.ui.common.changes import ChangeNotice
from ocstudy.ui.quiz.card_marks import QuizCardMarks
from ocstudy.ui.quiz.card_page import RATINGS, CardPage
from ocstudy.ui.quiz.exam_page import ExamPage
from ocstudy.ui.quiz.exam_results import ExamResultsPage
from ocstudy.ui.quiz.start_page import QuizStartPage
from ocstudy.ui.quiz.summary_page import SummaryPage
from ocstudy.ui.quiz.widgets import set_focus_proxy

KEY_RATINGS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3}
MODE_FALLBACK: tuple[AnswerMode, ...] = ("choice", "flashcard")
#: What E says on a card of the paper as a whole (its definitions, its key statements).
NO_ENTRY = "This card is about the paper as a whole: it has no entry to open."


def mode_for(card: QuizCard, preferred: str, turn: int) -> AnswerMode:
    """The answer mode for ``card``: one it supports (see ``supported_modes``), the preferred
    one if it can, else the nearest; mixed takes the card's modes in turn. An ordering card
    is put in order unless flashcards were asked for (then the order is on its back)."""
    modes = supported_modes(card)
    if "order" in modes and preferred != "flashcard":
        return "order"
    if preferred == "mixed":
        return modes[turn % len(modes)]
    if preferred in modes:
        return preferred
    return next((mode for mode in MODE_FALLBACK if mode in modes), modes[0])


def undone_text(undone: Undoable) -> str:
    """What an undo took back, said over the card it shows again."""
    if undone.rating is not None:
        rating = undone.rating.name
        return f"Undone: your answer \u201c{rating}\u201d to this card. Answer it again."
    return f"Undone: {undone.aside}. The card is back in this session."


class QuizView(QWidget):
    entityOpened = Signal(str)
    #: The card on screen's history (card info) was asked for.
    cardInfoRequested = Signal(str)

    def __init__(self, service: QuizService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quizView")
        self.setAccessibleName("Quiz")
        self._service = service
        self.service = service
        self._notice: ChangeNotice | None = None
        self.session: QuizSession | None = None
        #: What the custom study session running asks ("the cards forgotten today"); None
        #: for any other session.
        self.custom: str | None = None
        self.card: QuizCard | None = None
        self.mode: AnswerMode = "flashcard"
        self.result: CheckResult | None = None
        self.revealed = False
        self._timer = QElapsedTimer()
        self._duration = 0

        self.start_page = QuizStartPage(service, self)
        self.card_page = CardPage(self)
        self.summary_page = SummaryPage(self)
        self.summary = self.summary_page.summary
        self.summary_page.backRequested.connect(self.back_to_start)
        self.summary_page.practiceRequested.connect(self.practice_missed)
        self.summary_page.entityOpened.connect(self.entityOpened)
        self.exam_page = ExamPage(service.schedule.now, self)
        self.exam_page.finished.connect(self.finish_exam)
        self.exam_results = ExamResultsPage(self)
        self.exam_results.backRequested.connect(self.back_to_start)
        self.exam_results.reviewRequested.connect(self.practice_cards)
        self._exam_questions: list[ExamQuestion] = []
        self.pages = QStackedWidget(self)
        pages = (self.start_page, self.card_page, self.summary_page)
        for page in (*pages, self.exam_page, self.exam_results):
            self.pages.addWidget(page)
        self._summary_page = self.summary_page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(self._focus_follows_page)
        self._focus_follows_page()

        self.start_page.startRequested.connect(self.start)
        self.start_page.customStudyRequested.connect(self.start_custom)
        self.card_page.showRequested.connect(self.show_answer)
        self.card_page.checkRequested.connect(self.show_answer)
        self.card_page.choicePicked.connect(self.pick)
        self.card_page.rated.connect(self.rate)
        self.marks = QuizCardMarks(self)

    def _focus_follows_page(self, _index: int = 0) -> None:
        """Focus given to the quiz (its view key, its toolbar button) goes to the page shown:
        the Start button, the card (or its answer field), the summary."""
        page = self.pages.currentWidget()
        set_focus_proxy(self, self.start_page.start_button if page is self.start_page else page)

    # -- session flow -----------------------------------------------------------------------

    def set_selected_entity(self, slug: str | None, name: str | None) -> None:
        self.start_page.set_entity((slug, name) if slug and name else None)

    def start(self) -> None:
        """Start a session with the start page's choices."""
        if self.start_page.mode == "exam":
            self.start_exam()
            return
        scope, practice = self.start_page.scope, self.start_page.practice
        self.run_session(self._service.start(scope, practice=practice))

    def start_exam(self) -> None:
        """A practice exam with the start page's choices: marked at the end, never recorded
        in the schedule."""
        options = self.start_page.exam_options
        self._exam_questions = self._service.practice_exams.paper(options.questions_box.value())
        if not self._exam_questions:
            return
        self.session = None
        self.pages.setCurrentWidget(self.exam_page)
        self.exam_page.begin(self._exam_questions, options.countdown_box.value())

    def finish_exam(self, given: list[Given]) -> None:
        """Mark the exam and show its result; keep it for the statistics (a result that
        cannot be kept is shown all the same, with a line saying so)."""
        exams = self._service.practice_exams
        result = exams.mark(self._exam_questions, given)
        try:
            exams.keep(result)
        except UserDatabaseError as error:
            problem = f"This result could not be kept for the statistics: {error}"
        else:
            problem = ""
        self.pages.setCurrentWidget(self.exam_results)
        self.exam_results.show_result(result, problem)

    def practice_cards(self, card_ids: list[str]) -> None:
        """Practise these cards (a practice exam's missed ones); the schedule stays."""
        if card_ids:
            self.run_session(self._service.practice(card_ids))

    def start_custom(self, plan: CustomPlan, problem: str = "") -> None:
        """Start custom study of the plan's cards (``problem``: a line to show over the
        first card, the choices not kept)."""
        session = self._service.custom(plan.card_ids, reschedule=plan.reschedule)
        self.run_session(session, custom=plan.title)
        if problem and self.card is not None:
            self.card_page.show_notice(problem, warn=True)

    def run_session(self, session: QuizSession, *, custom: str | None = None) -> None:
        self.session = session
        self.custom = custom
        self.pages.setCurrentWidget(self.card_page)
        self._next()

    def show_next(self) -> None:
        """Show the session's next card (or its summary)."""
        self._next()

    def _next(self) -> None:
        assert self.session is not None
        card = self.session.current
        if card is None:
            self.end_session()
            return
        self.card, self.result, self.revealed = card, None, False
        self.mode = self.session.resumed_mode or mode_for(
            card, self.start_page.mode, self.session.answered
        )
        practice = self.session.practice
        labels = None if practice else self.session.preview_labels()
        self.card_page.show_card(
            card,
            self.mode,
            self.session.progress(),
            labels,
            typed_hint(card),
            practice=practice,
            custom=self.custom,
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
        elif self.mode == "choice":
            self.result = self.session.give_up("choice")
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
        assert self.card is not None and self.session is not None
        self.revealed = True
        if not self.session.practice:  # the intervals as of now: the learner may have paused
            self.card_page.set_intervals(self.session.preview_labels())
        self.card_page.reveal(self.card, self.result, self.suggested_rating())

    def suggested_rating(self) -> Rating:
        return auto_rating(self.result, self._duration) if self.result else Rating.Good

    def rate(self, rating: Rating) -> None:
        if self.session is None or self.card is None or not self.revealed:
            return
        prompt = self.card.prompt
        try:
            record = self.session.answer(rating, self.mode, self._duration, card_id=self.card.id)
        except UserDatabaseError as error:  # the card stays: the learner can rate it again
            self.card_page.show_problem(f"Your answer is not saved: {error}")
            return
        except LookupError:  # the card left the session meanwhile (deleted, restored away)
            self._next()
            return
        self.session_step("Answer", record.card_id)
        self._next()
        self.marks.told_leech(record.log_id, prompt)

    def attach_changes(self, notice: ChangeNotice) -> None:
        """Record answers (and cards set aside) in ``notice``'s one undo history, announce
        them, and follow changes made elsewhere (a restore, an own card edited)."""
        self._notice = notice
        notice.changed.connect(self.data_changed)
        self.start_page.settingsChanged.connect(
            lambda keys: notice.announce(Changes.of_settings(*keys))
        )

    def session_step(self, title: str, card_id: str) -> None:
        """The session just recorded a step its undo takes back (an answer, a card set
        aside): it joins the one history, and the views hear of the card."""
        if self._notice is None or self.session is None:
            return
        session = self.session
        step = UndoStep(
            title,
            lambda: self._undo_in(session),
            available=lambda: self.session is session and session.can_undo,
            kind="answer",
        )
        self._notice.done(Changes.of_cards([card_id]), step)

    def card_marked(self, card_id: str, title: str, undo: Callable[[], str | None]) -> None:
        """A card was flagged here: the change joins the one history as ``title`` ("Flag
        red"; ``undo`` takes it back and says how, None if it could not), and the other
        views hear of the card."""
        if self._notice is None:
            return

        def take_back() -> Changes | None:
            message = undo()
            if message is None:
                return None
            if self.card is not None and self.card.id == card_id:
                self.card_page.show_notice(message)
            return Changes.of_cards([card_id])

        self._notice.done(Changes.of_cards([card_id]), UndoStep(title, take_back, kind="cards"))

    def undo(self) -> None:
        """Take back the last answer (or bury, suspend) and say which on the card it shows;
        in the window, the newest change of the one history, whichever view made it."""
        if self._notice is not None:
            self._notice.undo()
        elif self.session is not None:
            self._undo_in(self.session)

    def _undo_in(self, session: QuizSession) -> Changes | None:
        """Undo ``session``'s newest step; the card it was about (None: nothing undone)."""
        if (undone := session.undoable) is None:
            return None
        try:
            session.undo()
        except UserDatabaseError as error:  # nothing was undone: the card on screen stays
            self.card_page.show_notice(f"Not undone: {error}", warn=True)
            return None
        if self.pages.currentWidget() is not self.card_page:
            self.pages.setCurrentWidget(self.card_page)
        self._next()
        self.card_page.show_notice(undone_text(undone))
        return Changes.of_cards([undone.card_id])

    def data_changed(self, changes: Changes) -> None:
        """Show what changed elsewhere: after a restore or another process's write, a
        session out of date ends (one goes on when only the notes changed); a card on screen
        deleted or edited is shown as it is now; the start page counts again."""
        self.start_page.exam_box.note_changes(changes)
        if not changes.touches_cards:
            return
        if changes.everything and (
            self.session is None or self._service.schedule.history_changed_elsewhere()
        ):
            self.back_to_start()
        elif self.session is None:
            self.start_page.refresh()
        else:
            self.cards_changed()

    def end_session(self) -> None:
        if self.session is None:
            return
        summary = self.session.summary()
        missed = [
            card for i in summary.missed if (card := self._service.catalogue.card(i)) is not None
        ]
        self.card = None
        self.pages.setCurrentWidget(self._summary_page)
        self.summary_page.show_summary(summary, missed, custom=self.custom)

    def practice_missed(self) -> None:
        """Practice the cards missed in the session just ended; the schedule stays."""
        ids = self.summary_page.missed_ids()
        if ids:
            self.run_session(self._service.practice(ids))

    def cards_changed(self) -> None:
        """An own card was edited or deleted: the card on screen shows as it is now, or the
        next one comes if it is gone (its rating could not be saved)."""
        card = self.card
        if self.session is not None and card is not None and self.session.current != card:
            self._next()

    def back_to_start(self) -> None:
        self.session = None
        self.start_page.refresh()
        self.pages.setCurrentWidget(self.start_page)
        self.start_page.start_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_card_entry(self) -> None:
        """E: the card's entry in the study view (a card of the whole paper has none)."""
        if self.card is not None and self.card.entity_slug:
            self.entityOpened.emit(self.card.entity_slug)
        elif self.card is not None:
            self.card_page.show_notice(NO_ENTRY)

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
        elif page is self.start_page and key == Qt.Key.Key_C and not event.modifiers():
            self.start_page.open_custom_study()
        elif page is not self.card_page or self.card is None:
            if (key == Qt.Key.Key_U or (key == Qt.Key.Key_Z and control)) and self.session:
                self.undo()
            else:
                super().keyPressEvent(event)
        elif self.marks.handles(event):
            return
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
            self.open_card_entry()
        elif key == Qt.Key.Key_Escape:
            self.end_session()
        else:
            super().keyPressEvent(event)
