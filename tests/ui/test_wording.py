"""What the learner reads: one of a thing is singular ("1 entry", "1 review"), a session of
39 seconds took "39 s", not "0 min 39 s"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from ocstudy.quiz.session import SessionSummary
from ocstudy.ui.quiz.summary_page import SummaryPage
from ocstudy.ui.window.main_window import MainWindow

from .test_search_feedback import search


def test_one_match_is_one_entry(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "Palermo Convention")
    assert window.study.count_label.text() == "1 entry"
    search(qtbot, window, "UNTOC")
    assert window.study.count_label.text().endswith(" entries")


def test_a_short_session_says_its_seconds_alone(qtbot: QtBot) -> None:
    page = SummaryPage()
    qtbot.addWidget(page)
    ended = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    for spent, shown in ((39, "39 s"), (125, "2 min 5 s")):
        summary = SessionSummary(
            practice=False,
            answered=1,
            correct=1,
            cards=1,
            first_try=1,
            missed=(),
            time=timedelta(seconds=spent),
            next_due=None,
            ended=ended,
        )
        page.show_summary(summary, [])
        assert f"Time spent</td><td><b>{shown}</b>" in page.summary.text()
