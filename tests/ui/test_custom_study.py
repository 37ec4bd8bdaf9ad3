"""Custom study from the quiz's start page, driven as a learner would: each choice says how
many cards it asks, a search counts as it is typed (a bad one says why and cannot start), the
session says it is custom study (and practice) on its card page and its summary, practice
changes nothing on disk, rescheduling records the answers, and the last choices come back."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.days import StudyDay
from ocstudy.services.review.custom_study import CustomChoices, CustomStudyPlanner
from ocstudy.services.review.quiz import QuizService
from ocstudy.ui.quiz.custom_study import CustomStudyDialog
from ocstudy.ui.quiz.view import QuizView
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.reviews import ReviewStore, ReviewStoreError


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(repository: ContentRepository, data_dir: Path, clock: Clock) -> QuizService:
    reviews = ReviewStore(open_user_database(data_dir))
    return QuizService.open(repository, reviews, clock=clock, seed=7, fuzz=False, day=StudyDay())


@pytest.fixture
def quiz(qtbot: QtBot, service: QuizService) -> QuizView:
    view = QuizView(service)
    qtbot.addWidget(view)
    view.resize(1024, 640)
    view.show()
    qtbot.waitExposed(view)
    view.start_page.mode_box.setCurrentIndex(view.start_page.mode_box.findData("flashcard"))
    return view


def forget(service: QuizService, clock: Clock, count: int) -> list[str]:
    """``count`` cards of different facts answered Again an hour ago."""
    chosen: dict[str, str] = {}
    for card in service.catalogue.studied():
        chosen.setdefault(card.sibling_key, card.id)
    ids = list(chosen.values())[:count]
    for card_id in ids:
        after = service.schedule.scheduler.review(card_id, None, Rating.Again, clock.now)
        service.schedule.record(card_id, Rating.Again, "flashcard", clock.now, 3000, None, after)
    clock.now += timedelta(hours=1)
    service.schedule.forget_cached_state()
    return ids


def open_dialog(qtbot: QtBot, quiz: QuizView) -> CustomStudyDialog:
    button = quiz.start_page.custom_button
    assert button.objectName() == "quizCustomStudy" and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return shown_dialog(qtbot, quiz)


def shown_dialog(qtbot: QtBot, quiz: QuizView) -> CustomStudyDialog:
    """The custom study dialog on screen (one closed before may wait to be deleted)."""
    shown = [d for d in quiz.findChildren(CustomStudyDialog) if d.isVisible()]
    assert len(shown) == 1 and shown[0].objectName() == "customStudyDialog"
    qtbot.waitExposed(shown[0])
    return shown[0]


def log_and_schedule(data_dir: Path) -> bytes:
    db = sqlite3.connect(data_dir / USER_DB_NAME)
    lines = [
        line
        for line in db.iterdump()
        if line.startswith(('INSERT INTO "review_log"', 'INSERT INTO "card_states"'))
    ]
    db.close()
    return "\n".join(lines).encode()


def test_each_choice_says_how_many_cards_it_asks(
    qtbot: QtBot, quiz: QuizView, service: QuizService, clock: Clock
) -> None:
    forget(service, clock, 3)
    dialog = open_dialog(qtbot, quiz)
    assert dialog.accessibleName() == "Custom study"
    planner = CustomStudyPlanner(service)
    for kind, label in dialog.counts.items():
        assert label.objectName() == f"custom{kind.capitalize()}Count"
        size = planner.plan(dialog.choices(), kind).size
        assert label.text() == (f"{size} cards" if size != 1 else "1 card")
    assert dialog.counts["forgotten"].text() == "3 cards"
    assert dialog.counts["new"].text() == "20 cards"
    qtbot.mouseClick(dialog.radios["ahead"], Qt.MouseButton.LeftButton)
    assert dialog.counts["ahead"].text() == "0 cards"
    assert not dialog.start_button.isEnabled()
    assert "No cards" in dialog.summary.text()
    dialog.new_cards.setFocus()
    dialog.new_cards.selectAll()
    qtbot.keyClicks(dialog.new_cards, "5")
    assert dialog.radios["new"].isChecked()  # a choice's own field chooses it
    assert dialog.counts["new"].text() == "5 cards" and dialog.start_button.isEnabled()
    assert dialog.summary.text().startswith("Asks 5 cards")


def test_a_search_counts_as_it_is_typed_and_a_bad_one_cannot_start(
    qtbot: QtBot, quiz: QuizView, service: QuizService
) -> None:
    dialog = open_dialog(qtbot, quiz)
    field = dialog.search_field
    field.setFocus()
    qtbot.keyClicks(field, "untoc")
    assert dialog.radios["search"].isChecked()
    choices = CustomChoices(kind="search", search="untoc")
    expected = CustomStudyPlanner(service).plan(choices).size
    assert expected > 5 and dialog.counts["search"].text() == f"{expected} cards"
    qtbot.keyClicks(field, " tier:gold")
    assert dialog.problem.isVisible() and "tier:gold" in dialog.problem.text()
    assert "\n" not in dialog.problem.text()
    assert dialog.counts["search"].text() == "\u2014" and not dialog.start_button.isEnabled()
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter does not start a bad search
    assert dialog.isVisible() and quiz.session is None
    for _ in " tier:gold":
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert not dialog.problem.isVisible() and dialog.start_button.isEnabled()
    assert dialog.counts["search"].text() == f"{expected} cards"


def test_a_practice_session_says_so_and_leaves_the_log_and_schedule_as_they_were(
    qtbot: QtBot, quiz: QuizView, service: QuizService, clock: Clock, data_dir: Path
) -> None:
    forgotten = forget(service, clock, 3)
    before = log_and_schedule(data_dir)
    dialog = open_dialog(qtbot, quiz)
    assert dialog.radios["forgotten"].isChecked() and not dialog.reschedule_box.isChecked()
    dialog.forgotten_days.setValue(2)
    qtbot.keyClick(dialog.start_button, Qt.Key.Key_Return)
    assert not dialog.isVisible() and quiz.card is not None
    assert quiz.session is not None and quiz.session.practice
    badge = quiz.card_page.practice_label
    assert badge.isVisible() and badge.accessibleName() == "Custom study session"
    assert "Custom study" in badge.text() and "forgotten in the last 2 days" in badge.text()
    assert "your schedule stays as it is" in badge.text()
    seen = []
    while quiz.card is not None and len(seen) < 20:
        seen.append(quiz.card.id)
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
        qtbot.keyClick(quiz.card_page, Qt.Key.Key_1 if len(seen) == 1 else Qt.Key.Key_3)
    assert set(seen) == set(forgotten) and len(seen) == 4  # the first, again after Again
    summary = quiz.summary_page.summary.text()
    assert "Custom study over" in summary and "forgotten in the last 2 days" in summary
    assert "changes nothing in your schedule" in summary
    assert log_and_schedule(data_dir) == before


def test_rescheduling_records_the_answers_as_reviews(
    qtbot: QtBot, quiz: QuizView, service: QuizService, data_dir: Path
) -> None:
    dialog = open_dialog(qtbot, quiz)
    qtbot.mouseClick(dialog.radios["new"], Qt.MouseButton.LeftButton)
    dialog.new_cards.setValue(1)
    dialog.reschedule_box.setFocus()
    qtbot.keyClick(dialog.reschedule_box, Qt.Key.Key_Space)
    assert dialog.reschedule_box.isChecked()
    assert "recorded" in dialog.reschedule_note.text()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert quiz.session is not None and not quiz.session.practice
    card = quiz.card
    assert card is not None
    badge = quiz.card_page.practice_label.text()
    assert "Custom study" in badge and "the next 1 new card, previewed" in badge
    assert "your answers are recorded" in badge
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Space)
    assert all("\u00b7" in b.text() for b in quiz.card_page.rating_buttons.values())
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_4)
    assert service.schedule.reviews.lines()[-1].card_id == card.id
    assert "Custom study over" in quiz.summary_page.summary.text()
    assert "recorded as reviews" in quiz.summary_page.summary.text()


def test_the_last_choices_come_back(qtbot: QtBot, quiz: QuizView, service: QuizService) -> None:
    dialog = open_dialog(qtbot, quiz)
    qtbot.mouseClick(dialog.radios["theme"], Qt.MouseButton.LeftButton)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("firearms"))
    dialog.theme_cards.setValue(4)
    dialog.reschedule_box.setChecked(True)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert quiz.session is not None and quiz.session.progress().new == 4
    qtbot.keyClick(quiz.card_page, Qt.Key.Key_Escape)
    quiz.back_to_start()
    again = open_dialog(qtbot, quiz)
    assert again.radios["theme"].isChecked() and again.theme_box.currentData() == "firearms"
    assert again.theme_cards.value() == 4 and again.reschedule_box.isChecked()
    assert again.counts["theme"].text() == "4 cards"


def test_c_opens_custom_study_on_the_start_page(qtbot: QtBot, quiz: QuizView) -> None:
    quiz.start_page.start_button.setFocus()
    qtbot.keyClick(quiz.start_page.start_button, Qt.Key.Key_C)
    dialog = shown_dialog(qtbot, quiz)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and quiz.session is None


def test_choices_that_cannot_be_kept_still_start_and_say_so(
    qtbot: QtBot,
    quiz: QuizView,
    service: QuizService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(values: dict[str, str]) -> None:
        raise ReviewStoreError("could not save your settings: disk I/O error")

    dialog = open_dialog(qtbot, quiz)
    qtbot.mouseClick(dialog.radios["new"], Qt.MouseButton.LeftButton)
    monkeypatch.setattr(service.schedule.reviews, "set_settings", refuse)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert quiz.card is not None and quiz.card_page.notice.isVisible()
    assert "not kept" in quiz.card_page.notice.text() and "disk I/O" in quiz.card_page.notice.text()


def test_the_dialog_fits_a_small_screen(qtbot: QtBot, quiz: QuizView) -> None:
    dialog = open_dialog(qtbot, quiz)
    QApplication.processEvents()
    assert dialog.width() <= 1000 and dialog.height() <= 600


def test_tab_goes_from_a_choice_to_its_own_fields(
    qtbot: QtBot, quiz: QuizView, service: QuizService
) -> None:
    dialog = open_dialog(qtbot, quiz)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # Tab moves the focus in the active window
    fields = {
        "forgotten": [dialog.forgotten_days],
        "ahead": [dialog.ahead_days],
        "new": [dialog.new_cards],
        "theme": [dialog.theme_box, dialog.theme_cards],
        "search": [dialog.search_field, dialog.search_cards],
    }
    for kind, own in fields.items():
        dialog.radios[kind].setFocus()
        for field in own:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is field, kind
    dialog.radios["search"].setFocus()
    qtbot.keyClick(dialog.radios["search"], Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.search_field, "theme:firearms")
    assert dialog.radios["search"].isChecked()
    assert dialog.summary.text().startswith("Asks")
