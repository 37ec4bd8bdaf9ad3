"""Tags on the selected cards: Add tags… (Ctrl+Shift+T) and Remove tags… (Ctrl+Alt+Shift+T).

Anki's browser has them on Ctrl+Shift+A and Ctrl+Alt+Shift+A; ocstudy's Ctrl+Shift+A adds a
card of your own from every view, so the tags are on T. Each asks for tags (separated by
spaces, completed from the tags in use), says what it did under the search field, and is
undone by the browser's Ctrl+Z with its other actions; a text that is no tag changes nothing
and says why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QCompleter, QInputDialog, QLineEdit, QWidget

from ocstudy.services.browser.actions import cards_text, parse_tags
from ocstudy.services.errors import TagError

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction

    from ocstudy.ui.cards.bulk import Action
    from ocstudy.ui.cards.host import CardsHost

ADD_KEYS, REMOVE_KEYS = "Ctrl+Shift+T", "Ctrl+Alt+Shift+T"


class ActionsHost(Protocol):
    """What these use of the browser's actions (``actions.py``, which makes them)."""

    @property
    def view(self) -> CardsHost: ...

    def make_action(self, text: str, key: str, name: str) -> QAction: ...
    def run(
        self, action: Action, ids: list[str] | None = None, *, title: str = "Change cards"
    ) -> None: ...


class TagActions(QObject):
    def __init__(self, actions: ActionsHost) -> None:
        assert isinstance(actions, QObject) and isinstance(actions.view, QWidget)
        super().__init__(actions)
        self.browser = actions
        self.view = actions.view
        self.add = actions.make_action("Add &tags\u2026", ADD_KEYS, "cardAddTagsAction")
        self.add.triggered.connect(self.ask_add)
        self.remove = actions.make_action("Remove ta&gs\u2026", REMOVE_KEYS, "cardRemoveTagsAction")
        self.remove.triggered.connect(self.ask_remove)

    def _in_use(self, ids: list[str] | None = None) -> list[str]:
        """The tags on ``ids`` (None: on every card), in alphabetical order."""
        model = self.view.model
        rows = (model.card_row(i) for i in ids) if ids is not None else model.rows()
        tags = {tag.casefold(): tag for row in rows if row is not None for tag in row.tags}
        return [tags[key] for key in sorted(tags)]

    def _ask(
        self, title: str, label: str, then: Callable[[str], None], completions: list[str]
    ) -> None:
        dialog = QInputDialog(self.view)
        dialog.setObjectName("cardsTagsDialog")
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.textValueSelected.connect(then)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        line = dialog.findChild(QLineEdit)
        if line is not None and completions:
            completer = QCompleter(completions, dialog)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            line.setCompleter(completer)

    def ask_add(self) -> None:
        ids = self.view.selected_ids()
        if ids:
            self._ask(
                "Add tags",
                f"Tags to add to {cards_text(len(ids))}, separated by spaces (as exam weak-dates):",
                lambda text: self.change(ids, text, add=True),
                self._in_use(),
            )

    def ask_remove(self) -> None:
        ids = self.view.selected_ids()
        if not ids:
            return
        present = self._in_use(ids)
        if not present:
            self.view.tell(f"The {cards_text(len(ids))} selected have no tag. Nothing changed.")
            return
        self._ask(
            "Remove tags",
            f"Tags to remove from {cards_text(len(ids))} (they have: {' '.join(present)}):",
            lambda text: self.change(ids, text, add=False),
            present,
        )

    def change(self, ids: list[str], text: str, *, add: bool) -> None:
        try:
            names = parse_tags(text)
        except TagError as problem:
            self.view.tell(f"{problem}. Nothing changed.", warn=True)
            return
        if add:
            self.browser.run(
                lambda actions, chosen: actions.add_tags(chosen, names), ids, title="Add tags"
            )
        else:
            self.browser.run(
                lambda actions, chosen: actions.remove_tags(chosen, names),
                ids,
                title="Remove tags",
            )
