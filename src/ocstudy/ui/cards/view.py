"""The cards browser: every card in a table, a search in Anki's syntax, the selected card as
the quiz shows it, and its review history (card info).

The table shows what the search found; a query that cannot be read says why under the field
and the table keeps the last good result. Actions on the selected cards (suspend, bury, flag,
forget, set due date, undo) are in ``actions.py``.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ocstudy.phrasing import counted
from ocstudy.services.card_actions import FLAG_NAMES
from ocstudy.services.card_browser import CardRow, RatedCards, card_rows
from ocstudy.services.card_query import SearchContext
from ocstudy.services.card_search import SearchSyntaxError, parse_search
from ocstudy.services.quiz import QuizService
from ocstudy.ui.cards.actions import BrowserActions, message_html
from ocstudy.ui.cards.model import CARD_ID_ROLE, COLUMN_KEYS, COLUMNS, CardsModel, state_text
from ocstudy.ui.cards.table import CardsTable, SearchField
from ocstudy.ui.palette import palette_colors
from ocstudy.ui.quiz.feedback import answer_html, prompt_html

#: How long typing pauses before the search runs.
SEARCH_DELAY_MS = 200
SEARCH_HELP = (
    "Words and \u201cphrases\u201d search question, answer and entry (* is any text); "
    "-word leaves out; or; ( ); terms side by side must all match.\n"
    "entity:untoc  theme:firearms  kind:date  (kind:date* also finds date_reverse)\n"
    "is:new  is:learn  is:review  is:due  is:own (your own cards)\n"
    "prop:due<=1 (days from today)  prop:ivl>=30  prop:r<0.8  prop:s  prop:d  prop:lapses>2  "
    "prop:reps\n"
    "rated:7 (answered in the last 7 days)  rated:7:1 (\u2026 rated Again)\n"
    "is:suspended  is:buried  is:leech  flag:1\u20267 (flag:0: no flag)"
)


class CardsView(QWidget):
    #: The entry of a card to open in the study view (its slug).
    entityOpened = Signal(str)
    #: What an action did, for the window's status bar.
    statusMessage = Signal(str)
    #: The card whose history (card info) was asked for.
    cardInfoRequested = Signal(str)
    #: The context menu of a card (its id) is about to show: more actions may go in it.
    cardMenuAboutToShow = Signal(QMenu, str)

    def __init__(self, service: QuizService, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cardsView")
        self.setAccessibleName("Cards")
        self.service = service
        self._settings = settings
        self._search_text: str | None = None  # the query the table shows
        self._loaded = False
        self._rated = RatedCards(service)
        self.search = SearchField(self)
        self.search.setObjectName("cardsSearch")
        self.search.setAccessibleName("Search the cards")
        self.search.setPlaceholderText(
            "Search cards: words, \u201cphrases\u201d, -not, or, ( ), entity:, theme:, kind:, "
            "is:due, prop:ivl>=30, rated:7"
        )
        self.search.setToolTip(SEARCH_HELP)
        self.search.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setObjectName("cardsCount")
        self.error = QLabel(self)
        self.error.setObjectName("cardsSearchError")
        self.error.setAccessibleName("Search problem")
        self.error.setWordWrap(True)
        self.error.hide()
        self.message = QLabel(self)
        self.message.setObjectName("cardsMessage")
        self.message.setAccessibleName("What the last action did")
        self.message.setWordWrap(True)
        self.message.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._focus_table)
        self.search.toTable.connect(self._focus_table)

        self.model = CardsModel(service.day.tz, self)
        self.table = CardsTable(self)
        self.table.setObjectName("cardsTable")
        self.table.setAccessibleName("Cards")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.setSortingEnabled(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._card_menu)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.activatedCard.connect(self.open_entry)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("cardsDetail")
        self.detail.setAccessibleName("The selected card")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(lambda url: self.open_entry(self.current_card_id()))

        self.info_action = QAction("Card &info\u2026", self)
        self.info_action.setObjectName("cardInfoAction")
        self.info_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.info_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.info_action.triggered.connect(self.show_card_info)
        self.addAction(self.info_action)
        self.open_action = QAction("&Open entry (Enter)", self)
        self.open_action.setObjectName("cardOpenEntryAction")
        self.open_action.triggered.connect(lambda: self.open_entry(self.current_card_id()))
        self.card_actions = BrowserActions(self)
        self.table.flagRequested.connect(self.card_actions.flag)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("cardsSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        self.setFocusProxy(self.search)
        self._restore_columns()

    # -- rows -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # the quiz may have changed schedules since

    def refresh(self) -> None:
        """Read every card's schedule again; the search, the sort and the selection stay."""
        current, selected = self.current_card_id(), self.selected_ids()
        self._rated = RatedCards(self.service)
        self.model.set_rows(card_rows(self.service))
        if not self._loaded:
            self._loaded = True
            self._search_text = None
            self.run_search()
        elif self._search_text:
            self._apply(self._search_text)
        self._update_count()
        self.select(current)
        self._reselect(selected)

    def run_search(self) -> None:
        """Show the cards the field's query finds; a query that cannot be read says why."""
        self._timer.stop()
        text = self.search.text()
        if self._apply(text):
            self._search_text = text
        self._update_count()
        if self.table.currentIndex().isValid():
            self._show_current(self.table.currentIndex())
        elif self.model.rowCount() > 0:
            self.table.selectRow(0)

    def _apply(self, text: str) -> bool:
        try:
            search = parse_search(text)
        except SearchSyntaxError as problem:
            self.error.setText(f"\u26a0 {problem} \u2014 the table still shows the last search.")
            self.error.setStyleSheet(f"color: {palette_colors(self.palette()).warn}")
            self.error.show()
            return False
        self.error.hide()
        selected = self.current_card_id()
        matcher = None if search.matches_everything else search.matcher(SearchContext(self._rated))
        self.model.set_matcher(matcher)
        self.select(selected)
        return True

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count.setText(f"{total} cards" if shown == total else f"{shown} of {total} cards")

    # -- selection, details, actions --------------------------------------------------------

    def current_card_id(self) -> str | None:
        card_id = self.table.currentIndex().data(CARD_ID_ROLE)
        return str(card_id) if card_id else None

    def selected_ids(self) -> list[str]:
        """The selected cards, in table order (else the current one). Read from the
        selection's ranges of whole rows: one per block, not an index per cell."""
        ranges = self.table.selectionModel().selection().toList()
        rows = sorted({row for part in ranges for row in range(part.top(), part.bottom() + 1)})
        ids = [self.model.card_id(row) for row in rows]
        current = self.current_card_id()
        return ids or ([current] if current else [])

    def _reselect(self, card_ids: list[str]) -> None:
        """Select ``card_ids`` again, as few ranges as there are blocks of them."""
        if len(card_ids) < 2:
            return
        wanted = set(card_ids)
        rows = [row for row, card_id in enumerate(self.model.card_ids()) if card_id in wanted]
        selection = QItemSelection()
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i] != rows[i - 1] + 1:
                top, bottom = self.model.index(rows[start], 0), self.model.index(rows[i - 1], 0)
                selection.select(top, bottom)
                start = i
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(selection, flags)

    def tell(self, text: str, *, warn: bool = False) -> None:
        """Say under the search what an action did (or why it did nothing)."""
        self.message.setText(message_html(text, warn, self))
        self.message.show()
        self.statusMessage.emit(text)

    def select(self, card_id: str | None) -> None:
        row = self.model.row_of(card_id) if card_id else None
        if row is None:
            self.detail.clear()
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self._show_current(self.model.index(row, 0))

    def _show_current(self, index: QModelIndex) -> None:
        card_id = index.data(CARD_ID_ROLE) if index.isValid() else None
        card = self.service.card(str(card_id)) if card_id else None
        row = self.model.card_row(str(card_id)) if card_id else None
        if card is None or row is None:
            self.detail.clear()
            return
        colors = palette_colors(self.palette())
        marker = f"<p><i>{escape(card.marker)}</i></p>" if card.marker else ""
        options = "".join(f"<li>{escape(option)}</li>" for option in card.choices)
        items = "".join(f"<li>{escape(item)}</li>" for item in card.items)
        listed = f"<ul>{options}</ul>" if options else (f"<ol>{items}</ol>" if items else "")
        self.detail.setHtml(
            f"{marker}<div style='font-size:large'>{prompt_html(card)}</div>{listed}<hr>"
            f"{answer_html(card, None, colors)}"
            f"<p style='color:{colors.muted}'>{escape(_schedule_line(row, self.service))}</p>"
            f"<p>{_open_line(card.is_own, row.entity)}</p>"
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _focus_table(self) -> None:
        """Down or Enter in the search: run it, and go to the results (a bad query stays)."""
        self.run_search()
        if self.error.isVisible():
            return
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _double_clicked(self, index: QModelIndex) -> None:
        card_id = index.data(CARD_ID_ROLE)
        if card_id:
            self.open_entry(str(card_id))

    def open_entry(self, card_id: str | None) -> None:
        card = self.service.card(card_id) if card_id else None
        if card is not None:
            self.entityOpened.emit(card.entity_slug)

    def show_card_info(self) -> None:
        """The selected card's every answer and its chance of recall now (a dialog)."""
        from ocstudy.ui.cards.card_info import CardInfoDialog

        card_id = self.current_card_id()
        if card_id is None:
            return
        dialog = CardInfoDialog(self.service, card_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.cardInfoRequested.emit(card_id)

    def _card_menu(self, position: QPoint) -> None:
        if not self.table.indexAt(position).isValid():
            return
        menu = QMenu(self)
        menu.setObjectName("cardsContextMenu")
        menu.addAction(self.open_action)
        menu.addAction(self.info_action)
        card_id = self.table.indexAt(position).data(CARD_ID_ROLE)
        if card_id:
            self.cardMenuAboutToShow.emit(menu, str(card_id))
        menu.addSeparator()
        self.card_actions.add_to(menu)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # -- columns and sort, remembered -------------------------------------------------------

    def _column_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.setObjectName("cardsColumnsMenu")
        header = self.table.horizontalHeader()
        for section, column in enumerate(COLUMNS):
            action = menu.addAction(column.title)
            action.setObjectName(f"cardsColumn_{column.key}")
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(section))
            action.toggled.connect(lambda shown, s=section: self.show_column(s, shown))
        menu.popup(header.mapToGlobal(position))

    def show_column(self, section: int, shown: bool) -> None:
        header = self.table.horizontalHeader()
        if not shown and header.count() - header.hiddenSectionCount() <= 1:
            return  # the last column shown stays
        header.setSectionHidden(section, not shown)
        hidden = [c.key for s, c in enumerate(COLUMNS) if header.isSectionHidden(s)]
        self._settings.setValue("cards/hidden", ",".join(hidden) or "-")

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        direction = "desc" if order == Qt.SortOrder.DescendingOrder else "asc"
        self._settings.setValue("cards/sort", f"{COLUMNS[section].key}:{direction}")

    def _restore_columns(self) -> None:
        header = self.table.horizontalHeader()
        saved = str(self._settings.value("cards/hidden", ""))
        hidden = set(saved.split(",")) if saved else {c.key for c in COLUMNS if not c.shown}
        for section, column in enumerate(COLUMNS):
            header.setSectionHidden(section, column.key in hidden)
        width = self.fontMetrics().averageCharWidth()
        widths = {"answer": 28, "entity": 20, "theme": 18, "kind": 17, "state": 22, "flag": 14}
        for section, column in enumerate(COLUMNS):
            title = header.fontMetrics().horizontalAdvance(column.title) + 28  # and the arrow
            sample = self.table.fontMetrics().horizontalAdvance("2026-12-31") + 16
            least = sample if column.key == "due" else width * widths.get(column.key, 8)
            header.resizeSection(section, max(title, least))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the question
        key, _, direction = str(self._settings.value("cards/sort", "due:asc")).partition(":")
        section = COLUMN_KEYS.index(key) if key in COLUMN_KEYS else COLUMN_KEYS.index("due")
        order = Qt.SortOrder.DescendingOrder if direction == "desc" else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(section, order)


def _open_line(own: bool, entity: str) -> str:
    """How to open the card's entry (Enter edits an own card instead)."""
    link = f"<a href='entry'>Open {escape(entity)} in the study view</a>" if entity else ""
    if own:
        return " \u00b7 ".join(p for p in ("Enter edits your card", link) if p)
    return f"{link} (Enter)"


def _schedule_line(row: CardRow, service: QuizService) -> str:
    flag = f" \u00b7 flag {FLAG_NAMES[row.flag].lower()}" if row.flag else ""
    if row.state == "new":
        state = state_text(row).capitalize()
        return f"{state}: never answered{flag} \u00b7 {row.kind} \u00b7 {row.theme}"
    interval = f"{row.interval:.1f} days" if row.interval is not None else "?"
    chance = f"{row.retrievability:.0%}" if row.retrievability is not None else "?"
    due = row.due.astimezone(service.day.tz).date().isoformat() if row.due else "?"
    return (
        f"{state_text(row).capitalize()}{flag} \u00b7 due {due} \u00b7 interval {interval} \u00b7 "
        f"chance of recall now {chance} \u00b7 {counted(row.reps, 'review')}, "
        f"{counted(row.lapses, 'lapse')} \u00b7 "
        f"{row.kind} \u00b7 {row.theme}"
    )
