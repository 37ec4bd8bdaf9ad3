"""The cards browser (issue 14 §1), driven as a learner would: Alt+5, typing searches,
clicking column titles, Enter and Ctrl+Shift+I. Expected counts come from the card list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fsrs import Rating, State
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QTableWidget
from pytestqt.qtbot import QtBot

from ocstudy.quiz.model import QuizCard
from ocstudy.services.operations import Changes
from ocstudy.ui.cards.model import COLUMN_KEYS
from ocstudy.ui.cards.view import CardsView
from ocstudy.ui.window.main_window import MainWindow

from .quiz_driving import Clock, QuizWindowFactory


def open_cards(qtbot: QtBot, window: MainWindow) -> CardsView:
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert window.current_view == "cards" and window.cards is not None
    return window.cards


def search(qtbot: QtBot, view: CardsView, text: str) -> list[str]:
    view.search.clear()
    qtbot.keyClicks(view.search, text)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    return view.model.card_ids()


def answer_some(window: MainWindow, clock: Clock) -> dict[str, Rating]:
    """Answer five new cards through the quiz service: three Good, two Again."""
    session = window.quiz_service().start(limit=5)
    given: dict[str, Rating] = {}
    for rating in (Rating.Good, Rating.Good, Rating.Again, Rating.Good, Rating.Again):
        card = session.current
        assert card is not None and card.id not in given
        session.answer(rating, duration_ms=4200)
        given[card.id] = rating
        clock.advance(timedelta(seconds=10))
    return given


def names(window: MainWindow) -> dict[str, str]:
    """Every name of each entry (short name, title, other names, abbreviations), joined."""
    return {
        e.slug: "\n".join((e.short_name, e.title, *e.names, *e.abbreviations))
        for e in window.quiz_service().catalogue.entities()
    }


def text_of(card: QuizCard, entity_names: dict[str, str]) -> str:
    """Every field the card shows, and its entries' names: what a plain word searches."""
    parts = [
        card.prompt,
        card.answer_text,
        *card.details,
        *card.paper_notes,
        *card.sources,
        *(entity_names[s] for s in card.entity_slugs),
    ]
    return "\n".join(parts).casefold()


@pytest.fixture
def answered(open_quiz_window: QuizWindowFactory, clock: Clock) -> tuple[MainWindow, dict]:
    window = open_quiz_window()
    return window, answer_some(window, clock)


def test_ctrl5_opens_every_card(qtbot: QtBot, answered: tuple[MainWindow, dict]) -> None:
    window, _ = answered
    view = open_cards(qtbot, window)
    total = len(window.quiz_service().catalogue.cards())
    assert view.table.objectName() == "cardsTable"
    assert view.model.rowCount() == total > 300
    assert view.count.text() == f"{total} cards"
    assert window.findChild(QAction, "view_cards").text() == "&Cards"


def test_each_kind_of_search_finds_what_the_card_list_says(
    qtbot: QtBot, answered: tuple[MainWindow, dict]
) -> None:
    window, given = answered
    view = open_cards(qtbot, window)
    service = window.quiz_service()
    cards = service.catalogue.cards()
    states = service.schedule.states()
    words = names(window)
    end_of_day = service.schedule.day.end(service.schedule.day.day_of(service.schedule.now()))
    expected = {
        "untoc": [c for c in cards if "untoc" in text_of(c, words)],
        "palermo": [c for c in cards if "palermo" in text_of(c, words)],
        "tier:core": [c for c in cards if c.tier == "core"],
        "tier:extra is:record": [c for c in cards if c.tier == "extra" and c.origin == "record"],
        "is:paper -tier:core": [c for c in cards if c.origin == "paper" and c.tier != "core"],
        '"entered into force"': [c for c in cards if "entered into force" in text_of(c, words)],
        "theme:firearms -kind:date": [
            c for c in cards if "firearms" in c.themes and c.kind != "date"
        ],
        "(kind:date or kind:place) theme:drugs": [
            c for c in cards if c.kind in ("date", "place") and "drugs" in c.themes
        ],
        "entity:untoc": [c for c in cards if "untoc" in c.entity_slugs],
        "kind:date*": [c for c in cards if c.kind.startswith("date")],
        "is:new": [c for c in cards if c.id not in states],
        "is:learn": [
            c
            for c in cards
            if c.id in states and states[c.id].state in (State.Learning, State.Relearning)
        ],
        "is:review": [c for c in cards if c.id in states and states[c.id].state == State.Review],
        "is:due": [c for c in cards if c.id in states and states[c.id].due < end_of_day],
        "prop:reps=1": [c for c in cards if c.id in given],
        "prop:due<=0": [c for c in cards if c.id in states],
        "prop:r>0.5": [c for c in cards if c.id in states],
        "rated:1": [c for c in cards if c.id in given],
        "rated:7:1": [c for c in cards if given.get(c.id) == Rating.Again],
        "is:suspended or is:buried or is:leech or is:own or flag:1": [],
        "flag:0": list(cards),
    }
    assert len(expected["palermo"]) >= 5  # Anki finds five notes in the exported deck
    for query, cards_found in expected.items():
        shown = search(qtbot, view, query)
        assert sorted(shown) == sorted(c.id for c in cards_found), query
        assert not view.error.isVisible(), query
        assert view.count.text().startswith(f"{len(shown)} ")
    assert 0 < len(expected["untoc"]) < len(cards)
    assert len(expected["rated:7:1"]) == 2


