"""The start page's exam box: "Exam on …" (a date, or none), the scope and the minutes a day;
while a date is set, the days left, the forecast ("If you stopped now: 41 %; following the
plan: 92 %"), each theme's recall on the day weakest first (a click studies that theme),
today's share of the plan done, and, when the plan does not fit, by how much and the
options. The forecast is kept until a change can move it (``ForecastCache``). Also the
practice exam's options (questions, countdown) shown in that mode."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from PySide6.QtCore import QDate, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ocstudy.phrasing import counted
from ocstudy.services.errors import UserDatabaseError
from ocstudy.services.operations import Changes
from ocstudy.services.review.exam import EXAM_SETTINGS, ExamForecast, ExamService
from ocstudy.services.review.exam_practice import DEFAULT_QUESTIONS, QUESTIONS_RANGE
from ocstudy.services.review.exam_text import (
    days_left_text,
    fit_text,
    readiness_text,
    today_text,
)
from ocstudy.ui.common.palette import palette_colors
from ocstudy.ui.quiz.exam_forecast import ForecastCache
from ocstudy.ui.quiz.exam_themes import ThemeRecallTable

#: "A later date" moves the exam this much.
LATER: Final = timedelta(days=7)
COMPUTING: Final = "Forecasting your exam day\u2026"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _line(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _short_fit_text(forecast: ExamForecast) -> str | None:
    """By how much the plan does not fit, on two short lines (the options are the buttons
    under it; a wrapped label in a group box can be given too little height)."""
    plan = forecast.plan
    if fit_text(forecast) is None:
        return None
    return (
        f"The plan does not fit in {plan.minutes_given} min a day:\n"
        f"its busiest day needs {plan.busiest} min, {plan.over_by} more."
    )


class FitPanel(QFrame):
    """When the plan does not fit the minutes given: by how much, and the three options
    under it, on the palette's warning colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("examFitPanel")
        self.text = QLabel(self)
        self.text.setObjectName("examFit")
        self.text.setAccessibleName("The plan does not fit")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.more_button = QPushButton("&More minutes", self)
        self.more_button.setObjectName("examMoreMinutes")
        self.core_button = QPushButton("Core &only", self)
        self.core_button.setObjectName("examCoreOnly")
        self.later_button = QPushButton("A &later date", self)
        self.later_button.setObjectName("examLater")
        options = QHBoxLayout()
        options.addWidget(QLabel("Options:", self))
        for button in (self.more_button, self.core_button, self.later_button):
            options.addWidget(button)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.text)
        layout.addLayout(options)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The palette's warning colours as they are now (light or dark)."""
        colors = palette_colors(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(colors.warn))
        painter.setBrush(QColor(colors.warn_background))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.end()


class ExamBox(QGroupBox):
    #: Exam settings were written (the keys, as ``Changes.settings`` names them).
    settingsChanged = Signal(object)
    #: Study this theme (its key) now.
    themeRequested = Signal(str)

    def __init__(self, exam: ExamService, parent: QWidget | None = None):
        super().__init__("Exam day", parent)
        self.setObjectName("examBox")
        self._exam = exam
        self.forecasts = ForecastCache(exam)
        self.forecast: ExamForecast | None = None
        self._pending = False
        self.set_box = QCheckBox("E&xam on", self)  # Alt+E is the Edit menu
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
        self.status = _line(self, "examReadiness")
        self.status.setAccessibleName("Exam readiness")
        self.days_left = _line(self, "examDaysLeft")
        self.days_left.setAccessibleName("Days left to the exam")
        self.today = _line(self, "examToday")
        self.fit_panel = FitPanel(self)
        self.fit = self.fit_panel.text
        self.more_button = self.fit_panel.more_button
        self.more_button.clicked.connect(self._more_minutes)
        self.core_button = self.fit_panel.core_button
        self.core_button.clicked.connect(lambda: self._set_scope("core"))
        self.later_button = self.fit_panel.later_button
        self.later_button.clicked.connect(self._later)
        self.themes = ThemeRecallTable(self)
        self.themes.themeChosen.connect(self.themeRequested)
        when = QHBoxLayout()
        for widget in (self.set_box, self.date_edit, self.minutes_box):
            when.addWidget(widget)
        when.addStretch(1)
        what = QHBoxLayout()
        scope_label = QLabel("Coverin&g:", self)  # Alt+C is Cards:
        scope_label.setBuddy(self.scope_box)
        what.addWidget(scope_label)
        what.addWidget(self.scope_box)
        what.addSpacing(12)
        what.addWidget(self.days_left)
        what.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addLayout(when)
        layout.addLayout(what)
        for shown in (self.status, self.today, self.fit_panel, self.themes):
            layout.addWidget(shown)
        # never squeezed: a wrapped label below asks more height than it uses
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
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
        self.date_edit.setMaximumDate(_qdate(self._exam.latest_day()))
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
            self._show_text(f"Not set: {error}.")
            return
        except UserDatabaseError as error:  # a read-only folder, a full disk
            self._load()
            self._show_text(f"Not saved: {error}. Nothing changed.")
            return
        self.note_changes(Changes.of_settings(*EXAM_SETTINGS))
        self.settingsChanged.emit(set(EXAM_SETTINGS))
        self.refresh()

    def note_changes(self, changes: Changes) -> None:
        """A change announced: the forecast is computed again only if it can move."""
        self.forecasts.note(changes)

    def refresh(self) -> None:
        """Show the forecast for the exam set: the one kept while nothing it depends on
        changed; otherwise computed once the page is shown (it takes tens of ms)."""
        if self._exam.current() is None:
            if self.set_box.isChecked():
                self._load()  # the date has passed: the plan was cleared
            self._show(None)
            return
        kept = self.forecasts.kept()
        if kept is not None:
            self._show(kept)
            return
        if not self._pending:
            self._pending = True
            if self.forecast is None:  # otherwise the last one stays until this one is ready
                self._show_text(COMPUTING)
            QTimer.singleShot(0, self._compute)

    def _compute(self) -> None:
        self._pending = False
        self._show(self.forecasts.get())

    def _show_text(self, text: str) -> None:
        self.status.setText(text)
        for line in (self.days_left, self.today):
            line.setVisible(False)

    def _show(self, forecast: ExamForecast | None) -> None:
        self.forecast = forecast
        for widget in (self.date_edit, self.scope_box, self.minutes_box):
            widget.setEnabled(self.set_box.isChecked())
        problem = _short_fit_text(forecast) if forecast is not None else None
        self.fit_panel.setVisible(problem is not None)
        self.fit.setText(problem or "")
        # "Core only" is an option only where the exam covers more than the core
        self.core_button.setVisible(forecast is not None and forecast.settings.scope != "core")
        self.themes.setVisible(forecast is not None)
        if forecast is None:
            self._show_text(self._exam.passed_message or "No exam date: set one for a plan.")
            return
        days = forecast.plan.days_left
        self.days_left.setText(f"{counted(days, 'day')} left" if days else "The exam is today")
        self.days_left.setToolTip(days_left_text(forecast))
        self.status.setText(f"{readiness_text(forecast)}.")
        self.today.setText(f"{today_text(forecast)}.")
        for line in (self.days_left, self.today):
            line.setVisible(True)
        self.themes.set_rows(forecast.themes)

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
