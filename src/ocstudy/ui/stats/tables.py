"""The statistics' tables: rows that start a quiz on their cards (double click or Enter),
each table as tall as its rows, so that the page scrolls and the table does not."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from ocstudy.ui.stats.models import KEY_ROLE


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

    def changeEvent(self, event: QEvent) -> None:
        """Larger or smaller text (View > Text size): the rows, and the table, follow it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
            self.fit_height()

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
