"""Actions on thousands of cards in the browser (issue 21, item 8): they run as an operation,
with a progress dialog that can cancel them, on a connection of their own; their undo too.
An action on a few cards is done at once, as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ocstudy.ui.cards.bulk import BULK
from ocstudy.ui.cards.view import CardsView
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import open_user_database

from .conftest import WindowFactory
from .test_card_marks import marks_on_disk, select_rows
from .test_cards_browser import open_cards

CTRL = Qt.KeyboardModifier.ControlModifier
OWN_CARDS = 5000


@pytest.fixture
def many_cards(data_dir: Path, open_window: WindowFactory) -> MainWindow:
    """A window on 5,000 own cards (and the content's)."""
    db = open_user_database(data_dir)
    db.conn.execute("BEGIN")
    db.conn.executemany(
        "INSERT INTO own_cards VALUES (?, ?, ?, 'untoc', '[]', '2026-11-01T00:00:00+00:00', "
        "'2026-11-01T00:00:00+00:00')",
        ((f"own:{n:08x}", f"Front {n}", f"Back {n}") for n in range(OWN_CARDS)),
    )
    db.conn.execute("COMMIT")
    db.close()
    return open_window()


def select_all(qtbot: QtBot, view: CardsView) -> list[str]:
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_A, CTRL)
    ids = view.selected_ids()
    assert len(ids) >= OWN_CARDS
    return ids


def suspended_on_disk(data_dir: Path) -> int:
    connection = sqlite3.connect(data_dir / "user.db")
    try:
        return connection.execute("SELECT count(*) FROM card_marks WHERE suspended").fetchone()[0]
    finally:
        connection.close()


def test_suspending_thousands_of_cards_is_an_operation_with_progress_and_undo(
    qtbot: QtBot, many_cards: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, many_cards)
    ids = select_all(qtbot, view)
    qtbot.keyClick(view.table, Qt.Key.Key_J, CTRL)
    operation = view.card_actions.operation
    assert operation is not None and not operation.done
    seen: list[tuple[int, int]] = []
    operation.progressed.connect(lambda done, total: seen.append((done, total)))
    qtbot.waitUntil(lambda: operation.done, timeout=60_000)
    assert operation.error is None
    assert suspended_on_disk(data_dir) == len(ids)
    assert f"Suspended {len(ids)} cards" in view.message.text()
    assert seen and seen[-1] == (len(ids), len(ids))
    assert view.selected_ids() == ids  # the rows refresh, the selection stays
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    undo = view.card_actions.operation
    assert undo is not None and undo is not operation
    qtbot.waitUntil(lambda: undo.done, timeout=60_000)
    assert suspended_on_disk(data_dir) == 0
    assert f"Undone: suspended {len(ids)} cards" in view.message.text()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert "Nothing to undo" in view.message.text()


def test_cancelling_a_bulk_action_changes_nothing(
    qtbot: QtBot, many_cards: MainWindow, data_dir: Path
) -> None:
    view = open_cards(qtbot, many_cards)
    select_all(qtbot, view)
    qtbot.keyClick(view.table, Qt.Key.Key_2, CTRL)
    operation = view.card_actions.operation
    assert operation is not None
    operation.dialog.cancel_button.click()  # before its first step
    qtbot.waitUntil(lambda: operation.done, timeout=60_000)
    assert operation.result is None and marks_on_disk(data_dir) == {}
    assert "Cancelled" in view.message.text()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert "Nothing to undo" in view.message.text()


def test_a_few_cards_change_at_once(qtbot: QtBot, many_cards: MainWindow, data_dir: Path) -> None:
    view = open_cards(qtbot, many_cards)
    ids = select_rows(qtbot, view, 3)
    assert len(ids) < BULK
    qtbot.keyClick(view.table, Qt.Key.Key_J, CTRL)
    assert view.card_actions.operation is None  # no thread, no dialog: done already
    assert {i: m[0] for i, m in marks_on_disk(data_dir).items()} == dict.fromkeys(ids, 1)
