"""The cards browser's sidebar (issue 23), driven with the mouse and keys as in Anki: a click
searches for an item, Ctrl+click adds it (and), Shift+click is an alternative (or), Alt+click
leaves its cards out; saved searches are saved, renamed and deleted from the right-click menu,
kept in the learner's settings (JSON), and there after a restart; the sidebar folds away."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ocstudy.services.browser.kinds import kind_words
from ocstudy.ui.cards.sidebar import SEARCH_ROLE
from ocstudy.ui.cards.view import CardsView
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.saved_searches import SAVED_SEARCHES_KEY

from .quiz_driving import QuizWindowFactory
from .test_cards_browser import open_cards

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def cards_window(open_quiz_window: QuizWindowFactory) -> MainWindow:
    return open_quiz_window()


def item(view: CardsView, text: str) -> QModelIndex:
    found = view.sidebar.items().get(text)
    assert found is not None, sorted(view.sidebar.items())
    return found


def click(qtbot: QtBot, view: CardsView, text: str, modifiers: Qt.KeyboardModifier = NONE) -> str:
    """Click the sidebar's item ``text``; the search in the field after it."""
    index = item(view, text)
    view.sidebar.scrollTo(index)
    rect = view.sidebar.visualRect(index)
    qtbot.mouseClick(view.sidebar.viewport(), Qt.MouseButton.LeftButton, modifiers, rect.center())
    return view.search.text()


def ids(view: CardsView) -> set[str]:
    return set(view.model.card_ids())


def saved_on_disk(data_dir: Path) -> dict[str, str]:
    connection = sqlite3.connect(data_dir / "user.db")
    row = connection.execute(
        "SELECT value FROM settings WHERE key = ?", [SAVED_SEARCHES_KEY]
    ).fetchone()
    connection.close()
    return json.loads(row[0]) if row else {}


def test_a_click_searches_and_modifiers_join_as_in_anki(
    qtbot: QtBot, cards_window: MainWindow
) -> None:
    view = open_cards(qtbot, cards_window)
    cards = cards_window.quiz_service().catalogue.cards()
    assert view.sidebar.objectName() == "cardsSidebar" and view.sidebar.isVisible()
    assert click(qtbot, view, "Firearms") == "theme:firearms"
    firearms = {c.id for c in cards if "firearms" in c.themes}
    assert ids(view) == firearms and firearms
    assert click(qtbot, view, "Core", CTRL) == "theme:firearms tier:core"
    assert ids(view) == {c.id for c in cards if c.id in firearms and c.tier == "core"}
    assert click(qtbot, view, "Drugs", SHIFT) == "theme:firearms tier:core or theme:drugs"
    assert click(qtbot, view, "Date", CTRL) == (
        "(theme:firearms tier:core or theme:drugs) kind:date"
    )
    assert click(qtbot, view, "Red", ALT) == "-flag:1"  # Alt alone: its cards left out
    view.search.setText("theme:firearms")
    view.run_search()
    assert click(qtbot, view, "Core", CTRL | ALT) == "theme:firearms -tier:core"
    assert ids(view) == {c.id for c in cards if c.id in firearms and c.tier != "core"}


def test_kinds_are_listed_in_words_and_search_by_kind(
    qtbot: QtBot, cards_window: MainWindow
) -> None:
    view = open_cards(qtbot, cards_window)
    words = kind_words("relation_reverse")
    assert item(view, words).data(SEARCH_ROLE) == "kind:relation_reverse"
    assert "relation_reverse" not in view.sidebar.items()
    assert click(qtbot, view, words) == "kind:relation_reverse"
    kinds = {cards_window.quiz_service().catalogue.card(i).kind for i in ids(view)}  # type: ignore[union-attr]
    assert kinds == {"relation_reverse"}
    for text, search in (
        ("Core", "tier:core"),
        ("Suspended", "is:suspended"),
        ("No flag", "flag:0"),
    ):
        assert item(view, text).data(SEARCH_ROLE) == search


def test_enter_on_an_item_searches_from_the_keyboard(
    qtbot: QtBot, cards_window: MainWindow
) -> None:
    view = open_cards(qtbot, cards_window)
    view.sidebar.setFocus()
    view.sidebar.setCurrentIndex(item(view, "Extra"))
    qtbot.keyClick(view.sidebar, Qt.Key.Key_Return)
    assert view.search.text() == "tier:extra"
    view.sidebar.setCurrentIndex(item(view, "Blue"))
    qtbot.keyClick(view.sidebar, Qt.Key.Key_Return, CTRL)
    assert view.search.text() == "tier:extra flag:4"


def open_menu(qtbot: QtBot, view: CardsView, text: str | None = None) -> QMenu:
    index = item(view, text) if text else None
    position = view.sidebar.visualRect(index).center() if index else QPoint(5, 5)
    view.sidebar.customContextMenuRequested.emit(position)
    menus = [m for m in view.sidebar.findChildren(QMenu, "cardsSidebarMenu") if m.isVisible()]
    assert menus
    return menus[-1]


