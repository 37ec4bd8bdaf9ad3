"""Statistics: today's figures, the 30-day forecast, reviews per day, a calendar of the
year's answers, the answer buttons, the spread of intervals, stability and difficulty, how
well each theme and each entry is known (FSRS's chance of recall), and retention per theme,
month by month. The same figures as ``ocstudy stats``; the bar above the page chooses the
cards counted (the whole deck, a theme, a search) and the history's range, as in Anki.

Every row of the theme and entry tables is an action: a double click or Enter starts a quiz
on its cards (``quizRequested``). The page scrolls as one; its tables are as tall as their
rows and never scroll inside it."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ocstudy.content.vocabulary import TIER_WORDS
from ocstudy.phrasing import counted
from ocstudy.services.browser.search import SearchSyntaxError
from ocstudy.services.operations import Changes
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats import QuizStats, compute_stats
from ocstudy.services.review.stats_charts import Bin, Distribution, by_period
from ocstudy.ui.common.changes import ChangeNotice
from ocstudy.ui.stats.charts import BarChart, ButtonsChart, CalendarHeatMap, ShareDelegate
from ocstudy.ui.stats.controls import ScopeBar
from ocstudy.ui.stats.exam_panel import ExamPanel
from ocstudy.ui.stats.models import MONTHS, KnowledgeModel, RetentionModel, percent
from ocstudy.ui.stats.tables import ActionTable

FIGURES = (
    ("due_today", "Due today"),
    ("due_tomorrow", "Due tomorrow"),
    ("reviewed_today", "Reviewed today"),
    ("streak", "Streak"),
    ("retention", "True retention"),
    ("cards", "Cards studied"),
    ("leeches", "Leeches"),
)


def _short(day: date) -> str:
    """ "05 Dec", in English whatever the locale Qt set (``strftime`` would follow it)."""
    return f"{day.day:02d} {MONTHS[day.month - 1]}"


def _long(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def range_words(stats: QuizStats) -> str:
    """ "the last 30 days", "all 120 days since 2 Mar 2026" (the history's range)."""
    if stats.time_range == "all":
        return f"all {counted(stats.window_days, 'day')} since {_long(stats.first_day)}"
    return f"the last {stats.window_days} days"


def _period_bars(stats: QuizStats) -> tuple[str, list[tuple[str, str, int]]]:
    """Reviews per day, week or month over the range (at most 60 bars, as ``ocstudy stats``
    groups them): the period's name and the bars."""
    period, counts = by_period([(d.day, d.count) for d in stats.reviews_per_day])
    if period == "day":
        return period, [(_short(day), _long(day), n) for day, n in counts]
    if period == "week":
        return period, [(_short(day), f"week of {_long(day)}", n) for day, n in counts]
    return period, [
        (f"{MONTHS[day.month - 1]} {day.year % 100:02d}", f"{MONTHS[day.month - 1]} {day.year}", n)
        for day, n in counts
    ]


def _bin_words(spread_bin: Bin, unit: str) -> str:
    low, high = int(spread_bin.low), spread_bin.high
    if unit == "difficulty":
        return f"difficulty {low} to {int(high or 10)}"
    if high is None:
        return f"{low} days or more"
    if high - low == 1:
        return "under 1 day" if low == 0 else counted(low, "day")
    return f"{low} to {int(high) - 1} days"


def _spread_bars(spread: Distribution, unit: str) -> list[tuple[str, str, int]]:
    return [(b.label, _bin_words(b, unit), b.count) for b in spread.bins]


class StatsView(QWidget):
    #: (scope kind, key): "theme" and a theme's key, or "entity" and an entry's slug
    quizRequested = Signal(str, str)

    def __init__(
        self,
        service: QuizService,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("statsView")
        self.setAccessibleName("Statistics")
        self._service = service
        self._notice: ChangeNotice | None = None
        self._stale = True
        self._day: date | None = None  # the study day the figures were computed on
        themes = [(theme.key, theme.label) for theme in service.catalogue.themes]
        self.controls = ScopeBar(themes, settings, self)
        self.controls.changed.connect(self._choice_changed)
        #: The search and range the figures on the page are of (the last good choice).
        self.search, self.time_range = "", self.controls.time_range()
        self.page_area = QScrollArea(self)
        self.page_area.setObjectName("statsScroll")
        self.page_area.setAccessibleName("Statistics page")
        self.page_area.setWidgetResizable(True)
        self.page_area.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(self.page_area)
        body.setObjectName("statsPage")
        self.scope_line = QLabel(body)
        self.scope_line.setObjectName("statsScopeLine")
        self.scope_line.setWordWrap(True)
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        for column, (key, title) in enumerate(FIGURES):
            value = QLabel(body)
            value.setObjectName(f"stat_{key}")
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.8)
            font.setBold(True)
            value.setFont(font)
            caption = QLabel(title, body)
            caption.setBuddy(value)
            grid.addWidget(value, 0, column)
            grid.addWidget(caption, 1, column)
            self.figures[key] = value
        self.forecast = self._chart(BarChart("Cards due, next 30 days", body), "forecastChart")
        self.history = self._chart(BarChart("Reviews", body, unit="answer"), "reviewsChart")
        self.calendar = CalendarHeatMap("Answers per day, the last year", body)
        self.calendar.setObjectName("reviewCalendar")
        self.calendar.setAccessibleName("Calendar of answers per day, the last year")
        self.buttons = self._chart(ButtonsChart("Answer buttons", body), "buttonsChart")
        self.intervals = self._chart(BarChart("Intervals", body), "intervalsChart")
        self.stability = self._chart(BarChart("Stability", body), "stabilityChart")
        self.difficulty = self._chart(BarChart("Difficulty", body), "difficultyChart")
        self.tier_model = KnowledgeModel("Tier", self, studied_on_enter=False)
        self.tier_table = self._table(
            "tierKnowledge", "How well each tier of cards is known", self.tier_model, body
        )
        self.theme_model = KnowledgeModel("Theme", self)
        self.theme_table = self._table(
            "themeKnowledge", "How well each theme is known", self.theme_model, body
        )
        self.theme_table.rowActivated.connect(lambda key: self.quizRequested.emit("theme", key))
        self.model = KnowledgeModel("Entry", self)
        self.table = self._table(
            "entityKnowledge", "How well each entry is known", self.model, body
        )
        self.table.setSortingEnabled(True)
        self.table.rowActivated.connect(lambda key: self.quizRequested.emit("entity", key))
        self.retention_model = RetentionModel(self)
        self.retention = ActionTable(
            "themeRetention", "True retention per theme, month by month", body
        )
        self.retention.setModel(self.retention_model)
        self.retention.setItemDelegate(ShareDelegate(self.retention, fill=True))
        self.retention.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.retention.horizontalHeader().setSectionResizeMode(  # the theme's name whole
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.retention.rowActivated.connect(lambda key: self.quizRequested.emit("theme", key))
        self.retention_title = QLabel(body)
        hint = QLabel(
            "Double-click a theme or an entry, or select it and press Enter, to study its cards.",
            body,
        )
        hint.setEnabled(False)
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel("<h2>Statistics</h2>", body))
        layout.addWidget(self.scope_line)
        self.exam_panel = ExamPanel(service, body)
        layout.addWidget(self.exam_panel)
        layout.addLayout(grid)
        for left, right in (
            (self.forecast, self.history),
            (self.buttons, self.intervals),
            (self.stability, self.difficulty),
        ):
            row = QHBoxLayout()
            row.addWidget(left)
            row.addSpacing(16)
            row.addWidget(right)
            layout.addLayout(row)
            if left is self.forecast:
                layout.addWidget(self.calendar)
        layout.addWidget(
            QLabel(
                "<b>How well each tier is known</b> ("
                + "; ".join(f"{tier}: {holds}" for tier, (_name, holds) in TIER_WORDS.items())
                + ")",
                body,
            )
        )
        layout.addWidget(self.tier_table)
        layout.addWidget(
            QLabel(
                "<b>How well each theme is known</b> (predicted recall now; "
                "cards never studied count 0)",
                body,
            )
        )
        layout.addWidget(self.theme_table)
        layout.addWidget(self.retention_title)
        layout.addWidget(self.retention)
        layout.addWidget(QLabel("<b>How well each entry is known</b>", body))
        layout.addWidget(self.table)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.page_area.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.controls)
        outer.addWidget(self.page_area, 1)
        # the view takes the focus (Alt+4) and scrolls the page by the keys; Tab goes on to
        # the controls and the tables, as they read, top to bottom
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.page_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        order = [
            self,
            self.controls.scope,
            self.controls.field,
            self.controls.range,
            self.tier_table,
            self.theme_table,
            self.retention,
            self.table,
        ]
        for before, after in itertools.pairwise(order):
            QWidget.setTabOrder(before, after)
        self.stats: QuizStats | None = None

    def _chart(self, chart: Any, name: str) -> Any:
        chart.setObjectName(name)
        chart.setAccessibleName(chart.title)
        return chart

    def _table(
        self, name: str, accessible: str, model: KnowledgeModel, parent: QWidget
    ) -> ActionTable:
        table = ActionTable(name, accessible, parent)
        table.setModel(model)
        table.setItemDelegateForColumn(3, ShareDelegate(table))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def refresh(self) -> None:
        """The figures again (the learner's data changed), of the cards and range shown."""
        self._stale = False
        self._day = self._service.schedule.today()
        self._show(compute_stats(self._service, time_range=self.time_range, search=self.search))
        self.exam_panel.refresh()

    def attach_changes(self, notice: ChangeNotice) -> None:
        """Hear of changes from ``notice``: the figures are computed again when shown after
        one (or on a new day), not on every show."""
        self._notice = notice
        notice.changed.connect(self.data_changed)

    def data_changed(self, changes: Changes) -> None:
        if not (changes.touches_cards or changes.settings):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _out_of_date(self) -> bool:
        """Whether the figures shown may be old: no notice to hear changes from, a change
        heard of since, or a new study day (the ranges count back from today). Every write
        of this process is announced on the notice, another process's by its look for
        outside changes."""
        if self._notice is None or self._stale or self._day is None:
            return True
        return self._service.schedule.today() != self._day

    def _choice_changed(self) -> None:
        """The learner chose other cards or another range: the figures of those, or, for a
        search that cannot be read, one line saying why (the page keeps the last figures)."""
        search, time_range = self.controls.search(), self.controls.time_range()
        try:
            stats = compute_stats(self._service, time_range=time_range, search=search)
        except SearchSyntaxError as problem:
            self.controls.show_problem(str(problem))
            return
        self.controls.show_problem(None)
        self.search, self.time_range = search, time_range
        self._show(stats)

    def _show(self, stats: QuizStats) -> None:
        self.stats = stats
        cards = (
            "The whole deck"
            if not stats.search
            else f"The {counted(stats.total_cards, 'card')} \u201c{stats.search}\u201d finds"
        )
        self.scope_line.setText(f"{cards} \u00b7 answers of {range_words(stats)}")
        self._show_figures(stats)
        self.forecast.set_values([(_short(d.day), d.count) for d in stats.forecast])
        period, bars = _period_bars(stats)
        self.history.set_title(f"Reviews per {period}, {range_words(stats)}")
        self.history.set_bars(bars)
        self.calendar.set_days(stats.calendar)
        self.buttons.set_title(f"Answer buttons, {range_words(stats)}")
        self.buttons.set_counts(stats.answer_buttons)
        self._show_spread(self.intervals, "Intervals of the cards in review", stats.intervals)
        self._show_spread(self.stability, "Memory stability", stats.stability)
        self._show_spread(self.difficulty, "Difficulty, 1 to 10", stats.difficulty)
        self.tier_model.set_rows(list(stats.tiers))
        self.theme_model.set_rows(list(stats.themes))
        self.model.set_rows(list(stats.entities))
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.retention_model.set_period_rows(list(stats.theme_retention), stats.retention_period)
        self.retention.setAccessibleName(
            f"True retention per theme, {stats.retention_period} by {stats.retention_period}"
        )
        self.retention_title.setText(
            f"<b>True retention per theme, {stats.retention_period} by "
            f"{stats.retention_period}</b> (answers to review cards that were not Again)"
        )
        for table in (self.tier_table, self.theme_table, self.table, self.retention):
            table.fit_height()

    def _show_figures(self, stats: QuizStats) -> None:
        studied = stats.total_cards - stats.never_reviewed
        figures = {
            "due_today": str(stats.due_today),
            "due_tomorrow": str(stats.due_tomorrow),
            "reviewed_today": str(stats.reviewed_today),
            "streak": counted(stats.streak_days, "day"),
            "retention": percent(stats.true_retention),
            "cards": f"{studied} of {stats.total_cards}",
            "leeches": str(stats.leeches),
        }
        for key, title in FIGURES:  # a reader hears the title with the value, once
            self.figures[key].setText(figures[key])
            self.figures[key].setAccessibleName(f"{title}: {figures[key]}")
        self.figures["retention"].setToolTip(
            f"Answers to review cards that were not Again, {range_words(stats)}: "
            f"{counted(stats.retention_answers, 'answer')}"
        )
        self.figures["cards"].setToolTip(
            f"{studied} of the {stats.total_cards} cards answered at least once; "
            f"{stats.learning} learning, {stats.in_review} in review"
        )
        threshold = self._service.settings.leech_threshold()
        self.figures["leeches"].setToolTip(
            f"Cards forgotten {threshold} times: suspended, found in the "
            f"cards browser with is:leech; {counted(stats.suspended, 'card')} suspended in all"
        )

    def _show_spread(self, chart: BarChart, title: str, spread: Distribution) -> None:
        if not spread.cards:
            chart.set_title(f"{title}: no cards yet")
        elif chart is self.intervals and spread.median is not None:
            chart.set_title(f"{title} (median {_days(spread.median)})")
        elif chart is self.difficulty and spread.average is not None:
            chart.set_title(f"{title} (average {spread.average:.1f})")
        elif spread.average is not None:
            chart.set_title(f"{title} (average {_days(spread.average)})")
        unit = "difficulty" if chart is self.difficulty else "days"
        chart.set_bars(_spread_bars(spread, unit) if spread.cards else [])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows, Page Up and Down, Home and End scroll the page (others go on up)."""
        self.page_area.keyPressEvent(event)

    def showEvent(self, event: Any) -> None:
        if self._out_of_date():
            self.refresh()
        else:
            self.exam_panel.refresh()  # a practice exam taken since is no change to the cards
        super().showEvent(event)


def _days(value: float) -> str:
    return f"{value:.1f} days" if value < 10 else counted(round(value), "day")
