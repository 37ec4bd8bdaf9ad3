"""The statistics' tables: how well each theme or entry is known, and retention per theme,
month by month (or year by year). Small read-only models; a row's key is what a double click
studies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from ocstudy.phrasing import counted
from ocstudy.services.review.stats import Knowledge
from ocstudy.services.review.stats_history import ThemeRetention

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
Row = TypeVar("Row")
#: The key (theme key or entity slug) of a row.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: A share between 0 and 1 that a delegate draws as a bar.
SHARE_ROLE = Qt.ItemDataRole.UserRole + 2
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def percent(value: float | None) -> str:
    return "\u2014" if value is None else f"{100 * value:.0f}%"


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A flat, read-only table of ``rows``, replaced whole by :meth:`set_rows`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)


class KnowledgeModel(RowsModel[Knowledge]):
    """One row per theme or entry: its cards, how many were studied, the chance of recall."""

    def __init__(
        self, first_column: str, parent: QWidget | None = None, *, studied_on_enter: bool = True
    ):
        super().__init__(parent)
        self.columns = (first_column, "Cards", "Studied", "Known (predicted recall)")
        #: Whether a row starts a quiz on its cards when activated (a theme, an entry).
        self.studied_on_enter = studied_on_enter

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.label, row.cards, row.reviewed, percent(row.retrievability))[index.column()]
        if role == KEY_ROLE:
            return row.key
        if role == SHARE_ROLE and index.column() == 3:
            return row.retrievability
        if role == Qt.ItemDataRole.ToolTipRole and self.studied_on_enter:
            return f"{row.label}: double-click or press Enter to study its cards"
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


class RetentionModel(RowsModel[ThemeRetention]):
    """Themes down, months (or years) across: true retention of the answers to each theme's
    review cards in each, with how many answers it rests on."""

    #: What each column covers: ``month`` or ``year`` (``QuizStats.retention_period``).
    period = "month"

    def set_period_rows(self, rows: list[ThemeRetention], period: str) -> None:
        self.period = period
        self.set_rows(rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid() or not self.rows:
            return 0
        return 1 + len(self.rows[0].months)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return "Theme"
        month = self.rows[0].months[section - 1].month
        return (
            f"{MONTHS[month.month - 1]} {month.year}" if self.period == "month" else str(month.year)
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == KEY_ROLE:
            return row.key
        if index.column() == 0:
            return row.label if role == Qt.ItemDataRole.DisplayRole else None
        month = row.months[index.column() - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return percent(month.retention)
        if role == SHARE_ROLE:
            return month.retention
        if role == Qt.ItemDataRole.ToolTipRole:
            if not month.answers:
                return f"{row.label}: no answers to review cards this {self.period}"
            return (
                f"{row.label}: {month.kept} of {counted(month.answers, 'answer')} to review cards "
                "were not Again"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
