"""Every file dialog of the window starts in Documents on a fresh profile, then in the folder
the learner last chose a file in (in any of them, also after a restart), never in the folder
the app was started from: the exports, the imports, the own cards', the revision sheet's,
Restore's "Other file…" and the unsaved notes' "Save elsewhere…"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from ocstudy.ui.window import closing
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.ui.window.restore_dialog import RestoreDialog

from .conftest import WindowFactory, open_window

__all__ = ["open_window"]

Asked = list[str]


def export_anki(window: MainWindow) -> None:
    window.files.export_anki(include_notes=False)


def export_notes(window: MainWindow) -> None:
    window.files.export_notes("md")


def export_csv(window: MainWindow) -> None:
    window.files.export_csv()


def export_content(window: MainWindow) -> None:
    window.files.export_content()


def import_notes(window: MainWindow) -> None:
    window.files.ask_import_notes()


def export_own_cards(window: MainWindow) -> None:
    window.own_cards.export_json()


def import_own_cards(window: MainWindow) -> None:
    window.own_cards.ask_import()


def restore_other_file(window: MainWindow) -> None:
    safety = window.services.safety()
    dialog = RestoreDialog(
        safety.backups(), safety.now(), window, contents=safety.contents, settings=window.settings
    )
    dialog.choose_file()


def save_unsaved_notes(window: MainWindow) -> None:
    closing._save_elsewhere(window, {"untoc": "kept"})


DIALOGS: dict[str, Callable[[MainWindow], None]] = {
    "Export an Anki deck": export_anki,
    "Export my notes": export_notes,
    "Export the quiz cards": export_csv,
    "Export the content": export_content,
    "Import notes": import_notes,
    "Export my own cards": export_own_cards,
    "Import own cards": import_own_cards,
    "Restore from another file": restore_other_file,
    "Save unsaved notes elsewhere": save_unsaved_notes,
}


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    started_in = tmp_path / "started here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)  # the folder the app was started from: never offered
    folder = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def answering(monkeypatch: pytest.MonkeyPatch, answer: Path | None) -> Asked:
    """Answer every file dialog with ``answer`` (None: Cancel); return where each started."""
    asked: Asked = []

    def dialog(_parent: object, _caption: str, start: str = "", filters: str = "", *_: object):
        asked.append(start)
        return (str(answer) if answer else "", filters)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    return asked


def folder_of(start: str) -> Path:
    """The folder a dialog started in (a save dialog starts on a file name in it)."""
    path = Path(start)
    return path if path.is_dir() else path.parent


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait for what the answer started (an export, an import) to end."""
    qtbot.waitUntil(lambda: not window.files.running, timeout=30_000)


@pytest.mark.parametrize("name", DIALOGS)
def test_a_file_dialog_starts_in_documents_then_where_the_learner_chose(
    qtbot: QtBot,
    open_window: WindowFactory,
    tmp_path: Path,
    documents: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    ask = DIALOGS[name]
    window = open_window()
    asked = answering(monkeypatch, None)
    ask(window)
    assert [folder_of(start) for start in asked] == [documents]
    chosen = tmp_path / "my files"
    chosen.mkdir()
    asked = answering(monkeypatch, chosen / "ocstudy-file.json")
    ask(window)
    settle(qtbot, window)
    asked = answering(monkeypatch, None)
    ask(window)
    assert [folder_of(start) for start in asked] == [chosen]
    window.close()
    again = open_window()  # a restart remembers it
    asked = answering(monkeypatch, None)
    ask(again)
    assert [folder_of(start) for start in asked] == [chosen]


def test_one_folder_for_every_dialog(
    qtbot: QtBot,
    open_window: WindowFactory,
    tmp_path: Path,
    documents: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The folder chosen in one dialog is where the next one starts, whichever it is."""
    window = open_window()
    chosen = tmp_path / "exports"
    chosen.mkdir()
    answering(monkeypatch, chosen / "ocstudy-cards.csv")
    export_csv(window)
    settle(qtbot, window)
    asked = answering(monkeypatch, None)
    for ask in (import_notes, export_own_cards, restore_other_file):
        ask(window)
    assert [folder_of(start) for start in asked] == [chosen] * 3


def test_the_revision_sheet_starts_where_the_last_file_went(
    qtbot: QtBot,
    open_window: WindowFactory,
    tmp_path: Path,
    documents: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    dialog = window.files.ask_revision_sheet()
    edit = dialog.findChild(QLineEdit, "sheetPath")
    assert isinstance(edit, QLineEdit)
    assert Path(edit.text()).parent == documents
    dialog.reject()
    chosen = tmp_path / "notes out"
    chosen.mkdir()
    answering(monkeypatch, chosen / "ocstudy-notes.md")
    export_notes(window)
    settle(qtbot, window)
    dialog = window.files.ask_revision_sheet()
    edit = dialog.findChild(QLineEdit, "sheetPath")
    assert isinstance(edit, QLineEdit)
    assert Path(edit.text()).parent == chosen
    dialog.reject()
