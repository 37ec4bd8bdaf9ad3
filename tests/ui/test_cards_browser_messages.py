"""The browser's message line says what the last action did, as the learner reads it (issue
23): an undo's apostrophe shows as one (it showed ``&#x27;``), and after a delete it no longer
says an earlier "Nothing to undo"."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.main_window import MainWindow

from .test_card_marks import CTRL
from .test_cards_browser import open_cards
from .test_own_card_marks import browse_own, select
from .test_own_cards import answer, back_to


def shown(label: QLabel) -> str:
    """The text the label shows: its rich text rendered, else the text as it is."""
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(label.text())
    )
    if not rich:
        return label.text()
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def test_an_undo_of_a_delete_says_it_in_words_after_the_delete_said_so(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    cards, [card_id] = browse_own(qtbot, window, "The front")
    view = open_cards(qtbot, window)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert shown(view.message) == "Nothing to undo in the browser."
    select(qtbot, window, card_id)
    answer("deleteCardDialog", "Delete card")
    qtbot.keyClick(cards.table, Qt.Key.Key_Delete, CTRL)
    qtbot.waitUntil(lambda: "deleted" in shown(view.message))
    assert "Nothing to undo" not in shown(view.message)
    assert shown(view.message) == "Card deleted. Ctrl+Z brings it back."
    back_to(qtbot, window)
    qtbot.keyClick(cards.table, Qt.Key.Key_Z, CTRL)
    text = shown(view.message)
    assert text.startswith("Undone: your card's deletion"), text
    assert "&#" not in text and "&amp;" not in text


def test_a_message_with_markup_characters_shows_them_as_they_are(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_cards(qtbot, window)
    view.tell("Undone: your card's edit")
    assert shown(view.message) == "Undone: your card's edit"
    view.tell("The <b> tag & the \u201cquotes\u201d aren't markup")
    assert shown(view.message) == "The <b> tag & the \u201cquotes\u201d aren't markup"
    view.tell("It's a <warning>", warn=True)
    assert shown(view.message) == "\u26a0 It's a <warning>"
