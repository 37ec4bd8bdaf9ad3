"""The revision sheet dialog proposes its file in the folder the learner last saved a sheet in,
else in Documents, never in the folder the app was started from; a bare file name goes there
too, not into the working folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from ocstudy.ui.common.file_dialogs import documents_folder
from ocstudy.ui.sheet.dialog import SheetDialog

THEMES = [("firearms", "Firearms"), ("drugs", "Drugs")]
ENTRIES = [("untoc", "UNTOC")]


def dialog(qtbot: QtBot, settings: QSettings, folder: Path | None = None) -> SheetDialog:
    shown = SheetDialog(
        THEMES,
        ENTRIES,
        current_slug=None,
        current_theme=None,
        has_history=False,
        folder=folder,
        settings=settings,
    )
    qtbot.addWidget(shown)
    shown.show()
    return shown


def proposed(shown: SheetDialog) -> Path:
    edit = shown.findChild(QLineEdit, "sheetPath")
    assert isinstance(edit, QLineEdit)
    return Path(edit.text())


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


def test_the_sheet_goes_where_the_last_one_went_else_in_documents(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started_in = tmp_path / "started here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    first = dialog(qtbot, settings)
    assert proposed(first) == documents_folder() / "ocstudy-sheet.pdf"
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    asked: list[str] = []

    def answer(parent: object, caption: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(sheets / "mine.pdf"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    browse = first.findChild(QPushButton, "sheetBrowse")
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert asked == [str(documents_folder() / "ocstudy-sheet.pdf")]
    assert proposed(first) == sheets / "mine.pdf"
    first.accept()
    second = dialog(qtbot, settings, folder=Path.home())
    assert proposed(second).parent == sheets  # the folder last saved in comes first
    second.reject()
    sheets.rmdir()
    assert proposed(dialog(qtbot, settings, folder=tmp_path)).parent == tmp_path


def test_a_bare_name_goes_in_the_dialogs_folder_not_the_working_folder(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = dialog(qtbot, settings)
    edit = shown.findChild(QLineEdit, "sheetPath")
    edit.clear()
    qtbot.keyClicks(edit, "tonight")
    assert shown.path() == documents_folder() / "tonight.pdf"
    assert shown.path().parent != Path.cwd()
