"""With the window open, another process writes the data (``ocstudy import notes``, ``ocstudy
restore``): the window notices, and its next save never undoes what that process wrote."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from driving import click_tree_item
from ocstudy.services.exchange.formats import NOTES
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import USER_DB_NAME

from .conftest import open_window


def note_in(data_dir: Path, slug: str) -> str | None:
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    row = connection.execute("SELECT text FROM notes WHERE slug = ?", (slug,)).fetchone()
    connection.close()
    return row[0] if row else None


def ocstudy(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done


def type_at_end(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.study.notes.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)


def test_an_import_on_the_command_line_is_not_undone_by_the_windows_next_save(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    click_tree_item(window, "untoc")
    type_at_end(qtbot, window, "Palermo 2000")
    assert window.study.flush()
    other = tmp_path / "laptop.json"
    other.write_text(
        json.dumps(
            {"format": NOTES.name, "format_version": 1, "notes": {"untoc": {"text": "Laptop note"}}}
        )
    )
    ocstudy(data_dir, "import", "notes", str(other))
    merged = note_in(data_dir, "untoc") or ""
    assert "Palermo 2000" in merged and "Laptop note" in merged
    type_at_end(qtbot, window, ", three protocols")  # before or after the window looked
    assert window.study.flush()
    stored = note_in(data_dir, "untoc") or ""
    assert "Laptop note" in stored, "the window's save undid the import"
    assert "three protocols" in stored
    assert window.study.notes.editor.toPlainText() == stored


def test_a_restore_on_the_command_line_is_shown_and_not_undone(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    click_tree_item(window, "cnd")
    type_at_end(qtbot, window, "version one")
    assert window.study.flush()
    backup = Path(ocstudy(data_dir, "backup").stdout.split("backed up to ", 1)[1].strip())
    type_at_end(qtbot, window, ", version two")
    assert window.study.flush()
    ocstudy(data_dir, "restore", str(backup))
    assert note_in(data_dir, "cnd") == "version one"
    editor = window.study.notes.editor
    qtbot.waitUntil(lambda: editor.toPlainText() == "version one", timeout=5000)
    type_at_end(qtbot, window, ", version three")
    assert window.study.flush()
    assert note_in(data_dir, "cnd") == "version one, version three"


def test_typing_while_a_restore_lands_keeps_both_texts(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    watch = window.findChild(QTimer, "outsideChangesTimer")
    assert watch is not None
    watch.stop()  # the window does not look before the next save
    click_tree_item(window, "incb")
    type_at_end(qtbot, window, "Created 1961")
    assert window.study.flush()
    backup = Path(ocstudy(data_dir, "backup").stdout.split("backed up to ", 1)[1].strip())
    editor = window.study.notes.editor
    editor.selectAll()
    qtbot.keyClicks(editor, "13 members")
    assert window.study.flush()
    ocstudy(data_dir, "restore", str(backup))
    type_at_end(qtbot, window, ", elected by ECOSOC")  # the window has not looked yet
    assert window.study.flush()
    stored = note_in(data_dir, "incb") or ""
    assert stored.startswith("Created 1961") and "13 members, elected by ECOSOC" in stored
    assert "written in the ocstudy window" in stored


def test_a_running_quiz_goes_on_when_only_the_notes_change_elsewhere(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    """A notes import on the command line mid-quiz leaves the card on screen; a restore that
    changes the review history ends the session (its schedule is no longer the stored one)."""
    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    quiz = window.quiz
    assert quiz is not None
    backup = Path(ocstudy(data_dir, "backup").stdout.split("backed up to ", 1)[1].strip())
    quiz.start_page.start_button.click()
    qtbot.waitUntil(lambda: quiz.card is not None)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_3)
    shown = quiz.card
    assert shown is not None and quiz.pages.currentWidget() is quiz.card_page
    other = tmp_path / "laptop.json"
    other.write_text(
        json.dumps({"format": NOTES.name, "format_version": 1, "notes": {"untoc": {"text": "x"}}})
    )
    ocstudy(data_dir, "import", "notes", str(other))
    window.check_outside_changes()
    assert note_in(data_dir, "untoc") == "x"
    assert quiz.card is shown and quiz.pages.currentWidget() is quiz.card_page
    ocstudy(data_dir, "restore", str(backup))  # the answer just given is gone
    window.check_outside_changes()
    assert quiz.pages.currentWidget() is quiz.start_page


def test_a_restore_that_removes_the_own_card_on_screen_moves_the_quiz_on(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    """An own card added after the backup is gone once the backup is restored: the quiz, still
    running (the review history is the same), shows the next card, and rating never raises."""
    from fsrs import Rating

    from ocstudy.services.own_cards import CardDraft

    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    backup = window.services.safety().backup_now()
    card = window.own_cards.service().add(CardDraft("Own question", "Own answer", None))
    window.show_view("quiz")
    quiz = window.quiz
    assert quiz is not None
    quiz.start()
    assert quiz.card is not None and quiz.card.id == card.id  # new own cards come first
    window.services.safety().restore(backup)
    window.reload_user_data()
    assert quiz.card is not None and quiz.card.id != card.id
    quiz.show_answer()
    quiz.rate(Rating.Good)
    assert card.id not in {
        row[0]
        for row in sqlite3.connect(data_dir / USER_DB_NAME).execute(
            "SELECT card_id FROM review_log"
        )
    }
