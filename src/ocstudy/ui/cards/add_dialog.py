"""Add card (File > Add card…, Ctrl+Shift+A) and Edit card: the learner's own card, as Anki's
Add dialog makes one.

Front and back are Markdown, each with a live preview beside it; the entry (``cardEntity``,
"(none)" allowed, typed names complete) and the themes (``cardThemes``, checkable) file the
card. Ctrl+Return adds, says "Added", clears both sides and stays open for the next card, the
entry and themes kept (as Anki keeps deck and tags); Escape closes. A side left empty is said
under the fields and nothing is added. In edit mode (``editing``) Ctrl+Return saves and closes;
an entry or themes the content does not know (an imported card's) are listed, marked "not in
this content", and kept unless the learner changes them. The edit is saved only while the card
is as the dialog found it: if another program changed it meanwhile, both are kept and the
dialog says so.

What the learner wrote is never dropped unasked: Escape, Close or closing the window with
unsaved text (in Edit: any change) asks Save (Add card) / Discard / Keep editing; a quit with
nobody to ask (SIGTERM, a logout) keeps it in a recovery file that the next start offers
(:mod:`ocstudy.services.exchange.card_recovery`).

A new card on an entry starts with the entry's themes, until the learner ticks themes
themselves. Text selected in a note pre-fills the **back**: a passage of the learner's notes is
what they want to remember (the answer); they then write the question.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ocstudy.render.long_text import markdown_html
from ocstudy.services.errors import UserDatabaseError
from ocstudy.services.own_cards import (
    CardDraft,
    OwnCard,
    OwnCardEdit,
    OwnCardInputError,
    OwnCardService,
)
from ocstudy.ui.cards.card_fields import EntryBox, ThemeList
from ocstudy.ui.cards.card_messages import Unsaved, ask_about_unsaved, tell_kept_apart
from ocstudy.ui.common.long_text import wrap_mode
from ocstudy.ui.common.palette import palette_colors

PREVIEW_DELAY_MS = 150


class AddCardDialog(QDialog):
    #: A card was added (its id); the dialog stays open.
    cardAdded = Signal(str)
    #: The card being edited was saved (its id); the dialog closes.
    cardEdited = Signal(str)

    def __init__(
        self,
        service: OwnCardService,
        *,
        entity_slug: str | None = None,
        front: str = "",
        back: str = "",
        editing: OwnCard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.editing = editing
        #: what saving the edit did (None before)
        self.saved: OwnCardEdit | None = None
        #: where this dialog's text was kept when ocstudy had to close (see the module's
        #: docstring); it goes once the text is saved or discarded
        self.recovery_file: Path | None = None
        #: in Add, the sides as the dialog began (a note's passage is not the learner's typing)
        self._start = (front, back)
        self._themes_touched = editing is not None
        self.setObjectName("editCardDialog" if editing else "addCardDialog")
        self.setWindowTitle("Edit card" if editing else "Add card")
        self.setAccessibleName(self.windowTitle())
        self.front = self._editor("cardFront", "Front: the question, in Markdown")
        self.back = self._editor("cardBack", "Back: the answer, in Markdown")
        self.front_preview = self._preview("cardFrontPreview", "Preview of the front")
        self.back_preview = self._preview("cardBackPreview", "Preview of the back")
        self.entity = EntryBox(service.entries(), keep_unknown=editing is not None, parent=self)
        self.themes = ThemeList(service.themes(), keep_unknown=editing is not None, parent=self)
        self.themes.itemChanged.connect(self._theme_ticked)
        self.feedback = QLabel(self)
        self.feedback.setObjectName("cardFeedback")
        self.feedback.setAccessibleName("What happened")
        self.feedback.setWordWrap(True)
        self.submit_button = QPushButton(
            "&Save (Ctrl+Return)" if editing else "&Add (Ctrl+Return)", self
        )
        self.submit_button.setObjectName("cardSaveButton" if editing else "cardAddButton")
        self.submit_button.setAccessibleName("Save the card" if editing else "Add the card")
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)
        self.close_button = QPushButton("Close (Esc)", self)
        self.close_button.setObjectName("cardCloseButton")
        self.close_button.setAccessibleName("Close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_previews)
        for editor in (self.front, self.back):
            editor.textChanged.connect(self._timer.start)
            editor.textChanged.connect(lambda editor=editor: _wrap_to_text(editor))
        self._too_long: str | None = None  # what the feedback said of a side too long
        self._lay_out()
        if editing is not None:
            _show_text(self.front, editing.front)
            _show_text(self.back, editing.back)
            self.set_entity(editing.entity_slug)
            self.set_themes(editing.themes)
        else:
            _show_text(self.front, front)
            _show_text(self.back, back)
            self.entity.currentIndexChanged.connect(self._entity_chosen)
            self.set_entity(entity_slug)
            self.set_themes(service.entry_themes(entity_slug))
        self.update_previews()
        self.resize(900, 600)
        self.front.setFocus(Qt.FocusReason.OtherFocusReason)

    def _editor(self, name: str, accessible: str) -> QPlainTextEdit:
        editor = QPlainTextEdit(self)
        editor.setObjectName(name)
        editor.setAccessibleName(accessible)
        editor.setTabChangesFocus(True)
        editor.setPlaceholderText("Markdown: **bold**, *italic*, - lists, [links](https://…)")
        return editor

    def _preview(self, name: str, accessible: str) -> QTextBrowser:
        preview = QTextBrowser(self)
        preview.setObjectName(name)
        preview.setAccessibleName(accessible)
        preview.setOpenLinks(False)
        preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return preview

    def _lay_out(self) -> None:
        form = QFormLayout()
        for label, editor, preview in (
            ("&Front", self.front, self.front_preview),
            ("&Back", self.back, self.back_preview),
        ):
            row = QHBoxLayout()
            row.addWidget(editor, 1)
            row.addWidget(preview, 1)
            form.addRow(self._label(label, editor), row)
        form.addRow(self._label("&Entry", self.entity), self.entity)
        form.addRow(self._label("&Themes", self.themes), self.themes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.feedback, 1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addLayout(buttons)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(f"{buddy.objectName()}Label")
        label.setAccessibleName(text.replace("&", ""))
        label.setBuddy(buddy)
        return label

    # -- state ------------------------------------------------------------------------------

    def entity_slug(self) -> str | None:
        """The chosen entry; a typed name that matches one counts as that one."""
        return self.entity.slug()

    def set_entity(self, slug: str | None) -> None:
        self.entity.choose(slug)

    def checked_themes(self) -> tuple[str, ...]:
        return self.themes.checked()

    def set_themes(self, keys: tuple[str, ...]) -> None:
        self.themes.tick(keys)

    def _draft_themes(self) -> tuple[str, ...]:
        """The ticked themes; when editing, those the card had first, in its order."""
        checked = self.checked_themes()
        if self.editing is None:
            return checked
        kept = [key for key in self.editing.themes if key in checked]
        return tuple(kept + [key for key in checked if key not in kept])

    def draft(self) -> CardDraft:
        return CardDraft(
            self.front.toPlainText(),
            self.back.toPlainText(),
            self.entity_slug(),
            self._draft_themes(),
        )

    def _theme_ticked(self, _item: QListWidgetItem) -> None:
        self._themes_touched = True

    def _entity_chosen(self, _index: int) -> None:
        line = self.entity.lineEdit()
        if line is not None and not line.hasFocus():
            self.entity.show_start()
        if not self._themes_touched:
            self.set_themes(self.service.entry_themes(self.entity_slug()))

    def update_previews(self) -> None:
        self._timer.stop()
        for editor, preview in ((self.front, self.front_preview), (self.back, self.back_preview)):
            rendered = markdown_html(editor.toPlainText())
            preview.setHtml(rendered or "<p style='color:gray'><i>Preview</i></p>")
        self._say_length()

    def _say_length(self) -> None:
        """Say, as the learner types, that a side is longer than a card may be (saving it is
        refused: ``CardDraft.problem``); take it back once it is not."""
        problem = self.draft().length_problem()
        if problem:
            self._say(problem, warn=True)
        elif self._too_long and escape(self._too_long) in self.feedback.text():
            self.feedback.clear()  # (saving says the same words: they go too)
        self._too_long = problem

    def unsaved(self) -> bool:
        """Whether closing now would lose what the learner wrote: in Add, text on a side
        other than the dialog began with; in Edit, any change to the card."""
        draft = self.draft()
        if self.editing is not None:
            return not self._as_found(draft)
        sides = (draft.front, draft.back)
        return sides != self._start and any(side.strip() for side in sides)

    def _as_found(self, draft: CardDraft) -> bool:
        card = self.editing
        assert card is not None
        return (draft.front, draft.back, draft.entity_slug, draft.themes) == (
            card.front,
            card.back,
            card.entity_slug,
            card.themes,
        )

    def restore_draft(self, draft: CardDraft, recovery_file: Path) -> None:
        """Show again a card the learner was writing when ocstudy had to close, kept in
        ``recovery_file`` (which goes once the card is saved or discarded)."""
        self._themes_touched = True
        self.front.setPlainText(draft.front)
        self.back.setPlainText(draft.back)
        self.set_entity(draft.entity_slug)
        self.set_themes(draft.themes)
        self._start = ("", "")
        self.recovery_file = recovery_file
        self.update_previews()
        done = "saved" if self.editing is not None else "added"
        self._say(f"ocstudy closed before this card was {done}; here it is, as you left it.")

    # -- adding, saving and closing ---------------------------------------------------------

    def entry_problem(self) -> str | None:
        return self.entity.problem()

    def submit(self) -> bool:
        """Add the card (and clear for the next), or save the edited card and close; False
        (said in the dialog, the text kept) if it could not be."""
        problem = self.entry_problem()
        if problem:
            self._say(problem, warn=True)
            self.entity.setFocus()
            return False
        draft = self.draft()
        if self.editing is not None and self._as_found(draft):
            self._forget_recovery()
            self.accept()  # nothing changed: nothing to write
            return True
        try:
            if self.editing is not None:
                self.saved = self.service.edit(self.editing, draft)
                card = self.saved.after
            else:
                card = self.service.add(draft)
        except OwnCardInputError as problem:
            self._say(str(problem), warn=True)
            (self.back if draft.front.strip() else self.front).setFocus()
            return False
        except UserDatabaseError as error:
            self._say(f"Your card could not be saved: {error}", warn=True)
            return False
        self._forget_recovery()
        if self.saved is not None:
            if self.saved.kept_apart:
                tell_kept_apart(self.parentWidget() or self, self.saved)
            self.cardEdited.emit(card.id)
            self.accept()
            return True
        first_line = draft.front.strip().splitlines()[0]
        self._say(f"\u2713 Added \u201c{first_line[:60]}\u201d. Write the next card.")
        self._start = ("", "")
        self.front.clear()
        self.back.clear()
        self.update_previews()
        self.front.setFocus(Qt.FocusReason.OtherFocusReason)
        self.cardAdded.emit(card.id)
        return True

    def reject(self) -> None:
        """Escape, Close, the window's close button: with unsaved text, the learner chooses
        first (Save or Add card / Discard / Keep editing)."""
        if self.unsaved():
            front = self.front.toPlainText().strip()
            choice = ask_about_unsaved(
                self,
                editing=self.editing is not None,
                first_line=front.splitlines()[0] if front else "",
            )
            if choice is Unsaved.KEEP_EDITING:
                return
            if choice is Unsaved.SAVE and (not self.submit() or self.editing is not None):
                return  # not saved (the dialog says why), or saved and closed
        self.discard()

    def discard(self) -> None:
        """Close, dropping what is written (the learner's choice) and its recovery file."""
        self._forget_recovery()
        super().reject()

    def keep_and_close(self, data_folder: Path, folders: list[Path]) -> Path | None:
        """Close with nobody to ask (SIGTERM, a logout): unsaved text goes to this dialog's
        recovery file, or a new one in the first of ``folders`` that takes it, marked as
        ``data_folder``'s. Returns that file, or None (nothing to keep, or nowhere could
        take it)."""
        from ocstudy.services.exchange.card_recovery import keep_unsaved_card

        kept: Path | None = None
        if self.unsaved():
            kept = keep_unsaved_card(
                self.draft(), self.editing, data_folder, folders, self.recovery_file
            )
            self.recovery_file = kept or self.recovery_file
        self.done(QDialog.DialogCode.Rejected)
        return kept

    def _forget_recovery(self) -> None:
        if self.recovery_file is not None:
            self.recovery_file.unlink(missing_ok=True)
            self.recovery_file = None

    def _say(self, text: str, *, warn: bool = False) -> None:
        colors = palette_colors(self.palette())
        color = colors.warn if warn else colors.ok
        self.feedback.setText(f"<span style='color:{color}'>{escape(text)}</span>")


def _wrap_to_text(editor: QPlainTextEdit, text: str | None = None) -> None:
    """Show a side with a very long line unwrapped, before Qt lays a pasted one out."""
    wanted = wrap_mode(editor.toPlainText() if text is None else text)
    if editor.lineWrapMode() != wanted:
        editor.setLineWrapMode(wanted)


def _show_text(editor: QPlainTextEdit, text: str) -> None:
    _wrap_to_text(editor, text)  # first: a long line is laid out once, unwrapped
    editor.setPlainText(text)
