"""The browser's actions on the selected cards, with Anki's keys: suspend (Ctrl+J), bury
(Ctrl+Shift+J), flag (Ctrl+1...7, Ctrl+0 none), forget (Ctrl+Alt+N, asks), set due date
(Ctrl+Shift+D), add and remove tags (``tag_actions.py``) and undo (Ctrl+Z, also of an own
card's delete or edit: one list, newest first). Each says what it did under the search
field; a write that fails (a read-only folder, a full disk) says so there, and nothing
changes.

In the window every action joins the window's one undo history and is announced on its change
notice (``attach``): the table reads again the cards it changed when it hears of them, and
Ctrl+Z (Edit > Undo) takes back the newest change, whichever view made it. Shown on its own,
the browser keeps its own list.

An action (or an undo) on many cards runs as an operation (``bulk.py``)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QWidget

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
from ocstudy.services.operations import Changes, UndoStep
from ocstudy.ui.cards.bulk import Action, BulkActions, done_text
from ocstudy.ui.cards.tag_actions import TagActions
from ocstudy.ui.common.changes import ChangeNotice
from ocstudy.ui.common.operations import Operation
from ocstudy.ui.common.palette import flag_color, palette_colors

if TYPE_CHECKING:
    from ocstudy.ui.cards.host import CardsHost

DUE_HELP = "Due in how many days? 0 = today, 3 = in 3 days, 3-7 = a random day in that range"


class BrowserActions(QObject):
    def __init__(self, view: CardsHost) -> None:
        assert isinstance(view, QWidget)
        super().__init__(view)
        self.view = view
        self.actions = view.service.card_actions
        self.bulk = BulkActions(view, self.actions)
        #: The window's change notice and undo history (None: the browser's own list).
        self.notice: ChangeNotice | None = None
        #: The bulk operation started last, if any.
        self.operation: Operation[Any] | None = None
        self.suspend = self.make_action("&Suspend / unsuspend", "Ctrl+J", "cardSuspendAction")
        self.suspend.triggered.connect(
            lambda: self.run(CardActions.toggle_suspend, title="Suspend")
        )
        self.bury = self.make_action("&Bury until tomorrow", "Ctrl+Shift+J", "cardBuryAction")
        self.bury.triggered.connect(lambda: self.run(CardActions.bury, title="Bury"))
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
        self.undo.setEnabled(
            self.notice.history.can_undo if self.notice is not None else self.actions.can_undo
        )

    def attach(self, notice: ChangeNotice) -> None:
        """Record in ``notice``'s one history and announce there; its Ctrl+Z is the window's
        (Edit > Undo), which calls :meth:`undo_last` while the browser is shown."""
        self.notice = notice
        self.undo.setShortcut(QKeySequence())
        self.bulk.notice = notice
        self.bulk.record_step = self.done

    # -- the actions ------------------------------------------------------------------------

    def flag(self, number: int) -> None:
        title = f"Flag {FLAG_NAMES[number].lower()}" if number else "No flag"
        self.run(lambda actions, ids: actions.flag(ids, number), title=title)

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
        box.accepted.connect(lambda: self.run(CardActions.forget, ids, title="Forget"))
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
        self.run(lambda actions, chosen: actions.set_due(chosen, text), ids, title="Set due date")

    def undo_last(self) -> None:
        """Undo the newest action: a mark, a schedule, or an own card's delete or edit (in
        the window: the newest change of the one history)."""
        if self.notice is not None:
            if self.notice.history.newest() is None:
                self.view.tell("Nothing to undo in the browser.")
            else:
                self.notice.undo()
            return
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

    def run(
        self, action: Action, ids: list[str] | None = None, *, title: str = "Change cards"
    ) -> None:
        """``action`` on ``ids`` (None: the selected cards), then say what it did; ``title``
        names it in the Edit menu's Undo."""
        chosen = ids if ids is not None else self.view.selected_ids()
        if not chosen:
            return
        if self.bulk.takes(len(chosen)):
            self.operation = self.bulk.apply(action, chosen, title)
            return
        try:
            change = action(self.actions, chosen)
        except UserDatabaseError as error:
            self.view.tell(f"Not saved: {error}. Nothing changed.", warn=True)
            return
        self.done(change, title)
        self.view.tell(done_text(change))

    def done(self, change: CardChange, title: str) -> None:
        """``change`` was made: the table shows it, and Ctrl+Z can take it back."""
        if change.edits:
            self.view.undo_recorded()
        if self.notice is None:
            self.view.refresh()
            return
        step = UndoStep(title, lambda: self._undo_change(step, change), kind="cards")
        self.notice.done(
            Changes.of_cards(edit.card_id for edit in change.edits),
            step if change.edits else None,
        )

    def _undo_change(self, step: UndoStep, change: CardChange) -> Changes | None:
        """Put back what ``change`` changed (many cards: as an operation, which takes the
        step out of the history when it has ended); what that changed."""
        if self.bulk.takes(len(change.edits)):
            self.operation = self.bulk.undo(change, step)
            return None
        try:
            message = self.actions.undo(change)
        except UserDatabaseError as error:
            self.view.tell(f"Not undone: {error}. Nothing changed.", warn=True)
            return None
        self.view.tell(message)
        return Changes.of_cards(edit.card_id for edit in change.edits)

    def remember(self, change: OtherChange, title: str) -> None:
        """Keep ``change`` (an own card's delete or edit) to undo in turn with the rest."""
        self.view.undo_recorded()
        if self.notice is None:
            self.actions.remember(change)
            return

        def undo() -> Changes | None:
            try:
                message = change.undo()
            except UserDatabaseError as error:
                self.view.tell(f"Not undone: {error}. Nothing changed.", warn=True)
                return None
            self.view.refresh()
            if change.card_id:
                self.view.select(change.card_id)
            self.view.tell(message)
            ids = [change.card_id] if change.card_id else []
            return Changes.of_cards(ids, own_cards=True)

        self.notice.done(Changes(), UndoStep(title, undo, kind="own card"))


def message_html(text: str, warn: bool, view: CardsHost) -> str:
    """``text`` as the rich text of the message line (``'`` and ``"`` left as they are: the
    line is rich text, never guessed, so they show as themselves)."""
    colors = palette_colors(view.palette())
    if warn:
        return f'<span style="color:{colors.warn}">\u26a0 {escape(text, quote=False)}</span>'
    return escape(text, quote=False)