def test_a_bad_query_says_what_is_wrong_and_keeps_the_last_result(
    qtbot: QtBot, answered: tuple[MainWindow, dict]
) -> None:
    window, _ = answered
    view = open_cards(qtbot, window)
    firearms = search(qtbot, view, "theme:firearms")
    for bad, words in (
        ("theme:firearms (", "not closed"),
        ("is:sleeping", "is:sleeping"),
        ("prop:ivl>=soon", "not a number"),
        ("colour:red", "colour:"),
    ):
        assert search(qtbot, view, bad) == firearms
        assert view.error.isVisible() and words in view.error.text(), bad
        assert view.error.objectName() == "cardsSearchError"
    search(qtbot, view, "")
    assert not view.error.isVisible()
    assert view.model.rowCount() == len(window.quiz_service().catalogue.cards())


def test_typing_searches_after_a_pause(qtbot: QtBot, answered: tuple[MainWindow, dict]) -> None:
    window, _ = answered
    view = open_cards(qtbot, window)
    qtbot.keyClicks(view.search, "theme:firearms")
    firearms = [c for c in window.quiz_service().catalogue.cards() if "firearms" in c.themes]
    qtbot.waitUntil(lambda: view.model.rowCount() == len(firearms))


def test_sorting_by_due_puts_the_answered_cards_first_in_due_order(
    qtbot: QtBot, answered: tuple[MainWindow, dict]
) -> None:
    window, given = answered
    view = open_cards(qtbot, window)
    header = view.table.horizontalHeader()
    due = COLUMN_KEYS.index("due")
    header.setSortIndicator(COLUMN_KEYS.index("question"), Qt.SortOrder.AscendingOrder)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_point(view, due))
    assert header.sortIndicatorSection() == due
    service = window.quiz_service()
    ids = view.model.card_ids()
    first = ids[: len(given)]
    assert set(first) == set(given)
    dues = [service.schedule.state(i).due for i in first]  # type: ignore[union-attr]
    expected_order = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert dues == sorted(dues, reverse=not expected_order)
    assert all(service.schedule.state(i) is None for i in ids[len(given) :])


