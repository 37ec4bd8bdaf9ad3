"""The browser's search field and table, and the keys each takes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTableView

from ocstudy.ui.cards.model import CARD_ID_ROLE
from ocstudy.ui.common.keys import flag_key


class SearchField(QLineEdit):
    """The search: Escape clears it, Down goes to the table (as in the study view)."""

    toTable = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down:
            self.toTable.emit()
            return
        super().keyPressEvent(event)


class CardsTable(QTableView):
    """The table: Enter opens the selected card's entry, as a double click does; Ctrl+0...7
    flag the selected cards, as in Anki (the window's view keys are Alt+1...5)."""

    activatedCard = Signal(str)  # card id
    flagRequested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        number = flag_key(event)
        if number is not None:
            self.flagRequested.emit(number)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            card_id = self.currentIndex().data(CARD_ID_ROLE)
            if card_id:
                self.activatedCard.emit(str(card_id))
                return
        super().keyPressEvent(event)
