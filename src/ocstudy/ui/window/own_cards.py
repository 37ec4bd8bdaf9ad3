"""The learner's own cards, from the window: File > Add card… (Ctrl+Shift+A, from any view),
"Add a card on this entry…" in the tree's context menu, "Make a card from the selection…" in
a note's, the cards browser's edit and delete, and the JSON export and import (File menu).

The new card's entry is the one in view: the study view's entry, the card selected in the
cards browser or on screen in the quiz, else the study view's. Text selected in the note
editor pre-fills the back (see :mod:`ocstudy.ui.cards.add_dialog`).

A card the learner was writing when ocstudy last had to close (SIGTERM, a logout) is offered
once the window is painted: Open it (the dialog, as it was left), Later (asked again at the
next start) or Discard; several, one after the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QWidget

from ocstudy.services.operations import Changes
from ocstudy.ui.window.parts import WindowParts

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPlainTextEdit

    from ocstudy.services.exchange.card_recovery import UnsavedCard
    from ocstudy.services.exchange.exports import Outcome
    from ocstudy.services.own_cards import OwnCardService
    from ocstudy.ui.cards.add_dialog import AddCardDialog
    from ocstudy.ui.cards.own_actions import OwnCardActions
    from ocstudy.ui.cards.view import CardsView
    from ocstudy.ui.common.operations import Operation
    from ocstudy.ui.window.file_actions import FileActions


class FilesWindow(WindowParts, Protocol):
    """The window with its file actions (which run the own cards' imports and exports)."""

    @property
    def files(self) -> FileActions: ...


class OwnCardWindow(QObject):
    def __init__(self, window: FilesWindow) -> None:
        assert isinstance(window, QWidget)
        super().__init__(window)
        self.window = window
        self._service: OwnCardService | None = None
        self.browser_actions: OwnCardActions | None = None
        self.dialog: AddCardDialog | None = None
        editor = window.study.notes.editor
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(lambda at: self._note_menu(editor, at))
        tree = window.study.tree
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._tree_menu)
        self._unsaved: list[UnsavedCard] = []
        window.firstPainted.connect(self.offer_unsaved_cards)

    @property
    def used(self) -> bool:
        """Whether own cards were touched in this window (the quiz service exists then)."""
        return self._service is not None

    def service(self) -> OwnCardService:
        if self._service is None:
            self._service = self.window.services.own_cards()
        return self._service

    # -- adding -----------------------------------------------------------------------------

    def entity_in_view(self) -> str | None:
        view = self.window.current_view
        card_id: str | None = None
        if view == "cards" and self.window.cards is not None:
            card_id = self.window.cards.current_card_id()
        elif view == "quiz" and self.window.quiz is not None and self.window.quiz.card:
            card_id = self.window.quiz.card.id
        card = self.window.quiz_service().catalogue.card(card_id) if card_id else None
        if card is not None:
            return card.entity_slug or None
        return self.window.study.current_slug

    def note_selection(self) -> str:
        """The passage selected in the note editor, if the study view shows it."""
        if self.window.current_view != "study":
            return ""
        selected = self.window.study.notes.editor.textCursor().selectedText()
        return selected.replace("\u2029", "\n").strip()

    def add_card(self) -> AddCardDialog:
        """Open the Add card dialog (one at a time: a second Ctrl+Shift+A shows it again)."""
        from ocstudy.ui.cards.add_dialog import AddCardDialog

        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        back = self.note_selection()
        dialog = AddCardDialog(
            self.service(), entity_slug=self.entity_in_view(), back=back, parent=self.window
        )
        return self._open(dialog)

    def _open(self, dialog: AddCardDialog) -> AddCardDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.cardAdded.connect(self._added)
        dialog.cardEdited.connect(lambda _id: self.changed())
        dialog.destroyed.connect(self._dialog_gone)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_gone(self) -> None:
        self.dialog = None
        if self._unsaved:
            self._ask_about(self._unsaved[0])

    # -- cards kept when ocstudy had to close -----------------------------------------------

    def offer_unsaved_cards(self) -> None:
        """Offer the cards kept in recovery files by an earlier run, one at a time (not once
        the window has closed: a quit before the first paint keeps them for the next start)."""
        from ocstudy.services.exchange.card_recovery import unsaved_cards
        from ocstudy.ui.window.closing import recovery_folders

        if not self.window.isVisible():
            return
        data_dir = self.window.data_dir
        self._unsaved = unsaved_cards(data_dir, recovery_folders(data_dir))
        if self._unsaved:
            self._ask_about(self._unsaved[0])

    def _ask_about(self, card: UnsavedCard) -> None:
        from PySide6.QtWidgets import QMessageBox

        front = card.draft.front.strip()
        named = f" \u201c{front.splitlines()[0][:60]}\u201d" if front else ""
        more = f" ({len(self._unsaved) - 1} more after it)" if len(self._unsaved) > 1 else ""
        if card.editing is not None:
            text = (
                f"When ocstudy last closed, your changes to the card{named} were not saved yet. "
                f"They were kept{more}: open them to finish?"
            )
        else:
            text = (
                f"When ocstudy last closed, the card you were writing{named} was not added "
                f"yet. It was kept{more}: open it to finish it?"
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Unsaved card",
            text,
            parent=self.window,
        )
        box.setObjectName("unsavedCardOffer")
        box.setAccessibleName("Unsaved card")
        open_it = box.addButton("Open it", QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(open_it)
        box.setEscapeButton(later)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._answered(box, button, card))
        box.open()

    def _answered(self, box: QMessageBox, button: QAbstractButton, card: UnsavedCard) -> None:
        from PySide6.QtWidgets import QMessageBox

        role = box.buttonRole(button)
        if role == QMessageBox.ButtonRole.RejectRole:  # later: all of them, at the next start
            self._unsaved = []
            return
        self._unsaved.remove(card)
        if role == QMessageBox.ButtonRole.DestructiveRole:
            card.path.unlink(missing_ok=True)
            if self._unsaved:
                self._ask_about(self._unsaved[0])
            return
        self.open_unsaved(card)

    def open_unsaved(self, card: UnsavedCard) -> AddCardDialog:
        """The Add (or Edit) card dialog with the kept card in it, as the learner left it."""
        from ocstudy.ui.cards.add_dialog import AddCardDialog

        dialog = AddCardDialog(self.service(), editing=card.editing, parent=self.window)
        dialog.restore_draft(card.draft, card.path)
        return self._open(dialog)

    def _added(self, _card_id: str) -> None:
        self.window.statusBar().showMessage("Card added: it comes up in the quiz as new.", 8000)
        self.changed()

    def changed(self) -> None:
        """The own cards changed (added, edited, deleted, imported): the views that show
        cards hear of it."""
        self.window.changes.announce(Changes(own_cards=True))

    def _note_menu(self, editor: QPlainTextEdit, at: QPoint) -> None:
        menu = editor.createStandardContextMenu(at)
        if menu is None:
            return
        menu.setObjectName("noteContextMenu")
        menu.addSeparator()
        action = menu.addAction("Make a &card from the selection\u2026 (Ctrl+Shift+A)")
        action.setObjectName("noteMakeCardAction")
        action.setEnabled(editor.textCursor().hasSelection())
        action.triggered.connect(self.add_card)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(editor.viewport().mapToGlobal(at))

    def _tree_menu(self, at: QPoint) -> None:
        """Right-click on an entry in the tree: add a card on it."""
        from PySide6.QtWidgets import QMenu

        from ocstudy.ui.study.tree_model import SLUG_ROLE

        tree = self.window.study.tree
        slug = tree.indexAt(at).data(SLUG_ROLE)
        if not slug:
            return
        menu = QMenu(tree)
        menu.setObjectName("treeContextMenu")
        action = menu.addAction("Add a &card on this entry\u2026 (Ctrl+Shift+A)")
        action.setObjectName("treeAddCardAction")
        action.triggered.connect(lambda: self._add_on(str(slug)))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(tree.viewport().mapToGlobal(at))

    def _add_on(self, slug: str) -> None:
        self.window.study.select(slug)
        self.add_card()

    # -- the cards browser ------------------------------------------------------------------

    def attach_browser(self, view: CardsView) -> None:
        from ocstudy.ui.cards.own_actions import OwnCardActions

        actions = OwnCardActions(view, self.service())
        actions.cardsChanged.connect(self.changed)
        self.browser_actions = actions

    # -- export and import ------------------------------------------------------------------

    def export_json(self) -> None:
        from ocstudy.ui.common.file_dialogs import save_file_path
        from ocstudy.ui.window.replace_question import agreed_to_replace

        path = save_file_path(
            self.window,
            "Export my own cards",
            self.window.settings,
            "ocstudy-own-cards.json",
            "JSON (*.json)",
        )
        exports = self.window.services.exports()
        shrink = exports.shrink(path, "own-cards") if path else None
        if path and agreed_to_replace(self.window, shrink):
            self.window.files.run(
                "Exporting your own cards",
                self.window.files.on_worker(
                    lambda services, _p: services.exports().own_cards(
                        path, replace=shrink is not None
                    )
                ),
            )

    def ask_import(self) -> None:
        from ocstudy.ui.common.file_dialogs import open_file_path

        path = open_file_path(
            self.window, "Import own cards", self.window.settings, "ocstudy own cards (*.json)"
        )
        if path:
            self.import_json(path)

    def import_json(self, path: Path) -> Operation[Outcome] | None:
        """Merge a JSON export by id (on a worker thread); a bad file is said in one message
        and changes nothing."""

        def imported(outcome: Outcome) -> None:
            self.window.quiz_service().catalogue.reload_own_cards()
            self.changed()
            self.window.tell(outcome.message)

        return self.window.files.run(
            "Importing your own cards",
            self.window.files.on_worker(
                lambda services, _p: services.exports().import_own_cards(path)
            ),
            imported,
            writes=True,
        )
