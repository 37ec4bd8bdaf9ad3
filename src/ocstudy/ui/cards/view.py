"""The cards browser: every card in a table, a search in Anki's syntax, a sidebar of
searches, the selected card as the quiz shows it, and its review history (card info).

The table shows what the search found; a query that cannot be read says why under the field
and the table keeps the last good result. Actions on the selected cards (suspend, bury, flag,
tag, forget, set due date, undo) are in ``actions.py``; the card's own commands (open its
entry, card info) and the context menu in ``card_menu.py``; the search field and the table,
with its selection, in ``table.py``; the columns in ``columns.py``; the sidebar (Ctrl+Shift+R
shows or hides it, as in Anki) in ``sidebar.py``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocstudy.services.browser.query import SearchContext
from ocstudy.services.browser.rows import RatedCards, card_rows, card_rows_of
from ocstudy.services.browser.search import Join, SearchSyntaxError, combined, parse_search
from ocstudy.services.operations import Changes
from ocstudy.services.review.quiz import QuizService
from ocstudy.ui.cards.actions import BrowserActions, message_html
from ocstudy.ui.cards.card_detail import card_detail_html
from ocstudy.ui.cards.card_menu import CardMenu
from ocstudy.ui.cards.columns import CardColumns
from ocstudy.ui.cards.model import CARD_ID_ROLE, CardsModel
from ocstudy.ui.cards.saved_searches import SavedSearchActions
from ocstudy.ui.cards.sidebar import CardsSidebar, SidebarContent
from ocstudy.ui.cards.table import CardsTable, SearchField
from ocstudy.ui.common.changes import ChangeNotice
from ocstudy.ui.common.palette import palette_colors

#: How long typing pauses before the search runs.
SEARCH_DELAY_MS = 200
#: The sidebar's width at first, in average characters.
SIDEBAR_CHARS = 30


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
        self._search_text: str | None = None  # the query the table shows
        self._loaded = False
        #: The window's change notice (None: shown on its own, the table is read again on
        #: every show); the cards changed since the table was read, or everything.
        self._notice: ChangeNotice | None = None
        self._pending = Changes()
        self._read_day: object = None  # the study day the table was read on
        self._rated = RatedCards(service)
        self.search = SearchField(self)
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
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._focus_table)
        self.search.toTable.connect(self._focus_table)

        self.model = CardsModel(service.schedule.day.tz, self)
        self.table = CardsTable(self.model, self)
        self.columns = CardColumns(self.table, settings)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("cardsDetail")
        self.detail.setAccessibleName("The selected card")
        self.detail.setOpenLinks(False)
        self.card_menu = CardMenu(self)
        self.card_actions = BrowserActions(self)
        self.table.flagRequested.connect(self.card_actions.flag)

        self.sidebar = CardsSidebar(settings, self)
        self.sidebar.searchChosen.connect(self.search_from_sidebar)
        self.saved_searches = SavedSearchActions(self)
        self.sidebar_action = self.sidebar.toggle_action
        self.addAction(self.sidebar_action)
        sidebar_button = QToolButton(self)
        sidebar_button.setObjectName("cardsSidebarButton")
        sidebar_button.setDefaultAction(self.sidebar_action)
        sidebar_button.setAccessibleName("Show or hide the sidebar")

        top = QHBoxLayout()
        top.addWidget(sidebar_button)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("cardsSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.side_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.side_splitter.setObjectName("cardsSideSplitter")
        self.side_splitter.addWidget(self.sidebar)
        self.side_splitter.addWidget(self.splitter)
        self.side_splitter.setCollapsible(0, False)
        self.side_splitter.setCollapsible(1, False)
        self.side_splitter.setStretchFactor(1, 1)
        width = self.fontMetrics().averageCharWidth() * SIDEBAR_CHARS
        self.sidebar.setMinimumWidth(width // 2)
        self.side_splitter.setSizes([width, 1000])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.message)
        layout.addWidget(self.side_splitter, 1)
        self.setFocusProxy(self.search)
        self.sidebar.show_as_left()

    # -- rows -------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """A new look (or the first palette a new view gets): the card's pane follows it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.table.currentIndex().isValid():
            self._show_current(self.table.currentIndex())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._notice is None or not self._loaded or self._read_day != self._today():
            self.refresh()  # no notice to hear changes from, a new day's due: all read again
        else:
            self._catch_up()

    def attach_changes(self, notice: ChangeNotice) -> None:
        """Hear of changes from ``notice`` (the window's): the rows of the cards changed are
        read again, not the whole table; the actions record in its one undo history."""
        self._notice = notice
        notice.changed.connect(self.data_changed)
        self.card_actions.attach(notice)

    def data_changed(self, changes: Changes) -> None:
        if not (changes.touches_cards or changes.touches_schedules):
            return
        self._pending = self._pending | changes
        if self.isVisible():
            self._catch_up()

    def _catch_up(self) -> None:
        """Show the changes heard of: the changed cards' rows, or the whole table read again
        (everything, or the own cards: the deck itself changed)."""
        pending, self._pending = self._pending, Changes()
        if pending.everything or pending.own_cards or pending.touches_schedules:
            self.refresh()
        elif pending.card_ids:
            self.refresh_cards(pending.card_ids)

    def _today(self) -> object:
        return self.service.schedule.today()

    def refresh_cards(self, card_ids: Iterable[str]) -> None:
        """Read again only the rows of ``card_ids``; the search, the sort and the selection
        stay. A card whose row now matches the search otherwise runs the search again."""
        known = [i for i in dict.fromkeys(card_ids) if self.model.card_row(i) is not None]
        rows = card_rows_of(self.service, known)
        if len(rows) != len(known):  # a card left the deck
            self.refresh()
            return
        self._rated = RatedCards(self.service)  # an answer is in the rated: log now
        replaced = self.model.update_rows(rows)
        if self._search_text and self._search_text.strip():
            current, selected = self.current_card_id(), self.selected_ids()
            self._apply(self._search_text)  # the rated: cards, and rows now in or out
            self._update_count()
            self.select(current or self.current_card_id())
            self.table.reselect(selected)
        if any(old.tags != new.tags for old, new in zip(replaced, rows, strict=True)):
            self.update_sidebar()
        if self.table.currentIndex().isValid():
            self._show_current(self.table.currentIndex())

    def refresh(self) -> None:
        """Read every card's schedule again; the search, the sort and the selection stay."""
        current, selected = self.current_card_id(), self.selected_ids()
        self._pending = Changes()
        self._read_day = self._today()
        self._rated = RatedCards(self.service)
        self.model.set_rows(card_rows(self.service))
        if not self._loaded:
            self._loaded = True
            self._search_text = None
            self.run_search()
        elif self._search_text:
            self._apply(self._search_text)
        self._update_count()
        self.select(current or self.current_card_id())
        self.table.reselect(selected)
        self.update_sidebar()

    def update_sidebar(self) -> None:
        """List the kinds and tags the cards have, and the saved searches, in the sidebar."""
        themes = {theme.key: theme.label for theme in self.service.catalogue.themes}
        content = SidebarContent.of(self.model.rows(), themes, self.saved_searches.searches())
        self.sidebar.show_content(content)

    def shown_search(self) -> str:
        """The search the table shows (the last one that could be read)."""
        return (self._search_text or "").strip()

    def search_from_sidebar(self, search: str, join: str, negate: bool) -> None:
        """Search for a sidebar item, alone or joined to the search shown (see ``sidebar``)."""
        how: Join = "and" if join == "and" else "or" if join == "or" else "replace"
        self.search.setText(combined(self.shown_search(), search, how, negate=negate))
        self.run_search()

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
            self.table.select_only(0)

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
        return self.table.current_card_id()

    def selected_ids(self) -> list[str]:
        """The selected cards, in table order (none when every row was deselected)."""
        return self.table.selected_ids()

    def tell(self, text: str, *, warn: bool = False) -> None:
        """Say under the search what an action did (or why it did nothing)."""
        self.message.setText(message_html(text, warn, self))
        self.message.show()
        self.statusMessage.emit(text)

    def undo_recorded(self) -> None:
        """An action was kept to undo: Ctrl+Z in the search field undoes it (not a refusal or
        a message: then the field's Ctrl+Z is its typing's)."""
        self.search.undo_recorded()

    def select(self, card_id: str | None) -> None:
        row = self.model.row_of(card_id) if card_id else None
        if row is None:
            self.detail.clear()
            return
        self.table.select_only(row)
        self.table.scrollTo(self.model.index(row, 0))
        self._show_current(self.model.index(row, 0))

    def _show_current(self, index: QModelIndex) -> None:
        card_id = index.data(CARD_ID_ROLE) if index.isValid() else None
        card = self.service.catalogue.card(str(card_id)) if card_id else None
        row = self.model.card_row(str(card_id)) if card_id else None
        if card is None or row is None:
            self.detail.clear()
            return
        colors = palette_colors(self.palette())
        self.detail.setHtml(card_detail_html(card, row, self.service, colors))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _focus_table(self) -> None:
        """Down or Enter in the search: run it, and go to the results (a bad query stays)."""
        self.run_search()
        if self.error.isVisible():
            return
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.select_only(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_card_info(self) -> None:
        """The selected card's every answer and its chance of recall now (a dialog)."""
        self.card_menu.show_card_info()
