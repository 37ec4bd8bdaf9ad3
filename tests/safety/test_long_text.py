"""Long text without freezes (issue 21 §8): what an import may bring in, what the Add and Edit
card dialogs take, how the cards browser shows a card with a line of 200,000 characters (it
took 5 s to select and 12 s to edit; 2 M characters froze the window for ten minutes), and
what a keystroke in a big note costs (1.9 s a keystroke in a 5 MB paragraph).

No clock: each test checks what makes the cost go away (what is shown, what is read)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot
from tests.safety.conftest import open_window

from ocstudy import cli
from ocstudy.render.long_text import RUN, SHOWN_CHARS
from ocstudy.services.exchange.text_limits import CARD_SIDE, NOTE
from ocstudy.ui.cards.add_dialog import AddCardDialog
from ocstudy.ui.common.long_text import CELL_CHARS
from ocstudy.ui.study.notes_panel import NotesPanel
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.own_cards import OwnCard, OwnCardStore

LONG_ID = "own:" + "c" * 32
CTRL = Qt.KeyboardModifier.ControlModifier
UNBROKEN = "x" * 200_000


def _own_cards_file(path: Path, front: str, back: str = "The back") -> Path:
    when = "2026-11-01T10:00:00+00:00"
    card = {"front": front, "back": back, "entity": None, "themes": []}
    card |= {"created_at": when, "updated_at": when}
    document = {"format": "ocstudy-own-cards", "format_version": 1, "cards": {LONG_ID: card}}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _notes_file(path: Path, text: str) -> Path:
    document = {"format": "ocstudy-notes", "format_version": 1, "notes": {"untoc": {"text": text}}}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("front", "said"),
    [
        ("x" * 6_000, "its front has a line of 6,000 characters; a line may have at most 5,000"),
        (("word " * 999 + "\n") * 5, "its front has 24,980 characters; it may have at most 20,000"),
    ],
    ids=["a long line", "a long side"],
)
def test_an_own_cards_import_past_the_limits_is_refused_naming_the_card(
    front: str,
    said: str,
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = _own_cards_file(tmp_path / "cards.json", front)
    code = cli.main(["--data-dir", str(data_dir), "import", "own-cards", str(source)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert LONG_ID in err and said in err and "nothing was imported" in err
    assert OwnCardStore(open_user_database(data_dir)).all() == []


def test_an_own_card_at_the_limits_is_imported(tmp_path: Path, data_dir: Path) -> None:
    side = "\n".join(["y" * CARD_SIDE.line] * 3) + "\n" + "z" * 4_997
    assert len(side) == CARD_SIDE.chars
    source = _own_cards_file(tmp_path / "cards.json", side, side)
    assert cli.main(["--data-dir", str(data_dir), "import", "own-cards", str(source)]) == 0
    assert [card.front for card in OwnCardStore(open_user_database(data_dir)).all()] == [side]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("n" * (NOTE.line + 1), f"a line of {NOTE.line + 1:,} characters"),
        (("words " * 10_000 + "\n") * 170, f"it may have at most {NOTE.chars:,}"),
    ],
    ids=["a long line", "a long note"],
)
def test_a_notes_import_past_the_limits_is_refused_naming_the_note(
    text: str, said: str, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _notes_file(tmp_path / "notes.json", text)
    code = cli.main(["--data-dir", str(data_dir), "import", "notes", str(source)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "note 'untoc'" in err and said in err and "nothing was imported" in err
    assert NoteStore(open_user_database(data_dir)).all() == []


# -- the window ------------------------------------------------------------------------------


def _plant_long_card(data_dir: Path) -> OwnCard:
    """An own card with a 200,000-character line, as an older ocstudy's import let in."""
    now = datetime(2026, 11, 1, tzinfo=UTC)
    card = OwnCard(LONG_ID, UNBROKEN, "The back: " + UNBROKEN, None, (), now, now)
    db = open_user_database(data_dir)
    OwnCardStore(db).put_all([card])
    db.close()
    return card


