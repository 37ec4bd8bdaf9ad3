"""The study window, driven through its real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTreeView
from pytestqt.qtbot import QtBot

from driving import click_link, click_tree_item
from ocstudy.app import create_main_window
from ocstudy.render.detail import entity_url
from ocstudy.ui.study import notes_panel
from ocstudy.ui.study.tree_model import Grouping
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore

from .conftest import WindowFactory, visible_slugs


def stored_note(data_dir: Path, slug: str) -> str | None:
    note = NoteStore(open_user_database(data_dir)).get(slug)
    return note.text if note else None


def test_widgets_have_stable_names_and_accessible_names(window: MainWindow) -> None:
    for name, kind in (
        ("instrumentTree", QTreeView),
        ("searchBox", QLineEdit),
        ("notesEditor", QPlainTextEdit),
    ):
        widget = window.findChild(kind, name)
        assert widget is not None, name
        assert widget.accessibleName()
    assert window.findChild(type(window.study.detail), "detailPane").accessibleName()


def test_selecting_in_the_tree_shows_every_fact_with_sources(
    qtbot: QtBot, window: MainWindow
) -> None:
    click_tree_item(window, "firearms-protocol")
    assert window.study.detail.slug == "firearms-protocol"
    text = window.study.detail.toPlainText()
    assert "Protocol against the Illicit Manufacturing" in text
    assert "3 July 2005" in text and "3 June 2005" in text
    assert "The paper says" in text and "The record says" in text
    assert "footnote 9" in text
    assert "55/255" in text
    assert window.windowTitle() == "Firearms Protocol \u2014 ocstudy"


def test_relation_link_navigates_and_history_goes_back_and_forward(
    qtbot: QtBot, window: MainWindow
) -> None:
    click_tree_item(window, "firearms-protocol")
    click_link(window.study.detail, entity_url("untoc"))
    assert window.study.detail.slug == "untoc"
    assert window.study.tree.currentIndex().data() == "UNTOC (2000)"
    qtbot.keyClick(window.study.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.study.current_slug == "firearms-protocol"
    qtbot.keyClick(window.study.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.study.current_slug == "untoc"
    qtbot.mouseClick(window.study.detail.viewport(), Qt.MouseButton.BackButton)
    assert window.study.current_slug == "firearms-protocol"
    qtbot.mouseClick(window.study.tree.viewport(), Qt.MouseButton.ForwardButton)
    assert window.study.current_slug == "untoc"
    qtbot.mouseClick(window.study.notes.editor.viewport(), Qt.MouseButton.BackButton)
    assert window.study.current_slug == "firearms-protocol"
    qtbot.mouseClick(window.study.notes.title, Qt.MouseButton.ForwardButton)  # a plain label
    assert window.study.current_slug == "untoc"
    assert window.study.notes.editor.toPlainText() == ""  # the buttons typed nothing


def test_a_body_links_to_what_it_created(qtbot: QtBot, window: MainWindow) -> None:
    window.study.select("single-convention")
    click_link(window.study.detail, entity_url("incb"))
    assert window.study.current_slug == "incb"
    assert "Created by" in window.study.detail.toPlainText()


def test_typing_filters_the_tree_and_escape_clears(qtbot: QtBot, window: MainWindow) -> None:
    everything = visible_slugs(window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.study.search_box
    qtbot.keyClicks(window.study.search_box, "Firearms")
    qtbot.waitUntil(lambda: "hague-convention" not in visible_slugs(window))
    shown = visible_slugs(window)
    assert "firearms-protocol" in shown and "firearms-working-group" in shown
    assert "untoc" in shown  # the ancestor of a match stays visible
    assert not window.study.empty_label.isVisible()
    qtbot.keyClick(window.study.search_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: visible_slugs(window) == everything)


def test_enter_in_search_opens_the_first_match(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.study.search_box, "Blue Heart")
    qtbot.keyClick(window.study.search_box, Qt.Key.Key_Return)
    assert window.study.current_slug == "blue-heart"
    assert QApplication.focusWidget() is window.study.tree


def test_no_match_says_so(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.study.search_box, "zzqxjv")
    qtbot.waitUntil(window.study.empty_label.isVisible)
    assert "zzqxjv" in window.study.empty_label.text()
    assert visible_slugs(window) == []


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "*",
        "AND OR NOT",
        "NEAR(a b",
        "((",
        "title:",
        "\0",
        "\ud800",
        "\U0001f600",
        "x" * 10_000,
    ],
)
def test_any_search_text_is_safe(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.study.search_box.setText(text)
    window.study._run_search()
    assert window.study.search_box.text() == text or "\ud800" in text


def test_search_covers_the_users_notes(qtbot: QtBot, window: MainWindow) -> None:
    window.study.select("hague-convention")
    qtbot.keyClicks(window.study.notes.editor, "remember the opium mnemonic zebrafish")
    window.study.flush()
    qtbot.keyClicks(window.study.search_box, "zebrafish")
    qtbot.waitUntil(lambda: visible_slugs(window)[-1:] == ["hague-convention"])
    assert set(visible_slugs(window)) == {"hague-convention"}


def test_note_survives_a_restart(qtbot: QtBot, open_window: WindowFactory, data_dir: Path) -> None:
    first = open_window()
    click_tree_item(first, "cnd")
    qtbot.keyClicks(first.study.notes.editor, "CND: 53 members; governs UNODC's drug programme.")
    first.close()
    assert stored_note(data_dir, "cnd") == "CND: 53 members; governs UNODC's drug programme."
    second = open_window()
    assert second.study.current_slug == "cnd"  # the last entity is restored
    assert second.study.notes.editor.toPlainText().startswith("CND: 53 members")
    assert "cnd" in visible_slugs(second)[:1]  # listed first, under "My notes"
    assert second.study.model.index(0, 0).data() == "My notes (1)"


def test_a_note_left_for_one_second_survives_a_destroyed_window(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = create_main_window(data_dir)
    window.show()
    window.study.select("unodc")
    qtbot.keyClicks(window.study.notes.editor, "Guardian of UNTOC.")
    qtbot.waitUntil(lambda: stored_note(data_dir, "unodc") == "Guardian of UNTOC.")  # autosaved
    destroyed: list[bool] = []
    window.destroyed.connect(lambda: destroyed.append(True))
    window.deleteLater()  # destroyed without a close event
    qtbot.waitUntil(lambda: bool(destroyed))
    assert stored_note(data_dir, "unodc") == "Guardian of UNTOC."


def test_note_is_saved_when_the_selection_changes(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    window.study.select("incb")
    qtbot.keyClicks(window.study.notes.editor, "13 members")
    click_tree_item(window, "cnd")
    assert stored_note(data_dir, "incb") == "13 members"
    assert window.study.notes.editor.toPlainText() == ""


def test_undo_and_redo_in_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    window.study.select("incb")
    editor = window.study.notes.editor
    qtbot.keyClicks(editor, "Vienna")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == ""
    qtbot.keyClick(
        editor,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.toPlainText() == "Vienna"


def test_delete_note_asks_first_and_can_be_undone(
    qtbot: QtBot, window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.study.select("icat")
    qtbot.keyClicks(window.study.notes.editor, "16 members per the paper")
    window.study.flush()
    answers = iter([False, True])  # "Keep it", then "Delete note"
    monkeypatch.setattr(notes_panel, "confirm_delete", lambda parent: next(answers))
    qtbot.mouseClick(window.study.notes.delete_button, Qt.MouseButton.LeftButton)
    assert stored_note(data_dir, "icat") == "16 members per the paper"
    qtbot.mouseClick(window.study.notes.delete_button, Qt.MouseButton.LeftButton)
    assert stored_note(data_dir, "icat") is None
    assert window.study.notes.editor.toPlainText() == ""
    assert window.study.model.index(0, 0).data() == "My notes (0)"
    qtbot.keyClick(
        window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert stored_note(data_dir, "icat") == "16 members per the paper"
    assert window.study.notes.editor.toPlainText() == "16 members per the paper"


def test_markdown_preview_toggles(qtbot: QtBot, window: MainWindow) -> None:
    window.study.select("gpml")
    editor = window.study.notes.editor
    qtbot.keyClicks(editor, "# GPML")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "**1997**, not 1977 or 1988")
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    preview = window.study.notes.preview
    assert window.study.notes.stack.currentWidget() is preview
    assert "1997, not 1977 or 1988" in preview.toPlainText()
    assert "**" not in preview.toPlainText()


def test_window_state_is_restored(qtbot: QtBot, open_window: WindowFactory) -> None:
    first = open_window()
    first.study.select("ccpcj")
    first.study.set_grouping(Grouping.THEME)
    first.resize(1111, 777)
    first.study.setSizes([400, 700])
    share = first.study.sizes()[0] / sum(first.study.sizes())
    first.close()
    second = open_window()
    assert second.study.current_slug == "ccpcj"
    assert second.study.grouping is Grouping.THEME
    assert second.menus.grouping_actions[Grouping.THEME].isChecked()
    assert second.study.sizes()[0] / sum(second.study.sizes()) == pytest.approx(share, abs=0.01)
    assert second.height() == pytest.approx(777, abs=10)  # the offscreen screen clamps the width
    assert second.current_view == "study"


def test_grouping_by_theme_lists_entities_under_each_theme(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.study.grouping is Grouping.THEME
    groups = [window.study.model.index(r, 0).data() for r in range(8)]
    assert "Trafficking in persons" in groups and "Money laundering" in groups


def test_done_when_a_new_user_finds_firearms_and_keeps_a_note(
    qtbot: QtBot, open_window: WindowFactory, data_dir: Path
) -> None:
    """Issue 3's 'Done when', as a new user: find "Firearms" by typing, read its dates with
    sources and the footnote mistake flagged, jump to the convention it supplements, write a
    note, quit, relaunch, and the note is there."""
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.study.search_box, "Firearms")
    qtbot.waitUntil(lambda: "hague-convention" not in visible_slugs(window))
    click_tree_item(window, "firearms-protocol")
    page = window.study.detail.toPlainText()
    assert "Entered into force" in page and "3 July 2005" in page
    assert "\u201cin force 3 June 2005\u201d" in page and "footnote 9" in page
    click_link(window.study.detail, entity_url("untoc"))
    assert window.study.current_slug == "untoc"
    assert "United Nations Convention against Transnational Organized Crime" in (
        window.study.detail.toPlainText()
    )
    qtbot.keyClicks(window.study.notes.editor, "Palermo: signing conference, 12-15 Dec 2000")
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    again = open_window()
    assert again.study.current_slug == "untoc"
    assert again.study.notes.editor.toPlainText() == "Palermo: signing conference, 12-15 Dec 2000"
    assert "\u270e you have a note" in again.study.detail.toPlainText()


def test_searching_never_changes_what_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    window.study.select("incb")
    qtbot.keyClicks(window.study.search_box, "firearms")
    qtbot.waitUntil(lambda: "incb" not in visible_slugs(window))
    assert window.study.current_slug == "incb"
    assert window.study.notes.slug == "incb"
    qtbot.keyClick(window.study.search_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: "incb" in visible_slugs(window))
    assert window.study.current_slug == "incb"
    assert window.study.tree.currentIndex().data() == "INCB (1968)"


ONE_LINE = "x" * 1_000_000  # a 1 MB line with nowhere to wrap (a pasted base64 image)
TABLE = "| # | treaty |\n|---|---|\n" + "".join(f"| {n} | Palermo {n} |\n" for n in range(2000))


def _store(data_dir: Path, slug: str, text: str) -> None:
    db = open_user_database(data_dir)
    NoteStore(db).save(slug, text)
    db.close()


def test_a_1_mb_note_on_one_line_opens_unwrapped_and_previews_as_plain_text(
    qtbot: QtBot, open_window: WindowFactory, data_dir: Path
) -> None:
    """Wrapping it took 36 s, rendering it minutes, in the GUI thread."""
    _store(data_dir, "untoc", ONE_LINE)
    window = open_window()
    click_tree_item(window, "untoc")
    notes = window.study.notes
    assert notes.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    assert notes.text() == ONE_LINE
    qtbot.mouseClick(notes.preview_button, Qt.MouseButton.LeftButton)
    shown = notes.preview.toPlainText()
    assert shown.startswith("x" * 50_000) and "the whole note is in the editor" in shown
    assert len(shown) < 51_000
    qtbot.mouseClick(notes.preview_button, Qt.MouseButton.LeftButton)
    notes.editor.moveCursor(notes.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(notes.editor, "!")
    assert window.study.flush()
    assert stored_note(data_dir, "untoc") == ONE_LINE + "!"
    click_tree_item(window, "cnd")  # an ordinary note wraps again
    assert notes.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth


def test_a_long_table_previews_as_plain_text_and_a_short_one_renders(
    qtbot: QtBot, open_window: WindowFactory, data_dir: Path
) -> None:
    _store(data_dir, "untoc", TABLE)
    _store(data_dir, "cnd", TABLE[:200])
    window = open_window()
    notes = window.study.notes
    click_tree_item(window, "untoc")
    qtbot.mouseClick(notes.preview_button, Qt.MouseButton.LeftButton)
    assert notes.preview.toPlainText() == TABLE  # 2,000 rows: as written, no table layout
    click_tree_item(window, "cnd")
    assert "|" not in notes.preview.toPlainText()  # rendered: a table, no pipes
    assert "Palermo 3" in notes.preview.toPlainText()
