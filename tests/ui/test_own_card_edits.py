"""Own cards edited and undone against what an import brought: the edit dialog keeps an entry
and themes the content does not know, its save never overwrites what another process wrote
while it was open (both are kept, and it says so), and the browser's Ctrl+Z never puts an older
version over a card an import changed since (it says it kept it)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ocstudy.ui.cards.add_dialog import AddCardDialog
from ocstudy.ui.cards.view import CardsView
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.own_cards import OwnCardStore

from .quiz_driving import Clock, QuizWindowFactory
from .test_own_cards import add_one, answer, back_to, search, stored

CTRL = Qt.KeyboardModifier.ControlModifier
CARD_ID = "own:abc"


@pytest.fixture
def window(open_quiz_window: QuizWindowFactory) -> MainWindow:
    return open_quiz_window()


def own_cards_file(path: Path, cards: dict[str, dict[str, object]]) -> Path:
    document = {"format": "ocstudy-own-cards", "format_version": 1, "cards": cards}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def import_file(qtbot: QtBot, window: MainWindow, path: Path) -> str:
    """Import ``path`` as File > Import does; close the message it shows, return its text."""
    operation = window.own_cards.import_json(path)
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=10_000)
    assert operation.result is not None
    box = window.findChild(QMessageBox, "dataMessage")
    assert box is not None and box.isVisible()
    said = box.text()
    box.close()
    return said


def browse_own(qtbot: QtBot, window: MainWindow) -> CardsView:
    back_to(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    cards = window.cards
    assert cards is not None
    search(qtbot, window, "is:own")
    return cards


def edit_with_enter(qtbot: QtBot, cards: CardsView) -> AddCardDialog:
    cards.table.setFocus()
    qtbot.keyClick(cards.table, Qt.Key.Key_Return)
    dialog = cards.findChild(AddCardDialog, "editCardDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def retype(qtbot: QtBot, dialog: AddCardDialog, editor_name: str, text: str) -> None:
    editor = getattr(dialog, editor_name)
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def undo(qtbot: QtBot, window: MainWindow, cards: CardsView) -> str:
    back_to(qtbot, window)
    cards.table.setFocus()
    qtbot.keyClick(cards.table, Qt.Key.Key_Z, CTRL)
    return cards.message.text()


def test_editing_keeps_an_entry_and_themes_the_content_does_not_know(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    moment = "2026-01-01T00:00:00+00:00"
    card = {
        "front": "Q",
        "back": "A",
        "entity": "no-such-entry",
        "themes": ["made-up-theme", "drugs"],
        "created_at": moment,
        "updated_at": moment,
    }
    said = import_file(qtbot, window, own_cards_file(tmp_path / "in.json", {CARD_ID: card}))
    assert ": 1 added, 0 updated" in said
    cards = browse_own(qtbot, window)
    assert cards.model.card_ids() == [CARD_ID]
    dialog = edit_with_enter(qtbot, cards)
    assert dialog.entity.currentText() == "no-such-entry (not in this content)"
    assert set(dialog.checked_themes()) == {"made-up-theme", "drugs"}
    retype(qtbot, dialog, "back", "A, typo fixed")
    assert stored(data_dir) == [("Q", "A, typo fixed", "no-such-entry", ("made-up-theme", "drugs"))]


def test_undoing_a_delete_keeps_the_card_an_import_brought_back_newer(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    card_id = add_one(window)
    path = tmp_path / "own.json"
    window.services.exports().own_cards(path)
    cards = browse_own(qtbot, window)
    answer("deleteCardDialog", "Delete card")
    qtbot.keyClick(cards.table, Qt.Key.Key_Delete, CTRL)
    assert stored(data_dir) == []
    document = json.loads(path.read_text(encoding="utf-8"))
    document["cards"][card_id].update(back="Imported back", updated_at="2099-01-01T00:00:00+00:00")
    own_cards_file(path, document["cards"])
    assert ": 1 added, 0 updated" in import_file(qtbot, window, path)
    said = undo(qtbot, window, cards)
    assert stored(data_dir) == [("Own front", "Imported back", "untoc", ("drugs",))]
    assert "changed since" in said and "kept as it is now" in said


def test_undoing_an_edit_keeps_the_version_an_import_brought_since(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    card_id = add_one(window)
    cards = browse_own(qtbot, window)
    retype(qtbot, edit_with_enter(qtbot, cards), "front", "Edited front")
    edited = OwnCardStore(open_user_database(data_dir)).get(card_id)
    assert edited is not None and edited.front == "Edited front"
    later = (edited.updated_at + timedelta(days=1)).isoformat()
    imported = {
        "front": "Imported front",
        "back": "Own back",
        "entity": "untoc",
        "themes": ["drugs"],
        "created_at": edited.created_at.isoformat(),
        "updated_at": later,
    }
    path = own_cards_file(tmp_path / "in.json", {card_id: imported})
    assert ": 0 added, 1 updated" in import_file(qtbot, window, path)
    assert stored(data_dir) == [("Imported front", "Own back", "untoc", ("drugs",))]
    said = undo(qtbot, window, cards)
    assert stored(data_dir) == [("Imported front", "Own back", "untoc", ("drugs",))]
    assert "changed since" in said and "kept as it is now" in said


def import_in_another_process(data_dir: Path, path: Path) -> str:
    """``ocstudy import own-cards`` run as the learner would, beside the open window."""
    command = ["import", "own-cards", str(path)]
    done = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), *command],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_an_import_while_the_edit_dialog_is_open_is_kept_beside_the_learners_edit(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    card_id = add_one(window)
    cards = browse_own(qtbot, window)
    dialog = edit_with_enter(qtbot, cards)
    dialog.front.selectAll()
    qtbot.keyClicks(dialog.front, "My better front")
    found = OwnCardStore(open_user_database(data_dir)).get(card_id)
    assert found is not None
    imported = {
        "front": "Imported front",
        "back": "Imported back",
        "entity": "untoc",
        "themes": ["drugs"],
        "created_at": found.created_at.isoformat(),
        "updated_at": (found.updated_at + timedelta(days=1)).isoformat(),
    }
    path = own_cards_file(tmp_path / "laptop.json", {card_id: imported})
    assert "0 added, 1 updated" in import_in_another_process(data_dir, path)
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)  # Save
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert sorted(stored(data_dir)) == [
        ("Imported front", "Imported back", "untoc", ("drugs",)),
        ("My better front", "Own back", "untoc", ("drugs",)),
    ]
    kept = OwnCardStore(open_user_database(data_dir)).get(card_id)
    assert kept is not None and kept.front == "Imported front", "the import stays under its id"
    box = cards.findChild(QMessageBox, "cardKeptApartMessage")
    assert box is not None and box.isVisible()
    assert "another program changed it" in box.text() and "new card" in box.text()
    mine = cards.current_card_id()
    assert mine is not None and mine != card_id, "the learner's version is selected"
    assert sorted(cards.model.card_ids()) == sorted([card_id, mine])


def test_an_edit_saved_unchanged_writes_nothing(
    qtbot: QtBot, window: MainWindow, data_dir: Path, clock: Clock
) -> None:
    """Not even its time: a card saved unchanged must not win an import as "changed later"."""
    card_id = add_one(window)
    before = OwnCardStore(open_user_database(data_dir)).get(card_id)
    clock.advance(timedelta(hours=1))
    dialog = edit_with_enter(qtbot, browse_own(qtbot, window))
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert OwnCardStore(open_user_database(data_dir)).get(card_id) == before
