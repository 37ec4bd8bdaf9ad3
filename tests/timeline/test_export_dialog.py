"""The timeline's Export dialog starts where the learner last saved, else in Documents, never in
the folder the app was started from; and it still does after a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QToolButton
from pytestqt.qtbot import QtBot

from ocstudy.ui.common.file_dialogs import documents_folder
from ocstudy.ui.window.main_window import MainWindow
from ui.conftest import WindowFactory, open_window

from .test_export_image import show_timeline

__all__ = ["open_window"]


def export_asking(window: MainWindow, answer: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Export the current view as PNG through the Export menu, answering ``answer`` in the
    file dialog; return the folder the dialog started in."""
    asked: list[str] = []

    def dialog(parent: object, caption: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(answer), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    button = window.findChild(QToolButton, "timelineExport")
    assert isinstance(button, QToolButton)
    action = next(a for a in button.menu().actions() if a.text().startswith("Current view as PNG"))
    action.trigger()
    assert len(asked) == 1
    return str(Path(asked[0]).parent)


def test_the_export_dialog_starts_in_documents_then_where_the_learner_saved(
    qtbot: QtBot,
    open_window: WindowFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started_in = tmp_path / "started here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)  # the folder the app was started from: never offered
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    documents.mkdir(parents=True)
    window = open_window()
    show_timeline(qtbot, window, (1280, 820))
    exports = tmp_path / "my exports"
    exports.mkdir()
    assert export_asking(window, exports / "view.png", monkeypatch) == str(documents)
    assert (exports / "view.png").exists()
    assert export_asking(window, exports / "again.png", monkeypatch) == str(exports)
    window.close()
    again = open_window()  # a restart remembers it
    show_timeline(qtbot, again, (1280, 820))
    assert export_asking(again, exports / "third.png", monkeypatch) == str(exports)
    (exports / "view.png").unlink()
    (exports / "again.png").unlink()
    (exports / "third.png").unlink()
    exports.rmdir()  # gone: back to Documents
    assert export_asking(again, documents / "fourth.png", monkeypatch) == str(documents)
    assert documents_folder() == documents


def test_without_documents_the_dialog_starts_at_home(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    window = open_window()
    show_timeline(qtbot, window, (1024, 640))
    assert export_asking(window, tmp_path / "x.png", monkeypatch) == str(Path.home())
    assert Path.home() != tmp_path


def test_an_export_that_cannot_be_written_says_so_and_leaves_nothing(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    show_timeline(qtbot, window, (1280, 820))
    missing = tmp_path / "gone" / "view.png"
    export_asking(window, missing, monkeypatch)
    assert window.statusBar().currentMessage().startswith("Could not export the timeline")
    assert not missing.parent.exists()