def trigger(menu: QMenu, name: str) -> None:
    action = next(a for a in menu.actions() if a.objectName() == name)
    assert action.isEnabled()
    action.trigger()
    menu.close()


def name_it(qtbot: QtBot, view: CardsView, name: str) -> None:
    dialogs = [d for d in view.findChildren(QInputDialog, "cardsSearchNameDialog") if d.isVisible()]
    assert dialogs
    dialogs[-1].setTextValue(name)
    dialogs[-1].accept()


def asking(box_name: str) -> bool:
    """Whether the question ``box_name`` is on screen."""
    return any(
        isinstance(w, QMessageBox) and w.objectName() == box_name and w.isVisible()
        for w in QApplication.topLevelWidgets()
    )


def answer_later(box_name: str, button_text: str) -> None:
    """Click ``button_text`` in the question ``box_name`` once it shows (it blocks)."""

    def click() -> None:
        box = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == box_name and w.isVisible()
        )
        next(b for b in box.findChildren(QPushButton) if b.text() == button_text).click()

    QTimer.singleShot(50, click)


def test_saved_searches_are_saved_renamed_deleted_and_kept_after_a_restart(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, data_dir: Path
) -> None:
    window = open_quiz_window()
    view = open_cards(qtbot, window)
    click(qtbot, view, "Firearms")
    click(qtbot, view, "Core", CTRL)
    trigger(open_menu(qtbot, view), "cardsSaveSearchAction")
    name_it(qtbot, view, "  Firearms, core  ")
    assert saved_on_disk(data_dir) == {"Firearms, core": "theme:firearms tier:core"}
    assert "Saved the search" in view.message.text()
    assert click(qtbot, view, "Drugs") == "theme:drugs"
    assert click(qtbot, view, "Firearms, core") == "theme:firearms tier:core"

    trigger(open_menu(qtbot, view, "Firearms, core"), "cardsRenameSearchAction")
    name_it(qtbot, view, "Exam: firearms")
    assert saved_on_disk(data_dir) == {"Exam: firearms": "theme:firearms tier:core"}
    assert "Firearms, core" not in view.sidebar.items()
    window.close()

    again = open_cards(qtbot, open_quiz_window())
    assert again.sidebar.items()["Exam: firearms"].data(SEARCH_ROLE) == "theme:firearms tier:core"
    answer_later("cardsDeleteSearchQuestion", "Keep it")
    trigger(open_menu(qtbot, again, "Exam: firearms"), "cardsDeleteSearchAction")
    assert saved_on_disk(data_dir) == {"Exam: firearms": "theme:firearms tier:core"}
    answer_later("cardsDeleteSearchQuestion", "Delete")
    trigger(open_menu(qtbot, again, "Exam: firearms"), "cardsDeleteSearchAction")
    assert saved_on_disk(data_dir) == {}
    assert "Exam: firearms" not in again.sidebar.items()


def test_a_name_in_use_is_replaced_only_if_the_learner_says_so(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, cards_window)
    for theme in ("Firearms", "Drugs"):
        click(qtbot, view, theme)
        trigger(open_menu(qtbot, view), "cardsSaveSearchAction")
        if theme == "Drugs":
            answer_later("cardsReplaceSearchQuestion", "Keep it")
        name_it(qtbot, view, "Mine")
    qtbot.waitUntil(lambda: not asking("cardsReplaceSearchQuestion"))  # Keep it was said
    assert saved_on_disk(data_dir) == {"Mine": "theme:firearms"}
    trigger(open_menu(qtbot, view), "cardsSaveSearchAction")
    answer_later("cardsReplaceSearchQuestion", "Replace")
    name_it(qtbot, view, "Mine")
    qtbot.waitUntil(lambda: saved_on_disk(data_dir) == {"Mine": "theme:drugs"})
    trigger(open_menu(qtbot, view), "cardsSaveSearchAction")
    name_it(qtbot, view, "   ")
    assert "needs a name" in view.message.text() and saved_on_disk(data_dir) == {
        "Mine": "theme:drugs"
    }


def test_nothing_to_save_when_the_search_is_empty(qtbot: QtBot, cards_window: MainWindow) -> None:
    view = open_cards(qtbot, cards_window)
    menu = open_menu(qtbot, view)
    save = next(a for a in menu.actions() if a.objectName() == "cardsSaveSearchAction")
    assert not save.isEnabled()
    menu.close()


def test_the_sidebar_folds_away_and_stays_as_the_learner_left_it(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    view = open_cards(qtbot, window)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_R, CTRL | SHIFT)
    assert not view.sidebar.isVisible() and not view.sidebar_action.isChecked()
    section = view.sidebar.model_.index(1, 0)  # Themes
    view.sidebar.setExpanded(section, False)
    window.close()
    again = open_cards(qtbot, open_quiz_window())
    assert not again.sidebar.isVisible()
    again.search.setFocus()
    qtbot.keyClick(again.search, Qt.Key.Key_R, CTRL | SHIFT)
    assert again.sidebar.isVisible()
    assert not again.sidebar.isExpanded(again.sidebar.model_.index(1, 0))
    assert again.sidebar.isExpanded(again.sidebar.model_.index(2, 0))
