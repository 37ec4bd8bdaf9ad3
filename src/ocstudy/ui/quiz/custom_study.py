"""Custom study…, as in Anki: review the cards forgotten in the last N days, study ahead the
cards due in the next N days, preview the next N new cards, or a theme's or a search's cards,
each with the number of cards it asks; practice unless the learner asks for their answers to
reschedule the cards. The plans are ``services.custom_study``'s; this dialog shows them and
starts the one chosen, exactly as shown."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ocstudy.content.vocabulary import TIER_CHOICE_WORDS
from ocstudy.phrasing import counted
from ocstudy.services.browser.search import SearchSyntaxError
from ocstudy.services.errors import UserDatabaseError
from ocstudy.services.review.custom_study import (
    CARDS_RANGE,
    DAYS_RANGE,
    KINDS,
    CustomChoices,
    CustomKind,
    CustomPlan,
    CustomStudyPlanner,
    described,
    load_choices,
    save_choices,
)
from ocstudy.services.review.quiz import QuizService
from ocstudy.ui.common.palette import palette_colors

LABELS: dict[CustomKind, str] = {
    "forgotten": "Review &forgotten cards:",
    "ahead": "Study &ahead:",
    "new": "Preview &new cards:",
    "theme": "Cards of a &theme:",
    "search": "Cards matching a s&earch:",
}
PRACTICE_NOTE = "Off: practice. Nothing you answer is recorded; your schedule stays as it is."
RESCHEDULE_NOTE = (
    "On: each answer is recorded as a review and schedules the card, as in any session. "
    "A card studied ahead is scheduled from today, and its interval grows less than on its "
    "due day (FSRS weighs how likely you were to remember it when you answered)."
)


def _spin(
    parent: QWidget, name: str, accessible: str, bounds: tuple[int, int], unit: str
) -> QSpinBox:
    """A number of days or cards, its unit agreeing with it ("1 day", "7 days")."""
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setAccessibleName(accessible)
    spin.setRange(*bounds)

    def agree(value: int) -> None:
        spin.setSuffix(f" {unit}" if value == 1 else f" {unit}s")

    spin.valueChanged.connect(agree)
    agree(spin.value())
    return spin


def _row(parent: QWidget, *parts: QWidget | str) -> QWidget:
    """A choice's controls with their words between them, on one line."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        layout.addWidget(QLabel(part, row) if isinstance(part, str) else part)
    layout.addStretch(1)
    return row


