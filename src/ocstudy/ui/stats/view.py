"""Statistics: today's figures, the 30-day forecast, reviews per day, and how well each theme
and each entry is known (FSRS's chance of recall). The same figures as ``ocstudy stats``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ocstudy.services.quiz import QuizService
from ocstudy.services.stats import Knowledge, QuizStats, compute_stats
from ocstudy.ui.stats.charts import BarChart, LevelBars

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
COLUMNS = ("Entry", "Cards", "Studied", "Known (predicted recall)")


def _percent(value: float | None) -> str:
    return "\u2014" if value is None else f"{100 * value:.0f}%"


def _theme_text(k: Knowledge) -> str:
    return f"{_percent(k.retrievability)} \u00b7 {k.reviewed} of {k.cards} cards studied"


class KnowledgeModel(QAbstractTableModel):
    """One row per entity: its cards, how many were reviewed, the chance of recalling them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[Knowledge] = []

    def set_rows(self, rows: list[Knowledge]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.label, row.cards, row.reviewed, _percent(row.retrievability))[
                index.column()
            ]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column():
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        keys: list[Callable[[Knowledge], Any]] = [
            lambda k: k.label.casefold(),
            lambda k: k.cards,
            lambda k: k.reviewed,
            lambda k: k.retrievability,
        ]
        self.rows.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


class StatsView(QScrollArea):
    def __init__(self, service: QuizService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statsView")
        self.setAccessibleName("Statistics")
        self.setWidgetResizable(True)
        self._service = service
        body = QWidget(self)
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        names = [
            ("due_today", "Due today"),
            ("due_tomorrow", "Due tomorrow"),
            ("reviewed_today", "Reviewed today"),
            ("streak", "Streak"),
            ("retention", "True retention"),
            ("cards", "Cards"),
        ]
        for column, (key, title) in enumerate(names):
            value = QLabel(body)
            value.setObjectName(f"stat_{key}")
            value.setAccessibleName(title)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.8)
            font.setBold(True)
            value.setFont(font)
            grid.addWidget(value, 0, column)
            grid.addWidget(QLabel(title, body), 1, column)
            self.figures[key] = value
        self.forecast = BarChart("Cards due, next 30 days", body)
        self.forecast.setObjectName("forecastChart")
        self.history = BarChart("Reviews per day, last 30 days", body)
        self.history.setObjectName("reviewsChart")
        self.themes = LevelBars(
            "How well each theme is known: predicted recall now (cards never studied count 0)",
            body,
        )
        self.themes.setObjectName("themeKnowledge")
        self.model = KnowledgeModel(self)
        self.table = QTableView(body)
        self.table.setObjectName("entityKnowledge")
        self.table.setAccessibleName("How well each entry is known")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(260)
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel("<h2>Statistics</h2>", body))
        layout.addLayout(grid)
        layout.addWidget(self.forecast)
        layout.addWidget(self.history)
        layout.addWidget(self.themes)
        layout.addWidget(self.table, 1)
        self.setWidget(body)
        self.stats: QuizStats | None = None

    def refresh(self) -> None:
        stats = compute_stats(self._service)
        self.stats = stats
        figures = {
            "due_today": str(stats.due_today),
            "due_tomorrow": str(stats.due_tomorrow),
            "reviewed_today": str(stats.reviewed_today),
            "streak": f"{stats.streak_days} day{'s' if stats.streak_days != 1 else ''}",
            "retention": _percent(stats.true_retention),
            "cards": f"{stats.total_cards - stats.never_reviewed} / {stats.total_cards}",
        }
        for key, text in figures.items():
            self.figures[key].setText(text)
        self.forecast.set_values([(d.day.strftime("%d %b"), d.count) for d in stats.forecast])
        self.history.set_values([(d.day.strftime("%d %b"), d.count) for d in stats.reviews_per_day])
        self.themes.set_rows([(k.label, k.retrievability, _theme_text(k)) for k in stats.themes])
        self.model.set_rows(list(stats.entities))
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)

    def showEvent(self, event: Any) -> None:
        self.refresh()
        super().showEvent(event)
