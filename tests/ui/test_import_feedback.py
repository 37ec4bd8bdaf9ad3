"""File > Import notes given own cards, and Import own cards given notes: the message says
what the file is and what the import reads, and nothing changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ocstudy.services.own_cards import CardDraft
from ocstudy.ui.window.main_window import MainWindow


def shown_message(qtbot: QtBot) -> str:
    def box() -> QMessageBox | None:
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.objectName() == "dataMessage" and w.isVisible()
            ),
            None,
        )

    qtbot.waitUntil(lambda: box() is not None)
    found = box()
    assert found is not None
    text = found.text()
    found.close()
    return text


def test_each_import_names_the_other_kind_of_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.study.select("untoc")
    window.study.notes.editor.setPlainText("my note")
    window.study.flush()
    window.own_cards.service().add(CardDraft("my question", "my answer"))
    notes, own = tmp_path / "notes.json", tmp_path / "own.json"
    window.services.exports().notes(notes)
    window.services.exports().own_cards(own)

    importing = window.files.import_notes(own)
    assert importing is not None
    qtbot.waitUntil(lambda: importing.done, timeout=10_000)
    assert importing.result is None
    assert shown_message(qtbot) == (
        "Importing notes failed: own.json is an ocstudy own-cards export, not an ocstudy notes "
        "export (the .json file that exporting your notes as JSON writes)"
    )
    operation = window.own_cards.import_json(notes)
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=10_000)
    assert operation.result is None
    assert shown_message(qtbot) == (
        "Importing your own cards failed: notes.json is an ocstudy notes export, not an ocstudy "
        "own-cards export (the .json file that exporting your own cards writes)"
    )
    assert window.study.notes.editor.toPlainText() == "my note"
    assert [c.front for c in window.own_cards.service().cards()] == ["my question"]
