"""The statistics view, driven through its real widgets: rows that start a quiz, one page
that scrolls (and paints inside its frame), the calendar, retention per theme, and names a
screen reader speaks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QFontMetrics, QImage
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget
from pytestqt.qtbot import QtBot

from ocstudy.ui.stats.models import MONTHS
from ocstudy.ui.stats.tables import ActionTable
from ocstudy.ui.stats.view import StatsView
from ocstudy.ui.window.main_window import MainWindow


def open_stats(qtbot: QtBot, window: MainWindow) -> StatsView:
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert window.current_view == "stats" and window.stats is not None
    return window.stats


def double_click_row(qtbot: QtBot, table: ActionTable, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_double_clicking_a_theme_starts_a_quiz_on_it(qtbot: QtBot, window: MainWindow) -> None:
    stats = open_stats(qtbot, window)
    row = next(n for n, k in enumerate(stats.theme_model.rows) if k.key == "firearms")
    double_click_row(qtbot, stats.theme_table, row)
    assert window.current_view == "quiz" and window.quiz is not None
    session = window.quiz.session
    assert session is not None and session.current is not None
    assert "firearms" in session.current.themes


def test_enter_on_an_entry_starts_a_quiz_on_it(qtbot: QtBot, window: MainWindow) -> None:
    stats = open_stats(qtbot, window)
    row = next(n for n, k in enumerate(stats.model.rows) if k.key == "uncac")
    stats.table.setFocus()
    stats.table.setCurrentIndex(stats.model.index(row, 0))
    qtbot.keyClick(stats.table, Qt.Key.Key_Return)
    assert window.current_view == "quiz" and window.quiz is not None
    session = window.quiz.session
    assert session is not None and session.current is not None
    assert "uncac" in session.current.entity_slugs
    assert window.study.current_slug == "uncac"


def test_the_cards_figure_says_what_it_counts(qtbot: QtBot, window: MainWindow) -> None:
    stats = open_stats(qtbot, window)
    assert stats.stats is not None
    figure = stats.figures["cards"]
    assert figure.text() == f"0 of {stats.stats.total_cards}"
    captions = [label.text() for label in stats.findChildren(QLabel) if label.buddy() is figure]
    assert captions == ["Cards studied"]
    assert "answered at least once" in figure.toolTip()


def test_the_page_scrolls_as_one_and_no_table_inside_it(qtbot: QtBot, window: MainWindow) -> None:
    stats = open_stats(qtbot, window)
    for table in (stats.theme_table, stats.table, stats.retention):
        assert table.verticalScrollBar().maximum() == 0, table.objectName()
        last = table.visualRect(table.model().index(table.model().rowCount() - 1, 0))
        assert last.bottom() <= table.viewport().height()
    page = stats.page_area.widget()
    inner = [w for w in page.findChildren(QAbstractScrollArea) if w.isVisible()]
    assert all(w.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff for w in inner)
    qtbot.waitUntil(lambda: stats.page_area.verticalScrollBar().maximum() > 0)  # the page does


def test_the_calendar_counts_todays_answers(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    quiz = window.quiz
    assert quiz is not None
    quiz.start()
    for _ in range(3):
        quiz.show_answer()
        quiz.rate(quiz.suggested_rating())
    stats = open_stats(qtbot, window)
    calendar = stats.calendar
    assert calendar.days[-1].count == 3
    assert "3 answers on 1 of the last" in calendar.accessibleDescription()
    cell = calendar._cell(len(calendar.days) - 1)
    day = calendar.day_at(cell.center().x(), cell.center().y())
    assert day is not None and day.count == 3


def test_retention_per_theme_has_a_column_per_month_of_the_range(
    qtbot: QtBot, window: MainWindow
) -> None:
    stats = open_stats(qtbot, window)
    stats.controls.set_time_range("year")
    assert stats.stats is not None and stats.stats.time_range == "year"
    model = stats.retention_model
    header = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
              for c in range(model.columnCount())]  # fmt: skip
    first, today = stats.stats.first_day, stats.stats.today
    months = (today.year - first.year) * 12 + today.month - first.month + 1  # 12 or 13
    assert model.rowCount() == 7 and len(header) == 1 + months
    assert header[0] == "Theme" and header[-1] == f"{MONTHS[today.month - 1]} {today.year}"
    assert header[1] == f"{MONTHS[first.month - 1]} {first.year}"
    assert model.index(0, months).data() == "\u2014"  # nothing answered yet
    assert "month by month" in stats.retention_title.text()
    double_click_row(qtbot, stats.retention, 0)
    assert window.current_view == "quiz"


def test_every_widget_a_reader_reaches_has_a_name(qtbot: QtBot, window: MainWindow) -> None:
    stats = open_stats(qtbot, window)
    focusable = [
        w
        for w in [stats, *stats.findChildren(QWidget)]
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisible()
        and not w.objectName().startswith("qt_")  # Qt's own scroll-area viewports
        and w.parent() is not None and not isinstance(w.parent(), QAbstractScrollArea)
    ]  # fmt: skip
    assert focusable
    for widget in focusable:
        assert widget.accessibleName(), widget.objectName() or type(widget).__name__


def test_mastery_is_shown_per_tier(qtbot: QtBot, window: MainWindow) -> None:
    stats = open_stats(qtbot, window)
    table = stats.tier_table
    assert table.objectName() == "tierKnowledge"
    assert table.accessibleName() == "How well each tier of cards is known"
    model = table.model()
    labels = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert [label.split(":")[0] for label in labels] == ["Core", "Detail", "Extra"]
    cards = window.quiz_service().catalogue.cards()
    counts = [model.index(row, 1).data() for row in range(model.rowCount())]
    assert counts[0] == sum(1 for c in cards if c.tier == "core" and not c.is_own)


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.paints += event.type() == QEvent.Type.Paint
        return False


def test_the_scrolled_page_never_paints_over_the_menus_and_view_buttons(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Scrolled to its end, the page is shown again after a change of look (another view in
    between): what the window shows above the page (its backing store, as the screen gets
    it) is the menu bar, the view buttons and the bar choosing what is counted, not the entry
    table's rows."""
    stats = open_stats(qtbot, window)
    bar = stats.page_area.verticalScrollBar()

    def at_the_end() -> bool:  # once laid out: the tier table above, out of sight
        bar.setValue(bar.maximum())
        return stats.tier_table.visibleRegion().isEmpty()

    qtbot.waitUntil(at_the_end)
    look = window.findChild(QAction, "theme_dark")
    assert look is not None
    try:
        look.trigger()  # View > Appearance > Dark
        study_painted, painted = PaintCounter(), PaintCounter()
        window.study.installEventFilter(study_painted)
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: study_painted.paints > 0)
        stats.table.viewport().installEventFilter(painted)
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: painted.paints > 0)
        top = QRect(0, 0, window.width(), stats.page_area.mapTo(window, QPoint(0, 0)).y())
        shown = window.screen().grabWindow(window.winId()).toImage().copy(top)
        expected = window.grab(top).toImage()
        rgb = QImage.Format.Format_RGB32
        assert shown.convertToFormat(rgb) == expected.convertToFormat(rgb)
    finally:
        window.menus.set_theme("system")


