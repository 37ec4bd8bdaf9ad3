"""Every write the window makes is announced on its change notice (issue 24, phase C): the
quiz's settings, the FSRS parameters, a flag in the quiz (an undo step too), an own card
added, a note saved, a notes import; so no view needs a stamp of the database to notice a
write, and the study view reads again only the notes named."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ocstudy.services.operations import (
    NEW_PER_DAY_SETTING,
    PARAMETERS_SETTING,
    RETENTION_SETTING,
    TIERS_SETTING,
    Changes,
)
from ocstudy.ui.stats import view as stats_view
from ocstudy.ui.window.main_window import MainWindow

from .quiz_driving import QuizWindowFactory, open_quiz, start
from .test_one_undo import counting, undo_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def heard(window: MainWindow) -> list[Changes]:
    """The changes the window's notice announces from now on."""
    changes: list[Changes] = []
    window.changes.changed.connect(changes.append)
    return changes


def flags_on_disk(data_dir: Path) -> dict[str, int]:
    with sqlite3.connect(data_dir / "user.db") as connection:
        rows = connection.execute("SELECT card_id, flag FROM card_marks WHERE flag > 0")
        return dict(rows.fetchall())


def test_the_start_pages_settings_are_announced_and_the_statistics_follow(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_quiz_window()
    qtbot.keyClick(window, Qt.Key.Key_4, ALT)  # the statistics, computed once
    quiz = open_quiz(qtbot, window)
    computed = counting(monkeypatch, stats_view, "compute_stats")
    changes = heard(window)
    page = quiz.start_page
    page.retention_box.setFocus()
    qtbot.keyClick(page.retention_box, Qt.Key.Key_Up)
    assert changes == [Changes.of_settings(RETENTION_SETTING)]  # only the one that moved
    page.new_box.setFocus()
    qtbot.keyClick(page.new_box, Qt.Key.Key_Up)
    assert changes[-1] == Changes.of_settings(NEW_PER_DAY_SETTING)
    page.tiers_box.setCurrentIndex((page.tiers_box.currentIndex() + 1) % page.tiers_box.count())
    assert changes[-1] == Changes.of_settings(TIERS_SETTING)
    qtbot.keyClick(window, Qt.Key.Key_4, ALT)
    assert len(computed) == 1  # heard of: computed again on show, without a stamp


def test_the_fsrs_parameters_reset_is_announced(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    from fsrs.scheduler import DEFAULT_PARAMETERS

    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    window.quiz_service().settings.set_fitted_parameters(DEFAULT_PARAMETERS)
    quiz.start_page._show_parameters()
    changes = heard(window)
    reset = quiz.start_page.findChild(QWidget, "quizFsrsReset")
    assert reset is not None and reset.isEnabled()
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert changes == [Changes.of_settings(PARAMETERS_SETTING)]


def test_a_flag_in_the_quiz_is_undone_from_the_edit_menu_and_announced(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    start(qtbot, quiz)
    card = quiz.card
    assert card is not None
    changes = heard(window)
    qtbot.keyClick(quiz, Qt.Key.Key_1, CTRL)
    assert flags_on_disk(data_dir) == {card.id: 1}
    assert changes == [Changes.of_cards([card.id])]
    assert undo_text(window) == "Undo Flag red"
    window.undo_action.trigger()
    assert flags_on_disk(data_dir) == {}
    assert changes[-1] == Changes.of_cards([card.id])
    assert quiz.card is not None and quiz.card.id == card.id  # the card stays on screen
    assert undo_text(window) == "Undo"


def test_an_own_card_added_is_announced(qtbot: QtBot, open_quiz_window: QuizWindowFactory) -> None:
    window = open_quiz_window()
    changes = heard(window)
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = window.own_cards.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.findChild(QWidget, "cardFront"), "A front")
    qtbot.keyClicks(dialog.findChild(QWidget, "cardBack"), "A back")
    qtbot.keyClick(dialog.findChild(QWidget, "cardBack"), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: bool(changes))
    assert changes == [Changes(own_cards=True)]


def test_a_note_saved_is_announced_and_the_editor_is_not_loaded_again(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.study.select("gpml")
    notes = window.study.notes
    loads = counting(monkeypatch, notes, "_load_text")
    changes = heard(window)
    notes.editor.setFocus()
    qtbot.keyClicks(notes.editor, "typed here")
    assert changes == []  # not on every key
    window.study.flush()
    assert changes == [Changes.of_notes(["gpml"])]
    assert loads == []
    assert notes.editor.toPlainText() == "typed here"
    assert window.counts_label.text().endswith("\u00b7 1 note")


def test_a_notes_import_announces_the_notes_it_wrote_and_the_open_one_shows_them(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = window.study._service
    service.save_edit("untoc", "imported text", "")
    exported = tmp_path / "notes.json"
    window.services.exports().notes(exported)
    service.delete_note("untoc")
    window.study.select("untoc")
    window.data_shown()  # the set-up's writes are not another program's
    assert window.study.notes.editor.toPlainText() == ""
    reloads = counting(monkeypatch, window.study, "reload_notes")
    changes = heard(window)
    operation = window.files.import_notes(exported)
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=30_000)
    assert changes == [Changes.of_notes(["untoc"])]
    assert reloads == []  # only the note named is read again
    assert window.study.notes.editor.toPlainText() == "imported text"
    assert "1 note" in window.counts_label.text()


def test_edit_undo_is_greyed_out_with_nothing_to_undo(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ocstudy.ui.study import notes_panel

    menu = window.menus.edit_menu
    menu.aboutToShow.emit()
    assert not window.undo_action.isEnabled()
    menu.aboutToHide.emit()
    assert window.undo_action.isEnabled()  # Ctrl+Z still says "Nothing to undo" where it can
    monkeypatch.setattr(notes_panel, "confirm_delete", lambda parent: True)
    window.study.select("gpml")
    window.study.notes.editor.setPlainText("a note")
    window.study.flush()
    window.study.notes.delete_note()
    menu.aboutToShow.emit()
    assert window.undo_action.isEnabled()
    assert window.undo_action.text().replace("&", "") == "Undo Delete note"
    menu.aboutToHide.emit()
