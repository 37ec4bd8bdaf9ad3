"""One change notice and one undo history (issue 24 §2): Edit > Undo takes back the newest
change whichever view made it and names it; the views hear of changes and read again only
what changed, another process's writes included."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ocstudy.services.operations import Changes
from ocstudy.ui.cards import view as cards_view
from ocstudy.ui.cards.model import COLUMN_KEYS
from ocstudy.ui.stats import view as stats_view
from ocstudy.ui.window.main_window import MainWindow

from .quiz_driving import QuizWindowFactory, log_rows, open_quiz, start

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def undo_text(window: MainWindow) -> str:
    """Edit > Undo's words as the menu shows them when it opens."""
    window.menus.edit_menu.aboutToShow.emit()
    return window.undo_action.text().replace("&", "")


def counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[object]:
    """Count the calls of ``module.name`` (still calling it)."""
    calls: list[object] = []
    real = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1:] if len(args) > 1 else args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_edit_undo_takes_back_a_flag_then_an_answer_and_names_each(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    start(qtbot, quiz)
    qtbot.keyClick(quiz, Qt.Key.Key_Space)  # the answer
    qtbot.keyClick(quiz, Qt.Key.Key_3)  # Good
    assert len(log_rows(data_dir)) == 1
    assert undo_text(window) == "Undo Answer"
    qtbot.keyClick(window, Qt.Key.Key_5, ALT)
    cards = window.cards
    assert cards is not None
    cards.table.setFocus()
    cards.table.selectRow(0)
    card_id = cards.current_card_id()
    assert card_id is not None
    qtbot.keyClick(cards.table, Qt.Key.Key_1, CTRL)
    assert cards.model.card_row(card_id).flag == 1  # type: ignore[union-attr]
    assert undo_text(window) == "Undo Flag red"
    window.undo_action.trigger()
    assert cards.model.card_row(card_id).flag == 0  # type: ignore[union-attr]
    assert len(log_rows(data_dir)) == 1  # the answer stays
    assert undo_text(window) == "Undo Answer"
    window.undo_action.trigger()
    assert log_rows(data_dir) == []
    assert undo_text(window) == "Undo"


def test_a_deleted_note_comes_back_by_edit_undo(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ocstudy.ui.study import notes_panel

    monkeypatch.setattr(notes_panel, "confirm_delete", lambda parent: True)
    notes = window.study.notes
    window.study.select("gpml")
    notes.editor.setPlainText("a note to keep")
    window.study.flush()
    notes.delete_note()
    assert window.study._service.note("gpml") is None
    assert undo_text(window) == "Undo Delete note"
    undo = next(a for a in window.menus.edit_menu.actions() if a.objectName() == "undoAction")
    undo.trigger()
    stored = window.study._service.note("gpml")
    assert stored is not None and stored.text == "a note to keep"
    assert notes.editor.toPlainText() == "a note to keep"
    assert undo_text(window) == "Undo"


@pytest.mark.parametrize(("view_key", "by_menu"), [("2", False), ("4", True)])
def test_a_note_undeleted_from_another_view_shows_its_entry_in_the_study_view(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    view_key: str,
    by_menu: bool,
) -> None:
    from ocstudy.ui.study import notes_panel

    monkeypatch.setattr(notes_panel, "confirm_delete", lambda parent: True)
    window.study.select("gpml")
    window.study.notes.editor.setPlainText("a note to keep")
    window.study.flush()
    window.study.notes.delete_note()
    window.study.select("icat")
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{view_key}"), ALT)  # timeline, statistics
    assert window.current_view != "study"
    if by_menu:
        window.undo_action.trigger()  # Edit > Undo
    else:
        qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | ALT)
    assert window.current_view == "study" and window.study.current_slug == "gpml"
    assert window.study.notes.editor.toPlainText() == "a note to keep"


def test_a_change_in_the_browser_reads_only_that_row_again(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_quiz_window()
    qtbot.keyClick(window, Qt.Key.Key_5, ALT)
    cards = window.cards
    assert cards is not None
    whole = counting(monkeypatch, cards_view, "card_rows")
    some = counting(monkeypatch, cards_view, "card_rows_of")
    cards.table.setFocus()
    cards.table.selectRow(2)
    card_id = cards.current_card_id()
    qtbot.keyClick(cards.table, Qt.Key.Key_J, CTRL)  # suspend
    assert whole == []
    assert [list(ids) for (ids,) in some] == [[card_id]]  # type: ignore[misc]
    row = cards.model.row_of(card_id or "")
    assert row is not None
    state = cards.model.index(row, COLUMN_KEYS.index("state")).data()
    assert state.startswith("suspended")
    qtbot.keyClick(window, Qt.Key.Key_1, ALT)
    qtbot.keyClick(window, Qt.Key.Key_5, ALT)  # shown again, nothing changed since
    assert whole == [] and len(some) == 1


def test_another_process_write_reaches_the_views_through_the_notice(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    qtbot.keyClick(window, Qt.Key.Key_5, ALT)
    cards = window.cards
    assert cards is not None
    card_id = cards.model.card_id(0)
    other = sqlite3.connect(data_dir / "user.db")
    with other:
        other.execute(
            "INSERT INTO card_marks (card_id, suspended, buried_until, flag, leech) "
            "VALUES (?, 0, NULL, 3, 0)",
            [card_id],
        )
    other.close()
    heard: list[Changes] = []
    window.changes.changed.connect(heard.append)
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)  # the one-second look
    assert heard[0].everything
    assert cards.model.card_row(card_id).flag == 3  # type: ignore[union-attr]


def test_statistics_are_not_computed_again_on_show_when_nothing_changed(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_quiz_window()
    qtbot.keyClick(window, Qt.Key.Key_4, ALT)
    computed = counting(monkeypatch, stats_view, "compute_stats")
    qtbot.keyClick(window, Qt.Key.Key_1, ALT)
    qtbot.keyClick(window, Qt.Key.Key_4, ALT)
    assert computed == []
    qtbot.keyClick(window, Qt.Key.Key_5, ALT)
    cards = window.cards
    assert cards is not None
    cards.table.setFocus()
    cards.table.selectRow(0)
    qtbot.keyClick(cards.table, Qt.Key.Key_1, CTRL)  # a change: heard of
    qtbot.keyClick(window, Qt.Key.Key_4, ALT)
    assert len(computed) == 1
