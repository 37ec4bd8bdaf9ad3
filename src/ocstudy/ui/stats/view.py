"""Statistics: today's figures, the 30-day forecast, reviews per day, a calendar of the
year's answers, how well each theme and each entry is known (FSRS's chance of recall), and
retention per theme month by month. The same figures as ``ocstudy stats``.

Every row of the theme and entry tables is an action: a double click or Enter starts a quiz
on its cards (``quizRequested``). The page scrolls as one; its tables are as tall as their
rows and never scroll inside it."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ocstudy.phrasing import counted
from ocstudy.services.quiz import QuizService
from ocstudy.services.stats import QuizStats, compute_stats
from ocstudy.ui.stats.charts import BarChart, CalendarHeatMap, ShareDelegate
from ocstudy.ui.stats.models import KEY_ROLE, MONTHS, KnowledgeModel, RetentionModel, percent

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


class ActionTable(QTableView):
    """A table whose rows start a quiz (double click or Enter), as tall as its rows."""

    rowActivated = Signal(str)  # the row's key

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.doubleClicked.connect(self._activate)

    def fit_height(self) -> None:
        """As tall as every row, so the page scrolls and the table does not; and laid out
        now, its rows having changed. Left to its next paint, the layout would repaint the
        whole table while the window paints, and Qt would draw it unclipped: over the menu
        bar and the view buttons when the page is scrolled."""
        self.executeDelayedItemsLayout()
        rows = self.model().rowCount() if self.model() else 0
        height = (
            self.horizontalHeader().height() + rows * self.verticalHeader().defaultSectionSize()
        )
        self.setFixedHeight(height + 2 * self.frameWidth() + 2)

    def _activate(self, index: QModelIndex | QPersistentModelIndex) -> None:
        key = index.data(KEY_ROLE)
        if key:
            self.rowActivated.emit(str(key))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            event.accept()
        else:
            super().keyPressEvent(event)


class StatsView(QScrollArea):
    #: (scope kind, key): "theme" and a theme's key, or "entity" and an entry's slug
    quizRequested = Signal(str, str)

    def __init__(self, service: QuizService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statsView")
        self.setAccessibleName("Statistics")
        self.setWidgetResizable(True)
        self._service = service
        body = QWidget(self)
        body.setObjectName("statsPage")
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
        self.forecast = BarChart("Cards due, next 30 days", body)
        self.forecast.setObjectName("forecastChart")
        self.forecast.setAccessibleName("Cards due, next 30 days")
        self.history = BarChart("Reviews per day, last 30 days", body)
        self.history.setObjectName("reviewsChart")
        self.history.setAccessibleName("Reviews per day, last 30 days")
        self.calendar = CalendarHeatMap("Answers per day, the last year", body)
        self.calendar.setObjectName("reviewCalendar")
        self.calendar.setAccessibleName("Calendar of answers per day, the last year")
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
        self.retention.rowActivated.connect(lambda key: self.quizRequested.emit("theme", key))
        hint = QLabel(
            "Double-click a theme or an entry, or select it and press Enter, to study its cards.",
            body,
        )
        hint.setEnabled(False)
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel("<h2>Statistics</h2>", body))
        layout.addLayout(grid)
        charts = QHBoxLayout()
        charts.addWidget(self.forecast)
        charts.addSpacing(16)
        charts.addWidget(self.history)
        layout.addLayout(charts)
        layout.addWidget(self.calendar)
        layout.addWidget(
            QLabel(
                "<b>How well each tier is known</b> (core: what an examiner asks; "
                "detail: in the paper, less often asked; extra: from the record only)",
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
        layout.addWidget(
            QLabel(
                "<b>True retention per theme, month by month</b> (answers to "
                "review cards that were not Again)",
                body,
            )
        )
        layout.addWidget(self.retention)
        layout.addWidget(QLabel("<b>How well each entry is known</b>", body))
        layout.addWidget(self.table)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.setWidget(body)
        QWidget.setTabOrder(self.tier_table, self.theme_table)  # as they read, top to bottom
        QWidget.setTabOrder(self.theme_table, self.retention)
        QWidget.setTabOrder(self.retention, self.table)
        self.stats: QuizStats | None = None

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
        stats = compute_stats(self._service)
        self.stats = stats
        studied = stats.total_cards - stats.never_reviewed
        figures = {
            "due_today": str(stats.due_today),
            "due_tomorrow": str(stats.due_tomorrow),
            "reviewed_today": str(stats.reviewed_today),
            "streak": f"{stats.streak_days} day{'s' if stats.streak_days != 1 else ''}",
            "retention": percent(stats.true_retention),
            "cards": f"{studied} of {stats.total_cards}",
            "leeches": str(stats.leeches),
        }
        for key, title in FIGURES:  # a reader hears the title with the value, once
            self.figures[key].setText(figures[key])
            self.figures[key].setAccessibleName(f"{title}: {figures[key]}")
        self.figures["cards"].setToolTip(
            f"{studied} of the {stats.total_cards} cards answered at least once; "
            f"{stats.learning} learning, {stats.in_review} in review"
        )
        self.figures["leeches"].setToolTip(
            f"Cards forgotten {self._service.leech_threshold()} times: suspended, found in the "
            f"cards browser with is:leech; {counted(stats.suspended, 'card')} suspended in all"
        )
        self.forecast.set_values([(_short(d.day), d.count) for d in stats.forecast])
        self.history.set_values([(_short(d.day), d.count) for d in stats.reviews_per_day])
        self.calendar.set_days(stats.calendar)
        self.tier_model.set_rows(list(stats.tiers))
        self.theme_model.set_rows(list(stats.themes))
        self.model.set_rows(list(stats.entities))
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.retention_model.set_rows(list(stats.theme_retention))
        for table in (self.tier_table, self.theme_table, self.table, self.retention):
            table.fit_height()

    def showEvent(self, event: Any) -> None:
        self.refresh()
        super().showEvent(event)
