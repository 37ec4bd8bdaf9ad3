"""The quiz's start page: what to study (scope), how to answer, practice or not, and the two
scheduling settings (desired retention, new cards per day)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ocstudy.services.quiz import QuizService, Scope

MODES = {
    "mixed": "Mixed: each card in the way it suits best",
    "flashcard": "Flashcards: show the answer, then rate yourself",
    "choice": "Multiple choice",
    "typed": "Type the answer (dates, years, numbers)",
}


class QuizStartPage(QWidget):
    startRequested = Signal()

    def __init__(self, service: QuizService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quizStartPage")
        self._service = service
        title = QLabel("<h2>Quiz</h2>", self)
        self.scope_box = QComboBox(self)
        self.scope_box.setObjectName("quizScope")
        self.scope_box.setAccessibleName("What to study")
        self.scope_box.setAccessibleDescription("Which cards the session draws from")
        self.mode_box = QComboBox(self)
        self.mode_box.setObjectName("quizMode")
        self.mode_box.setAccessibleName("How to answer")
        self.mode_box.setAccessibleDescription("How you answer the cards")
        for key, label in MODES.items():
            self.mode_box.addItem(label, key)
        self.practice_box = QCheckBox("Practice: any cards, and your schedule stays as it is", self)
        self.practice_box.setObjectName("quizPractice")
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("quizCounts")
        self.counts_label.setAccessibleName("Cards due and new")
        self.retention_box = QDoubleSpinBox(self)
        self.retention_box.setObjectName("quizRetention")
        self.retention_box.setAccessibleName("Desired retention")
        self.retention_box.setRange(0.70, 0.99)
        self.retention_box.setSingleStep(0.01)
        self.retention_box.setToolTip(
            "The chance of remembering a card you want when it comes back. Higher means more "
            "reviews."
        )
        self.new_box = QSpinBox(self)
        self.new_box.setObjectName("quizNewPerDay")
        self.new_box.setAccessibleName("New cards per day")
        self.new_box.setRange(0, 1000)
        self.start_button = QPushButton("&Start (Enter)", self)
        self.start_button.setObjectName("quizStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.startRequested)

        form = QFormLayout()
        form.addRow("&Study:", self.scope_box)
        form.addRow("&Answer by:", self.mode_box)
        form.addRow("", self.practice_box)
        form.addRow("Desired &retention:", self.retention_box)
        form.addRow("&New cards per day:", self.new_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counts_label, 1)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        hint = QLabel(
            "During a quiz: Space or Enter shows the answer, 1\u20134 rate it (or pick an "
            "option), U or Ctrl+Z undoes the last answer, E opens the entry in the study "
            "view, Escape ends the session.",
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)

        self._load_settings()
        self.retention_box.valueChanged.connect(self._save_settings)
        self.new_box.valueChanged.connect(self._save_settings)
        self.scope_box.currentIndexChanged.connect(self.refresh)
        self.practice_box.toggled.connect(self.refresh)
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
        for theme in self._service.content.themes:
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

    @property
    def mode(self) -> str:
        return str(self.mode_box.currentData())

    @property
    def practice(self) -> bool:
        return self.practice_box.isChecked()

    def refresh(self) -> None:
        counts = self._service.counts(self.scope)
        if self.practice:
            text = f"Practice with {counts.cards} cards; nothing you answer is recorded."
        elif counts.due or counts.new:
            text = f"{counts.due} due and {counts.new} new today, of {counts.cards} cards."
        else:
            text = f"Nothing due today in these {counts.cards} cards. Practice is always open."
        self.counts_label.setText(text)
        self.start_button.setEnabled(self.practice or bool(counts.due or counts.new))

    # -- settings ---------------------------------------------------------------------------

    def _load_settings(self) -> None:
        settings = self._service.settings()
        self.retention_box.setValue(settings.desired_retention)
        self.new_box.setValue(settings.new_cards_per_day)

    def _save_settings(self) -> None:
        self._service.update_settings(
            desired_retention=round(self.retention_box.value(), 2),
            new_cards_per_day=self.new_box.value(),
        )
        self.refresh()
