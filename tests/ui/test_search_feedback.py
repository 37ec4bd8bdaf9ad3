"""The search says how much matches and why: a count, the matched words highlighted in the
tree and on the page (F3 steps through them), a snippet for matches in facts or notes, parents
of matches set apart, and text with no word in it matching nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from pytestqt.qtbot import QtBot

from ocstudy.ui.study.search_rows import marked_spans, snippet_spans
from ocstudy.ui.study.tree_model import MATCH_ROLE, SLUG_ROLE, SNIPPET_ROLE
from ocstudy.ui.window.main_window import MainWindow


def search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.study.search_box.setFocus()
    window.study.search_box.clear()
    if text.isascii():
        qtbot.keyClicks(window.study.search_box, text)
    else:  # QTest types ASCII only
        window.study.search_box.setText(text)
    window.study._run_search()


def test_the_count_says_how_many_entries_match(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "firearms")
    study = window.study
    count = len(study._service.search("firearms").slugs)
    assert count > 1 and study.count_label.isVisible()
    assert study.count_label.text() == f"{count} entries"
    search(qtbot, window, "")
    assert not study.count_label.isVisible()


def test_a_match_in_the_facts_shows_its_line_and_parents_are_set_apart(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "poppy straw")
    model = window.study.model
    index = model.index_of("single-convention")
    assert index.data(MATCH_ROLE) is True
    snippet = index.data(SNIPPET_ROLE)
    assert snippet and "poppy" in "".join(p for p, hit in snippet_spans(snippet) if hit).lower()
    assert "Matches:" in index.data(Qt.ItemDataRole.ToolTipRole)
    parents = 0
    for text in ("illicit", "suppress", "regional"):
        search(qtbot, window, text)
        for index in rows(model):
            if index.data(MATCH_ROLE) is False and index.data(SLUG_ROLE):
                parents += 1
                assert any(child.data(MATCH_ROLE) for child in rows(model, index))
                assert "parent of a match" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert parents  # some row was shown only as the parent of a match


def rows(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[QModelIndex]:
    """Every row below ``parent``, depth first."""
    found = []
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        found += [index, *rows(model, index)]
    return found


def test_a_match_in_a_note_shows_the_note(qtbot: QtBot, window: MainWindow) -> None:
    window.study.select("gpml")
    window.study.notes.editor.setPlainText("Remember the zebrafish mnemonic for GPML.")
    window.study.flush()
    search(qtbot, window, "zebrafish")
    snippet = window.study.model.index_of("gpml").data(SNIPPET_ROLE)
    assert snippet.startswith("note: ") and "zebrafish" in snippet


@pytest.mark.parametrize("text", ['"', "*", "(", ":", "^", '"*(:^'])
def test_text_with_no_word_matches_nothing_never_everything(
    qtbot: QtBot, window: MainWindow, text: str
) -> None:
    search(qtbot, window, text)
    study = window.study
    assert study.empty_label.isVisible() and "Nothing matches" in study.empty_label.text()
    assert study.model.rowCount() <= 1  # at most an empty "My notes"


def test_accented_and_plain_letters_find_each_other(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "Pálermo")
    accented = set(window.study._service.search("Pálermo").slugs)
    assert accented and accented == set(window.study._service.search("palermo").slugs)


def test_the_page_marks_the_words_and_f3_steps_through_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "protocol")
    window.study.select("untoc")
    detail = window.study.detail
    assert len(detail.matches) > 2
    assert all(c.selectedText().lower().startswith("protocol") for c in detail.matches)
    detail.setFocus()
    qtbot.keyClick(detail, Qt.Key.Key_F3)
    first = detail.textCursor().selectionStart()
    qtbot.keyClick(detail, Qt.Key.Key_F3)
    second = detail.textCursor().selectionStart()
    assert second > first
    qtbot.keyClick(detail, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert detail.textCursor().selectionStart() == first


def test_marked_pieces() -> None:
    assert marked_spans("Firearms Protocol", ("prot",)) == [
        ("Firearms ", False),
        ("Protocol", True),
    ]
    assert snippet_spans("a \x02b\x03 c") == [("a ", False), ("b", True), (" c", False)]


def test_a_group_lists_its_best_matches_first(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "trafficking")
    ranked = window.study._service.search("trafficking").slugs
    place = {slug: n for n, slug in enumerate(ranked)}
    model = window.study.model
    for group_row in range(model.rowCount()):
        group = model.index(group_row, 0)
        shown = [model.index(r, 0, group).data(SLUG_ROLE) for r in range(model.rowCount(group))]
        matched = [slug for slug in shown if slug in place]
        assert [place[s] for s in matched] == sorted(place[s] for s in matched), shown
