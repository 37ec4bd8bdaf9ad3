"""A card being written in the Add or Edit card dialog is never dropped unasked: Escape, Close
and closing the window ask first (Add card or Save / Discard / Keep editing); a quit nobody can
answer (SIGTERM, a logout) keeps it in a recovery file, and the next start offers it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from ocstudy.services.own_cards import CardDraft
from ocstudy.ui.cards.add_dialog import AddCardDialog
from ocstudy.ui.cards.card_messages import DISCARD, KEEP_EDITING
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.own_cards import OwnCard, OwnCardStore

from .conftest import open_window

DRIVER = Path(__file__).with_name("unsaved_card_driver.py")
CTRL = Qt.KeyboardModifier.ControlModifier


def stored(data_dir: Path) -> list[tuple[str, str, str | None]]:
    return [
        (c.front, c.back, c.entity_slug) for c in OwnCardStore(open_user_database(data_dir)).all()
    ]


def kept_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("unsaved-card-*.json"))


def answer_the_question(qtbot: QtBot, button: str, seen: list[str]) -> None:
    """Click ``button`` in the question the dialog is about to ask (it blocks the test)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "unsavedCardQuestion":
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for candidate in box.findChildren(QPushButton):
            if candidate.text() == button:
                qtbot.mouseClick(candidate, Qt.MouseButton.LeftButton)
                return
        raise AssertionError(f"no {button} button in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(20, click)


def add_dialog(qtbot: QtBot, window: MainWindow) -> AddCardDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.own_cards.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def offered(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    """The question the window asks at start about a card kept from an earlier run."""
    boxes: list[QMessageBox] = []

    def shown() -> bool:
        boxes[:] = [
            b for b in window.findChildren(QMessageBox, "unsavedCardOffer") if b.isVisible()
        ]
        return bool(boxes)

    qtbot.waitUntil(shown)
    return boxes[0]


def click(qtbot: QtBot, box: QMessageBox, text: str) -> None:
    button = next(b for b in box.findChildren(QPushButton) if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_escape_with_text_asks_keep_editing_keeps_it_and_discard_drops_it(
    qtbot: QtBot, opened_windows: list[MainWindow], data_dir: Path
) -> None:
    window = open_window(qtbot, opened_windows, data_dir)
    window.study.select("untoc")
    dialog = add_dialog(qtbot, window)
    qtbot.keyClicks(dialog.front, "Where was UNTOC signed?")
    seen: list[str] = []
    answer_the_question(qtbot, KEEP_EDITING, seen)
    qtbot.keyClick(dialog.front, Qt.Key.Key_Escape)
    assert seen and "Where was UNTOC signed?" in seen[0] and "not added" in seen[0]
    assert dialog.isVisible() and dialog.front.toPlainText() == "Where was UNTOC signed?"
    answer_the_question(qtbot, KEEP_EDITING, seen)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # Close asks the same
    assert len(seen) == 2 and dialog.isVisible()
    answer_the_question(qtbot, DISCARD, seen)
    qtbot.keyClick(dialog.front, Qt.Key.Key_Escape)
    assert len(seen) == 3 and not dialog.isVisible()
    assert stored(data_dir) == [] and kept_files(data_dir) == []


def test_add_card_in_the_question_adds_it_and_an_empty_dialog_closes_unasked(
    qtbot: QtBot, opened_windows: list[MainWindow], data_dir: Path
) -> None:
    window = open_window(qtbot, opened_windows, data_dir)
    window.study.select("cnd")
    dialog = add_dialog(qtbot, window)
    qtbot.keyClicks(dialog.front, "What does the CND do?")
    qtbot.keyClicks(dialog.back, "Drug policy")
    seen: list[str] = []
    answer_the_question(qtbot, "Add card", seen)
    qtbot.keyClick(dialog.back, Qt.Key.Key_Escape)
    assert seen and not dialog.isVisible()
    assert stored(data_dir) == [("What does the CND do?", "Drug policy", "cnd")]
    dialog = add_dialog(qtbot, window)
    qtbot.keyClick(dialog.front, Qt.Key.Key_Escape)  # nothing written: nothing to ask
    assert not dialog.isVisible() and len(seen) == 1


def test_a_notes_passage_alone_is_not_asked_about(
    qtbot: QtBot, opened_windows: list[MainWindow], data_dir: Path
) -> None:
    """The passage is still in the note: closing the dialog loses nothing."""
    window = open_window(qtbot, opened_windows, data_dir)
    window.study.select("untoc")
    editor = window.study.notes.editor
    editor.setPlainText("Signed in Palermo.")
    editor.selectAll()
    dialog = add_dialog(qtbot, window)
    assert dialog.back.toPlainText() == "Signed in Palermo."
    qtbot.keyClick(dialog.front, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def edit_dialog(qtbot: QtBot, window: MainWindow, card: OwnCard) -> AddCardDialog:
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    cards = window.cards
    assert cards is not None
    cards.select(card.id)
    cards.table.setFocus()
    qtbot.keyClick(cards.table, Qt.Key.Key_Return)
    (dialog,) = [d for d in cards.findChildren(AddCardDialog, "editCardDialog") if d.isVisible()]
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_at_end(qtbot: QtBot, editor: QPlainTextEdit, text: str) -> None:
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, text)


def test_escape_in_edit_asks_only_when_the_card_changed(
    qtbot: QtBot, opened_windows: list[MainWindow], data_dir: Path
) -> None:
    window = open_window(qtbot, opened_windows, data_dir)
    card = window.own_cards.service().add(CardDraft("Front", "Back", "untoc", ("drugs",)))
    dialog = edit_dialog(qtbot, window, card)
    qtbot.keyClick(dialog.front, Qt.Key.Key_Escape)  # unchanged: closes unasked
    assert not dialog.isVisible()
    dialog = edit_dialog(qtbot, window, card)
    drugs = dialog.themes.findItems("Drugs", Qt.MatchFlag.MatchExactly)[0]
    drugs.setCheckState(Qt.CheckState.Unchecked)  # a theme is a change too
    type_at_end(qtbot, dialog.back, ", edited")
    seen: list[str] = []
    answer_the_question(qtbot, "Save", seen)
    qtbot.keyClick(dialog.back, Qt.Key.Key_Escape)
    assert seen and "changes" in seen[0] and not dialog.isVisible()
    saved = OwnCardStore(open_user_database(data_dir)).get(card.id)
    assert saved is not None and (saved.back, saved.themes) == ("Back, edited", ())


def test_closing_the_window_with_a_card_being_written_asks(
    qtbot: QtBot, opened_windows: list[MainWindow], data_dir: Path
) -> None:
    window = open_window(qtbot, opened_windows, data_dir)
    dialog = add_dialog(qtbot, window)
    qtbot.keyClicks(dialog.front, "Half a card")
    seen: list[str] = []
    answer_the_question(qtbot, KEEP_EDITING, seen)
    window.close()  # File > Quit, or the desktop's close, once the dialog lets it through
    assert seen and window.isVisible() and dialog.isVisible()
    assert dialog.front.toPlainText() == "Half a card"
    answer_the_question(qtbot, DISCARD, seen)
    window.close()
    assert len(seen) == 2 and not window.isVisible() and not dialog.isVisible()
    assert kept_files(data_dir) == []


@pytest.mark.slow
def test_a_card_being_written_survives_sigterm_and_the_next_start_offers_it(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), str(data_dir), "Where was UNTOC signed?", "In Palermo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "TYPED"
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err[-2000:]
    (kept,) = kept_files(data_dir)
    assert os.stat(kept).st_mode & 0o077 == 0
    assert json.loads(kept.read_text())["draft"]["front"] == "Where was UNTOC signed?"
    assert stored(data_dir) == []

    window = open_window(qtbot, opened_windows, data_dir)
    offer = offered(qtbot, window)
    assert "Where was UNTOC signed?" in offer.text() and "not added" in offer.text()
    click(qtbot, offer, "Open it")
    dialog = window.own_cards.dialog
    assert dialog is not None and dialog.isVisible() and dialog.editing is None
    assert dialog.front.toPlainText() == "Where was UNTOC signed?"
    assert dialog.back.toPlainText() == "In Palermo" and dialog.entity_slug() == "untoc"
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert stored(data_dir) == [("Where was UNTOC signed?", "In Palermo", "untoc")]
    assert not kept.exists(), "added: the recovery file goes"


def test_an_edit_kept_at_a_quit_is_saved_later_against_the_card_it_started_from(
    qtbot: QtBot, opened_windows: list[MainWindow], data_dir: Path
) -> None:
    """The logout's path (no question); the card is imported newer in between: both kept."""
    window = open_window(qtbot, opened_windows, data_dir)
    card = window.own_cards.service().add(CardDraft("Front", "Back", "untoc", ()))
    dialog = edit_dialog(qtbot, window, card)
    type_at_end(qtbot, dialog.front, " edited")
    window.quit_without_asking()
    assert not window.isVisible()
    (kept,) = kept_files(data_dir)
    assert json.loads(kept.read_text())["editing"]["id"] == card.id

    window = open_window(qtbot, opened_windows, data_dir)
    offer = offered(qtbot, window)
    assert "Front edited" in offer.text() and "not saved" in offer.text()
    click(qtbot, offer, "Later")  # asked again at the next start
    assert kept.exists()
    window.quit_without_asking()
    OwnCardStore(open_user_database(data_dir)).edit(
        card.id, front="Imported", back="Back", entity_slug="untoc", themes=[]
    )
    window = open_window(qtbot, opened_windows, data_dir)
    click(qtbot, offered(qtbot, window), "Open it")
    dialog = window.own_cards.dialog
    assert dialog is not None and dialog.editing == card
    assert dialog.front.toPlainText() == "Front edited"
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert sorted(stored(data_dir)) == [
        ("Front edited", "Back", "untoc"),
        ("Imported", "Back", "untoc"),
    ]
    assert not kept.exists()
    message = window.findChild(QMessageBox, "cardKeptApartMessage")
    assert message is not None and "another program changed it" in message.text()


def test_discard_in_the_offer_removes_the_kept_card(
    qtbot: QtBot, opened_windows: list[MainWindow], data_dir: Path
) -> None:
    window = open_window(qtbot, opened_windows, data_dir)
    dialog = add_dialog(qtbot, window)
    qtbot.keyClicks(dialog.front, "Not worth keeping")
    window.quit_without_asking()
    (kept,) = kept_files(data_dir)
    window = open_window(qtbot, opened_windows, data_dir)
    click(qtbot, offered(qtbot, window), "Discard")
    assert not kept.exists() and window.own_cards.dialog is None
    assert stored(data_dir) == []
