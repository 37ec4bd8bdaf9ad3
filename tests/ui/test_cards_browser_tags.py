"""The learner's own tags in the cards browser (issue 23): Ctrl+Shift+T adds tags to the
selected cards, Ctrl+Alt+Shift+T removes them, Ctrl+Z undoes either with the browser's other
actions; ``tag:`` finds them; the Tags column, the card's pane and the sidebar show them; a
text that is no tag changes nothing and says why."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMenu
from pytestqt.qtbot import QtBot

from ocstudy.ui.cards.model import COLUMN_KEYS
from ocstudy.ui.cards.view import CardsView
from ocstudy.ui.window.main_window import MainWindow

from .quiz_driving import QuizWindowFactory
from .test_card_marks import CTRL, SHIFT, cell, marks_on_disk, select_rows
from .test_cards_browser import open_cards, search

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def cards_window(open_quiz_window: QuizWindowFactory) -> MainWindow:
    return open_quiz_window()


def tags_on_disk(data_dir: Path) -> dict[str, set[str]]:
    connection = sqlite3.connect(data_dir / "user.db")
    rows = connection.execute("SELECT card_id, tag FROM card_tags").fetchall()
    connection.close()
    found: dict[str, set[str]] = {}
    for card_id, tag in rows:
        found.setdefault(card_id, set()).add(tag)
    return found


def type_tags(qtbot: QtBot, view: CardsView, keys: Qt.KeyboardModifier, text: str) -> str:
    """Press the tag key ``keys``+T in the table, type ``text`` and Enter; the dialog's
    label."""
    qtbot.keyClick(view.table, Qt.Key.Key_T, keys)
    dialog = next(d for d in view.findChildren(QInputDialog, "cardsTagsDialog") if d.isVisible())
    label = dialog.labelText()
    dialog.setTextValue(text)
    dialog.accept()
    return label


def test_ctrl_shift_t_tags_the_selected_cards_and_ctrl_z_takes_it_back(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, cards_window)
    ids = select_rows(qtbot, view, 3)
    label = type_tags(qtbot, view, CTRL | SHIFT, "exam  Weak-dates,exam")
    assert "3 cards" in label
    assert tags_on_disk(data_dir) == {card_id: {"exam", "Weak-dates"} for card_id in ids}
    assert (
        "Added the tags \u201cexam\u201d, \u201cWeak-dates\u201d to 3 cards" in view.message.text()
    )
    assert [cell(view, i, "tags") for i in ids] == ["exam Weak-dates"] * 3
    assert view.selected_ids() == ids
    assert "Your tags: exam, Weak-dates" in view.detail.toPlainText()
    assert {"exam", "Weak-dates"} <= set(view.sidebar.items())
    assert sorted(search(qtbot, view, "tag:weak-dates")) == sorted(ids)
    assert sorted(search(qtbot, view, "tag:wea*")) == sorted(ids)
    total = len(cards_window.quiz_service().catalogue.cards())
    assert len(search(qtbot, view, "tag:none")) == total - 3
    assert search(qtbot, view, "tag:exam -tag:exam") == []

    search(qtbot, view, "")
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert tags_on_disk(data_dir) == {}
    assert "Undone: added the tags" in view.message.text()
    assert cell(view, ids[0], "tags") == ""


def test_ctrl_alt_shift_t_removes_tags_and_undo_keeps_a_later_change(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, cards_window)
    first, second = select_rows(qtbot, view, 2)
    type_tags(qtbot, view, CTRL | SHIFT, "exam weak")
    label = type_tags(qtbot, view, CTRL | ALT | SHIFT, "EXAM")
    assert "exam weak" in label  # what the cards have, to choose from
    assert tags_on_disk(data_dir) == {first: {"weak"}, second: {"weak"}}
    assert "Removed the tag \u201cEXAM\u201d from 2 cards" in view.message.text()
    qtbot.keyClick(view.table, Qt.Key.Key_J, CTRL)  # a later action, undone first
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert marks_on_disk(data_dir) == {}
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert tags_on_disk(data_dir) == {first: {"exam", "weak"}, second: {"exam", "weak"}}


def test_a_text_that_is_no_tag_changes_nothing_and_says_why(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, cards_window)
    select_rows(qtbot, view, 1)
    for text, why in (
        ('"quoted"', "cannot hold a quote"),
        ("a:b", "cannot hold a colon"),
        ("-x", "cannot start with"),
        ("none", "tag:none"),
        ("   ", "no tag given"),
        ("x" * 61, "longer than 60"),
    ):
        type_tags(qtbot, view, CTRL | SHIFT, text)
        assert why in view.message.text() and "Nothing changed" in view.message.text(), text
    assert tags_on_disk(data_dir) == {}


def test_the_tag_actions_are_in_the_right_click_menu_and_the_tags_column(
    qtbot: QtBot, cards_window: MainWindow
) -> None:
    view = open_cards(qtbot, cards_window)
    (card_id,) = select_rows(qtbot, view, 1)
    view.table.customContextMenuRequested.emit(
        view.table.visualRect(view.model.index(0, 0)).center()
    )
    menu = next(m for m in view.findChildren(QMenu, "cardsContextMenu") if m.isVisible())
    add = next(a for a in menu.actions() if a.objectName() == "cardAddTagsAction")
    remove = next(a for a in menu.actions() if a.objectName() == "cardRemoveTagsAction")
    assert add.shortcut().toString() == "Ctrl+Shift+T"
    assert remove.shortcut().toString() == "Ctrl+Alt+Shift+T"
    menu.close()
    header = view.table.horizontalHeader()
    tags = COLUMN_KEYS.index("tags")
    assert header.isSectionHidden(tags)  # by default: the pane and the sidebar show them
    view.columns.show_column(tags, True)
    assert not header.isSectionHidden(tags)
    assert view.model.headerData(tags, Qt.Orientation.Horizontal) == "Tags"
    assert cell(view, card_id, "tags") == ""
