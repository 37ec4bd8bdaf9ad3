"""What a long operation of the File menu tells the learner: any failure, even one nobody
foresaw, and the rows a worker thread could not read, as the window's own reads do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from ocstudy.services.own_cards import CardDraft
from ocstudy.ui.window.main_window import MainWindow


def test_an_unforeseen_failure_of_an_operation_is_told(
    qtbot: QtBot, window: MainWindow, capsys: pytest.CaptureFixture[str]
) -> None:
    told: list[str] = []
    window.tell = told.append  # type: ignore[method-assign]

    def work(_progress: object) -> object:
        raise RuntimeError("a bug in the export")

    operation = window.files.run("Exporting the deck", work)  # type: ignore[arg-type]
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=10_000)
    assert told == ["Exporting the deck failed: a bug in the export"]
    assert "RuntimeError: a bug in the export" in capsys.readouterr().err  # and its traceback


def test_an_export_on_a_worker_says_what_it_could_not_read(
    qtbot: QtBot,
    window: MainWindow,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    card = window.own_cards.service().add(CardDraft("my question", "my answer"))
    with sqlite3.connect(data_dir / "user.db") as connection:
        connection.execute("UPDATE own_cards SET created_at = 'soon' WHERE id = ?", [card.id])
    target = tmp_path / "own.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    window.own_cards.export_json()
    operation = window.files.operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=10_000)
    assert target.is_file() and card.id in target.read_text()  # the card kept, read as a default
    qtbot.waitUntil(lambda: bool(window.unreadable_messages))
    assert any("created_at" in message for message in window.unreadable_messages)
    warning = window.unreadable_label  # in view after the export's own message came
    assert warning.isVisible() and warning.text() == "\u26a0 1 problem in your data"
    assert "created_at" in warning.toolTip()


def test_a_change_made_elsewhere_during_an_export_is_still_shown(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    """An operation that only reads leaves the window's check for outside changes alone: a
    note another program saved while an export ran is shown after it."""
    from ocstudy.services.exchange.exports import Outcome
    from ocstudy.userdata.database import open_user_database
    from ocstudy.userdata.notes import NoteStore

    window.study.select("untoc")

    def export_while_another_program_writes(_progress: object) -> Outcome:
        elsewhere = open_user_database(data_dir)
        NoteStore(elsewhere).save("untoc", "written by another ocstudy")
        elsewhere.close()
        return Outcome("Exported.")

    operation = window.files.run("Exporting", export_while_another_program_writes)  # type: ignore[arg-type]
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=10_000)
    window.check_outside_changes()
    qtbot.waitUntil(lambda: window.study.notes.editor.toPlainText() == "written by another ocstudy")
