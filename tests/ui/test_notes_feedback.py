"""The notes panel says what it does: the toggle names what it will show, an empty preview
says how to write, typing in the preview edits, code and quotes look like code and quotes, and
the delete question's buttons say what they do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ocstudy.ui.study.note_preview import confirm_delete
from ocstudy.ui.window.main_window import MainWindow


def test_the_toggle_says_what_it_will_do(qtbot: QtBot, window: MainWindow) -> None:
    notes = window.study.notes
    window.study.select("gpml")
    assert notes.preview_button.text() == "Preview"
    qtbot.mouseClick(notes.preview_button, Qt.MouseButton.LeftButton)
    assert notes.preview.isVisible() and notes.preview_button.text() == "Edit"
    assert "No note yet" in notes.preview.toPlainText()
    assert "Ctrl+Shift+P" in notes.preview.toPlainText()
    qtbot.mouseClick(notes.preview_button, Qt.MouseButton.LeftButton)
    assert notes.editor.isVisible() and notes.preview_button.text() == "Preview"


def test_typing_in_the_preview_edits(qtbot: QtBot, window: MainWindow) -> None:
    notes = window.study.notes
    window.study.select("gpml")
    notes.set_preview(True)
    notes.preview.setFocus()
    qtbot.keyClicks(notes.preview, "Hi")
    assert notes.editor.isVisible() and notes.editor.toPlainText().endswith("Hi")


def test_inline_code_is_monospaced_and_a_quote_has_a_bar(qtbot: QtBot, window: MainWindow) -> None:
    notes = window.study.notes
    window.study.select("gpml")
    notes.editor.setPlainText("Resolution `55/255` here.\n\n> quoted words")
    notes.set_preview(True)
    document = notes.preview.document()
    families = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if "55/255" in fragment.text():
                families = fragment.charFormat().fontFamilies()
            it += 1
        block = block.next()
    assert families and families[0] == "monospace"
    qtbot.waitUntil(lambda: notes.preview.document().documentLayout().documentSize().height() > 0)
    image = notes.preview.viewport().grab().toImage()
    mid = notes.preview.palette().color(notes.preview.palette().ColorRole.Mid).name()
    bar = [
        (x, y)
        for y in range(0, min(image.height(), 120))
        for x in range(0, 80)
        if image.pixelColor(x, y).name() == mid
    ]
    assert bar, "no bar beside the quote"


def test_the_delete_question_says_delete_note_or_keep_it(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[list[str]] = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
        seen.append([b.text() for b in box.findChildren(QPushButton)])
        keep = next(b for b in box.findChildren(QPushButton) if b.text() == "Keep it")
        keep.click()

    QTimer.singleShot(100, answer)
    assert confirm_delete(window) is False
    assert seen and set(seen[0]) == {"Delete note", "Keep it"}


def test_undoing_a_delete_keeps_a_note_written_since(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by a second reading: the restore wrote the old note over the new one."""
    from ocstudy.ui.study import notes_panel

    monkeypatch.setattr(notes_panel, "confirm_delete", lambda parent: True)
    notes = window.study.notes
    window.study.select("gpml")
    notes.editor.setPlainText("OLD NOTE")
    window.study.flush()
    notes.delete_note()
    notes.editor.setPlainText("NEW NOTE")  # not yet saved when the undo comes
    window.undo_delete()
    stored = window.study._service.note("gpml")
    assert stored is not None and "OLD NOTE" in stored.text and "NEW NOTE" in stored.text
    assert "OLD NOTE" in notes.editor.toPlainText() and "NEW NOTE" in notes.editor.toPlainText()


def test_a_failed_undo_keeps_the_deleted_note_for_another_try(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ocstudy.ui.study import notes_panel
    from ocstudy.userdata.database import UserDatabaseError

    monkeypatch.setattr(notes_panel, "confirm_delete", lambda parent: True)
    notes = window.study.notes
    window.study.select("gpml")
    notes.editor.setPlainText("KEEP ME")
    window.study.flush()
    notes.delete_note()
    service = window.study._service

    def failing(note: object) -> None:
        raise UserDatabaseError("the disk is full")

    monkeypatch.setattr(service, "restore_note", failing)
    assert notes.undo_delete() is None
    assert notes.can_undo_delete
    monkeypatch.undo()
    assert notes.undo_delete() == "gpml"
    stored = service.note("gpml")
    assert stored is not None and stored.text == "KEEP ME"
