"""The browser's commands on the card under the cursor: open its entry in the study view (Enter,
a double click, the link in the card's pane, the context menu) and its card info (Ctrl+Shift+I,
the context menu: every answer and its chance of recall now). The context menu also holds the
actions on the selected cards (``actions.py``) and what others add to it when it is about to
show (the own cards' edit and delete, ``own_actions.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ocstudy.ui.cards.host import CardsHost
from ocstudy.ui.cards.model import CARD_ID_ROLE

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QTextBrowser

    from ocstudy.ui.cards.actions import BrowserActions
    from ocstudy.ui.cards.table import CardsTable


class CardMenuHost(CardsHost, Protocol):
    @property
    def table(self) -> CardsTable: ...
    @property
    def detail(self) -> QTextBrowser: ...
    @property
    def card_actions(self) -> BrowserActions: ...
    @property
    def entityOpened(self) -> SignalInstance: ...
    @property
    def cardInfoRequested(self) -> SignalInstance: ...
    @property
    def cardMenuAboutToShow(self) -> SignalInstance: ...

    def current_card_id(self) -> str | None: ...


class CardMenu(QObject):
    def __init__(self, view: CardMenuHost) -> None:
        assert isinstance(view, QWidget)
        super().__init__(view)
        self.view = view
        view.table.customContextMenuRequested.connect(self.popup)
        view.table.doubleClicked.connect(self._double_clicked)
        view.table.activatedCard.connect(self.open_entry)
        view.detail.anchorClicked.connect(lambda url: self.open_entry(view.current_card_id()))
        self.info_action = QAction("Card &info\u2026", view)
        self.info_action.setObjectName("cardInfoAction")
        self.info_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.info_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.info_action.triggered.connect(self.show_card_info)
        view.addAction(self.info_action)
        self.open_action = QAction("&Open entry (Enter)", view)
        self.open_action.setObjectName("cardOpenEntryAction")
        self.open_action.triggered.connect(lambda: self.open_entry(view.current_card_id()))

    def _double_clicked(self, index: QModelIndex) -> None:
        card_id = index.data(CARD_ID_ROLE)
        if card_id:
            self.open_entry(str(card_id))

    def open_entry(self, card_id: str | None) -> None:
        card = self.view.service.catalogue.card(card_id) if card_id else None
        if card is not None:
            self.view.entityOpened.emit(card.entity_slug)

    def show_card_info(self) -> None:
        """The selected card's every answer and its chance of recall now (a dialog)."""
        from ocstudy.ui.cards.card_info import CardInfoDialog

        card_id = self.view.current_card_id()
        if card_id is None:
            return
        assert isinstance(self.view, QWidget)
        dialog = CardInfoDialog(self.view.service, card_id, self.view)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.view.cardInfoRequested.emit(card_id)

    def popup(self, position: QPoint) -> None:
        """The context menu of the card at ``position`` (in the table's viewport)."""
        table = self.view.table
        if not table.indexAt(position).isValid():
            return
        assert isinstance(self.view, QWidget)
        menu = QMenu(self.view)
        menu.setObjectName("cardsContextMenu")
        menu.addAction(self.open_action)
        menu.addAction(self.info_action)
        card_id = table.indexAt(position).data(CARD_ID_ROLE)
        card = self.view.service.catalogue.card(str(card_id)) if card_id else None
        self.open_action.setEnabled(card is not None and bool(card.entity_slug))
        if card_id:
            self.view.cardMenuAboutToShow.emit(menu, str(card_id))
        menu.addSeparator()
        self.view.card_actions.add_to(menu)
        menu.popup(table.viewport().mapToGlobal(position))
