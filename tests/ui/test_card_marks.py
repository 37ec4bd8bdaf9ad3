"""Card actions in the window (issue 14 §1), driven by keys and menus: the browser's Ctrl+J,
Ctrl+Shift+J, Ctrl+1...7, Ctrl+Alt+N, Ctrl+Shift+D and Ctrl+Z on the selected cards, and the
quiz's -, @, Ctrl+1 and i on the card on screen; a leech at the 8th lapse; failed writes."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from fsrs import Rating, State
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from ocstudy.quiz.session import QuizSession
from ocstudy.services.review.quiz import Scope
from ocstudy.ui.cards.model import COLUMN_KEYS
from ocstudy.ui.cards.view import CardsView
from ocstudy.ui.common.palette import flag_color
from ocstudy.ui.quiz.view import QuizView
from ocstudy.ui.window.main_window import MainWindow

from .quiz_driving import Clock, QuizWindowFactory, log_rows, open_quiz, start
from .test_cards_browser import open_cards, search

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def marks_on_disk(data_dir: Path) -> dict[str, tuple[int, str | None, int, int]]:
    connection = sqlite3.connect(data_dir / "user.db")
    rows = connection.execute(
        "SELECT card_id, suspended, buried_until, flag, leech FROM card_marks"
    ).fetchall()
    connection.close()
    return {row[0]: row[1:] for row in rows}


def cell(view: CardsView, card_id: str, key: str) -> str:
    row = view.model.row_of(card_id)
    assert row is not None
    return str(view.model.index(row, COLUMN_KEYS.index(key)).data())


def select_rows(qtbot: QtBot, view: CardsView, count: int) -> list[str]:
    """Click the first row, Shift+Down to take ``count`` rows; their card ids."""
    view.table.setFocus()
    rect = view.table.visualRect(view.model.index(0, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    for _ in range(count - 1):
        qtbot.keyClick(view.table, Qt.Key.Key_Down, SHIFT)
    ids = view.selected_ids()
    assert len(ids) == count
    return ids


@pytest.fixture
def cards_window(open_quiz_window: QuizWindowFactory) -> MainWindow:
    return open_quiz_window()


def test_browser_keys_suspend_bury_flag_and_undo_keep_the_selection(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, cards_window)
    ids = select_rows(qtbot, view, 2)
    qtbot.keyClick(view.table, Qt.Key.Key_J, CTRL)
    assert all(cell(view, i, "state").startswith("suspended") for i in ids)
    assert "Suspended 2 cards" in view.message.text() and view.message.isVisible()
    assert {i: m[0] for i, m in marks_on_disk(data_dir).items()} == dict.fromkeys(ids, 1)
    assert view.selected_ids() == ids  # the rows refresh, the selection stays
    qtbot.keyClick(view.table, Qt.Key.Key_2, CTRL)
    assert cards_window.current_view == "cards"  # Ctrl+2 flags here, it does not leave
    assert [cell(view, i, "flag") for i in ids] == ["2 Orange", "2 Orange"]
    row = view.model.row_of(ids[0])
    swatch = view.model.index(row, COLUMN_KEYS.index("flag")).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(swatch, QPixmap) and swatch.toImage().pixelColor(5, 5).name() == flag_color(
        2, view.palette()
    )
    qtbot.keyClick(view.table, Qt.Key.Key_J, CTRL | SHIFT)
    assert all("buried" in cell(view, i, "state") for i in ids)
    assert sorted(search(qtbot, view, "is:buried flag:2 is:suspended")) == sorted(ids)
    search(qtbot, view, "")
    view.table.setFocus()
    for _ in range(3):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert "Undone: suspended 2 cards" in view.message.text()
    assert marks_on_disk(data_dir) == {}
    assert [cell(view, i, "state") for i in ids] == ["new", "new"]
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert "Nothing to undo" in view.message.text()


def test_one_card_acted_on_in_a_search_stays_highlighted(
    qtbot: QtBot, cards_window: MainWindow
) -> None:
    view = open_cards(qtbot, cards_window)
    search(qtbot, view, "untoc")
    [card_id] = select_rows(qtbot, view, 1)
    for key, modifiers in ((Qt.Key.Key_J, CTRL), (Qt.Key.Key_2, CTRL), (Qt.Key.Key_Z, CTRL)):
        qtbot.keyClick(view.table, key, modifiers)  # the row is read again, Ctrl held down
        highlighted = view.table.selectionModel().selectedRows()
        assert [view.model.card_id(index.row()) for index in highlighted] == [card_id]


def test_a_row_deselected_by_ctrl_click_is_not_acted_on(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, cards_window)
    select_rows(qtbot, view, 1)
    rect = view.table.visualRect(view.model.index(0, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, CTRL, rect.center())
    assert view.table.selectionModel().selectedRows() == []  # nothing highlighted
    for key, modifiers in (
        (Qt.Key.Key_J, CTRL),
        (Qt.Key.Key_J, CTRL | SHIFT),
        (Qt.Key.Key_1, CTRL),
    ):
        qtbot.keyClick(view.table, key, modifiers)
    assert marks_on_disk(data_dir) == {}


def test_the_context_menu_triggers_the_actions(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, cards_window)
    (card_id,) = select_rows(qtbot, view, 1)
    position = view.table.visualRect(view.model.index(0, 0)).center()
    view.table.customContextMenuRequested.emit(position)
    menu = view.findChild(QMenu, "cardsContextMenu")
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    flags = menu.findChild(QMenu, "cardsFlagMenu")
    texts = [a.text() for a in flags.actions()]
    assert texts[0] == "Red\tCtrl+1" and texts[-1] == "No flag\tCtrl+0"
    flags.actions()[6].trigger()  # purple
    menu.close()
    assert cell(view, card_id, "flag") == "7 Purple"
    view.table.customContextMenuRequested.emit(QPoint(position))
    menu = [m for m in view.findChildren(QMenu, "cardsContextMenu") if m.isVisible()][-1]
    suspend = next(a for a in menu.actions() if a.objectName() == "cardSuspendAction")
    assert suspend.shortcut().toString() == "Ctrl+J"
    suspend.trigger()
    menu.close()
    assert marks_on_disk(data_dir)[card_id][0] == 1 and marks_on_disk(data_dir)[card_id][2] == 7


def answer_cards(window: MainWindow, clock: Clock, count: int) -> list[str]:
    session = window.quiz_service().start(limit=count)
    ids = []
    for _ in range(count):
        card = session.current
        assert card is not None
        session.answer(Rating.Good, duration_ms=2000)
        ids.append(card.id)
        clock.advance(timedelta(seconds=10))
    return ids


def test_forget_asks_then_makes_new_and_keeps_the_log(
    qtbot: QtBot, cards_window: MainWindow, clock: Clock, data_dir: Path
) -> None:
    answered = answer_cards(cards_window, clock, 2)
    view = open_cards(qtbot, cards_window)
    search(qtbot, view, "-is:new")
    ids = select_rows(qtbot, view, 2)
    assert sorted(ids) == sorted(answered)
    log = log_rows(data_dir)
    qtbot.keyClick(view.table, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.AltModifier)
    question = view.findChild(QMessageBox, "cardsForgetQuestion")
    assert question is not None and "2 cards" in question.text()
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Forgot 2 cards" in view.message.text())
    assert all(cards_window.quiz_service().schedule.state(i) is None for i in answered)
    assert log_rows(data_dir) == log
    assert view.model.rowCount() == 0  # -is:new finds none now


def test_set_due_date_reads_the_days_and_refuses_what_it_cannot_read(
    qtbot: QtBot, cards_window: MainWindow, clock: Clock
) -> None:
    (card_id,) = answer_cards(cards_window, clock, 1)
    view = open_cards(qtbot, cards_window)
    search(qtbot, view, "-is:new")
    select_rows(qtbot, view, 1)
    before = cell(view, card_id, "due")
    for text in ("soon", "3"):
        qtbot.keyClick(view.table, Qt.Key.Key_D, CTRL | SHIFT)
        dialog = view.findChild(QInputDialog, "cardsDueDialog")
        assert dialog is not None and "0 = today" in dialog.labelText()
        dialog.setTextValue(text)
        dialog.accept()
        assert not dialog.isVisible()
        if text == "soon":
            assert "not a due date" in view.message.text() and "Nothing changed" in (
                view.message.text()
            )
            assert cell(view, card_id, "due") == before
    service = cards_window.quiz_service()
    expected = service.schedule.day.day_of(clock.now) + timedelta(days=3)
    assert cell(view, card_id, "due") == expected.isoformat()
    assert "1 card due in 3 days" in view.message.text()


def test_a_read_only_folder_says_so_and_changes_nothing(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = open_cards(qtbot, cards_window)
    (card_id,) = select_rows(qtbot, view, 1)
    db = cards_window.quiz_service().schedule.reviews.database
    monkeypatch.setattr(db, "read_only", True)
    monkeypatch.setattr(db, "_reopen_writable", lambda: False)
    qtbot.keyClick(view.table, Qt.Key.Key_J, CTRL)
    assert "cannot be written" in view.message.text() and "Nothing changed" in view.message.text()
    assert cell(view, card_id, "state") == "new"
    assert marks_on_disk(data_dir) == {}


# -- the quiz ---------------------------------------------------------------------------------


def flashcard_quiz(qtbot: QtBot, window: MainWindow) -> QuizView:
    quiz = open_quiz(qtbot, window, "flashcard")
    start(qtbot, quiz)
    return quiz


def test_quiz_minus_buries_and_at_suspends_the_card_on_screen(
    qtbot: QtBot, cards_window: MainWindow, clock: Clock, data_dir: Path
) -> None:
    quiz = flashcard_quiz(qtbot, cards_window)
    first = quiz.card
    assert first is not None
    left = quiz.session.progress().left  # type: ignore[union-attr]
    clock.advance(timedelta(seconds=30))
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Minus)
    assert quiz.card is not None and quiz.card.id != first.id
    notice = quiz.card_page.notice
    assert notice.isVisible() and "Buried until tomorrow" in notice.text()
    assert log_rows(data_dir) == []  # not recorded as reviewed
    assert marks_on_disk(data_dir)[first.id][1] is not None
    assert quiz.session.progress().left < left  # type: ignore[union-attr]
    second = quiz.card
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_At, SHIFT)
    assert quiz.card.id not in (first.id, second.id)
    assert "Suspended" in notice.text()
    assert marks_on_disk(data_dir)[second.id][0] == 1
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_U)  # undo puts the suspended card back
    assert quiz.card.id == second.id and second.id not in marks_on_disk(data_dir)
    assert first.id not in cards_window.quiz_service().start()._queue.card_ids()
    clock.advance(timedelta(days=1))
    assert cards_window.quiz_service().schedule.available(first.id)  # buried until the day ended


def test_quiz_ctrl1_flags_and_i_opens_card_info(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    quiz = flashcard_quiz(qtbot, cards_window)
    card = quiz.card
    assert card is not None
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_1, CTRL)
    assert cards_window.current_view == "quiz" and quiz.card is card
    assert marks_on_disk(data_dir)[card.id][2] == 1
    assert "Flag red on this card" in quiz.card_page.notice.text()
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_I)
    dialog = cards_window.findChild(QDialog, "cardInfoDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_typed_answers_keep_minus_and_at(qtbot: QtBot, cards_window: MainWindow) -> None:
    quiz = open_quiz(qtbot, cards_window, "typed")
    quiz.start_page.choose_scope(Scope.dates())  # cards answered by typing
    start(qtbot, quiz)
    card = quiz.card
    assert quiz.mode == "typed" and card is not None
    field = quiz.card_page.typed
    assert QApplication.focusWidget() is field
    qtbot.keyClicks(field, "a-b@i")
    assert field.text() == "a-b@i" and quiz.card is card
    assert not quiz.card_page.notice.isVisible()


def lapse(service: object, clock: Clock, card_id: str, lapses: int) -> None:
    """Answer ``card_id`` outside the window until it has lapsed ``lapses`` times."""
    from ocstudy.services.review.quiz import QuizService

    assert isinstance(service, QuizService)
    while (state := service.schedule.state(card_id)) is None or state.lapses < lapses:
        rating = Rating.Again if state is not None and state.state == State.Review else Rating.Easy
        QuizSession(service.schedule, [card_id]).answer(rating, duration_ms=1000)
        clock.advance(timedelta(days=90))
    if state.state != State.Review:  # back to review after the last lapse
        QuizSession(service.schedule, [card_id]).answer(Rating.Easy, duration_ms=1000)


def test_the_eighth_lapse_makes_a_leech_the_learner_is_told(
    qtbot: QtBot, cards_window: MainWindow, clock: Clock, data_dir: Path
) -> None:
    service = cards_window.quiz_service()
    card_id = next(c.id for c in service.catalogue.cards() if "flashcard" in c.modes)
    lapse(service, clock, card_id, 7)
    state = service.schedule.state(card_id)
    assert state is not None and state.state == State.Review
    clock.advance(timedelta(days=400))
    service.schedule.forget_cached_state()
    quiz = flashcard_quiz(qtbot, cards_window)
    assert quiz.card is not None and quiz.card.id == card_id  # the due review comes first
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_1)  # Again: the 8th lapse
    notice = quiz.card_page.notice
    assert notice.isVisible() and "is a leech" in notice.text()
    assert marks_on_disk(data_dir)[card_id] == (1, None, 0, 1)
    assert card_id not in quiz.session._queue.card_ids()  # type: ignore[union-attr]
    view = open_cards(qtbot, cards_window)
    assert search(qtbot, view, "is:leech") == [card_id]
    assert "leech" in cell(view, card_id, "state")
    qtbot.keyClick(cards_window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert cards_window.stats is not None
    assert cards_window.stats.figures["leeches"].text() == "1"
    qtbot.keyClick(cards_window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_U)  # undoing the answer undoes the leech
    assert quiz.card is not None and quiz.card.id == card_id
    assert card_id not in marks_on_disk(data_dir)


def test_a_suspended_card_leaves_the_quiz_due_count(
    qtbot: QtBot, cards_window: MainWindow, clock: Clock
) -> None:
    ids = answer_cards(cards_window, clock, 2)
    clock.advance(timedelta(days=60))
    view = open_cards(qtbot, cards_window)
    search(qtbot, view, "-is:new")
    select_rows(qtbot, view, 1)
    quiz = open_quiz(qtbot, cards_window, "flashcard")
    quiz.start_page.refresh()
    assert cards_window.quiz_service().counts().due == 2
    text = quiz.start_page.counts_label.text()
    qtbot.keyClick(cards_window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_J, CTRL)
    assert cards_window.quiz_service().counts().due == 1
    qtbot.keyClick(cards_window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    quiz.start_page.refresh()
    assert quiz.start_page.counts_label.text() != text
    start(qtbot, quiz)
    assert quiz.card is not None and quiz.card.id in ids
    progress = quiz.session.progress()  # type: ignore[union-attr]
    assert progress.learning + progress.review == 1


def test_burying_the_last_card_says_so_under_the_summary(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    quiz = open_quiz(qtbot, cards_window, "flashcard")
    quiz.run_session(cards_window.quiz_service().start(limit=1))
    card = quiz.card
    assert card is not None
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Minus)
    assert quiz.pages.currentWidget() is quiz.summary_page
    assert "Buried until tomorrow" in quiz.summary_page.summary.text()
    assert card.id in marks_on_disk(data_dir) and log_rows(data_dir) == []


def test_ctrl_z_in_the_search_undoes_the_action_taken_from_it(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, cards_window)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "untoc")
    view.run_search()
    [card_id] = view.selected_ids()
    qtbot.keyClick(view.search, Qt.Key.Key_J, CTRL)  # Ctrl+J from the search field
    assert marks_on_disk(data_dir)[card_id][0] == 1
    assert "Ctrl+Z undoes it" in view.message.text()
    qtbot.keyClick(view.search, Qt.Key.Key_Z, CTRL)
    assert marks_on_disk(data_dir) == {}
    assert view.search.text() == "untoc"  # the search stays
    qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(view.search, Qt.Key.Key_Z, CTRL)  # typing since: Ctrl+Z undoes the typing
    assert view.search.text() == "untoc"


def test_ctrl_z_in_the_search_after_a_refusal_undoes_the_typing_not_an_older_action(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, cards_window)
    search(qtbot, view, "untoc")
    [card_id] = select_rows(qtbot, view, 1)
    qtbot.keyClick(view.table, Qt.Key.Key_J, CTRL)  # suspended from the table
    assert marks_on_disk(data_dir)[card_id][0] == 1
    view.search.setFocus()
    view.search.end(False)
    qtbot.keyClicks(view.search, "x")
    qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(view.search, Qt.Key.Key_T, CTRL | SHIFT | Qt.KeyboardModifier.AltModifier)
    assert "Nothing changed" in view.message.text()  # the card has no tag to remove
    qtbot.keyClick(view.search, Qt.Key.Key_Z, CTRL)
    assert marks_on_disk(data_dir)[card_id][0] == 1, "the suspension stays"
    assert view.search.text() == "untocx"  # the typing was undone


def test_the_first_row_found_is_highlighted_when_shift_is_held_on_return(
    qtbot: QtBot, cards_window: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, cards_window)
    assert search(qtbot, view, "zzzzqq") == []  # no row has the cursor now
    view.search.setFocus()
    view.search.clear()
    qtbot.keyClicks(view.search, "untoc")
    qtbot.keyClick(view.search, Qt.Key.Key_Return, SHIFT)  # Shift still down from typing
    first = view.model.card_id(0)
    assert view.current_card_id() == first and view.selected_ids() == [first]
    qtbot.keyClick(view.table, Qt.Key.Key_J, CTRL)
    assert marks_on_disk(data_dir)[first][0] == 1
