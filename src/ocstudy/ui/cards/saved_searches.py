"""Saved searches, from the sidebar's context menu: Save current search… names the search in
the field (a name in use is replaced only if the learner says so, as in Anki), and a saved
search can be renamed or deleted (asked first). They are kept in the learner's settings
(``userdata/saved_searches.py``), so they go with backups; each change says what it did under
the search field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QWidget

from ocstudy.services.errors import SavedSearchError, UserDatabaseError
from ocstudy.ui.common.confirm import confirm_deletion

if TYPE_CHECKING:
    from collections.abc import Callable

    from ocstudy.ui.cards.host import CardsHost


class SavedSearchActions(QObject):
    def __init__(self, view: CardsHost) -> None:
        assert isinstance(view, QWidget)
        super().__init__(view)
        self.view = view
        self.store = view.service.settings.saved_searches()
        view.sidebar.menuAboutToShow.connect(self._extend_menu)

    def searches(self) -> dict[str, str]:
        return self.store.all()

    def _extend_menu(self, menu: QMenu, name: str) -> None:
        save = menu.addAction("&Save current search\u2026")
        save.setObjectName("cardsSaveSearchAction")
        save.setEnabled(bool(self.view.shown_search()))
        save.triggered.connect(self.ask_save)
        if name:
            menu.addSeparator()
            rename = menu.addAction("&Rename\u2026")
            rename.setObjectName("cardsRenameSearchAction")
            rename.triggered.connect(lambda: self.ask_rename(name))
            delete = menu.addAction("&Delete\u2026")
            delete.setObjectName("cardsDeleteSearchAction")
            delete.triggered.connect(lambda: self.ask_delete(name))

    # -- asking -----------------------------------------------------------------------------

    def _ask_name(self, title: str, label: str, text: str, then: Callable[[str], None]) -> None:
        dialog = QInputDialog(self.view)
        dialog.setObjectName("cardsSearchNameDialog")
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        dialog.textValueSelected.connect(then)
        # gone once it is done, ``then`` included: ``then`` may ask a question in a modal loop
        # of its own, during which the dialog must still be there (WA_DeleteOnClose deleted
        # it under that loop, and the heap was corrupted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        line = dialog.findChild(QLineEdit)
        if line is not None:
            line.selectAll()

    def ask_save(self) -> None:
        search = self.view.shown_search()
        if search:
            self._ask_name(
                "Save current search",
                f"A name for the search \u201c{search}\u201d:",
                "",
                lambda name: self.save(name, search),
            )

    def ask_rename(self, name: str) -> None:
        self._ask_name(
            "Rename saved search",
            f"A new name for \u201c{name}\u201d:",
            name,
            lambda new: self.rename(name, new),
        )

    def ask_delete(self, name: str) -> None:
        if confirm_deletion(
            self.view,
            "Delete",
            f"Delete the saved search \u201c{name}\u201d? The cards stay as they are.",
            name="cardsDeleteSearchQuestion",
        ):
            self._change(
                lambda: self.store.delete(name), f"Deleted the saved search \u201c{name}\u201d"
            )

    def _when_free(self, name: str, old: str | None, go: Callable[[], None]) -> None:
        """Call ``go`` once ``name`` may be saved: it is free (or ``old`` itself), or the
        learner says to replace the search of that name (Keep it is the default). The
        question does not block: no modal loop runs inside the naming dialog's accept (one
        did, and the dialog was deleted under it)."""
        taken = name.strip() in self.searches() and name.strip() != old
        if not taken:
            go()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Replace saved search",
            f"A saved search is called \u201c{name.strip()}\u201d already. Replace it?",
            parent=self.view,
        )
        box.setObjectName("cardsReplaceSearchQuestion")
        replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.buttonClicked.connect(lambda button: go() if button is replace else None)
        box.finished.connect(box.deleteLater)
        box.open()

    # -- doing ------------------------------------------------------------------------------

    def save(self, name: str, search: str) -> None:
        self._when_free(
            name,
            None,
            lambda: self._change(
                lambda: self.store.save(name, search),
                f"Saved the search \u201c{search}\u201d as \u201c{name.strip()}\u201d",
            ),
        )

    def rename(self, old: str, new: str) -> None:
        self._when_free(
            new,
            old,
            lambda: self._change(
                lambda: self.store.rename(old, new),
                f"Renamed the saved search \u201c{old}\u201d \u201c{new.strip()}\u201d",
            ),
        )

    def _change(self, change: Callable[[], object], done: str) -> None:
        try:
            change()
        except SavedSearchError as problem:
            self.view.tell(f"{problem}. Nothing changed.", warn=True)
            return
        except UserDatabaseError as error:
            self.view.tell(f"Not saved: {error}. Nothing changed.", warn=True)
            return
        self.view.update_sidebar()
        self.view.tell(f"{done}.")
