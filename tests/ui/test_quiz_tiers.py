"""The quiz's start page offers Core (the default), Core and detail, and Everything; the choice
is remembered, and a session asks only the cards of the tiers chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests.ui.quiz_driving import (
    Clock,
    QuizWindowFactory,
    clock,
    open_quiz,
    open_quiz_window,
    start,
)

__all__ = ["clock", "open_quiz_window"]


def _choose(qtbot: QtBot, box: object, key: str) -> None:
    """Pick the item whose data is ``key`` with the keyboard, as a learner would."""
    from PySide6.QtWidgets import QComboBox

    assert isinstance(box, QComboBox)
    box.setFocus()
    target = box.findData(key)
    while box.currentIndex() != target:
        qtbot.keyClick(box, Qt.Key.Key_Down if box.currentIndex() < target else Qt.Key.Key_Up)


def test_core_is_the_default_and_a_session_asks_only_core_cards(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, clock: Clock
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window, "flashcard")
    page = quiz.start_page
    assert page.tiers_box.objectName() == "quizTiers"
    assert page.tiers_box.accessibleName() == "Which cards"
    assert page.tiers == "core"
    labels = [page.tiers_box.itemText(i) for i in range(page.tiers_box.count())]
    assert labels[0].startswith("Core: ")
    assert labels[1].startswith("Core and detail (")
    assert labels[2].startswith("Everything")
    core = sum(1 for card in window.quiz_service().catalogue.cards() if card.tier == "core")
    assert f"({core} cards)" in labels[0]
    start(qtbot, quiz)
    seen = set()
    while quiz.card is not None and len(seen) < 25:
        card = quiz.card
        seen.add(card.tier)
        qtbot.keyClick(quiz, Qt.Key.Key_Space)
        qtbot.keyClick(quiz, Qt.Key.Key_4)  # Easy: it leaves the session
    assert seen == {"core"}


def test_the_choice_is_remembered_and_widens_the_session(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, clock: Clock
) -> None:
    window = open_quiz_window()
    quiz = open_quiz(qtbot, window)
    page = quiz.start_page
    core_counts = page.counts_label.text()
    _choose(qtbot, page.tiers_box, "all")
    assert page.tiers == "all"
    service = window.quiz_service()
    assert service.settings.current().tiers == "all"
    assert service.counts().cards == len([c for c in service.catalogue.cards() if not c.is_own])
    assert page.counts_label.text() == core_counts  # still 20 new today, whatever the pool
    window.close()

    reopened = open_quiz_window()
    again = open_quiz(qtbot, reopened)
    assert again.start_page.tiers == "all"
    everything = [card for card in reopened.quiz_service().catalogue.cards() if not card.is_own]
    assert reopened.quiz_service().counts().cards == len(everything)
