"""The start page's exam box: "Exam on …" (a date, or none), the scope and the minutes a day;
while a date is set, the days left, the forecast ("If you stopped now: 41 %; following the
plan: 92 %"), each theme's recall on the day weakest first (a click studies that theme),
today's share of the plan done, and, when the plan does not fit, by how much and the
options. Also the practice exam's options (questions, countdown) shown in that mode."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ocstudy.services.review.exam import EXAM_SETTINGS, ExamForecast, ExamService
from ocstudy.services.review.exam_practice import DEFAULT_QUESTIONS, QUESTIONS_RANGE
from ocstudy.services.review.exam_text import (
    days_left_text,
    fit_text,
    percent,
    readiness_text,
    today_text,
)

THEME_ROLE = Qt.ItemDataRole.UserRole + 1
#: "A later date" moves the exam this much.
LATER: Final = timedelta(days=7)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ExamBox(QGroupBox):
    #: Exam settings were written (the keys, as ``Changes.settings`` names them).
    settingsChanged = Signal(object)
    #: Study this theme (its key) now.
    themeRequested = Signal(str)

    def __init__(self, exam: ExamService, parent: QWidget | None = None):
        super().__init__("Exam day", parent)
        self.setObjectName("examBox")
        self._exam = exam
        self.forecast: ExamForecast | None = None
        self.set_box = QCheckBox("&Exam on", self)
        self.set_box.setObjectName("examSet")
        self.set_box.setAccessibleName("Exam date set")
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("examDate")
        self.date_edit.setAccessibleName("Exam date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.date_edit.setMinimumWidth(
            self.date_edit.fontMetrics().horizontalAdvance("30 September 2026") + 40
        )
        self.scope_box = QComboBox(self)
        self.scope_box.setObjectName("examScope")
        self.scope_box.setAccessibleName("Exam scope")
        self.scope_box.setAccessibleDescription("Which cards the exam covers: core, more, a theme")
        for key, label in exam.scopes():
            self.scope_box.addItem(label, key)
        self.minutes_box = QSpinBox(self)
        self.minutes_box.setObjectName("examMinutes")
        self.minutes_box.setAccessibleName("Minutes a day")
        self.minutes_box.setRange(1, 1440)
        self.minutes_box.setSuffix(" min a day")
        self.status = QLabel(self)
        self.status.setObjectName("examReadiness")
        self.status.setAccessibleName("Exam readiness")
        self.status.setWordWrap(True)
        self.fit = QLabel(self)
        self.fit.setObjectName("examFit")
        self.fit.setWordWrap(True)
        self.more_button = QPushButton("More minutes", self)
        self.more_button.setObjectName("examMoreMinutes")
        self.more_button.clicked.connect(self._more_minutes)
        self.core_button = QPushButton("Core only", self)
        self.core_button.setObjectName("examCoreOnly")
        self.core_button.clicked.connect(lambda: self._set_scope("core"))
        self.later_button = QPushButton("A later date", self)
        self.later_button.setObjectName("examLater")
        self.later_button.clicked.connect(self._later)
        self.themes = QListWidget(self)
        self.themes.setObjectName("examThemes")
        self.themes.setAccessibleName("Recall on the exam day by theme, weakest first")
        self.themes.setToolTip("A click studies that theme now")
        self.themes.itemActivated.connect(self._open_theme)
        self.themes.itemClicked.connect(self._open_theme)
        row = QHBoxLayout()
        for widget in (self.set_box, self.date_edit, self.scope_box, self.minutes_box):
            row.addWidget(widget)
        row.addStretch(1)
        options = QHBoxLayout()
        self._option_buttons = (self.more_button, self.core_button, self.later_button)
        for button in self._option_buttons:
            options.addWidget(button)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.fit)
        layout.addLayout(options)
        layout.addWidget(self.themes)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._load()
        self.set_box.toggled.connect(self._save)
        self.date_edit.dateChanged.connect(self._save)
        self.scope_box.currentIndexChanged.connect(self._save)
        self.minutes_box.valueChanged.connect(self._save)

    def _load(self) -> None:
        stored = self._exam.current()
        for widget in (self.set_box, self.date_edit, self.scope_box, self.minutes_box):
            widget.blockSignals(True)
        self.set_box.setChecked(stored is not None)
        today = self._exam.today()
        self.date_edit.setMinimumDate(_qdate(min(today, stored.exam_day) if stored else today))
        self.date_edit.setDate(_qdate(stored.exam_day if stored else today + timedelta(days=30)))
        self.scope_box.setCurrentIndex(
            max(0, self.scope_box.findData(stored.scope if stored else "core"))
        )
        self.minutes_box.setValue(stored.minutes if stored else 30)
        for widget in (self.set_box, self.date_edit, self.scope_box, self.minutes_box):
            widget.blockSignals(False)

    def _save(self) -> None:
        try:
            if self.set_box.isChecked():
                day = self.date_edit.date().toPython()
                assert isinstance(day, date)
                self._exam.set(day, str(self.scope_box.currentData()), self.minutes_box.value())
            else:
                self._exam.clear()
        except ValueError as error:
            self.status.setText(f"Not set: {error}.")
            return
        self.settingsChanged.emit(set(EXAM_SETTINGS))
        self.refresh()

    def refresh(self) -> None:
        """Show the forecast for the exam set (computed only while a date is set)."""
        self.forecast = forecast = self._exam.forecast()
        if forecast is None and self.set_box.isChecked():
            self._load()  # the date has passed: the plan was cleared
        for widget in (self.date_edit, self.scope_box, self.minutes_box):
            widget.setEnabled(self.set_box.isChecked())
        self.themes.clear()
        self.themes.setVisible(forecast is not None)
        problem = fit_text(forecast) if forecast is not None else None
        self.fit.setVisible(problem is not None)
        self.fit.setText(problem or "")
        for button in self._option_buttons:
            button.setVisible(problem is not None)
        if forecast is None:
            self.status.setText(self._exam.passed_message or "No exam date: set one for a plan.")
            return
        self.status.setText(
            f"{days_left_text(forecast)}.\n{readiness_text(forecast)}.\n{today_text(forecast)}."
        )
        for theme in forecast.themes:
            item = QListWidgetItem(f"{theme.label}: {percent(theme.recall)} if you stopped now")
            item.setData(THEME_ROLE, theme.key)
            self.themes.addItem(item)
        line = self.themes.sizeHintForRow(0) if self.themes.count() else 0
        self.themes.setFixedHeight(line * min(4, self.themes.count()) + 6)

    def _open_theme(self, item: QListWidgetItem) -> None:
        self.themeRequested.emit(str(item.data(THEME_ROLE)))

    def _more_minutes(self) -> None:
        if self.forecast is not None:
            self.minutes_box.setValue(self.forecast.plan.busiest)

    def _set_scope(self, scope: str) -> None:
        self.scope_box.setCurrentIndex(self.scope_box.findData(scope))

    def _later(self) -> None:
        self.date_edit.setDate(self.date_edit.date().addDays(LATER.days))


class ExamPaperOptions(QWidget):
    """The practice exam's choices: how many questions, and a countdown (0: none)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.questions_box = QSpinBox(self)
        self.questions_box.setObjectName("examQuestions")
        self.questions_box.setAccessibleName("Questions in the practice exam")
        self.questions_box.setRange(*QUESTIONS_RANGE)
        self.questions_box.setValue(DEFAULT_QUESTIONS)
        self.questions_box.setSuffix(" questions")
        self.countdown_box = QSpinBox(self)
        self.countdown_box.setObjectName("examTimeLimit")
        self.countdown_box.setAccessibleName("Time limit in minutes, 0 for none")
        self.countdown_box.setRange(0, 600)
        self.countdown_box.setSpecialValueText("no time limit")
        self.countdown_box.setSuffix(" min")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.questions_box)
        layout.addWidget(self.countdown_box)
        layout.addStretch(1)
