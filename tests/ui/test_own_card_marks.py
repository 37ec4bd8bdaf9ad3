"""Own cards with the card marks (issue 14 §1 and §2 together): an own card is suspended,
flagged and made a leech like any card, and the browser's one Ctrl+Z takes back the newest
action, a mark or an own card's delete or edit; a running quiz goes on past an own card
deleted (or shows it edited) in the browser."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ocstudy.quiz.session import QuizSession
from ocstudy.services.own_cards import CardDraft
from ocstudy.ui.cards.add_dialog import AddCardDialog
from ocstudy.ui.cards.view import CardsView
from ocstudy.ui.window.main_window import MainWindow

from .quiz_driving import Clock, QuizWindowFactory, log_rows, open_quiz, start
from .test_card_marks import cell, lapse, marks_on_disk
from .test_own_cards import add_one, answer, back_to, search, stored

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(open_quiz_window: QuizWindowFactory) -> MainWindow:
    return open_quiz_window()


def browse_own(qtbot: QtBot, window: MainWindow, *fronts: str) -> tuple[CardsView, list[str]]:
    """Own cards with these fronts, shown alone in the browser (Alt+5, ``is:own``)."""
    ids = [add_one(window, front) for front in fronts]
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    cards = window.cards
    assert cards is not None and sorted(search(qtbot, window, "is:own")) == sorted(ids)
    return cards, ids


def select(qtbot: QtBot, window: MainWindow, card_id: str) -> None:
    cards = window.cards
    assert cards is not None
    row = cards.model.row_of(card_id)
    assert row is not None
    cards.table.setFocus()
    rect = cards.table.visualRect(cards.model.index(row, 0))
    qtbot.mouseClick(cards.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert cards.selected_ids() == [card_id]


def test_an_own_card_is_suspended_and_flagged_in_the_browser_and_left_out_of_the_quiz(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    cards, [card_id] = browse_own(qtbot, window, "Own front")
    select(qtbot, window, card_id)
    qtbot.keyClick(cards.table, Qt.Key.Key_J, CTRL)
    qtbot.keyClick(cards.table, Qt.Key.Key_3, CTRL)
    assert marks_on_disk(data_dir) == {card_id: (1, None, 3, 0)}
    assert cell(cards, card_id, "state").startswith("suspended")
    assert cell(cards, card_id, "flag") == "3 Green"
    assert search(qtbot, window, "is:own is:suspended flag:3") == [card_id]
    assert search(qtbot, window, "is:own -is:suspended") == []
    session = window.quiz_service().start()
    assert card_id not in [*session._queue.card_ids()], "a suspended own card is not asked"


def test_one_ctrl_z_undoes_a_suspend_then_an_own_cards_delete(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    cards, [deleted, other] = browse_own(qtbot, window, "Deleted front", "Other front")
    select(qtbot, window, deleted)
    answer("deleteCardDialog", "Delete card")
    qtbot.keyClick(cards.table, Qt.Key.Key_Delete, CTRL)
    assert [front for front, *_ in stored(data_dir)] == ["Other front"]
    back_to(qtbot, window)
    select(qtbot, window, other)
    qtbot.keyClick(cards.table, Qt.Key.Key_J, CTRL)
    assert marks_on_disk(data_dir) == {other: (1, None, 0, 0)}
    qtbot.keyClick(cards.table, Qt.Key.Key_Z, CTRL)
    assert marks_on_disk(data_dir) == {}, "the newest action, the suspend, is undone first"
    assert "Undone: suspended 1 card" in cards.message.text()
    assert [front for front, *_ in stored(data_dir)] == ["Other front"]
    qtbot.keyClick(cards.table, Qt.Key.Key_Z, CTRL)
    assert sorted(front for front, *_ in stored(data_dir)) == ["Deleted front", "Other front"]
    assert cards.current_card_id() == deleted and "back" in cards.message.text()
    qtbot.keyClick(cards.table, Qt.Key.Key_Z, CTRL)
    assert "Nothing to undo" in cards.message.text()


def test_ctrl_z_undoes_an_own_cards_edit_after_a_later_flag(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    cards, [card_id] = browse_own(qtbot, window, "Own front")
    select(qtbot, window, card_id)
    qtbot.keyClick(cards.table, Qt.Key.Key_Return)
    dialog = cards.findChild(AddCardDialog, "editCardDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.front.selectAll()
    qtbot.keyClicks(dialog.front, "Edited front")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    back_to(qtbot, window)
    cards.table.setFocus()
    qtbot.keyClick(cards.table, Qt.Key.Key_1, CTRL)
    assert stored(data_dir)[0][0] == "Edited front" and marks_on_disk(data_dir)[card_id][2] == 1
    qtbot.keyClick(cards.table, Qt.Key.Key_Z, CTRL)
    assert marks_on_disk(data_dir) == {} and stored(data_dir)[0][0] == "Edited front"
    qtbot.keyClick(cards.table, Qt.Key.Key_Z, CTRL)
    assert stored(data_dir)[0][0] == "Own front"
    assert cell(cards, card_id, "question") == "Own front"


def test_an_own_card_becomes_a_leech_at_its_eighth_lapse(
    qtbot: QtBot, window: MainWindow, clock: Clock, data_dir: Path
) -> None:
    card_id = add_one(window)
    service = window.quiz_service()
    lapse(service, clock, card_id, 7)
    assert marks_on_disk(data_dir) == {}
    clock.advance(timedelta(days=400))
    QuizSession(service.schedule, [card_id]).answer(Rating.Again, duration_ms=1000)
    assert marks_on_disk(data_dir) == {card_id: (1, None, 0, 1)}
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert search(qtbot, window, "is:own is:leech is:suspended") == [card_id]


def test_the_quiz_shows_its_own_card_edited_and_goes_on_past_it_deleted_in_the_browser(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    cards, [card_id] = browse_own(qtbot, window, "Own front")
    quiz = open_quiz(qtbot, window, "flashcard")
    start(qtbot, quiz)
    assert quiz.card is not None and quiz.card.id == card_id, "new own cards come first"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    own = window.own_cards.service()
    found = own.card(card_id)
    assert found is not None
    own.edit(found, CardDraft("Now edited", "b", "untoc", ("drugs",)))
    window.own_cards.changed()
    assert "Now edited" in quiz.card_page.prompt.text()
    select(qtbot, window, card_id)
    answer("deleteCardDialog", "Delete card")
    qtbot.keyClick(cards.table, Qt.Key.Key_Delete, CTRL)
    back_to(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert quiz.card is not None and quiz.card.id != card_id
    following = quiz.card.id
    qtbot.keyClick(quiz, Qt.Key.Key_Space)
    qtbot.keyClick(quiz, Qt.Key.Key_3)
    assert log_rows(data_dir) == [(following, 3, "flashcard")]
