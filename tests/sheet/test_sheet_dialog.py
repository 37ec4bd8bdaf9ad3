"""File > Revision sheet...: the dialog opens on the entry shown, offers the weak spots when
there is a review history, and writes the PDF the learner chose."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QRadioButton, QSpinBox
from pytestqt.qtbot import QtBot

from ocstudy.ui.sheet.dialog import SheetDialog
from ocstudy.userdata.review_rows import StoredState
from ui.conftest import WindowFactory, open_window

from .conftest import flat, needs_poppler, pdf_pages

__all__ = ["open_window"]


def _open_dialog(qtbot: QtBot, window: object) -> SheetDialog:
    action = window.findChild(QAction, "revisionSheet")  # type: ignore[attr-defined]
    assert action is not None and action in window.menus.file_menu.actions()  # type: ignore[attr-defined]
    action.trigger()
    dialog = window.findChild(SheetDialog, "sheetDialog")  # type: ignore[attr-defined]
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


@needs_poppler
def test_the_dialog_writes_the_theme_sheet_the_learner_chose(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    window.study.select("firearms-protocol")
    dialog = _open_dialog(qtbot, window)
    entry = dialog.findChild(QRadioButton, "sheetScopeEntity")
    assert entry.isChecked()  # what the learner sees is what is printed
    assert dialog.findChild(QComboBox, "sheetEntity").currentData() == "firearms-protocol"
    assert not dialog.findChild(QCheckBox, "sheetWeak").isChecked()  # no history yet
    theme = dialog.findChild(QRadioButton, "sheetScopeTheme")
    # on the button's circle: the row is wider than the button's text
    qtbot.mouseClick(theme, Qt.MouseButton.LeftButton, pos=QPoint(8, theme.height() // 2))
    assert theme.isChecked()
    assert dialog.findChild(QComboBox, "sheetTheme").currentData() == "firearms"
    path_edit = dialog.findChild(QLineEdit, "sheetPath")
    assert path_edit.text().endswith("ocstudy-sheet-firearms.pdf")
    path_edit.clear()
    out = tmp_path / "my firearms sheet"
    qtbot.keyClicks(path_edit, str(out))
    page = dialog.findChild(QComboBox, "sheetPage")
    page.setCurrentIndex(page.findData("letter"))
    qtbot.mouseClick(dialog.findChild(QPushButton, "sheetWrite"), Qt.MouseButton.LeftButton)
    written = tmp_path / "my firearms sheet.pdf"
    qtbot.waitUntil(written.exists)
    assert not dialog.isVisible()
    text = flat("\n".join(pdf_pages(written)))
    assert "Revision sheet: Firearms" in text and "Hague Opium Convention" not in text
    assert "Your weak spots" not in text
    assert str(written) in window.statusBar().currentMessage()


def test_weak_spots_are_on_by_default_once_there_is_a_history(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    service = window.services.quiz()
    card = service.catalogue.cards()[0].id
    when = datetime(2026, 11, 30, tzinfo=UTC)
    service.schedule.reviews.record(
        card, rating=1, mode="flashcard", reviewed_at=when, duration_ms=3000, before=None,
        after=StoredState(1, 0, 0.5, 9.0, when, when, 1, 1),
    )  # fmt: skip
    dialog = _open_dialog(qtbot, window)
    weak = dialog.findChild(QCheckBox, "sheetWeak")
    count = dialog.findChild(QSpinBox, "sheetWeakCount")
    assert weak.isChecked() and count.isEnabled()
    assert dialog.request().weak == count.value()
    qtbot.mouseClick(weak, Qt.MouseButton.LeftButton)
    assert not count.isEnabled() and dialog.request().weak == 0
    dialog.reject()


def test_cancelling_the_progress_leaves_no_file(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    from ocstudy.services.sheet import SheetRequest

    window = open_window()
    folder = tmp_path / "sheets"
    folder.mkdir()
    operation = window.files.revision_sheet(SheetRequest("all"), folder / "sheet.pdf")
    assert operation is not None
    qtbot.mouseClick(operation.dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: operation.done, timeout=60_000)
    assert operation.result is not None and operation.result.cancelled
    assert list(folder.iterdir()) == []
    assert "no file was written" in window.statusBar().currentMessage()


def test_alt_e_chooses_everything_and_alt_w_writes_the_pdf(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    window.study.select("firearms-protocol")
    dialog = _open_dialog(qtbot, window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # its keys reach it only then
    path_edit = dialog.findChild(QLineEdit, "sheetPath")
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(path_edit, Qt.Key.Key_E, alt)
    qtbot.waitUntil(dialog.findChild(QRadioButton, "sheetScopeAll").isChecked)
    path_edit.setText(str(tmp_path / "sheet.pdf"))
    qtbot.keyClick(path_edit, Qt.Key.Key_W, alt)  # the underlined W of Write PDF
    qtbot.waitUntil((tmp_path / "sheet.pdf").exists, timeout=20_000)
