"""The notes editor: one plain-text (Markdown) note per entity, saved without being asked.

A note is saved 0.8 s after typing stops, when the selection changes and when the window
closes. If saving fails (a read-only or full disk, data from a newer ocstudy), the text is
never dropped: it stays in the editor, the panel says so and tries again; choosing another
entry keeps it aside (per entry) and shows it again when the entry comes back, until it is
saved. Each edit is saved against the stored text it started from, so what another process
wrote in between is merged, never overwritten (``StudyService.save_edit``).

A keystroke does only what the change needs (the blocks it touched are looked at, never the
whole note): the rest of its cost is Qt laying out the paragraph typed in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocstudy.services.errors import UserDatabaseError
from ocstudy.services.study import Note, SavedEdit, StudyService
from ocstudy.ui.study.history import HistoryButtons
from ocstudy.ui.study.note_preview import (
    LONG_LINE,
    NO_NOTE_YET,
    PREVIEW_CUT,
    PREVIEW_MAX_CHARS,
    MarkdownPreview,
    confirm_delete,
    has_long_line,
    too_big_to_render,
)

if TYPE_CHECKING:
    from datetime import datetime

AUTOSAVE_MS = 800
RETRY_MS = 5000


class NoteEditor(HistoryButtons, QPlainTextEdit):
    """The note's plain text; the mouse's back and forward buttons step through history."""


def _local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M:%S")


class NotesPanel(QWidget):
    noteChanged = Signal(str)  # a note was saved or deleted
    #: The mouse's back (-1) or forward (1) button over the note or its preview.
    historyStep = Signal(int)
    #: A note was deleted (its slug): ``undo_delete`` brings it back, newest first.
    noteDeleted = Signal(str)
    statusMessage = Signal(str)

    def __init__(self, service: StudyService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self._service = service
        self._slug: str | None = None
        self._dirty = False
        self._base = ""  # the stored text the editor's text started from
        self._pending: dict[str, tuple[str, str]] = {}  # slug: (text, base), not saved yet
        self._error = ""
        self._deleted: list[Note] = []

        self.title = QLabel(self)
        self.title.setObjectName("notesTitle")
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("notesStatus")
        self.saved_label.setAccessibleName("Note save status")
        self.preview_button = QToolButton(self)
        self.preview_button.setObjectName("notesPreviewToggle")
        self.preview_button.setText("Preview")
        self.preview_button.setCheckable(True)
        self.preview_button.setToolTip("Show the note rendered (Ctrl+Shift+P)")
        self.preview_button.setAccessibleName("Toggle note preview")
        self.preview_button.toggled.connect(self.set_preview)
        self.delete_button = QToolButton(self)
        self.delete_button.setObjectName("deleteNoteButton")
        self.delete_button.setText("Delete")
        self.delete_button.setToolTip("Delete this note")
        self.delete_button.setAccessibleName("Delete note")
        self.delete_button.clicked.connect(self.delete_note)

        self.editor = NoteEditor(self)
        self.editor.setObjectName("notesEditor")
        self.editor.setAccessibleName("Your note on the selected instrument or body")
        self.editor.setPlaceholderText(
            "Write your note here. Markdown works: **bold**, *italic*, - lists, # headings.\n"
            "It is saved as you type."
        )
        self.editor.textChanged.connect(self._edited)
        self.editor.document().contentsChange.connect(self._unwrap_long_lines)
        self.editor.historyStep.connect(self.historyStep)
        self._preview: MarkdownPreview | None = None  # made when first shown
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.editor)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.saved_label)
        header.addWidget(self.preview_button)
        header.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.save_now)
        self.set_entity(None, "")

    def add_bar(self, bar: QWidget) -> None:
        """Show ``bar`` between the note's title and its text (the sync's conflict bar)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, bar)

    # -- state ------------------------------------------------------------------------------

    @property
    def slug(self) -> str | None:
        return self._slug

    @property
    def has_unsaved_changes(self) -> bool:
        return self._dirty or bool(self._pending)

    def unsaved_notes(self) -> dict[str, str]:
        """Every text not saved yet, by entity slug (the open one included)."""
        texts = {slug: text for slug, (text, _base) in self._pending.items()}
        if self._dirty and self._slug is not None:
            texts[self._slug] = self.text()
        return texts

    @property
    def last_error(self) -> str:
        """Why the last save failed."""
        return self._error

    def discard_unsaved(self) -> None:
        """Forget every unsaved text (the learner chose to)."""
        self._pending.clear()
        self._dirty = False
        self._timer.stop()
        self._retry.stop()

    @property
    def can_undo_delete(self) -> bool:
        return bool(self._deleted)

    def text(self) -> str:
        """The editor's text exactly as typed (``toPlainText`` would turn no-break spaces into
        plain ones)."""
        raw = self.editor.document().toRawText()
        return raw.replace("\u2029", "\n").replace("\u2028", "\n")

    def set_entity(self, slug: str | None, short_name: str) -> None:
        """Show ``slug``'s note, saving the current one first (kept aside if it cannot be)."""
        self.save_now()
        if self._dirty and self._slug is not None:
            self._pending[self._slug] = (self.text(), self._base)
        self._slug = slug
        self.title.setText(f"<b>My note</b> on {short_name}" if slug else "<b>My note</b>")
        self.editor.setEnabled(slug is not None)
        if slug in self._pending:
            text, self._base = self._pending.pop(slug)
            self._load_text(text)
            self._dirty = True
            self._show_not_saved()
            return
        note = self._service.note(slug) if slug else None
        self._base = note.text if note else ""
        self._load_text(self._base)
        self._show_saved(note)

    @property
    def typing(self) -> bool:
        """Whether the open note has typing not saved yet."""
        return self._dirty

    def reload(self, slug: str | None, short_name: str) -> None:
        """Show ``slug``'s note as stored now (another process, or a restore, changed the
        data). Typing not saved yet is kept: saved now, merged with what is stored."""
        if self._dirty or slug != self._slug:
            self.set_entity(slug, short_name)
            return
        note = self._service.note(slug) if slug else None
        stored = note.text if note else ""
        if stored != self._base or stored != self.text():
            self._base = stored
            self._load_text(stored, keep_cursor=True)
            self._show_saved(note)

    def _load_text(self, text: str, keep_cursor: bool = False) -> None:
        position = self.editor.textCursor().position()
        self.editor.blockSignals(True)
        self.editor.clear()  # a long line shown unwrapped is not wrapped on its way out
        self._wrap_to(text)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        if keep_cursor:
            cursor = self.editor.textCursor()
            cursor.setPosition(min(position, len(self.editor.document().toRawText())))
            self.editor.setTextCursor(cursor)
        self._dirty = False
        self._refresh_preview()
        self.delete_button.setEnabled(bool(text))

    def _show_saved(self, note: Note | None) -> None:
        self.saved_label.setToolTip("")
        if note is None:
            self.saved_label.setText("")
        else:
            self.saved_label.setText(f"Saved {_local_time(note.updated_at)}")

    def _show_not_saved(self) -> None:
        self.saved_label.setText("Not saved")
        self.saved_label.setToolTip(self._error)

    # -- editing and saving ------------------------------------------------------------------

    def _edited(self) -> None:
        self._dirty = True
        self.saved_label.setText("Editing\u2026")
        self.delete_button.setEnabled(not self.editor.document().isEmpty())
        self._timer.start()

    def _unwrap_long_lines(self, position: int, _removed: int, added: int) -> None:
        """Show the note unwrapped as soon as a line typed or pasted is long, before Qt lays
        it out: only the blocks the change touched are measured (a keystroke in a 5 MB note
        must not read the 5 MB). Going back to wrapped waits for the save (``_wrap_to``)."""
        mode = QPlainTextEdit.LineWrapMode
        if added <= 0 or self.editor.signalsBlocked() or self.editor.lineWrapMode() == mode.NoWrap:
            return  # (a note loaded is measured whole, by ``_load_text``)
        document = self.editor.document()
        block, last = document.findBlock(position), document.findBlock(position + added)
        while block.isValid():
            if block.length() > LONG_LINE:
                self.editor.setLineWrapMode(mode.NoWrap)
                return
            if block == last:
                return
            block = block.next()

    def save_now(self) -> bool:
        """Write every text not saved yet (the open one and those kept aside); False, with
        the texts kept, if the disk refused."""
        self._timer.stop()
        try:
            for slug, (text, base) in list(self._pending.items()):
                saved = self._service.save_edit(slug, text, base)
                del self._pending[slug]
                self._saved_elsewhere(slug, saved)
            if self._dirty and self._slug is not None:
                slug = self._slug
                text = self.text()
                saved = self._service.save_edit(slug, text, self._base)
                self._dirty, self._base = False, saved.text
                if saved.text != text:
                    self._load_text(saved.text, keep_cursor=True)
                else:
                    self._wrap_to(text)  # wrapped again once no line is long
                self._show_saved(saved.note)
                self._refresh_preview()
                self._saved_elsewhere(slug, saved)
        except UserDatabaseError as error:
            self._error = str(error)
            if self._dirty:
                self._show_not_saved()
            self.statusMessage.emit(f"Your note is not saved yet: {error}. Retrying.")
            self._retry.start()
            return False
        self._retry.stop()
        return True

    def _saved_elsewhere(self, slug: str, saved: SavedEdit) -> None:
        self.noteChanged.emit(slug)
        if saved.merged:
            self.statusMessage.emit(
                "Your note was changed outside this window (an import or a restore) while you "
                "wrote: both texts are kept, one after the other."
            )

    # -- delete and undo ----------------------------------------------------------------------

    def delete_note(self) -> None:
        if self._slug is None or not self.text():
            return
        if not confirm_delete(self):
            return
        self.save_now()
        try:
            deleted = self._service.delete_note(self._slug)
        except UserDatabaseError as error:
            self.statusMessage.emit(f"The note was not deleted: {error}")
            return
        if deleted is not None:
            self._deleted.append(deleted)
            self.noteDeleted.emit(self._slug)
        self._base = ""
        self._load_text("")
        self._show_saved(None)
        self.noteChanged.emit(self._slug)
        self.statusMessage.emit("Note deleted. Undo with Edit \u203a Undo delete note.")

    def undo_delete(self) -> str | None:
        """Restore the last deleted note; returns its slug. A note written on the entry since
        is kept: the two are merged, both texts marked. Nothing leaves the undo list unless the
        restore was stored."""
        if not self._deleted:
            return None
        note = self._deleted[-1]
        self.save_now()  # typing not yet saved is stored first, never thrown away
        if self._dirty or note.slug in self._pending:
            self.statusMessage.emit(
                "The deleted note comes back once the note you are writing is saved."
            )
            return None
        try:
            current = self._service.note(note.slug)
            if current is not None and current.text.strip():
                saved = self._service.save_edit(note.slug, note.text, "")  # merged with it
                restored, text = saved.note, saved.text
            else:
                self._service.restore_note(note)
                restored, text = note, note.text
        except UserDatabaseError as error:
            self.statusMessage.emit(f"The note was not restored: {error}")
            return None
        self._deleted.pop()
        if note.slug == self._slug:
            self._base = text
            self._load_text(text)
            self._show_saved(restored)
        self.noteChanged.emit(note.slug)
        self.statusMessage.emit("Note restored.")
        return note.slug

    # -- preview --------------------------------------------------------------------------

    @property
    def preview(self) -> MarkdownPreview:
        """The rendered note, made the first time it is shown (a second page of the stack):
        a start with the editor shown waits for none of it."""
        if self._preview is None:
            self._preview = MarkdownPreview(self)
            self._preview.typed.connect(self._type_into_editor)
            self._preview.historyStep.connect(self.historyStep)
            self.stack.addWidget(self._preview)
        return self._preview

    def set_preview(self, on: bool) -> None:
        """Show the note rendered (on) or its text to edit; the button says what it will do."""
        self.preview_button.setChecked(on)
        self.preview_button.setText("Edit" if on else "Preview")
        self.preview_button.setToolTip(
            "Edit the note (Ctrl+Shift+P, or just type)"
            if on
            else "Show the note rendered (Ctrl+Shift+P)"
        )
        self._refresh_preview()
        self.stack.setCurrentWidget(self.preview if on else self.editor)

    def _type_into_editor(self, text: str) -> None:
        """Typing in the preview goes on in the editor, where the text is."""
        self.set_preview(False)
        self.editor.setFocus()
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self.editor.insertPlainText(text)

    def _wrap_to(self, text: str) -> None:
        mode = QPlainTextEdit.LineWrapMode
        wanted = mode.NoWrap if has_long_line(text) else mode.WidgetWidth
        if self.editor.lineWrapMode() != wanted:
            self.editor.setLineWrapMode(wanted)

    def _refresh_preview(self) -> None:
        if not self.preview_button.isChecked():
            return
        text = self.text()
        if not too_big_to_render(text):
            self.preview.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
            self.preview.show_markdown(text or NO_NOTE_YET)
            return
        shown = text[:PREVIEW_MAX_CHARS]
        self.preview.setLineWrapMode(
            QTextBrowser.LineWrapMode.NoWrap
            if has_long_line(shown)
            else QTextBrowser.LineWrapMode.WidgetWidth
        )
        cut = len(shown) < len(text)
        self.preview.setPlainText(shown + (PREVIEW_CUT if cut else ""))
        self.statusMessage.emit("This note is too long to render quickly: shown as plain text.")