def test_the_browser_shows_a_card_with_a_huge_line_shortened_and_breakable(
    qtbot: QtBot, data_dir: Path, opened_windows: list[MainWindow]
) -> None:
    card = _plant_long_card(data_dir)
    window = open_window(qtbot, opened_windows, data_dir)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    view = window.cards
    assert view is not None
    row = view.model.row_of(LONG_ID)
    assert row is not None
    view.table.selectRow(row)
    shown = view.detail.toPlainText()
    assert "200,000 characters: the whole text is kept" in shown
    assert len(shown) < 2 * SHOWN_CHARS + 2_000  # front and back, a screenful of each
    runs = shown.replace("\u200b", " ").split()
    assert max(map(len, runs)) <= RUN  # Qt can break every line it lays out
    question = view.model.index(row, 0).data()
    assert len(question) <= CELL_CHARS + 60 and "200,000 characters" in question
    stored = OwnCardStore(open_user_database(data_dir)).get(LONG_ID)
    assert stored == card  # only the display is shortened


def test_the_edit_dialog_shows_a_huge_line_unwrapped_and_will_not_save_it(
    qtbot: QtBot, data_dir: Path, opened_windows: list[MainWindow]
) -> None:
    card = _plant_long_card(data_dir)
    window = open_window(qtbot, opened_windows, data_dir)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    view = window.cards
    assert view is not None and window.own_cards.browser_actions is not None
    view.table.selectRow(view.model.row_of(LONG_ID) or 0)
    dialog = window.own_cards.browser_actions.edit_current()
    assert isinstance(dialog, AddCardDialog)
    assert dialog.front.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    assert dialog.front.toPlainText() == card.front  # the whole text, to edit
    assert "The front has 200,000 characters" in dialog.feedback.text()
    preview = dialog.front_preview.toPlainText()
    assert len(preview) < SHOWN_CHARS + 1_000 and "the whole text is kept" in preview
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and "Shorten it to save the card" in dialog.feedback.text()
    assert OwnCardStore(open_user_database(data_dir)).get(LONG_ID) == card


def test_the_add_dialog_says_a_side_is_too_long_as_it_is_typed(
    qtbot: QtBot, data_dir: Path, opened_windows: list[MainWindow]
) -> None:
    window = open_window(qtbot, opened_windows, data_dir)
    qtbot.keyClick(
        window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.own_cards.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.back, "An answer")
    dialog.front.insertPlainText("q" * (CARD_SIDE.line + 1))  # pasted
    assert dialog.front.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    qtbot.waitUntil(lambda: "a line may have at most 5,000" in dialog.feedback.text())
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert OwnCardStore(open_user_database(data_dir)).all() == []
    assert len(dialog.front.toPlainText()) == CARD_SIDE.line + 1  # kept, to shorten
    qtbot.keyClick(dialog.front, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: dialog.feedback.text() == "")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert [card.back for card in OwnCardStore(open_user_database(data_dir)).all()] == ["An answer"]


def test_a_keystroke_in_a_big_note_reads_nothing_of_the_note(
    qtbot: QtBot,
    data_dir: Path,
    opened_windows: list[MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each keystroke read the whole note twice (its text, then every line to measure)."""
    paragraph = " ".join(["trafficking in persons"] * 20_000)  # 460,000 characters, one line
    db = open_user_database(data_dir)
    NoteStore(db).save("untoc", paragraph)
    db.close()
    window = open_window(qtbot, opened_windows, data_dir)
    window.study.select("untoc")
    notes = window.study.notes
    assert notes.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    read: list[int] = []
    whole = NotesPanel.text
    monkeypatch.setattr(NotesPanel, "text", lambda panel: read.append(1) or whole(panel))
    notes.editor.setFocus()
    notes.editor.moveCursor(notes.editor.textCursor().MoveOperation.End)
    for key in (Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_Backspace):
        qtbot.keyClick(notes.editor, key)
    assert read == [] and notes.saved_label.text() == "Editing\u2026"
    assert window.study.flush()  # the save reads it, once
    stored = NoteStore(open_user_database(data_dir)).get("untoc")
    assert read and stored is not None and stored.text == paragraph + "a"


def test_a_long_line_pasted_into_a_note_is_shown_unwrapped_at_once(
    qtbot: QtBot, data_dir: Path, opened_windows: list[MainWindow]
) -> None:
    window = open_window(qtbot, opened_windows, data_dir)
    window.study.select("untoc")
    notes = window.study.notes
    qtbot.keyClicks(notes.editor, "A short note")
    assert notes.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    notes.editor.insertPlainText("\n" + "p" * 10_000 + "\nand more")
    assert notes.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    cursor = notes.editor.textCursor()
    cursor.select(cursor.SelectionType.Document)
    cursor.insertText("Short again")
    assert window.study.flush()
    assert notes.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
