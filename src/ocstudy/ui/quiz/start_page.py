"""The quiz's start page: what to study (scope), which cards (core, core and detail, or
everything), how to answer, practice or not, the two scheduling settings (desired retention,
new cards per day), and FSRS's parameters: fitted to the learner (Optimize…, Reset to
defaults) and a simulation to choose the retention."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ocstudy.content.vocabulary import TIER_CHOICE_WORDS
from ocstudy.phrasing import counted
from ocstudy.quiz.session import estimate_minutes
from ocstudy.render.feedback import counts_html
from ocstudy.services.operations import (
    CUSTOM_STUDY_SETTING,
    NEW_PER_DAY_SETTING,
    PARAMETERS_SETTING,
    RETENTION_SETTING,
    TIERS_SETTING,
    Changes,
)
from ocstudy.services.review.quiz import QuizService, Scope, ScopeCounts
from ocstudy.ui.common.palette import palette_colors
from ocstudy.ui.quiz.exam_box import ExamBox, ExamPaperOptions
from ocstudy.ui.quiz.widgets import column

if TYPE_CHECKING:
    from ocstudy.services.review.fsrs_fit import FsrsFit

MODES = {
    "mixed": "Mixed: each card in a way it suits",
    "flashcard": "Flashcards: show the answer, then rate yourself",
    "choice": "Multiple choice",
    "typed": "Type the answer (dates, numbers, symbols; others by choice)",
    "exam": "Practice exam: mixed questions, marked at the end",
}


class QuizStartPage(QWidget):
    startRequested = Signal()
    #: Custom study's plan to start, and a line to say over its first card ("" for none).
    customStudyRequested = Signal(object, str)
    #: Settings were written (the keys, as ``Changes.settings`` names them).
    settingsChanged = Signal(object)

    def __init__(self, service: QuizService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quizStartPage")
        self._service = service
        body = QWidget(self)
        title = QLabel("<h2>Quiz</h2>", body)
        self.scope_box = QComboBox(body)
        self.scope_box.setObjectName("quizScope")
        self.scope_box.setAccessibleName("What to study")
        self.scope_box.setAccessibleDescription("Which cards the session draws from")
        self.tiers_box = QComboBox(body)
        self.tiers_box.setObjectName("quizTiers")
        self.tiers_box.setAccessibleName("Which cards")
        self.tiers_box.setAccessibleDescription(
            "Core cards only, core and detail, or every card, facts from the record included"
        )
        self.tiers_box.setToolTip(
            "Core: what the paper teaches and an examiner asks: its instruments' and bodies' "
            "dates, places, purposes and roles, its definitions, and each of its errors with "
            "the record's value.\nDetail: true and in the paper, less likely asked.\n"
            "Everything adds facts from the public record that the paper does not give."
        )
        self.mode_box = QComboBox(body)
        self.mode_box.setObjectName("quizMode")
        self.mode_box.setAccessibleName("How to answer")
        self.mode_box.setAccessibleDescription("How you answer the cards")
        for key, label in MODES.items():
            self.mode_box.addItem(label, key)
        self.practice_box = QCheckBox("&Practice: any cards; your schedule stays as it is", body)
        self.practice_box.setObjectName("quizPractice")
        self.counts_label = QLabel(body)
        self.counts_label.setObjectName("quizCounts")
        self.counts_label.setAccessibleName("Cards due and new")
        self._counts: tuple[ScopeCounts, bool] | None = None  # shown, and in practice
        self.retention_box = QDoubleSpinBox(body)
        self.retention_box.setObjectName("quizRetention")
        self.retention_box.setAccessibleName("Desired retention")
        self.retention_box.setRange(0.70, 0.99)
        self.retention_box.setSingleStep(0.01)
        self.retention_box.setToolTip(
            "The chance of remembering a card you want when it comes back. Higher means more "
            "reviews."
        )
        self.new_box = QSpinBox(body)
        self.new_box.setObjectName("quizNewPerDay")
        self.new_box.setAccessibleName("New cards per day")
        self.new_box.setRange(0, 1000)
        self.fsrs_label = QLabel(body)
        self.fsrs_label.setObjectName("quizFsrsParameters")
        self.fsrs_label.setAccessibleName("FSRS parameters")
        self.optimize_button = QPushButton("Optimi&ze…", body)  # Alt+O is the plan's Core only
        self.optimize_button.setObjectName("quizOptimize")
        self.optimize_button.setToolTip("Fit FSRS to your own review history")
        self.optimize_button.clicked.connect(self.open_optimize)
        self.reset_button = QPushButton("Reset to defaul&ts", body)
        self.reset_button.setObjectName("quizFsrsReset")
        self.reset_button.clicked.connect(self.reset_parameters)
        self.decide_button = QPushButton("Help me &decide…", body)
        self.decide_button.setObjectName("quizHelpDecide")
        self.decide_button.setToolTip("90 days simulated at desired retention 0.80 to 0.95")
        self.decide_button.clicked.connect(self.open_help_decide)
        self.start_button = QPushButton("&Start (Enter)", body)
        self.start_button.setObjectName("quizStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.startRequested)
        self.custom_button = QPushButton("C&ustom study\u2026 (C)", body)
        self.custom_button.setObjectName("quizCustomStudy")
        self.custom_button.setToolTip(
            "Forgotten cards, study ahead, new cards, a theme or a search (C); practice unless "
            "you ask for your answers to reschedule the cards"
        )
        self.custom_button.clicked.connect(self.open_custom_study)

        self.counts_label.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Stud&y:", self.scope_box)  # Alt+S is Start's
        form.addRow("&Cards:", self.tiers_box)
        form.addRow("&Answer by:", self.mode_box)
        form.addRow("", self.practice_box)
        self.exam_options = ExamPaperOptions(body)
        form.addRow("Pract&ice exam:", self.exam_options)
        retention_row = QHBoxLayout()
        retention_row.addWidget(self.retention_box)
        retention_row.addWidget(self.decide_button)
        retention_row.addStretch(1)
        retention_label = QLabel("Desired &retention:", body)
        retention_label.setBuddy(self.retention_box)
        form.addRow(retention_label, retention_row)
        self._retention_row = retention_row
        form.addRow("&New cards per day:", self.new_box)
        fsrs_row = QHBoxLayout()
        fsrs_row.addWidget(self.fsrs_label)
        fsrs_row.addWidget(self.optimize_button)
        fsrs_row.addWidget(self.reset_button)
        fsrs_row.addStretch(1)
        form.addRow("FSRS parameters:", fsrs_row)
        self._fsrs_row = fsrs_row
        self.form = form
        buttons = QHBoxLayout()
        buttons.addWidget(self.counts_label, 1)
        buttons.addWidget(self.custom_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(body)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.exam_box = ExamBox(service.exam, body)
        self.exam_box.settingsChanged.connect(self.settingsChanged)
        self.exam_box.settingsChanged.connect(self.refresh)
        self.exam_box.themeRequested.connect(self.study_theme)
        self.settingsChanged.connect(
            lambda keys: self.exam_box.note_changes(Changes.of_settings(*keys))
        )
        layout.addWidget(self.exam_box)
        layout.addSpacing(8)
        hint = QLabel(
            "During a quiz: Space or Enter shows the answer (without an answer given, that "
            "is \u201cI don\u2019t know\u201d and suggests Again), then accepts the suggested "
            "rating; 1\u20134 pick an option, then rate; U or Ctrl+Z undoes the last answer; "
            "E opens the entry in the study view; Escape ends the session.",
            body,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(column(body, self))

        self._load_settings()
        self.tiers_box.currentIndexChanged.connect(self._save_tiers)
        self.retention_box.valueChanged.connect(self._save_settings)
        self.new_box.valueChanged.connect(self._save_settings)
        self.scope_box.currentIndexChanged.connect(self.refresh)
        self.practice_box.toggled.connect(self.refresh)
        self.mode_box.currentIndexChanged.connect(self.refresh)
        self.set_entity(None)

    # -- scope ------------------------------------------------------------------------------

    def set_entity(self, entity: tuple[str, str] | None) -> None:
        """Offer the entity selected in the tree (slug, short name) as a scope."""
        current = self.scope
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        self.scope_box.addItem("Everything due today", Scope.everything())
        if entity is not None:
            self.scope_box.addItem(f"{entity[1]}, with what it includes", Scope.entity(entity[0]))
        for theme in self._service.catalogue.themes:
            self.scope_box.addItem(f"Theme: {theme.label}", Scope.theme(theme.key))
        self.scope_box.addItem("Dates only", Scope.dates())
        self.scope_box.addItem("Bodies only", Scope.bodies())
        index = next(
            (i for i in range(self.scope_box.count()) if self.scope_box.itemData(i) == current), 0
        )
        self.scope_box.setCurrentIndex(index)
        self.scope_box.blockSignals(False)
        self.refresh()

    @property
    def scope(self) -> Scope:
        data = self.scope_box.currentData() if self.scope_box.count() else None
        return data if isinstance(data, Scope) else Scope.everything()

    def choose_scope(self, scope: Scope) -> None:
        for index in range(self.scope_box.count()):
            if self.scope_box.itemData(index) == scope:
                self.scope_box.setCurrentIndex(index)

    def study_theme(self, key: str) -> None:
        """Start a session on theme ``key`` (from the exam box's weakest themes)."""
        self.choose_scope(Scope.theme(key))
        if self.mode == "exam":
            self.mode_box.setCurrentIndex(self.mode_box.findData("mixed"))
        self.startRequested.emit()

    @property
    def mode(self) -> str:
        return str(self.mode_box.currentData())

    @property
    def practice(self) -> bool:
        return self.practice_box.isChecked()

    def refresh(self) -> None:
        """The counts of the session Start would begin now (the same three it then shows);
        practice hides the settings it does not use."""
        practice, exam = self.practice, self.mode == "exam"
        counts = self._service.counts(self.scope, practice=practice)
        for row in (self._retention_row, self.new_box, self._fsrs_row):
            self.form.setRowVisible(row, not practice and not exam)
        self.form.setRowVisible(self.exam_options, exam)
        self.form.setRowVisible(self.practice_box, not exam)
        self.exam_box.refresh()
        self._counts = (counts, practice)
        self._show_counts()
        self.start_button.setEnabled(practice or exam or bool(counts.session))

    def _show_counts(self) -> None:
        """The counts' line, in the colours of the palette as it is now."""
        if self._counts is None:
            return
        counts, practice = self._counts
        colors = palette_colors(self.palette())
        three = counts_html(counts.new, counts.learning, counts.review, colors)
        if practice:
            cards = counted(counts.session, "card")
            text = f"Practice on {cards} ({three}); nothing you answer is recorded."
        elif counts.session:
            minutes = estimate_minutes(counts.answers, self._service.schedule.recent_durations())
            text = f"Today: {three}, about {minutes} min."
        else:
            these = "this card" if counts.cards == 1 else f"these {counts.cards} cards"
            text = f"Nothing due today in {these}. Practice is always open."
        self.counts_label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        """A new look (or the look set at start-up, which may reach this page after it was
        made): the counts take its colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._show_counts()

    # -- settings ---------------------------------------------------------------------------

    def _load_settings(self) -> None:
        settings = self._service.settings.current()
        sizes = Counter(card.tier for card in self._service.catalogue.cards() if not card.is_own)
        totals = {
            "core": sizes["core"],
            "detail": sizes["core"] + sizes["detail"],
            "all": sum(sizes.values()),
        }
        self.tiers_box.blockSignals(True)
        self.tiers_box.clear()
        for key, (_name, label) in TIER_CHOICE_WORDS.items():
            self.tiers_box.addItem(f"{label} ({totals[key]} cards)", key)
        self.tiers_box.setCurrentIndex(self.tiers_box.findData(settings.tiers))
        self.tiers_box.blockSignals(False)
        self.retention_box.setValue(settings.desired_retention)
        self.new_box.setValue(settings.new_cards_per_day)
        self._show_parameters()

    def _show_parameters(self) -> None:
        fitted = self._service.settings.fitted_parameters() is not None
        self.fsrs_label.setText("fitted to you" if fitted else "FSRS's defaults")
        self.reset_button.setEnabled(fitted)

    def _fsrs(self) -> FsrsFit:
        return self._service.fsrs_fit

    def open_optimize(self) -> QDialog:
        from ocstudy.ui.quiz.fsrs_dialog import FsrsOptimizeDialog

        dialog = FsrsOptimizeDialog(self._fsrs(), self)
        dialog.parametersChanged.connect(self._show_parameters)
        dialog.parametersChanged.connect(lambda: self.settingsChanged.emit({PARAMETERS_SETTING}))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_custom_study(self) -> QDialog:
        from ocstudy.ui.quiz.custom_study import CustomStudyDialog

        dialog = CustomStudyDialog(self._service, self)
        dialog.startRequested.connect(lambda *_: self.settingsChanged.emit({CUSTOM_STUDY_SETTING}))
        dialog.startRequested.connect(self.customStudyRequested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def reset_parameters(self) -> None:
        from ocstudy.services.errors import UserDatabaseError

        try:
            self._fsrs().reset()
        except UserDatabaseError as error:
            self.fsrs_label.setText(f"not reset: {error}")
            return
        self._show_parameters()
        self.settingsChanged.emit({PARAMETERS_SETTING})
        self.refresh()

    def open_help_decide(self) -> QDialog:
        from ocstudy.ui.quiz.fsrs_dialog import FsrsSimulationDialog

        dialog = FsrsSimulationDialog(self._fsrs(), self)
        dialog.select_retention(self.retention_box.value())
        dialog.retentionChosen.connect(self.retention_box.setValue)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @property
    def tiers(self) -> str:
        return str(self.tiers_box.currentData())

    def _save_tiers(self) -> None:
        self._service.settings.update(tiers=self.tiers)
        self.settingsChanged.emit({TIERS_SETTING})
        self.refresh()

    def _save_settings(self) -> None:
        """Save both; announce the one that changed (the exam's forecast follows the
        retention, not the new cards' limit)."""
        before = self._service.settings.current()
        retention, new_cards = round(self.retention_box.value(), 2), self.new_box.value()
        self._service.settings.update(desired_retention=retention, new_cards_per_day=new_cards)
        moved = {
            RETENTION_SETTING: before.desired_retention != retention,
            NEW_PER_DAY_SETTING: before.new_cards_per_day != new_cards,
        }
        if any(moved.values()):
            self.settingsChanged.emit({key for key, changed in moved.items() if changed})
        self.refresh()
