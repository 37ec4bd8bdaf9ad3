"""File > Import > Reviews from Anki… runs as an operation and says what it brought back;
File > Export > Reviews… writes the log (the file dialogs answered by the test)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.main_window import MainWindow

pytest.importorskip("anki.collection")

from tests.ecosystem.anki_phone import Phone


def message_box(qtbot: QtBot) -> QMessageBox:
    def box() -> QMessageBox | None:
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.objectName() == "dataMessage" and w.isVisible()
            ),
            None,
        )

    qtbot.waitUntil(lambda: box() is not None, timeout=20_000)
    found = box()
    assert found is not None
    return found


def phone_package(window: MainWindow, folder: Path) -> Path:
    deck = folder / "ocstudy.apkg"
    window.services.exports().anki_deck(deck)
    phone = Phone(folder / "anki", deck)
    phone.study(1)
    package = phone.export(folder / "phone.apkg")
    phone.close()
    return package


def test_reviews_from_anki_in_the_file_menu_says_what_came_back(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = phone_package(window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(package), ""))
    stats_before = window.quiz_service().schedule.states()
    action = window.findChild(QAction, "importAnkiReviews")
    assert action is not None and action.text() == "Reviews from &Anki\u2026"

    action.trigger()

    box = message_box(qtbot)
    assert box.text() == "1 review of 1 card imported, 0 already here, 0 not ocstudy's."
    assert window.statusBar().currentMessage() == box.text()
    box.grab().save(str(tmp_path / "message.png"))
    box.close()
    states = window.quiz_service().schedule.states()  # the window's quiz sees them
    assert len(states) == len(stats_before) + 1


def test_reviews_export_in_the_file_menu_writes_the_log(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    action = window.findChild(QAction, "exportReviews")
    assert action is not None

    action.trigger()

    qtbot.waitUntil(lambda: target.is_file(), timeout=20_000)
    assert json.loads(target.read_text(encoding="utf-8"))["reviews"] == []
    qtbot.waitUntil(lambda: "Exported 0 reviews" in window.statusBar().currentMessage())
