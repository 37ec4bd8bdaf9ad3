"""The exam box's themes: each theme's recall on the exam day if the learner stopped now,
weakest first, as a small table (a model and its view); a click or Enter on a row studies
that theme."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ocstudy.services.review.exam import ThemeRecall
from ocstudy.services.review.exam_text import percent

THEME_ROLE: Final = Qt.ItemDataRole.UserRole + 1
HEADERS: Final = ("Theme, weakest first", "Cards", "Recall on the day if you stopped now")
#: Rows shown without scrolling (a deck has about ten themes).
ROWS_SHOWN: Final = 12

AnyIndex = QModelIndex | QPersistentModelIndex


class ThemeRecallModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ThemeRecall, ...] = ()

    def set_rows(self, rows: Sequence[ThemeRecall]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == THEME_ROLE:
            return row.key
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.label, str(row.cards), percent(row.recall))[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.label}: {percent(row.recall)} if you stopped now, {row.cards} cards"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None


class ThemeRecallTable(QTableView):
    """The themes, every row shown (up to ``ROWS_SHOWN``); ``themeChosen`` by a click or by
    Enter on the current row (never both for one action)."""

    themeChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("examThemes")
        self.setAccessibleName("Recall on the exam day by theme, weakest first")
        self.setToolTip("A click or Enter studies that theme now")
        self.theme_model = ThemeRecallModel(self)
        self.setModel(self.theme_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 4)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.clicked.connect(self._choose)

    def changeEvent(self, event: QEvent) -> None:
        """Larger or smaller text (View > Text size): the rows, and the table, follow it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
            self._fit_height()

    def set_rows(self, rows: Sequence[ThemeRecall]) -> None:
        self.theme_model.set_rows(rows)
        self._fit_height()

    def _fit_height(self) -> None:
        count = self.theme_model.rowCount()
        rows_height = sum(self.rowHeight(row) for row in range(min(count, ROWS_SHOWN)))
        frame = 2 * self.frameWidth()
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + rows_height + frame)
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if count > ROWS_SHOWN
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._choose(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            self.themeChosen.emit(str(index.data(THEME_ROLE)))
