"""The statistics' choices and new charts, driven through the real widgets on a history of a
few hundred answers: the time range (remembered), the cards counted (a theme, a search; a
search that cannot be read says why in one line and the figures stay), and the answer
buttons, intervals, stability and difficulty charts: named, their values said to a screen
reader, readable in the light and the dark look."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from tests.services.review.review_log import record_history

from ocstudy.content.repository import ContentRepository
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats import scope_cards
from ocstudy.ui.stats.charts import BarChart
from ocstudy.ui.stats.view import StatsView
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.reviews import ReviewStore

from .conftest import WindowFactory
from .test_palette import contrast

DAYS = 90


@pytest.fixture
def answers(data_dir: Path, repository: ContentRepository) -> int:
    """90 days of study of 40 cards (a quarter of them on firearms), from 90 days ago to
    yesterday."""
    store = ReviewStore(open_user_database(data_dir))
    cards = QuizService.open(repository, store).catalogue.cards()
    firearms = [card.id for card in cards if "firearms" in card.themes][:10]
    others = [card.id for card in cards if "firearms" not in card.themes][:30]
    start = datetime.now(UTC) - timedelta(days=DAYS)
    answered = record_history(store, [*firearms, *others], start, days=DAYS - 1, new_per_day=4)
    store.database.close()
    return answered


def open_stats(qtbot: QtBot, window: MainWindow) -> StatsView:
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert window.stats is not None and window.stats.stats is not None
    return window.stats


def test_the_range_chosen_applies_to_the_history_and_is_remembered(
    qtbot: QtBot, open_window: WindowFactory, answers: int
) -> None:
    window = open_window()
    stats = open_stats(qtbot, window)
    choice = stats.controls.range
    assert choice.currentText() == "1 month"
    month = sum(b[2] for b in stats.history.bars)
    assert 0 < month < answers and stats.history.title == "Reviews per day, the last 30 days"
    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_Down)  # 1 year
    assert stats.history.title == "Reviews per week, the last 365 days"
    assert sum(b[2] for b in stats.history.bars) == answers
    qtbot.keyClick(choice, Qt.Key.Key_Down)  # all
    assert stats.stats is not None and stats.stats.time_range == "all"
    assert sum(b.total for b in stats.stats.answer_buttons) == answers
    assert stats.buttons.title.startswith(f"Answer buttons, all {DAYS + 1} days since ")
    assert stats.scope_line.text().startswith("The whole deck \u00b7 answers of all ")
    window.close()
    again = open_stats(qtbot, open_window())  # a restart
    assert again.controls.range.currentText() == "All (deck life)"
    assert again.stats is not None and again.stats.time_range == "all"


def test_a_theme_limits_every_figure(qtbot: QtBot, window: MainWindow, answers: int) -> None:
    stats = open_stats(qtbot, window)
    service = window.quiz_service()
    scope = stats.controls.scope
    scope.setCurrentIndex(scope.findData("theme:firearms"))
    assert scope.currentText() == "Theme: Firearms"
    figures = stats.stats
    assert figures is not None and figures.search == "theme:firearms"
    cards = [card for card in service.catalogue.cards() if "firearms" in card.themes]
    studied = [card for card in cards if service.schedule.state(card.id) is not None]
    assert stats.figures["cards"].text() == f"{len(studied)} of {len(cards)}"
    assert f"The {len(cards)} cards \u201ctheme:firearms\u201d finds" in stats.scope_line.text()
    ids = {card.id for card in cards}
    in_scope = [line for line in service.schedule.reviews.lines() if line.card_id in ids]
    assert sum(b[2] for b in stats.history.bars) == sum(
        1 for line in in_scope if service.schedule.day.day_of(line.reviewed_at) >= figures.first_day
    )
    assert stats.stability.bars and sum(b[2] for b in stats.stability.bars) == len(studied)
    entries = {stats.model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1)
               for row in range(stats.model.rowCount())}  # fmt: skip
    assert entries == {slug for card in cards for slug in card.entity_slugs}
    assert not stats.controls.field.isEnabled()  # a theme needs no search


def test_a_search_limits_the_figures_and_a_bad_one_says_why_in_one_line(
    qtbot: QtBot, window: MainWindow, answers: int
) -> None:
    stats = open_stats(qtbot, window)
    service = window.quiz_service()
    controls = stats.controls
    controls.scope.setCurrentIndex(controls.scope.count() - 1)  # "Cards a search finds"
    field = controls.field
    assert field.isEnabled() and field.hasFocus()
    qtbot.keyClicks(field, "kind:date")  # counted once typing pauses
    qtbot.waitUntil(lambda: stats.search == "kind:date")
    good = stats.stats
    assert good is not None and good.total_cards == len(scope_cards(service, "kind:date"))
    cards_shown = stats.figures["cards"].text()
    field.selectAll()
    qtbot.keyClicks(field, "kind:date (theme:firearms")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    problem = controls.problem
    assert problem.isVisible() and not problem.wordWrap()
    assert problem.text() == (
        "\u26a0 a \u201c(\u201d is not closed: add a \u201c)\u201d \u2014 the figures are "
        "still the last ones."
    )
    assert problem.width() >= problem.sizeHint().width()  # the whole line shows
    assert stats.stats is good and stats.figures["cards"].text() == cards_shown
    qtbot.keyClick(field, Qt.Key.Key_ParenRight)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert not problem.isVisible() and stats.search == "kind:date (theme:firearms)"
    assert stats.stats is not None and stats.stats.total_cards == len(
        scope_cards(service, "kind:date (theme:firearms)")
    )


def chart_of(stats: StatsView, name: str) -> QWidget:
    chart = stats.findChild(QWidget, name)
    assert chart is not None
    return chart


def test_each_chart_is_named_and_says_its_values(
    qtbot: QtBot, window: MainWindow, answers: int
) -> None:
    stats = open_stats(qtbot, window)
    figures = stats.stats
    assert figures is not None
    names = ("forecastChart", "reviewsChart", "reviewCalendar", "buttonsChart",
             "intervalsChart", "stabilityChart", "difficultyChart")  # fmt: skip
    said = [chart_of(stats, name).accessibleName() for name in names]
    assert all(said) and len(set(said)) == len(said)
    learning = figures.answer_buttons[0]
    described = stats.buttons.accessibleDescription()
    again, hard, good, easy = learning.counts
    assert f"Learning: Again {again}, Hard {hard}, Good {good}, Easy {easy}; " in described
    assert "Young: " in described and "Mature: " in described and "% correct of " in described
    intervals = figures.intervals
    assert stats.intervals.accessibleName().endswith(
        f"(median {round(intervals.median or 0)} days)"
    )
    assert "3 to 6 days: " in stats.intervals.accessibleDescription()
    for chart, spread in ((stats.intervals, intervals), (stats.difficulty, figures.difficulty)):
        assert isinstance(chart, BarChart)
        assert [value for _label, value in chart.values] == [b.count for b in spread.bins]
        fullest = max(range(len(chart.bars)), key=lambda i: chart.bars[i][2])
        middle = (fullest + 0.5) * chart.width() / len(chart.bars)
        assert chart.bar_at(middle) == chart.bars[fullest]  # what its tooltip says
    assert "difficulty 9 to 10: " in stats.difficulty.accessibleDescription()


@pytest.mark.parametrize("look", ["light", "dark"])
def test_the_charts_read_in_the_light_and_the_dark_look(
    qtbot: QtBot, window: MainWindow, answers: int, look: str
) -> None:
    """Every bar drawn stands out from the page (3:1, as WCAG asks of a chart's marks)."""
    window.menus.set_theme(look)
    try:
        stats = open_stats(qtbot, window)

        def page() -> str:
            return stats.palette().color(QPalette.ColorRole.Window).name()

        qtbot.waitUntil(lambda: (QColor(page()).lightness() < 128) == (look == "dark"))
        image = stats.buttons.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        for group, counts in enumerate(stats.buttons.groups):
            for button, count in enumerate(counts.counts):
                if count:
                    bottom = stats.buttons._bar_rect(group, button).bottomLeft().toPoint()
                    ink = image.pixelColor(bottom + QPoint(2, -2)).name()
                    assert contrast(ink, page()) >= 3, (look, group, button, ink)
        for chart in (stats.intervals, stats.stability, stats.difficulty, stats.history):
            assert isinstance(chart, BarChart)
            picture = chart.grab().toImage()
            fullest = max(range(len(chart.bars)), key=lambda i: chart.bars[i][2])
            x = int((fullest + 0.5) * chart.width() / len(chart.bars))
            ink = picture.pixelColor(x, chart.height() - chart.fontMetrics().height() - 8).name()
            assert contrast(ink, page()) >= 3, (look, chart.objectName(), ink)
    finally:
        window.menus.set_theme("system")
