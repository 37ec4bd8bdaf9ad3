"""One key scheme with no clash (issue 23): Alt+1...5 switch views from every view, whatever has
the focus (the cards table, the search fields, a quiz card, a typed answer, the order list);
Ctrl+1...7 flag a card in the quiz and in the cards browser, as in Anki; the View menu, the
toolbar's tooltips and F1 say so."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ocstudy.quiz.session import QuizSession
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.ui.window.shortcuts_dialog import ShortcutsDialog

from .quiz_driving import QuizWindowFactory, cards_for, log_rows

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
VIEW_KEYS = {
    Qt.Key.Key_1: "study",
    Qt.Key.Key_2: "timeline",
    Qt.Key.Key_3: "quiz",
    Qt.Key.Key_4: "stats",
    Qt.Key.Key_5: "cards",
}


def flags_on_disk(data_dir: Path) -> dict[str, int]:
    connection = sqlite3.connect(data_dir / "user.db")
    rows = connection.execute("SELECT card_id, flag FROM card_marks WHERE flag != 0").fetchall()
    connection.close()
    return dict(rows)


def quiz_card(window: MainWindow, mode: str) -> QWidget:
    """The quiz, with a session on a card answered in ``mode`` (started once)."""
    window.show_view("quiz")
    quiz = window.quiz
    assert quiz is not None
    if quiz.session is None:
        quiz.start_page.mode_box.setCurrentIndex(quiz.start_page.mode_box.findData(mode))
        service = window.quiz_service()
        if mode == "order":
            ids = [next(c.id for c in service.catalogue.cards() if c.kind == "chronology_order")]
        else:
            ids = cards_for(window, mode, 2)
        quiz.run_session(QuizSession(service.schedule, ids))
    page = quiz.card_page
    return {"typed": page.typed, "order": page.order_list}.get(mode, page)


def cards_view(window: MainWindow) -> None:
    window.show_view("cards")
    assert window.cards is not None
    window.cards.refresh()


def cards_table(window: MainWindow) -> QWidget:
    cards_view(window)
    assert window.cards is not None
    table = window.cards.table
    row = table.visualRect(window.cards.model.index(0, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    return table


def cards_search(window: MainWindow) -> QWidget:
    cards_view(window)
    assert window.cards is not None
    return window.cards.search


def timeline(window: MainWindow) -> QWidget:
    window.show_view("timeline")
    assert window.timeline is not None
    return window.timeline.view


def quiz_start(window: MainWindow) -> QWidget:
    window.show_view("quiz")
    assert window.quiz is not None
    return window.quiz.start_page.start_button


def statistics(window: MainWindow) -> QWidget:
    window.show_view("stats")
    assert window.stats is not None
    return window.stats


#: Where the focus can be when a view key is pressed: each makes its view current and returns
#: the widget to focus.
PLACES: dict[str, Callable[[MainWindow], QWidget]] = {
    "study tree": lambda w: (w.show_view("study"), w.study.tree)[1],
    "study search": lambda w: (w.show_view("study"), w.study.search_box)[1],
    "note editor": lambda w: (w.show_view("study"), w.study.notes.editor)[1],
    "timeline": timeline,
    "quiz start page": quiz_start,
    "quiz card": lambda w: quiz_card(w, "choice"),
    "quiz typed answer": lambda w: quiz_card(w, "typed"),
    "quiz order list": lambda w: quiz_card(w, "order"),
    "statistics": statistics,
    "cards table": cards_table,
    "cards search": cards_search,
}


@pytest.mark.parametrize("place", PLACES)
def test_every_view_key_works_from_every_view(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path, place: str
) -> None:
    window = open_quiz_window()
    window.study.select("untoc")
    for key, view in VIEW_KEYS.items():
        target = PLACES[place](window)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.waitUntil(lambda target=target: QApplication.focusWidget() is target)
        qtbot.keyClick(target, key, ALT)
        assert window.current_view == view, (place, view)
    assert log_rows(data_dir) == []  # no key acted on a card
    assert flags_on_disk(data_dir) == {}


def test_back_in_the_quiz_by_its_key_the_card_takes_the_keys(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    quiz_card(window, "flashcard")
    qtbot.keyClick(window, Qt.Key.Key_1, ALT)
    qtbot.keyClick(window, Qt.Key.Key_3, ALT)
    assert window.current_view == "quiz" and window.quiz is not None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert window.quiz.revealed


def test_ctrl_digits_flag_the_card_in_the_quiz_and_the_browser(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    for mode, key, flag in (("choice", Qt.Key.Key_2, 2), ("typed", Qt.Key.Key_3, 3)):
        target = quiz_card(window, mode)
        target.setFocus()
        assert window.quiz is not None and window.quiz.card is not None
        qtbot.keyClick(target, key, CTRL)
        assert window.current_view == "quiz"
        assert flags_on_disk(data_dir).get(window.quiz.card.id) == flag
        window.quiz.back_to_start()
    table = cards_table(window)
    table.setFocus()
    assert window.cards is not None
    selected = window.cards.selected_ids()
    qtbot.keyClick(table, Qt.Key.Key_4, CTRL)
    assert window.current_view == "cards"
    assert selected and all(flags_on_disk(data_dir).get(i) == 4 for i in selected)


def test_the_view_menu_the_toolbar_and_f1_say_where_each_key_works(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    for number, view in enumerate(VIEW_KEYS.values(), start=1):
        action = window.findChild(type(window.menus.view_menu.menuAction()), f"view_{view}")
        assert action is not None and action.shortcut().toString() == f"Alt+{number}"
        assert action in window.menus.view_menu.actions()
        assert action.toolTip().endswith(f"(Alt+{number})")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    rows = [
        tuple(dialog.model.item(r, c).text() for c in range(3))
        for r in range(dialog.model.rowCount())
    ]
    assert ("Everywhere", "Alt+3", "Switch to the Quiz view") in rows
    assert not any(keys.startswith("Ctrl+1") and where == "Everywhere" for where, keys, _ in rows)
    flags = {where for where, keys, _ in rows if keys.startswith("Ctrl+1 \u2026 Ctrl+7")}
    assert flags == {"Quiz", "Cards"}
    where = {what: place for place, _keys, what in rows}
    assert where["Group by kind"] == "Study" and where["Undo typing"] == "Study: the note editor"
    assert where["Quit"] == "Everywhere"
    assert not any(row[1] == "Ctrl+J" for row in rows if row[0] != "Cards")
    assert [row[0] for row in rows][:1] == ["Everywhere"]
    dialog.close()


#: The views besides the study view, each shown with the focus where its keys go.
OTHER_VIEWS: dict[str, Callable[[MainWindow], QWidget]] = {
    "timeline": timeline,
    "quiz start page": quiz_start,
    "quiz card": lambda w: quiz_card(w, "flashcard"),
    "statistics": statistics,
    "cards table": cards_table,
}


@pytest.mark.parametrize("place", ["quiz start page", "quiz card", "statistics", "cards table"])
def test_the_study_views_keys_leave_its_entry_and_note_alone_in_another_view(
    qtbot: QtBot,
    open_quiz_window: QuizWindowFactory,
    monkeypatch: pytest.MonkeyPatch,
    place: str,
) -> None:
    asked: list[bool] = []
    monkeypatch.setattr(
        "ocstudy.ui.study.notes_panel.confirm_delete", lambda _parent: asked.append(True) or True
    )
    window = open_quiz_window()
    study = window.study
    study.select("untoc")
    qtbot.keyClicks(study.notes.editor, "My note on UNTOC")
    study.select("unodc")
    target = OTHER_VIEWS[place](window)
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target)
    qtbot.keyClick(target, Qt.Key.Key_Left, ALT)
    qtbot.keyClick(target, Qt.Key.Key_Delete, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert study.current_slug == "unodc"  # the entry the quiz's "selected entry" studies
    study.select("untoc")
    qtbot.keyClick(target, Qt.Key.Key_Delete, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert asked == []
    assert window.services.study.note("untoc") is not None


@pytest.mark.parametrize("place", ["timeline", "quiz card", "statistics"])
def test_find_in_a_view_without_a_search_field_goes_to_the_study_views(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path, place: str
) -> None:
    window = open_quiz_window()
    target = OTHER_VIEWS[place](window)
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target)
    qtbot.keyClick(target, Qt.Key.Key_F, CTRL)
    assert window.current_view == "study"
    assert QApplication.focusWidget() is window.study.search_box
    qtbot.keyClicks(window.study.search_box, "1988")
    assert window.study.search_box.isVisible()
    assert log_rows(data_dir) == []  # the digits went to the search, not to the quiz's card
