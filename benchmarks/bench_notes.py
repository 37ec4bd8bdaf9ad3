"""Typing in a big note (issue 21 §8): a 5 MB note in one paragraph cost 1.9 s a keystroke.

*Keystroke*: one key typed into the real notes panel (``ui/study/notes_panel.py``, on a real
``StudyService`` and user database), the event loop run and the editor painted, against the
same key in a bare ``QPlainTextEdit`` holding the same text, the same size, wrapped the same
way (a line this long is shown unwrapped), measured in the same run, alternating. Keys and
Backspaces alternate, so the text keeps its length. The panel's autosave, which waits for
typing to pause, is stopped after each key: it is the next row. Target: 1.1x.

*Autosave*: what the pause then costs, the panel's save (checked against the stored text,
written with its search index, in one transaction) against the same ``INSERT`` and FTS5 row
on a bare connection. Information only.
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from harness import Result, interleaved_medians, timed
from ocstudy import paths
from ocstudy.content.repository import ContentRepository
from ocstudy.services.study import StudyService
from ocstudy.ui.study.notes_panel import NotesPanel
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore

NOTE_CHARS, QUICK_NOTE_CHARS = 5_000_000, 200_000
REPEATS, QUICK_REPEATS = 5, 2
SLUG = "untoc"
WORDS = ("convention", "protocol", "trafficking", "the", "of", "and", "crime", "organized")


def _paragraph(chars: int) -> str:
    rng = random.Random(21)
    words: list[str] = []
    length = 0
    while length < chars:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:chars]


def _show(widget: QWidget) -> None:
    widget.resize(640, 480)
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    widget.show()
    QApplication.processEvents()


def _keystrokes(editor: QPlainTextEdit, after: Callable[[], None]) -> Callable[[], float]:
    """A measurement: the next key (a letter, then a Backspace), run and painted."""
    keys = [Qt.Key.Key_A, Qt.Key.Key_Backspace]

    def measure() -> float:
        key = keys[0]
        keys.reverse()

        def type_key() -> None:
            QTest.keyClick(editor, key)
            QApplication.processEvents()
            editor.viewport().grab()

        elapsed = timed(type_key)
        after()
        return elapsed

    return measure


def _middle(editor: QPlainTextEdit) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(len(editor.document().toRawText()) // 2)
    editor.setTextCursor(cursor)
    editor.setFocus()


def run(quick: bool) -> list[Result]:
    QApplication.instance() or QApplication([])
    chars, repeats = (QUICK_NOTE_CHARS, QUICK_REPEATS) if quick else (NOTE_CHARS, REPEATS)
    text = _paragraph(chars)
    size = f"{chars / 1_000_000:g} MB" if chars >= 1_000_000 else f"{chars // 1000} KB"
    with tempfile.TemporaryDirectory() as folder:
        db = open_user_database(Path(folder))
        NoteStore(db).save(SLUG, text)
        content = ContentRepository.open(paths.content_db_path())
        panel = NotesPanel(StudyService(content, NoteStore(db)))
        _show(panel)
        panel.set_entity(SLUG, "UNTOC")
        _middle(panel.editor)
        bare = QPlainTextEdit()
        bare.setLineWrapMode(panel.editor.lineWrapMode())
        bare.setPlainText(text)
        _show(bare)
        _middle(bare)
        typing = interleaved_medians(
            _keystrokes(panel.editor, panel._timer.stop),
            _keystrokes(bare, lambda: None),
            repeats,
        )
        saving = interleaved_medians(
            _saves(panel), _bare_saves(text, Path(folder) / "bare.db"), repeats
        )
        panel.deleteLater()
        bare.deleteLater()
        db.close()
        content.close()
    baseline = "bare QPlainTextEdit, the same text and wrapping"
    return [
        Result(f"notes: keystroke in a {size} paragraph", *typing, baseline, 1.1),
        Result(
            f"notes: autosave of a {size} note", *saving, "INSERT and FTS5 row, bare sqlite3", None
        ),
    ]


def _saves(panel: NotesPanel) -> Callable[[], float]:
    def measure() -> float:
        panel.editor.insertPlainText("a")  # something to save
        panel._timer.stop()
        return timed(panel.save_now)

    return measure


def _bare_saves(text: str, path: Path) -> Callable[[], float]:
    """The same writes on a database set up as the user's (WAL, synchronous NORMAL)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("CREATE TABLE notes (slug TEXT PRIMARY KEY, text TEXT)")
    connection.execute(
        "CREATE VIRTUAL TABLE notes_search USING fts5(slug UNINDEXED, text, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    edits = [text]

    def save() -> None:
        edits[0] += "a"
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT OR REPLACE INTO notes VALUES (?, ?)", [SLUG, edits[0]])
        connection.execute("DELETE FROM notes_search WHERE slug = ?", [SLUG])
        connection.execute("INSERT INTO notes_search VALUES (?, ?)", [SLUG, edits[0]])
        connection.execute("COMMIT")

    return lambda: timed(save)
