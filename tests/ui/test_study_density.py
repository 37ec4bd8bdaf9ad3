"""The study view's page: a compact source beside each checked fact (a click shows the
quote and the record), one warning per mistake, a readable column, and back and forward
buttons that come back to where the learner was."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from ocstudy.render.detail import citation_url
from ocstudy.ui.study.detail_pane import READABLE_CHARS
from ocstudy.ui.window.main_window import MainWindow

ADOPTED = "firearms-protocol:event:adopted"


def click_anchor(qtbot: QtBot, browser: QTextBrowser, href: str) -> None:
    """Click where the browser itself finds ``href`` (a link may wrap over lines)."""
    browser.scrollToAnchor("")
    bar = browser.verticalScrollBar()
    for top in range(0, bar.maximum() + browser.viewport().height(), browser.viewport().height()):
        bar.setValue(top)
        for y in range(0, browser.viewport().height(), 4):
            for x in range(0, browser.viewport().width(), 4):
                if browser.anchorAt(QPoint(x, y)) == href:
                    qtbot.mouseClick(
                        browser.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, y)
                    )
                    return
    raise AssertionError(f"no link to {href} is drawn")


def page(window: MainWindow) -> str:
    return window.study.detail.toPlainText()


def test_a_checked_fact_shows_one_compact_source_and_opens_on_a_click(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.study.select("untoc")
    fact = "untoc:event:entry_into_force"
    before = page(window).count("checked against the record")
    assert citation_url(fact) in window.study.detail.toHtml()
    click_anchor(qtbot, window.study.detail, citation_url(fact))
    qtbot.waitUntil(lambda: page(window).count("checked against the record") > before)
    assert "show less" in page(window)
    click_anchor(qtbot, window.study.detail, citation_url(fact))
    qtbot.waitUntil(lambda: "show less" not in page(window))


def test_where_the_paper_differs_the_long_form_stays(window: MainWindow) -> None:
    window.study.select("firearms-protocol")
    text = page(window)
    assert "The paper says" in text and "The record says" in text and "3 June 2005" in text


def test_the_paper_contradicting_itself_is_said_once(window: MainWindow) -> None:
    window.study.select("firearms-protocol")
    text = page(window)
    assert "The paper contradicts itself" not in text  # the \u26a0 box beside the date says it
    assert text.count("3 June 2005") >= 1


def test_the_text_keeps_a_readable_width_on_a_wide_window(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1900, 900)
    window.study.select("untoc")
    detail = window.study.detail
    qtbot.waitUntil(lambda: detail.viewport().width() > 1200)
    margin = detail.document().rootFrame().frameFormat().leftMargin()
    column = detail.viewport().width() - 2 * margin
    assert 80 * detail.fontMetrics().averageCharWidth() <= column
    assert column <= 110 * detail.fontMetrics().averageCharWidth()


def test_the_column_is_centred_in_the_viewport_with_and_without_a_scroll_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The pane's margins follow the viewport's width, less the scroll bar where a long page
    shows one, through every resize."""
    detail = window.study.detail
    bars: set[bool] = set()
    for slug, height in (("untoc", 500), ("ecosoc", 1000), ("untoc", 1000)):
        window.study.select(slug)
        for width in (900, 1400, 1900):
            window.resize(width, height)
            qtbot.waitUntil(lambda w=width: window.width() == w)
            room = detail.viewport().width()
            spare = max(0, room - detail.fontMetrics().averageCharWidth() * READABLE_CHARS)
            margin = detail.document().rootFrame().frameFormat().leftMargin()
            assert margin == spare / 2, (slug, width, height)
            bars.add(detail.verticalScrollBar().isVisible())
    assert bars == {True, False}


def test_back_and_forward_buttons_restore_where_the_learner_was(
    qtbot: QtBot, window: MainWindow
) -> None:
    study = window.study
    back, forward = study.back_button, study.forward_button
    assert back.accessibleName() == "Back" and not back.isEnabled() and not forward.isEnabled()
    study.select("untoc")
    bar = study.detail.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 200)
    bar.setValue(200)
    study.select("uncac")
    assert back.isEnabled() and bar.value() == 0
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert study.current_slug == "untoc" and bar.value() == 200
    assert forward.isEnabled()
    qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    assert study.current_slug == "uncac" and not forward.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert study.current_slug == "untoc" and bar.value() == 200


def test_on_a_small_screen_the_tree_folds_away_and_titles_show_in_full_on_hover(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1024, 640)
    study = window.study
    study.setSizes([0, 1024])
    assert study.sizes()[0] == 0  # the tree folded away, the page takes the width
    study.setSizes([300, 724])
    index = study.model.index_of("firearms-protocol")
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("Protocol against the Illicit")
    assert study.tree.textElideMode() == Qt.TextElideMode.ElideRight


def test_a_place_from_the_record_says_so_beside_a_date_from_the_paper(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Footnote 9 dates the Firearms Protocol's adoption and names no place: the date's mark
    is the footnote's, New York is marked the record's, and a click shows the place's source."""
    window.study.select("firearms-protocol")
    text = page(window)
    assert "New York \u25c7 the record's place; the paper gives none" in " ".join(text.split())
    assert "\u25c7\u00a0\u00a7\u00a0References" not in text
    click_anchor(qtbot, window.study.detail, citation_url(ADOPTED))
    qtbot.waitUntil(lambda: "The place, New York, is the record's" in page(window))
    window.study.select("untoc")  # the paper puts the adoption in Palermo: a difference, shown
    assert "the paper gives none" not in page(window)
    assert "The place, New York, is the record's" in page(window)


def test_a_page_given_before_its_pane_is_sized_is_fitted_once_sized(qtbot: QtBot) -> None:
    """Before the window is first shown the pane has no width of its own: the page is not laid
    out for a column there (about 4 ms of the start), its first resize fits it."""
    from ocstudy.ui.study.detail_pane import DetailPane

    detail = DetailPane()
    qtbot.addWidget(detail)
    detail.show_detail("<p>" + "A protocol adopted in New York. " * 20 + "</p>", "untoc")
    document = detail.document()
    assert document.rootFrame().frameFormat().leftMargin() == document.documentMargin()
    detail.resize(1600, 600)
    detail.show()
    qtbot.waitExposed(detail)
    spare = detail.viewport().width() - detail.fontMetrics().averageCharWidth() * READABLE_CHARS
    assert spare > 0 and document.rootFrame().frameFormat().leftMargin() == spare / 2
    detail.hide()  # sized and hidden (another view shown): a new page is fitted at once
    detail.show_detail("<p>" + "The next entry. " * 30 + "</p>", "ecosoc")
    assert document.rootFrame().frameFormat().leftMargin() == spare / 2