def test_the_keys_scroll_the_page_once_the_view_has_the_focus(
    qtbot: QtBot, window: MainWindow
) -> None:
    stats = open_stats(qtbot, window)  # Alt+4 gives the view the focus
    bar = stats.page_area.verticalScrollBar()
    qtbot.waitUntil(lambda: stats.hasFocus() and bar.maximum() > 0)
    qtbot.keyClick(stats, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(stats, Qt.Key.Key_PageUp)
    assert bar.value() == 0
    qtbot.keyClick(stats, Qt.Key.Key_Tab)
    assert stats.controls.scope.hasFocus()  # then what the statistics count


def test_larger_text_keeps_every_row_of_the_tables_whole(qtbot: QtBot, window: MainWindow) -> None:
    stats = open_stats(qtbot, window)
    tables = stats.findChildren(ActionTable)
    assert tables
    try:
        for _ in range(4):
            qtbot.keyClick(stats, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: tables[0].font().pointSizeF() == window.menus.appearance.points)
        for table in tables:
            rows = table.model().rowCount()
            assert table.rowHeight(0) >= QFontMetrics(table.font()).height() + 4, table.objectName()
            shown = table.viewport().height()  # the table does not scroll: every row is shown
            assert shown >= rows * table.rowHeight(0), table.objectName()
    finally:
        window.menus.reset_size()
