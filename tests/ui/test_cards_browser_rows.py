"""The cards browser's rows as a learner reads them (issue 23): flagged and suspended rows
shaded as in Anki and readable in the light and the dark look, kinds in words, the first row
shown in the card's pane when the browser opens, card info without internal names, and the
question's room at 1024x640."""

from __future__ import annotations

from typing import get_args

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from ocstudy.quiz.model import CardKind
from ocstudy.services.browser.kinds import KIND_WORDS, kind_words
from ocstudy.services.browser.rows import CardRow
from ocstudy.ui.cards.model import COLUMN_KEYS
from ocstudy.ui.cards.row_colors import row_background
from ocstudy.ui.cards.view import CardsView
from ocstudy.ui.common.palette import palette_colors
from ocstudy.ui.window.appearance import dark_palette
from ocstudy.ui.window.main_window import MainWindow

from .quiz_driving import QuizWindowFactory
from .test_card_marks import CTRL, select_rows
from .test_cards_browser import open_cards, search
from .test_palette import contrast

LOOKS = ("light", "dark")


@pytest.fixture
def cards_window(open_quiz_window: QuizWindowFactory) -> MainWindow:
    return open_quiz_window()


@pytest.fixture
def look(cards_window: MainWindow) -> object:
    """The test chooses looks; the app's look is the system's again after it."""
    yield None
    cards_window.menus.set_theme("system")