class CustomStudyDialog(QDialog):
    #: The plan to start (as shown), and a line to show if the choices could not be kept.
    startRequested = Signal(object, str)

    def __init__(self, service: QuizService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("customStudyDialog")
        self.setWindowTitle("Custom study")
        self.setAccessibleName("Custom study")
        self._service = service
        self._planner = CustomStudyPlanner(service)
        self._plans: dict[CustomKind, CustomPlan | None] = {}
        themes = service.catalogue.themes
        saved = load_choices(service.settings, [theme.key for theme in themes])

        self.radios = {kind: QRadioButton(LABELS[kind], self) for kind in KINDS}
        for kind, radio in self.radios.items():
            radio.setObjectName(f"custom{kind.capitalize()}Choice")
            radio.toggled.connect(self._show_chosen)
        self.counts = {kind: QLabel(self) for kind in KINDS}
        for kind, label in self.counts.items():
            label.setObjectName(f"custom{kind.capitalize()}Count")
            label.setAccessibleName(f"Cards asked: {LABELS[kind].replace('&', '')[:-1]}")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.forgotten_days = _spin(self, "customForgottenDays", "Days back", DAYS_RANGE, "day")
        self.ahead_days = _spin(self, "customAheadDays", "Days ahead", DAYS_RANGE, "day")
        self.new_cards = _spin(self, "customNewCards", "New cards", CARDS_RANGE, "new card")
        self.theme_box = QComboBox(self)
        self.theme_box.setObjectName("customThemeBox")
        self.theme_box.setAccessibleName("Theme")
        self.theme_box.setAccessibleDescription("The theme whose cards to study")
        for theme in themes:
            self.theme_box.addItem(theme.label, theme.key)
        self.theme_cards = _spin(
            self, "customThemeCards", "Most cards of the theme", CARDS_RANGE, "card"
        )
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("customSearchField")
        self.search_field.setAccessibleName("Search")
        self.search_field.setPlaceholderText("e.g. untoc -kind:date")
        self.search_field.setToolTip("The cards browser's search: the same words, the same cards")
        self.search_field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.search_cards = _spin(
            self, "customSearchCards", "Most cards found", CARDS_RANGE, "card"
        )
        self.problem = QLabel(self)
        self.problem.setObjectName("customSearchProblem")
        self.problem.setAccessibleName("What is wrong with the search")
        self.problem.setWordWrap(True)
        self.problem.hide()

        grid = QGridLayout()
        rows: dict[CustomKind, QWidget] = {
            "forgotten": _row(self, "rated Again in the last", self.forgotten_days),
            "ahead": _row(self, "cards due in the next", self.ahead_days, "before their time"),
            "new": _row(self, "the next", self.new_cards, "in learning order"),
            "theme": _row(self, self.theme_box, "up to", self.theme_cards),
            "search": _row(self, self.search_field, "up to", self.search_cards),
        }
        for line, kind in enumerate(KINDS):
            grid.addWidget(self.radios[kind], line, 0)
            grid.addWidget(rows[kind], line, 1)
            grid.addWidget(self.counts[kind], line, 2)
        grid.addWidget(self.problem, len(KINDS), 1, 1, 2)
        fields: dict[CustomKind, tuple[QWidget, ...]] = {
            "forgotten": (self.forgotten_days,),
            "ahead": (self.ahead_days,),
            "new": (self.new_cards,),
            "theme": (self.theme_box, self.theme_cards),
            "search": (self.search_field, self.search_cards),
        }
        chain = [widget for kind in KINDS for widget in (self.radios[kind], *fields[kind])]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)  # Tab goes from a choice to its own fields
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(2, self.fontMetrics().horizontalAdvance("9999 cards"))

        self.summary = QLabel(self)
        self.summary.setObjectName("customStudySummary")
        self.summary.setAccessibleName("What the session asks")
        self.summary.setWordWrap(True)
        tiers = TIER_CHOICE_WORDS[service.settings.current().tiers][0]
        where = QLabel(
            f"From the tiers you study ({tiers}); a search finds what the cards browser "
            "finds. Suspended and buried cards are left out, and one card of each fact is "
            "asked. You answer as \u201cAnswer by\u201d on the start page says.",
            self,
        )
        where.setWordWrap(True)
        where.setEnabled(False)
        self.reschedule_box = QCheckBox(
            "&Reschedule cards based on my answers in this session", self
        )
        self.reschedule_box.setObjectName("customReschedule")
        self.reschedule_note = QLabel(self)
        self.reschedule_note.setObjectName("customRescheduleNote")
        self.reschedule_note.setWordWrap(True)
        self.reschedule_box.toggled.connect(self._show_reschedule)
        buttons = QDialogButtonBox(self)
        self.start_button = QPushButton("&Start", self)
        self.start_button.setObjectName("customStudyStart")
        self.start_button.setDefault(True)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.summary)
        layout.addWidget(where)
        layout.addSpacing(8)
        layout.addWidget(self.reschedule_box)
        layout.addWidget(self.reschedule_note)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self._show_choices(saved)
        for spin, kind in (
            (self.forgotten_days, "forgotten"),
            (self.ahead_days, "ahead"),
            (self.new_cards, "new"),
            (self.theme_cards, "theme"),
            (self.search_cards, "search"),
        ):
            spin.valueChanged.connect(lambda _=0, k=kind: self._changed(k))
        self.theme_box.currentIndexChanged.connect(lambda _=0: self._changed("theme"))
        self.search_field.textChanged.connect(lambda _="": self._changed("search"))
        self.radios[saved.kind].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the choices ------------------------------------------------------------------------

    def _show_choices(self, choices: CustomChoices) -> None:
        self.radios[choices.kind].setChecked(True)
        self.forgotten_days.setValue(choices.forgotten_days)
        self.ahead_days.setValue(choices.ahead_days)
        self.new_cards.setValue(choices.new_cards)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(choices.theme)))
        self.theme_cards.setValue(choices.theme_cards)
        self.search_field.setText(choices.search)
        self.search_cards.setValue(choices.search_cards)
        self.reschedule_box.setChecked(choices.reschedule)
        self._show_reschedule()
        self._plan_all()

    @property
    def kind(self) -> CustomKind:
        return next((kind for kind, radio in self.radios.items() if radio.isChecked()), "new")

    def choices(self) -> CustomChoices:
        """The choices as on screen."""
        return CustomChoices(
            kind=self.kind,
            forgotten_days=self.forgotten_days.value(),
            ahead_days=self.ahead_days.value(),
            new_cards=self.new_cards.value(),
            theme=str(self.theme_box.currentData() or ""),
            theme_cards=self.theme_cards.value(),
            search=self.search_field.text(),
            search_cards=self.search_cards.value(),
            reschedule=self.reschedule_box.isChecked(),
        )

    def _changed(self, kind: CustomKind) -> None:
        """A choice's value changed: it is the choice now, and its count follows."""
        self.radios[kind].setChecked(True)
        self._plan(kind)
        self._show_chosen()

    def _plan_all(self) -> None:
        for kind in KINDS:
            self._plan(kind)
        self._show_chosen()

    def _plan(self, kind: CustomKind) -> None:
        try:
            plan: CustomPlan | None = self._planner.plan(self.choices(), kind)
        except SearchSyntaxError as problem:
            plan = None
            colors = palette_colors(self.palette())
            self.problem.setStyleSheet(f"color: {colors.warn}")
            self.problem.setText(f"\u26a0 {problem}")
        if kind == "search":
            self.problem.setVisible(plan is None)
        self._plans[kind] = plan
        self.counts[kind].setText("\u2014" if plan is None else counted(plan.size, "card"))

    def _show_chosen(self, _checked: bool = True) -> None:
        """The chosen plan in a sentence; Start only for a plan with cards."""
        kind = self.kind
        plan = self._plans.get(kind)
        self.start_button.setEnabled(plan is not None and plan.size > 0)
        self.summary.setText(
            described(plan) if plan else "The search cannot be read: nothing to start."
        )

    def _show_reschedule(self, _checked: bool = False) -> None:
        on = self.reschedule_box.isChecked()
        self.reschedule_note.setText(RESCHEDULE_NOTE if on else PRACTICE_NOTE)

    # -- starting ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start the plan shown (the choices kept for next time), and close."""
        plan = self._plans.get(self.kind)
        if plan is None or not plan.size:
            return
        problem = ""
        try:
            save_choices(self._service.settings, self.choices())
        except UserDatabaseError as error:
            problem = f"Your custom study choices are not kept: {error}"
        self.accept()
        self.startRequested.emit(replace(plan, reschedule=self.reschedule_box.isChecked()), problem)
