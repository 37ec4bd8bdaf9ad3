"""The browser's actions on the selected cards, with Anki's keys: suspend (Ctrl+J), bury
(Ctrl+Shift+J), flag (Ctrl+1...7, Ctrl+0 none), forget (Ctrl+Alt+N, asks), set due date
(Ctrl+Shift+D), add and remove tags (``tag_actions.py``) and undo (Ctrl+Z, also of an own
card's delete or edit: one list, newest first). Each says what it did under the search
field; a write that fails (a read-only folder, a full disk) says so there, and nothing
changes.

An action (or an undo) on many cards runs as an operation (``bulk.py``)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox

from ocstudy.services.browser.actions import (
    FLAG_NAMES,
    CardActions,
    CardChange,
    DueDateError,
    OtherChange,
    cards_text,
    parse_due_days,
)
from ocstudy.services.errors import UserDatabaseError
from ocstudy.ui.cards.bulk import Action, BulkActions, done_text
from ocstudy.ui.cards.tag_actions import TagActions
from ocstudy.ui.common.operations import Operation
from ocstudy.ui.common.palette import flag_color, palette_colors

if TYPE_CHECKING:
    from ocstudy.ui.cards.view import CardsView

DUE_HELP = "Due in how many days? 0 = today, 3 = in 3 days, 3-7 = a random day in that range"


class BrowserActions(QObject):
    def __init__(self, view: CardsView) -> None:
        super().__init__(view)
        self.view = view
        self.actions = CardActions(view.service.schedule)
        self.bulk = BulkActions(view, self.actions)
        #: The bulk operation started last, if any.
        self.operation: Operation[Any] | None = None
        self.suspend = self.make_action("&Suspend / unsuspend", "Ctrl+J", "cardSuspendAction")
        self.suspend.triggered.connect(lambda: self.run(CardActions.toggle_suspend))
        self.bury = self.make_action("&Bury until tomorrow", "Ctrl+Shift+J", "cardBuryAction")
        self.bury.triggered.connect(lambda: self.run(CardActions.bury))
        self.forget = self.make_action("&Forget (make new)\u2026", "Ctrl+Alt+N", "cardForgetAction")
        self.forget.triggered.connect(self.ask_forget)
        self.set_due = self.make_action("Set &due date\u2026", "Ctrl+Shift+D", "cardSetDueAction")
        self.set_due.triggered.connect(self.ask_due)
        self.undo = self.make_action("&Undo", "Ctrl+Z", "cardUndoAction")
        self.undo.triggered.connect(self.undo_last)
        self.tags = TagActions(self)
        self.flags: list[QAction] = []
        for number, name in enumerate(FLAG_NAMES):
            # Ctrl+0...7 reach the table as keys (see CardsTable); the menu shows the key
            # after a tab.
            action = QAction(f"{name or 'No flag'}\tCtrl+{number}", self)
            action.setObjectName(f"cardFlag{number}Action")
            color = flag_color(number, view.palette())
            if color:
                pixmap = QPixmap(12, 12)
                pixmap.fill(QColor(color))
                action.setIcon(QIcon(pixmap))
            action.triggered.connect(lambda _=False, n=number: self.flag(n))
            self.flags.append(action)

    def make_action(self, text: str, key: str, name: str) -> QAction:
        """An action on the selected cards, its key working wherever the browser has focus."""
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.addAction(action)
        return action

    def add_to(self, menu: QMenu) -> None:
        """The actions in the table's context menu."""
        for action in (self.suspend, self.bury):
            menu.addAction(action)
        flags = menu.addMenu("F&lag")
        flags.setObjectName("cardsFlagMenu")
        for action in (*self.flags[1:], self.flags[0]):
            flags.addAction(action)
        for action in (self.tags.add, self.tags.remove, self.forget, self.set_due):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.undo)
        self.undo.setEnabled(self.actions.can_undo)

    # -- the actions ------------------------------------------------------------------------

    def flag(self, number: int) -> None:
        self.run(lambda actions, ids: actions.flag(ids, number))

    def ask_forget(self) -> None:
        ids = self.view.selected_ids()
        if not ids:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Forget cards",
            f"Make {cards_text(len(ids))} new again? Their schedule goes; their answers stay "
            "in the review log. Ctrl+Z undoes it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.view,
        )
        box.setObjectName("cardsForgetQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.run(CardActions.forget, ids))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def ask_due(self) -> None:
        ids = self.view.selected_ids()
        if not ids:
            return
        dialog = QInputDialog(self.view)
        dialog.setObjectName("cardsDueDialog")
        dialog.setWindowTitle("Set due date")
        dialog.setLabelText(f"{DUE_HELP}\n({cards_text(len(ids))} selected)")
        dialog.setTextValue("0")
        dialog.textValueSelected.connect(lambda text: self.due(ids, text))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        line = dialog.findChild(QLineEdit)
        if line is not None:
            line.selectAll()

    def due(self, ids: list[str], text: str) -> None:
        try:
            parse_due_days(text)
        except DueDateError as problem:
            self.view.tell(f"{problem}. Nothing changed.", warn=True)
            return
        self.run(lambda actions, chosen: actions.set_due(chosen, text), ids)

    def undo_last(self) -> None:
        """Undo the newest action: a mark, a schedule, or an own card's delete or edit."""
        last = self.actions.last
        if isinstance(last, CardChange) and self.bulk.takes(len(last.edits)):
            self.operation = self.bulk.undo(last)
            return
        try:
            message = self.actions.undo_last()
        except UserDatabaseError as error:
            self.view.tell(f"Not undone: {error}. Nothing changed.", warn=True)
            return
        if message is None:
            self.view.tell("Nothing to undo in the browser.")
            return
        self.view.refresh()
        if isinstance(last, OtherChange) and last.card_id:
            self.view.select(last.card_id)
        self.view.tell(message)

    def run(self, action: Action, ids: list[str] | None = None) -> None:
        """``action`` on ``ids`` (None: the selected cards), then say what it did."""
        chosen = ids if ids is not None else self.view.selected_ids()
        if not chosen:
            return
        if self.bulk.takes(len(chosen)):
            self.operation = self.bulk.apply(action, chosen)
            return
        try:
            change = action(self.actions, chosen)
        except UserDatabaseError as error:
            self.view.tell(f"Not saved: {error}. Nothing changed.", warn=True)
            return
        self.view.refresh()
        self.view.tell(done_text(change))


def message_html(text: str, warn: bool, view: CardsView) -> str:
    """``text`` as the rich text of the message line (``'`` and ``"`` left as they are: the
    line is rich text, never guessed, so they show as themselves)."""
    colors = palette_colors(view.palette())
    if warn:
        return f'<span style="color:{colors.warn}">\u26a0 {escape(text, quote=False)}</span>'
    return escape(text, quote=False)