def _section_point(view: CardsView, section: int) -> QPoint:
    header = view.table.horizontalHeader()
    return QPoint(header.sectionViewportPosition(section) + 5, header.height() // 2)


def test_the_column_choice_and_sort_survive_a_restart(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    view = open_cards(qtbot, window)
    header = view.table.horizontalHeader()
    answer = COLUMN_KEYS.index("answer")
    assert not header.isSectionHidden(answer)
    header.customContextMenuRequested.emit(QPoint(10, 5))
    menu = view.findChild(QMenu, "cardsColumnsMenu")
    assert menu is not None
    action = next(a for a in menu.actions() if a.objectName() == "cardsColumn_answer")
    action.trigger()
    assert header.isSectionHidden(answer)
    lapses = COLUMN_KEYS.index("lapses")
    header.setSortIndicator(lapses, Qt.SortOrder.DescendingOrder)
    window.close()

    again = open_cards(qtbot, open_quiz_window())
    header = again.table.horizontalHeader()
    assert header.isSectionHidden(answer)
    assert not header.isSectionHidden(COLUMN_KEYS.index("question"))
    assert header.sortIndicatorSection() == lapses
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_the_details_pane_shows_the_card_as_the_quiz_would(
    qtbot: QtBot, answered: tuple[MainWindow, dict]
) -> None:
    window, _ = answered
    view = open_cards(qtbot, window)
    differs = next(  # a phrase search cannot hold the prompt's own double quotes
        c for c in window.quiz_service().catalogue.cards() if c.paper_notes and '"' not in c.prompt
    )
    search(qtbot, view, f'"{differs.prompt}"')
    view.table.selectRow(view.model.row_of(differs.id) or 0)
    text = view.detail.toPlainText()
    assert view.detail.objectName() == "cardsDetail"
    assert differs.prompt in text
    assert differs.answer_text in text
    assert "\u26a0" in text and differs.paper_notes[0][:40] in text
    assert "Source:" in text and differs.sources[0] in text


def test_enter_opens_the_cards_entry_in_the_study_view(
    qtbot: QtBot, answered: tuple[MainWindow, dict]
) -> None:
    window, _ = answered
    view = open_cards(qtbot, window)
    search(qtbot, view, "entity:tip-protocol")
    view.table.setFocus()
    view.table.selectRow(0)
    card = window.quiz_service().catalogue.card(view.current_card_id() or "")
    assert card is not None
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.current_view == "study"
    assert window.study.current_slug == card.entity_slug


def test_a_card_on_no_entry_offers_no_entry_to_open(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    view = open_cards(qtbot, window)
    paper_wide = next(c for c in window.quiz_service().catalogue.cards() if not c.entity_slug)
    search(qtbot, view, f'"{paper_wide.prompt}"')
    view.select(paper_wide.id)
    assert paper_wide.prompt in view.detail.toPlainText()
    assert "Enter" not in view.detail.toPlainText()  # Enter opens nothing: no line says it does
    row = view.table.visualRect(view.model.index(view.model.row_of(paper_wide.id) or 0, 0))
    view.card_menu.popup(row.center())
    menu = view.findChild(QMenu, "cardsContextMenu")
    assert menu is not None
    assert not view.card_menu.open_action.isEnabled()
    menu.close()


def test_card_info_lists_a_review_made_through_the_quiz(
    qtbot: QtBot, answered: tuple[MainWindow, dict]
) -> None:
    window, given = answered
    view = open_cards(qtbot, window)
    again = next(card_id for card_id, rating in given.items() if rating == Rating.Again)
    search(qtbot, view, "rated:1:1")
    view.table.setFocus()
    view.table.selectRow(view.model.row_of(again) or 0)
    assert view.current_card_id() == again
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = view.findChild(QDialog, "cardInfoDialog")
    assert dialog is not None and dialog.isVisible()
    reviews = dialog.findChild(QTableWidget, "cardInfoReviews")
    assert reviews.rowCount() == 1
    assert reviews.item(0, 1).text() == "Again"
    assert reviews.item(0, 5).text() == "4.2 s"
    assert reviews.item(0, 0).text().startswith("2026-11-29")
    state = window.quiz_service().schedule.state(again)
    assert state is not None
    assert reviews.item(0, 3).text() == f"{state.stability:.2f} d"
    assert "Chance of recall now" in dialog.findChild(QLabel, "cardInfoRetrievability").text()


def test_coming_back_shows_the_answers_given_since(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory, clock: Clock
) -> None:
    window = open_quiz_window()
    view = open_cards(qtbot, window)
    total = len(window.quiz_service().catalogue.cards())
    assert len(search(qtbot, view, "is:new")) == total
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    given = answer_some(window, clock)
    # answered through the service, not the quiz's keys: announced as the quiz does
    window.changes.announce(Changes.of_cards(given))
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert view.search.text() == "is:new"  # the search stays, over the new schedules
    assert view.model.rowCount() == total - len(given)
    assert sorted(search(qtbot, view, "-is:new")) == sorted(given)


def test_down_goes_to_the_table_and_escape_clears_the_search(
    qtbot: QtBot, answered: tuple[MainWindow, dict]
) -> None:
    window, _ = answered
    view = open_cards(qtbot, window)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "entity:untoc")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus()
    assert view.model.rowCount() == len(
        [c for c in window.quiz_service().catalogue.cards() if "untoc" in c.entity_slugs]
    )
    assert view.current_card_id() == view.model.card_id(0)
    view.search.setFocus()
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    qtbot.waitUntil(lambda: view.model.rowCount() == len(window.quiz_service().catalogue.cards()))


def test_ctrl_f_in_the_browser_goes_to_its_search(
    qtbot: QtBot, answered: tuple[MainWindow, dict]
) -> None:
    window, _ = answered
    view = open_cards(qtbot, window)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view == "cards"
    assert view.search.hasFocus()


def test_enter_in_the_search_goes_to_the_results_unless_the_query_is_bad(
    qtbot: QtBot, answered: tuple[MainWindow, dict]
) -> None:
    window, _ = answered
    view = open_cards(qtbot, window)
    qtbot.keyClicks(view.search, "theme:firearms (")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.search.hasFocus() and view.error.isVisible()
    qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.table.hasFocus() and not view.error.isVisible()


def test_larger_text_makes_the_rows_taller(
    qtbot: QtBot, open_quiz_window: QuizWindowFactory
) -> None:
    window = open_quiz_window()
    view = open_cards(qtbot, window)
    table = view.table
    try:
        for _ in range(4):
            qtbot.keyClick(table, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: table.font().pointSizeF() == window.menus.appearance.points)
        assert table.rowHeight(0) >= QFontMetrics(table.font()).height() + 4  # nothing cut
    finally:
        window.menus.reset_size()
    qtbot.waitUntil(lambda: table.rowHeight(0) < QFontMetrics(table.font()).height() + 8)
