"""The browser's search field and table: how each looks, the keys each takes, and the table's
selection read as card ids (and made again after the table is read again)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QWidget

from ocstudy.ui.cards.model import CARD_ID_ROLE, CardsModel
from ocstudy.ui.common.keys import flag_key

SEARCH_HELP = (
    "Words and \u201cphrases\u201d search question, answer and entry (* is any text); "
    "-word leaves out; or; ( ); terms side by side must all match.\n"
    "entity:untoc  theme:firearms  kind:date  (kind:date* also finds date_reverse)  "
    "tag:exam  tag:none (your tags)\n"
    "is:new  is:learn  is:review  is:due  is:own (your own cards)\n"
    "prop:due<=1 (days from today)  prop:ivl>=30  prop:r<0.8  prop:s  prop:d  prop:lapses>2  "
    "prop:reps\n"
    "rated:7 (answered in the last 7 days)  rated:7:1 (\u2026 rated Again)\n"
    "is:suspended  is:buried  is:leech  flag:1\u20267 (flag:0: no flag)"
)


class SearchField(QLineEdit):
    """The search: Escape clears it, Down goes to the table (as in the study view); its
    tooltip is the syntax's help."""

    toTable = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardsSearch")
        self.setAccessibleName("Search the cards")
        self.setPlaceholderText(
            "Search cards: words, \u201cphrases\u201d, -not, or, ( ), entity:, theme:, kind:, "
            "tag:, is:due, prop:ivl>=30, rated:7"
        )
        self.setToolTip(SEARCH_HELP)
        self.setClearButtonEnabled(True)
        self._typed_last = True
        self.textEdited.connect(self._typed)

    def _typed(self) -> None:
        self._typed_last = True

    def undo_recorded(self) -> None:
        """An action on the cards was kept to undo: Ctrl+Z here undoes it, as the message
        says, until the learner types in the field again."""
        self._typed_last = False

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and not self._typed_last
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):
            return False  # not the field's typing: Edit > Undo takes it
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down:
            self.toTable.emit()
            return
        super().keyPressEvent(event)


class CardsTable(QTableView):
    """The table of ``model``'s cards, whole rows selected: Enter opens the selected card's
    entry, as a double click does; Ctrl+0...7 flag the selected cards, as in Anki (the
    window's view keys are Alt+1...5)."""

    activatedCard = Signal(str)  # card id
    flagRequested = Signal(int)

    def __init__(self, model: CardsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards_model = model
        self.setObjectName("cardsTable")
        self.setAccessibleName("Cards")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self._fit_rows_to_text()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def _fit_rows_to_text(self) -> None:
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

    def changeEvent(self, event: QEvent) -> None:
        """Larger or smaller text (View > Text size): the rows follow it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows_to_text()

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

    def current_card_id(self) -> str | None:
        card_id = self.currentIndex().data(CARD_ID_ROLE)
        return str(card_id) if card_id else None

    def selected_ids(self) -> list[str]:
        """The selected cards, in table order: none when the learner deselected every row
        (the row with the cursor is not highlighted then, so it is not acted on). Read from
        the selection's ranges of whole rows: one per block, not an index per cell."""
        ranges = self.selectionModel().selection().toList()
        rows = sorted({row for part in ranges for row in range(part.top(), part.bottom() + 1)})
        return [self.cards_model.card_id(row) for row in rows]

    def select_only(self, row: int) -> None:
        """Make ``row`` the current and only selected row. ``selectRow`` would read the keys
        held down: after Ctrl+J (Ctrl held) a second call toggled the row off again."""
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.selectionModel().setCurrentIndex(self.cards_model.index(row, 0), flags)

    def reselect(self, card_ids: list[str]) -> None:
        """Select ``card_ids`` again, as few ranges as there are blocks of them."""
        if len(card_ids) < 2:
            return
        wanted, model = set(card_ids), self.cards_model
        rows = [row for row, card_id in enumerate(model.card_ids()) if card_id in wanted]
        selection = QItemSelection()
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i] != rows[i - 1] + 1:
                top, bottom = model.index(rows[start], 0), model.index(rows[i - 1], 0)
                selection.select(top, bottom)
                start = i
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().select(selection, flags)
