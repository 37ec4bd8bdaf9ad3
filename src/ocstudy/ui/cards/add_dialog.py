"""Add card (File > Add card…, Ctrl+Shift+A) and Edit card: the learner's own card, as Anki's
Add dialog makes one.

Front and back are Markdown, each with a live preview beside it; the entry (``cardEntity``,
"(none)" allowed, typed names complete) and the themes (``cardThemes``, checkable) file the
card. Ctrl+Return adds, says "Added", clears both sides and stays open for the next card, the
entry and themes kept (as Anki keeps deck and tags); Escape closes. A side left empty is said
under the fields and nothing is added. In edit mode (``editing``) Ctrl+Return saves and closes;
an entry or themes the content does not know (an imported card's) are listed, marked "not in
this content", and kept unless the learner changes them.

A new card on an entry starts with the entry's themes, until the learner ticks themes
themselves. Text selected in a note pre-fills the **back**: a passage of the learner's notes is
what they want to remember (the answer); they then write the question.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ocstudy.services.own_cards import CardDraft, OwnCardInputError, OwnCardService
from ocstudy.ui.long_text import markdown_html, wrap_mode
from ocstudy.ui.palette import palette_colors
from ocstudy.userdata.database import UserDatabaseError
from ocstudy.userdata.own_cards import OwnCard

NO_ENTRY = "(none)"
NOT_IN_CONTENT = "(not in this content)"
PREVIEW_DELAY_MS = 150
KEY_ROLE = Qt.ItemDataRole.UserRole


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
        #: the card as saved by the edit (None before)
        self.saved: OwnCard | None = None
        self._themes_touched = editing is not None
        self.setObjectName("editCardDialog" if editing else "addCardDialog")
        self.setWindowTitle("Edit card" if editing else "Add card")
        self.setAccessibleName(self.windowTitle())
        self.front = self._editor("cardFront", "Front: the question, in Markdown")
        self.back = self._editor("cardBack", "Back: the answer, in Markdown")
        self.front_preview = self._preview("cardFrontPreview", "Preview of the front")
        self.back_preview = self._preview("cardBackPreview", "Preview of the back")
        self.entity = QComboBox(self)
        self.entity.setObjectName("cardEntity")
        self.entity.setAccessibleName("The entry the card belongs to")
        self.entity.setEditable(True)
        self.entity.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # long entry names must not widen the dialog
        self.entity.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.entity.setMinimumContentsLength(30)
        self.entity.addItem(NO_ENTRY, None)
        for slug, name in service.entries():
            self.entity.addItem(name, slug)
        completer = self.entity.completer()
        assert completer is not None
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.themes = QListWidget(self)
        self.themes.setObjectName("cardThemes")
        self.themes.setAccessibleName("The card's themes")
        for key, label in service.themes():
            item = QListWidgetItem(label, self.themes)
            item.setData(KEY_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self._fit_themes()
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

    def _fit_themes(self) -> None:
        rows = max(1, self.themes.count())
        self.themes.setFixedHeight(
            self.themes.sizeHintForRow(0) * rows + 2 * self.themes.frameWidth() + 4
        )

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(f"{buddy.objectName()}Label")
        label.setAccessibleName(text.replace("&", ""))
        label.setBuddy(buddy)
        return label

    # -- state ------------------------------------------------------------------------------

    def _typed_index(self) -> int:
        """The list's entry the field names: its whole name, its short name or its key, in
        any case; -1 for none of them."""
        text = self.entity.currentText().strip()
        index = self.entity.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return index
        wanted = text.casefold()
        for row in range(1, self.entity.count()):
            short = self.entity.itemText(row).split(" \u2014 ")[0]
            if wanted in (short.casefold(), str(self.entity.itemData(row)).casefold()):
                return row
        return -1

    def entity_slug(self) -> str | None:
        """The chosen entry; a typed name that matches one counts as that one."""
        index = self._typed_index()
        data = self.entity.itemData(index) if index >= 0 else None
        return str(data) if data else None

    def set_entity(self, slug: str | None) -> None:
        """Choose the entry ``slug``; when editing, one the content does not know is added to
        the list (marked so) and chosen, so that saving keeps it."""
        index = self.entity.findData(slug) if slug else 0
        if index < 0 and slug and self.editing is not None:
            self.entity.addItem(f"{slug} {NOT_IN_CONTENT}", slug)
            index = self.entity.count() - 1
        self.entity.setCurrentIndex(max(0, index))
        line = self.entity.lineEdit()
        if line is not None:
            line.setCursorPosition(0)  # a long name shows from its start

    def checked_themes(self) -> tuple[str, ...]:
        items = (self.themes.item(row) for row in range(self.themes.count()))
        return tuple(
            str(item.data(KEY_ROLE)) for item in items if item.checkState() == Qt.CheckState.Checked
        )

    def set_themes(self, keys: tuple[str, ...]) -> None:
        """Tick exactly ``keys``; when editing, a theme the content does not know is added to
        the list (marked so) and ticked, so that saving keeps it."""
        self.themes.blockSignals(True)
        listed: set[object] = set()
        for row in range(self.themes.count()):
            item = self.themes.item(row)
            listed.add(item.data(KEY_ROLE))
            checked = item.data(KEY_ROLE) in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        editing = self.editing is not None
        unknown = [key for key in dict.fromkeys(keys) if key not in listed] if editing else []
        for key in unknown:
            item = QListWidgetItem(f"{key} {NOT_IN_CONTENT}", self.themes)
            item.setData(KEY_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        if unknown:
            self._fit_themes()
        self.themes.blockSignals(False)

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
            line.setCursorPosition(0)
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

    # -- adding and saving ------------------------------------------------------------------

    def entry_problem(self) -> str | None:
        """A typed entry that is none of the list's (it would silently file the card under
        no entry)."""
        text = self.entity.currentText().strip()
        if text and self._typed_index() < 0:
            return f"No entry is called \u201c{text}\u201d: pick one from the list, or {NO_ENTRY}."
        return None

    def submit(self) -> None:
        """Add the card (and clear for the next), or save the edited card and close."""
        problem = self.entry_problem()
        if problem:
            self._say(problem, warn=True)
            self.entity.setFocus()
            return
        draft = self.draft()
        try:
            if self.editing is not None:
                card = self.service.edit(self.editing.id, draft)[1]
                self.saved = card
            else:
                card = self.service.add(draft)
        except OwnCardInputError as problem:
            self._say(str(problem), warn=True)
            (self.back if draft.front.strip() else self.front).setFocus()
            return
        except UserDatabaseError as error:
            self._say(f"Your card could not be saved: {error}", warn=True)
            return
        if self.editing is not None:
            self.cardEdited.emit(card.id)
            self.accept()
            return
        first_line = draft.front.strip().splitlines()[0]
        self._say(f"\u2713 Added \u201c{first_line[:60]}\u201d. Write the next card.")
        self.front.clear()
        self.back.clear()
        self.update_previews()
        self.front.setFocus(Qt.FocusReason.OtherFocusReason)
        self.cardAdded.emit(card.id)

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
