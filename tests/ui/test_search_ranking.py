"""What a learner types first is an abbreviation or a name: that entry ranks first, Enter
opens it, and every row's line of context shows the word that matched."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ocstudy.ui.study.search_rows import SNIPPET_DASH, SearchRowDelegate
from ocstudy.ui.study.tree_model import MATCH_ROLE, SLUG_ROLE, SNIPPET_ROLE
from ocstudy.ui.window.main_window import MainWindow

from .conftest import visible_slugs
from .test_note_preview_code import contrast
from .test_search_feedback import rows, search


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("CND", "cnd"),
        ("INCB", "incb"),
        ("UNODC", "unodc"),
        ("UNTOC", "untoc"),
        ("UNCAC", "uncac"),
        ("GPML", "gpml"),
        ("Palermo Convention", "untoc"),
        ("Single Convention", "single-convention"),
        ("commission on narcotic drugs", "cnd"),
    ],
)
def test_an_exact_abbreviation_or_name_is_the_first_row_and_enter_opens_it(
    qtbot: QtBot, window: MainWindow, text: str, slug: str
) -> None:
    study = window.study
    study.search_box.setFocus()
    qtbot.keyClicks(study.search_box, text)
    qtbot.keyClick(study.search_box, Qt.Key.Key_Return)
    assert study.current_slug == slug
    assert QApplication.focusWidget() is study.tree
    assert visible_slugs(window)[0] == slug  # the first row the learner sees, too


def test_enter_opens_the_best_match_wherever_its_group_is(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "Firearms Protocol")
    best = window.study._service.search("Firearms Protocol").slugs[0]
    qtbot.keyClick(window.study.search_box, Qt.Key.Key_Return)
    assert window.study.current_slug == best == "firearms-protocol"


def test_a_row_matched_by_a_name_it_does_not_show_says_which(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "Palermo Convention")
    snippet = window.study.model.index_of("untoc").data(SNIPPET_ROLE)
    assert snippet == "\x02Palermo\x03 \x02Convention\x03"
    search(qtbot, window, "CND")
    assert window.study.model.index_of("cnd").data(SNIPPET_ROLE) is None  # its label says it


def shown_pieces(window: MainWindow, index: QModelIndex) -> list[tuple[str, bool]]:
    """What the row's delegate draws for ``index`` at the tree's present width."""
    tree = window.study.tree
    delegate = tree.itemDelegate()
    assert isinstance(delegate, SearchRowDelegate)
    return [(piece, matched) for piece, matched, _font in delegate.pieces(tree, index)]


@pytest.mark.parametrize("text", ["CND", "UNTOC", "poppy straw", "Palermo", "laundering"])
def test_every_row_shows_a_matched_word_whole_at_the_trees_width(
    qtbot: QtBot, window: MainWindow, text: str
) -> None:
    window.study.setSizes([320, 900])
    search(qtbot, window, text)
    model = window.study.model
    checked = 0
    for index in rows(model):
        if not index.data(SLUG_ROLE) or not index.data(MATCH_ROLE):
            continue
        pieces = shown_pieces(window, index)
        if index.data(SNIPPET_ROLE):  # the line of context, after the dash, shows its word
            pieces = pieces[[piece for piece, _ in pieces].index(SNIPPET_DASH) :]
        whole = [piece for piece, hit in pieces if hit and not piece.endswith("\u2026")]
        assert whole, (index.data(SLUG_ROLE), pieces)
        checked += 1
    assert checked


def test_the_words_marked_on_the_page_read_in_both_looks(qtbot: QtBot, window: MainWindow) -> None:
    for look in ("dark", "light"):
        window.menus.set_theme(look)
        QApplication.processEvents()
        search(qtbot, window, "CND")
        window.study.select("cnd")
        selections = window.study.detail.extraSelections()
        assert selections
        for selection in selections:
            ink, marker = selection.format.foreground(), selection.format.background()
            assert selection.format.hasProperty(QTextFormat.Property.ForegroundBrush)
            assert marker.color().alpha() == 255  # not the page's colour showing through
            assert contrast(ink.color(), marker.color()) >= 7, look
