"""The learner's own cards in the cards browser: Edit card… (Enter on an own card, or the
context menu) opens the Add card dialog in edit mode; Delete card… (Ctrl+Delete, or the
context menu) asks first. Both are undone by the browser's Ctrl+Z, in turn with its other
actions (see ``BrowserActions.undo_last``): a deleted card comes back with its schedule. A card
changed since (a JSON import brought a newer version) is kept as it is now, and the undo says
so, as it does for marks. An edit that met a card changed elsewhere keeps both (the dialog says
so): the learner's version, a new card, is selected.

Generated cards cannot be edited or deleted: Enter on them opens their entry, as before.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ocstudy.services.browser.actions import OtherChange
from ocstudy.services.errors import UserDatabaseError
from ocstudy.services.own_cards import OwnCard, OwnCardEdit, OwnCardService, is_own_id
from ocstudy.ui.cards.add_dialog import AddCardDialog
from ocstudy.ui.cards.view import CardsView
from ocstudy.ui.common.confirm import confirm_deletion


def confirm_delete_card(parent: QWidget, front: str) -> bool:
    """Ask before an own card is deleted: "Delete card" or "Keep it" (the default)."""
    first = front.strip().splitlines()[0][:80] if front.strip() else ""
    return confirm_deletion(
        parent,
        "Delete card",
        f"Delete your card \u201c{first}\u201d? Its review history is kept, and Ctrl+Z in "
        "the cards browser brings it back.",
        name="deleteCardDialog",
    )


class OwnCardActions(QObject):
    """Edit and delete on the browser's own cards; what they did is said under the search
    field (and in the window's status bar), as the browser's other actions say it."""

    #: The own cards changed (added back, edited, deleted): other views may refresh.
    cardsChanged = Signal()

    def __init__(self, view: CardsView, service: OwnCardService) -> None:
        super().__init__(view)
        self.view = view
        self.service = service
        self.edit_action = self._action("&Edit card\u2026", "cardEditAction", self.edit_current)
        self.delete_action = self._action(
            "&Delete card\u2026", "cardDeleteAction", self.delete_current, "Ctrl+Del"
        )
        view.table.installEventFilter(self)
        view.cardMenuAboutToShow.connect(self._extend_menu)

    def _action(self, text: str, name: str, slot: object, keys: str | None = None) -> QAction:
        action = QAction(text, self.view)
        action.setObjectName(name)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        action.triggered.connect(slot)
        return action

    def _current_own(self) -> str | None:
        """The own card with the cursor, if it is highlighted: a row Ctrl+click took out of
        the selection keeps the cursor but is not acted on, as the browser's other keys do."""
        card_id = self.view.current_card_id()
        if not card_id or not is_own_id(card_id) or card_id not in self.view.selected_ids():
            return None
        return card_id

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on an own card edits it (on a generated card it opens the entry)."""
        if (
            watched is self.view.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self._current_own()
        ):
            self.edit_current()
            return True
        return super().eventFilter(watched, event)

    def _extend_menu(self, menu: QMenu, card_id: str) -> None:
        if is_own_id(card_id):
            first = menu.actions()[0] if menu.actions() else None
            if first is None:
                menu.addAction(self.edit_action)
            else:
                menu.insertAction(first, self.edit_action)
            menu.addSeparator()
            menu.addAction(self.delete_action)

    # -- edit, delete, undo -----------------------------------------------------------------

    def edit_current(self) -> AddCardDialog | None:
        card_id = self._current_own()
        card = self.service.card(card_id) if card_id else None
        if card is None:
            return None
        dialog = AddCardDialog(self.service, editing=card, parent=self.view)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.cardEdited.connect(lambda _id: self._edited(card, dialog.saved))
        dialog.open()
        return dialog

    def _edited(self, before: OwnCard, saved: OwnCardEdit | None) -> None:
        """Saved: Ctrl+Z puts ``before`` back. Kept apart (the card had changed elsewhere, the
        dialog said so): the learner's new card is selected, and there is nothing to undo."""
        if saved is None:
            return  # saved unchanged: nothing was written
        if saved.kept_apart:
            self.view.refresh()
            self.view.select(saved.after.id)
            self.view.tell("Both versions of the card are kept: yours is selected.")
        else:
            self._remember(before, saved.after, "Undone: your card's edit", "Edit card")
            self.view.refresh()
            self.view.select(before.id)
            self.view.tell("Card saved; its schedule is as it was. Ctrl+Z undoes it.")
        self.cardsChanged.emit()

    def delete_current(self) -> None:
        card_id = self._current_own()
        card = self.service.card(card_id) if card_id else None
        if card is None or not confirm_delete_card(self.view, card.front):
            return
        try:
            deleted = self.service.delete(card.id)
        except UserDatabaseError as error:
            self.view.tell(f"The card was not deleted: {error}", warn=True)
            return
        if deleted is not None:
            self._remember(
                deleted,
                None,
                "Undone: your card's deletion; it is back, with its schedule",
                "Delete card",
            )
        self.view.refresh()
        self.view.tell("Card deleted. Ctrl+Z brings it back.")
        self.cardsChanged.emit()

    def _remember(self, card: OwnCard, since: OwnCard | None, done: str, title: str) -> None:
        """Keep ``card`` as it was, for the browser's undo to put back while the card is still
        ``since`` (the edit's result; None: deleted); ``title`` names it in Edit > Undo."""
        self.view.card_actions.remember(
            OtherChange(lambda: self._put_back(card, since, done), card.id), title
        )

    def _put_back(self, card: OwnCard, since: OwnCard | None, done: str) -> str:
        # a UserDatabaseError: the undo says so and keeps it
        restored = self.service.restore(card, since)
        self.cardsChanged.emit()
        if not restored:
            return (
                "Not undone: your card changed since (an import?) and is kept as it is now "
                "(change it by hand if you want to)"
            )
        return done
