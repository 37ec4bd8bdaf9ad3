"""What the statistics count, above the page: the cards (the whole deck, one theme, or a
search in the cards browser's syntax) and the time range of the history (1 month, 1 year,
all), as Anki's statistics choose "deck / collection / search" and "1 month / 1 year / all";
the range is remembered.

The bar only reads the learner's choice: ``changed`` says a choice was made, ``search()``
and ``time_range()`` give it, and the view says in ``show_problem`` what is wrong with a search
it could not read (one line under the field; the page keeps the last figures)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from ocstudy.ui.common.palette import palette_colors

#: The time ranges offered, as ``compute_stats`` names them, and their words.
RANGE_CHOICES = (("month", "1 month"), ("year", "1 year"), ("all", "All (deck life)"))
RANGE_KEY = "stats/range"
#: How long the field waits after a keystroke before the figures are computed again.
SEARCH_DELAY_MS = 300
SEARCH_HELP = (
    "Count only the cards this search finds, in the cards browser's syntax: words, "
    "\u201cphrases\u201d, -not, or, ( ), entity:, theme:, kind:, tier:, is:due, is:new, "
    "is:review, prop:ivl>=30, rated:7"
)


class ScopeBar(QWidget):
    #: The cards counted or the time range changed (a search: once typing pauses).
    changed = Signal()

    def __init__(
        self, themes: list[tuple[str, str]], settings: QSettings | None, parent: QWidget | None
    ):
        super().__init__(parent)
        self.setObjectName("statsControls")
        self._settings = settings
        self.scope = QComboBox(self)
        self.scope.setObjectName("statsScope")
        self.scope.setAccessibleName("Cards counted")
        self.scope.setAccessibleDescription(
            "The statistics of the whole deck, of one theme's cards, or of the cards a search finds"
        )
        self.scope.addItem("Whole deck", "")
        for key, label in themes:
            self.scope.addItem(f"Theme: {label}", f"theme:{key}")
        self.scope.addItem("Cards a search finds", None)
        self.field = QLineEdit(self)
        self.field.setObjectName("statsSearch")
        self.field.setAccessibleName("Search for the cards counted")
        self.field.setPlaceholderText("Search, as in the cards browser: theme:firearms is:review")
        self.field.setToolTip(SEARCH_HELP)
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(180)
        self.problem = QLabel(self)
        self.problem.setObjectName("statsSearchError")
        self.problem.setAccessibleName("Search problem")
        self.problem.hide()
        self.range = QComboBox(self)
        self.range.setObjectName("statsRange")
        self.range.setAccessibleName("History counted")
        self.range.setAccessibleDescription(
            "The answers the history's figures count: the last 30 days, the last 365 days, or "
            "every day since the first answer"
        )
        for key, text in RANGE_CHOICES:
            self.range.addItem(text, key)
        remembered = settings.value(RANGE_KEY, "month") if settings is not None else "month"
        self.range.setCurrentIndex(max(0, self.range.findData(str(remembered))))
        cards, history = QLabel("Cards:", self), QLabel("History:", self)
        cards.setBuddy(self.scope)
        history.setBuddy(self.range)
        grid = QGridLayout(self)
        grid.setContentsMargins(9, 6, 9, 2)
        grid.addWidget(cards, 0, 0)
        grid.addWidget(self.scope, 0, 1)
        grid.addWidget(self.field, 0, 2)
        grid.addWidget(history, 0, 3)
        grid.addWidget(self.range, 0, 4)
        grid.addWidget(self.problem, 1, 2, 1, 3)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(3, history.sizeHint().width() + 12)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.scope.currentIndexChanged.connect(self._scope_chosen)
        self.field.textEdited.connect(self._typed)
        self.field.returnPressed.connect(self._search_now)
        self.range.currentIndexChanged.connect(self._range_chosen)
        self._scope_chosen()

    def time_range(self) -> str:
        return str(self.range.currentData())

    def set_time_range(self, key: str) -> None:
        self.range.setCurrentIndex(self.range.findData(key))

    def search(self) -> str:
        """The search of the cards counted: "" for the whole deck, a theme's, or the field's."""
        chosen = self.scope.currentData()
        return self.field.text().strip() if chosen is None else str(chosen)

    def choose_theme(self, key: str) -> None:
        self.scope.setCurrentIndex(self.scope.findData(f"theme:{key}"))

    def choose_search(self, text: str) -> None:
        """Count the cards ``text`` finds, as if it were typed and Enter pressed."""
        self.scope.setCurrentIndex(self.scope.count() - 1)
        self.field.setText(text)
        self._search_now()

    def show_problem(self, problem: str | None) -> None:
        """Say, under the field, what is wrong with the search (None: nothing)."""
        if problem is None:
            self.problem.hide()
            return
        self.problem.setText(f"\u26a0 {problem} \u2014 the figures are still the last ones.")
        self.problem.setStyleSheet(f"color: {palette_colors(self.palette()).warn}")
        self.problem.show()

    def _scope_chosen(self) -> None:
        searching = self.scope.currentData() is None
        self.field.setEnabled(searching)
        if searching:
            self.field.setFocus()
        else:
            self.problem.hide()
        self._timer.stop()
        self.changed.emit()

    def _typed(self) -> None:
        self._timer.start()

    def _search_now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    def _range_chosen(self) -> None:
        if self._settings is not None:
            self._settings.setValue(RANGE_KEY, self.time_range())
        self.changed.emit()
