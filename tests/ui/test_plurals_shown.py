"""One of a thing is singular where the window says it: the quiz's start page on an entry with
one card ("Practice on 1 card", "Nothing due today in this card") and the status bar after a
one-page revision sheet ("(1 page)")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ocstudy.quiz.scope import Scope
from ocstudy.services.sheet import SheetRequest
from ocstudy.ui.sheet import pdf
from ocstudy.ui.window.main_window import MainWindow

from .conftest import open_window
from .quiz_driving import open_quiz

__all__ = ["open_window"]

ONE_CARD_ENTRY = "security-council"  # the one entry with a single card


def test_the_start_page_counts_one_card_in_the_singular(qtbot: QtBot, window: MainWindow) -> None:
    window.study.select(ONE_CARD_ENTRY)
    quiz = open_quiz(qtbot, window)
    page = quiz.start_page
    page.choose_scope(Scope.entity(ONE_CARD_ENTRY))
    assert len(window.quiz_service().catalogue.cards(page.scope)) == 1
    qtbot.mouseClick(page.practice_box, Qt.MouseButton.LeftButton)
    assert page.counts_label.text().startswith("Practice on 1 card (")
    qtbot.mouseClick(page.practice_box, Qt.MouseButton.LeftButton)
    page.new_box.setValue(0)  # no new card today: nothing due in this one
    qtbot.waitUntil(lambda: "Nothing due" in page.counts_label.text())
    assert page.counts_label.text().startswith("Nothing due today in this card.")


def test_a_one_page_revision_sheet_says_1_page(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = pdf.write_sheet_pdf

    def one_page(sheet: object, path: Path, progress: object = None) -> pdf.SheetResult:
        result = written(sheet, path, progress)  # type: ignore[arg-type]
        return pdf.SheetResult(result.path, 1)

    monkeypatch.setattr(pdf, "write_sheet_pdf", one_page)
    target = tmp_path / "sheet.pdf"
    operation = window.files.revision_sheet(SheetRequest("entity", "cnd"), target)
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=60_000)
    message = window.statusBar().currentMessage()
    assert message.endswith("(1 page)."), message