def click_row(qtbot: QtBot, view: CardsView, card_id: str) -> None:
    row = view.model.row_of(card_id)
    assert row is not None
    rect = view.table.visualRect(view.model.index(row, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected_ids() == [card_id]


def shown_color(view: CardsView, card_id: str) -> QColor:
    """The colour painted at the left edge of the card's Entry cell (no text there)."""
    row = view.model.row_of(card_id)
    assert row is not None
    rect = view.table.visualRect(view.model.index(row, COLUMN_KEYS.index("entity")))
    image = view.table.viewport().grab().toImage()
    return image.pixelColor(rect.left() + 2, rect.center().y())


def background(view: CardsView, card_id: str) -> QColor | None:
    row = view.model.row_of(card_id)
    assert row is not None
    value = view.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    return value if isinstance(value, QColor) else None


def test_flagged_and_suspended_rows_are_shaded_as_in_anki_in_both_looks(
    qtbot: QtBot, cards_window: MainWindow, look: object
) -> None:
    view = open_cards(qtbot, cards_window)
    red, suspended, both, plain = select_rows(qtbot, view, 4)
    for card_id, keys in (
        (red, [Qt.Key.Key_1]),
        (suspended, [Qt.Key.Key_J]),
        (both, [Qt.Key.Key_J, Qt.Key.Key_4]),
    ):
        click_row(qtbot, view, card_id)
        for key in keys:
            qtbot.keyClick(view.table, key, CTRL)
    click_row(qtbot, view, plain)  # the others are not selected: their shade shows
    for name in LOOKS:
        cards_window.menus.set_theme(name)
        QApplication.processEvents()
        palette = view.table.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        hues = {}
        for card_id in (red, suspended, both):
            color = background(view, card_id)
            assert color is not None, (name, card_id)
            assert shown_color(view, card_id) == color, (name, card_id)
            assert contrast(color.name(), text.name()) >= 4.5, (name, color.name())
            assert contrast(color.name(), base.name()) > 1.1, (name, color.name(), base.name())
            hues[card_id] = color.hslHue()
        assert hues[red] <= 10 or hues[red] >= 350, name  # red
        assert 40 <= hues[suspended] <= 60, name  # yellowish
        assert 200 <= hues[both] <= 230, name  # blue: a flag wins over a suspension
        assert background(view, plain) is None
        assert (base.lightness() < 128) == (name == "dark")


@pytest.mark.parametrize("name", LOOKS)
def test_every_flag_and_a_suspension_read_in_each_look(
    qtbot: QtBot, cards_window: MainWindow, look: object, name: str
) -> None:
    cards_window.menus.set_theme(name)
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.Text).name()
    row = CardRow("c", "q", "a", "e", (), "", (), "date", "")
    shades = [row_background(row._replace(flag=n), palette) for n in range(1, 8)]
    shades.append(row_background(row._replace(suspended=True), palette))
    for shade in shades:
        assert shade is not None
        assert contrast(shade.name(), text) >= 4.5, (name, shade.name(), text)
    assert len({shade.name() for shade in shades if shade}) == 8  # each tells itself apart


def test_kinds_are_words_in_the_column_the_pane_and_card_info(
    qtbot: QtBot, cards_window: MainWindow
) -> None:
    assert set(KIND_WORDS) == set(get_args(CardKind))
    view = open_cards(qtbot, cards_window)
    service = cards_window.quiz_service()
    reverse = next(c for c in service.catalogue.cards() if c.kind == "relation_reverse")
    search(qtbot, view, "kind:relation_reverse")
    column = COLUMN_KEYS.index("kind")
    kinds = {view.model.index(r, column).data() for r in range(view.model.rowCount())}
    assert kinds == {"Relation, reversed"} == {kind_words("relation_reverse")}
    view.select(reverse.id)
    pane = view.detail.toPlainText()
    assert "Relation, reversed" in pane and "relation_reverse" not in pane
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = view.findChild(QDialog, "cardInfoDialog")
    assert dialog is not None
    summary = dialog.findChild(QLabel, "cardInfoSummary").text()
    assert reverse.prompt in summary and "Relation, reversed" in summary
    assert reverse.id not in summary and "relation_reverse" not in summary
    entity = service.catalogue.entity(reverse.entity_slug)
    assert entity is not None and f"Entry: {entity.short_name}" in summary
    assert reverse.id in dialog.findChild(QLabel, "cardInfoId").text()  # for a bug report
    dialog.close()


def test_the_highlighted_first_row_shows_in_the_pane_when_the_browser_opens(
    qtbot: QtBot, cards_window: MainWindow
) -> None:
    view = open_cards(qtbot, cards_window)
    first = view.model.card_id(0)
    assert view.current_card_id() == first and view.selected_ids() == [first]
    card = cards_window.quiz_service().catalogue.card(first)
    assert card is not None
    qtbot.waitUntil(lambda: card.prompt[:40] in view.detail.toPlainText())


def test_the_pane_follows_the_dark_look_from_the_first_paint(
    qtbot: QtBot, cards_window: MainWindow, look: object
) -> None:
    cards_window.menus.set_theme("dark")
    view = open_cards(qtbot, cards_window)
    muted = palette_colors(dark_palette()).muted
    assert QColor(muted).lightness() > 100  # a dark look's muted text is light
    qtbot.waitUntil(lambda: muted in view.detail.toHtml())
    cards_window.menus.set_theme("light")
    light = palette_colors(QGuiApplication.palette()).muted
    qtbot.waitUntil(lambda: light in view.detail.toHtml())


def shown_columns(view: CardsView) -> dict[str, int]:
    header = view.table.horizontalHeader()
    return {
        key: header.sectionSize(section)
        for section, key in enumerate(COLUMN_KEYS)
        if not header.isSectionHidden(section)
    }


@pytest.mark.parametrize("size", [(1024, 640), (1280, 820)])
def test_the_question_gets_the_room_on_a_small_window(
    qtbot: QtBot, cards_window: MainWindow, size: tuple[int, int]
) -> None:
    view = open_cards(qtbot, cards_window)
    assert view.sidebar.isVisible()
    cards_window.resize(*size)
    qtbot.waitUntil(lambda: cards_window.width() == size[0])
    room = view.table.viewport().width()
    widths = shown_columns(view)
    assert widths["question"] >= 0.4 * room, widths
    assert sum(widths.values()) <= room + 1, "no sideways scrolling"
    metrics = view.table.fontMetrics()
    assert widths["due"] >= metrics.horizontalAdvance("2026-12-31"), "a date is never cut"
    assert min(widths.values()) >= 40, widths
    qtbot.keyClick(view.table, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not view.sidebar.isVisible()
    qtbot.waitUntil(lambda: view.table.viewport().width() > room)
    assert shown_columns(view)["question"] > widths["question"]


def test_a_column_widened_by_hand_keeps_its_width(qtbot: QtBot, cards_window: MainWindow) -> None:
    view = open_cards(qtbot, cards_window)
    header = view.table.horizontalHeader()
    answer = COLUMN_KEYS.index("answer")
    before = header.sectionSize(answer)
    edge = header.sectionViewportPosition(answer) + before - 1
    y = header.height() // 2
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    qtbot.mouseMove(header.viewport(), QPoint(edge + 60, y))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + 60, y))
    widened = header.sectionSize(answer)
    assert widened > before + 30
    entry = header.sectionSize(COLUMN_KEYS.index("entity"))
    cards_window.resize(cards_window.width() - 200, cards_window.height())
    qtbot.waitUntil(lambda: header.sectionSize(COLUMN_KEYS.index("entity")) < entry)
    assert header.sectionSize(answer) == widened, "the learner's width stays"
