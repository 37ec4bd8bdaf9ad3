"""Your own cards (issue 14 §2), driven as a learner would: Ctrl+Shift+A from any view, typing
both sides, Ctrl+Return to add and go on, the card in the browser and in the quiz, editing
with Enter, deleting with Ctrl+Delete and Ctrl+Z, a note's selection as the back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ocstudy.ui.cards.add_dialog import AddCardDialog
from ocstudy.ui.cards.model import COLUMN_KEYS
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.own_cards import OwnCardStore

from .quiz_driving import QuizWindowFactory, log_rows, open_quiz, start

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def add_card_dialog(qtbot: QtBot, window: MainWindow) -> AddCardDialog:
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = window.own_cards.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_card(qtbot: QtBot, dialog: AddCardDialog, front: str, back: str) -> None:
    qtbot.keyClicks(dialog.findChild(QWidget, "cardFront"), front)
    qtbot.keyClicks(dialog.findChild(QWidget, "cardBack"), back)


def back_to(qtbot: QtBot, window: MainWindow) -> None:
    """The window active again once a dialog closed (offscreen has no window manager)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def stored(data_dir: Path) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    store = OwnCardStore(open_user_database(data_dir))
    return [(c.front, c.back, c.entity_slug, c.themes) for c in store.all()]


@pytest.fixture
def window(open_quiz_window: QuizWindowFactory) -> MainWindow:
    return open_quiz_window()


def test_ctrl_return_adds_says_added_and_stays_open_for_the_next(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    window.study.select("untoc")
    dialog = add_card_dialog(qtbot, window)
    assert dialog.entity.currentText().startswith("UNTOC")
    assert dialog.checked_themes() == ("organized-crime", "money-laundering")
    type_card(qtbot, dialog, "Where was **UNTOC** signed?", "In *Palermo*")
    qtbot.waitUntil(
        lambda: (
            "<strong>UNTOC</strong>" in dialog.front_preview.toHtml()
            or "font-weight:700" in dialog.front_preview.toHtml()
        )
    )
    assert (
        "Palermo" in dialog.back_preview.toPlainText()
        and "*" not in dialog.back_preview.toPlainText()
    )
    qtbot.keyClick(dialog.back, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible(), "the dialog stays open for the next card"
    assert "Added" in dialog.feedback.text()
    assert dialog.front.toPlainText() == dialog.back.toPlainText() == ""
    assert dialog.front.hasFocus()
    type_card(qtbot, dialog, "Second", "card")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert stored(data_dir) == [
        (
            "Where was **UNTOC** signed?",
            "In *Palermo*",
            "untoc",
            ("organized-crime", "money-laundering"),
        ),
        ("Second", "card", "untoc", ("organized-crime", "money-laundering")),
    ]
    qtbot.keyClick(dialog.front, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_an_empty_side_is_said_and_adds_nothing(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    dialog = add_card_dialog(qtbot, window)
    qtbot.keyClicks(dialog.front, "A question without an answer")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and "back" in dialog.feedback.text()
    assert "Nothing was saved" in dialog.feedback.text()
    assert dialog.back.hasFocus() and dialog.front.toPlainText()  # kept to finish
    assert stored(data_dir) == []


def test_no_entry_and_chosen_themes(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    window.study.select("untoc")
    dialog = add_card_dialog(qtbot, window)
    dialog.entity.setCurrentIndex(0)  # "(none)"
    assert dialog.entity.currentText() == "(none)"
    assert dialog.checked_themes() == ()  # the entry's themes went with it
    drugs = dialog.themes.findItems("Drugs", Qt.MatchFlag.MatchExactly)[0]
    drugs.setCheckState(Qt.CheckState.Checked)
    dialog.entity.setCurrentIndex(dialog.entity.findData("cnd"))
    assert dialog.checked_themes() == ("drugs",)  # ticked by hand: kept
    dialog.entity.setCurrentIndex(0)
    type_card(qtbot, dialog, "front", "back")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert stored(data_dir) == [("front", "back", None, ("drugs",))]


def test_the_dialog_names_every_widget(qtbot: QtBot, window: MainWindow) -> None:
    dialog = add_card_dialog(qtbot, window)
    for name in (
        "cardFront",
        "cardBack",
        "cardEntity",
        "cardThemes",
        "cardFrontPreview",
        "cardBackPreview",
        "cardFeedback",
        "cardAddButton",
        "cardCloseButton",
        "cardFrontLabel",
        "cardEntityLabel",
    ):
        widget = dialog.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    unnamed = [
        type(w).__name__
        for w in dialog.findChildren(QWidget)
        if w.isVisible() and w.parent() is dialog and not w.objectName()
    ]
    assert unnamed == []


def test_the_card_shows_in_the_browser_and_comes_up_in_the_quiz(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # from the timeline too
    dialog = add_card_dialog(qtbot, window)
    type_card(qtbot, dialog, "My **own** question", "My own answer")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(dialog.front, Qt.Key.Key_Escape)
    back_to(qtbot, window)
    card_id = OwnCardStore(open_user_database(data_dir)).all()[0].id
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    cards = window.cards
    assert cards is not None
    assert search(qtbot, window, "is:own") == [card_id]
    assert cards.model.data(cards.model.index(0, COLUMN_KEYS.index("origin"))) == "own"
    assert "My own question" in cards.detail.toPlainText()  # rendered: no asterisks
    quiz = open_quiz(qtbot, window, "flashcard")
    start(qtbot, quiz)
    assert quiz.card is not None and quiz.card.id == card_id, "new own cards come first"
    assert "<strong>own</strong>" in quiz.card_page.prompt.text()
    qtbot.keyClick(quiz, Qt.Key.Key_Space)
    assert "My own answer" in quiz.card_page.answer.text()
    qtbot.keyClick(quiz, Qt.Key.Key_3)  # Good
    assert log_rows(data_dir) == [(card_id, 3, "flashcard")]


def search(qtbot: QtBot, window: MainWindow, text: str) -> list[str]:
    cards = window.cards
    assert cards is not None
    cards.search.clear()
    qtbot.keyClicks(cards.search, text)
    qtbot.keyClick(cards.search, Qt.Key.Key_Return)
    return cards.model.card_ids()


def add_one(window: MainWindow, front: str = "Own front", back: str = "Own back") -> str:
    from ocstudy.services.own_cards import CardDraft

    card = window.own_cards.service().add(CardDraft(front, back, "untoc", ("drugs",)))
    window.own_cards.changed()
    return card.id


def answer(box_name: str, button_text: str) -> None:
    """Click ``button_text`` in the message box ``box_name`` once it shows."""

    def click() -> None:
        box = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == box_name and w.isVisible()
        )
        next(b for b in box.findChildren(QPushButton) if b.text() == button_text).click()

    QTimer.singleShot(50, click)


def test_enter_on_an_own_card_edits_it_and_the_schedule_stays(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    card_id = add_one(window)
    service = window.quiz_service()
    session = service.start(limit=1)
    assert session.current is not None and session.current.id == card_id
    from fsrs import Rating

    session.answer(Rating.Good, duration_ms=1000)
    state = service.schedule.state(card_id)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert search(qtbot, window, "is:own") == [card_id]
    cards = window.cards
    assert cards is not None and cards.table.hasFocus()
    qtbot.keyClick(cards.table, Qt.Key.Key_Return)
    dialog = cards.findChild(AddCardDialog, "editCardDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.front.toPlainText() == "Own front" and dialog.checked_themes() == ("drugs",)
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.front.selectAll()
    qtbot.keyClicks(dialog.front, "Edited front")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert stored(data_dir) == [("Edited front", "Own back", "untoc", ("drugs",))]
    assert service.schedule.state(card_id) == state
    assert "Edited front" in cards.detail.toPlainText()
    assert cards.model.data(cards.model.index(0, 0)) == "Edited front"


def test_enter_on_a_generated_card_still_opens_its_entry(qtbot: QtBot, window: MainWindow) -> None:
    add_one(window)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    ids = search(qtbot, window, "-is:own entity:untoc")
    assert ids
    qtbot.keyClick(window.cards.table, Qt.Key.Key_Return)  # type: ignore[union-attr]
    assert window.current_view == "study" and window.study.current_slug == "untoc"


def test_the_context_menu_offers_edit_and_delete_on_own_cards_only(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QMenu

    card_id = add_one(window)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    cards = window.cards
    assert cards is not None
    menus: list[list[str]] = []
    cards.cardMenuAboutToShow.connect(
        lambda menu, _id: QTimer.singleShot(
            0, lambda: menus.append([a.objectName() for a in menu.actions()])
        )
    )
    for shown, query in enumerate(("is:own", "-is:own"), start=1):
        search(qtbot, window, query)
        rect = cards.table.visualRect(cards.model.index(0, 0))
        cards.table.customContextMenuRequested.emit(rect.center())
        qtbot.waitUntil(lambda n=shown: len(menus) == n)
        for menu in cards.findChildren(QMenu, "cardsContextMenu"):
            menu.close()
    assert "cardEditAction" in menus[0] and "cardDeleteAction" in menus[0]
    assert "cardEditAction" not in menus[1] and "cardDeleteAction" not in menus[1]
    assert card_id


def test_delete_asks_and_ctrl_z_brings_the_card_back_with_its_schedule(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    card_id = add_one(window)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    cards = window.cards
    assert cards is not None
    search(qtbot, window, "is:own")
    answer("deleteCardDialog", "Keep it")
    qtbot.keyClick(cards.table, Qt.Key.Key_Delete, CTRL)
    assert len(stored(data_dir)) == 1, "Keep it keeps it"
    back_to(qtbot, window)
    answer("deleteCardDialog", "Delete card")
    qtbot.keyClick(cards.table, Qt.Key.Key_Delete, CTRL)
    assert stored(data_dir) == [] and cards.model.card_ids() == []
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    assert window.quiz_service().catalogue.card(card_id) is None
    back_to(qtbot, window)
    cards.table.setFocus()
    qtbot.keyClick(cards.table, Qt.Key.Key_Z, CTRL)
    assert stored(data_dir) == [("Own front", "Own back", "untoc", ("drugs",))]
    assert cards.model.card_ids() == [card_id] and cards.current_card_id() == card_id


def test_an_own_card_unhighlighted_by_ctrl_click_is_not_deleted_or_edited(
    qtbot: QtBot, window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        "ocstudy.ui.cards.own_actions.confirm_delete_card",
        lambda _parent, front: asked.append(front) or True,
    )
    add_one(window)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    cards = window.cards
    assert cards is not None
    search(qtbot, window, "is:own")
    rect = cards.table.visualRect(cards.model.index(0, 0))
    qtbot.mouseClick(cards.table.viewport(), Qt.MouseButton.LeftButton, CTRL, rect.center())
    assert cards.table.selectionModel().selectedRows() == []  # nothing highlighted
    qtbot.keyClick(cards.table, Qt.Key.Key_Delete, CTRL)
    qtbot.keyClick(cards.table, Qt.Key.Key_Return)
    assert asked == [] and cards.findChild(AddCardDialog, "editCardDialog") is None
    assert stored(data_dir) == [("Own front", "Own back", "untoc", ("drugs",))]


def test_a_selected_passage_of_a_note_fills_the_back(qtbot: QtBot, window: MainWindow) -> None:
    window.study.select("untoc")
    editor = window.study.notes.editor
    editor.setPlainText("Intro line.\nSigned in Palermo in December 2000.\nMore.")
    cursor = editor.textCursor()
    cursor.setPosition(len("Intro line.\n"))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfLine, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()
    dialog = add_card_dialog(qtbot, window)
    assert dialog.back.toPlainText() == "Signed in Palermo in December 2000."
    assert dialog.front.toPlainText() == "" and dialog.front.hasFocus()
    assert dialog.entity_slug() == "untoc"


def test_a_bad_own_cards_file_gives_one_message_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    add_one(window)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"format": "ocstudy-own-cards", "format_version": 1, "cards": {"own:x": {}}})
    )
    operation = window.own_cards.import_json(bad)
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=10_000)
    assert operation.result is None
    boxes = [
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "dataMessage" and w.isVisible()
    ]
    assert (
        len(boxes) == 1
        and "bad.json" in boxes[0].text()
        and "nothing was imported" in boxes[0].text()
    )
    assert len(stored(data_dir)) == 1


def test_export_then_import_elsewhere_from_the_file_menu_code(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    card_id = add_one(window)
    path = tmp_path / "own.json"
    assert window.services.exports().own_cards(path).message.startswith("Exported 1")
    window.own_cards.service().delete(card_id)
    operation = window.own_cards.import_json(path)
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=10_000)
    assert operation.result is not None
    assert window.quiz_service().catalogue.card(card_id) is not None


def test_the_file_menu_has_add_card_and_the_own_cards_export_and_import(
    window: MainWindow,
) -> None:
    from PySide6.QtGui import QAction

    actions = {a.objectName(): a for a in window.findChildren(QAction)}
    assert actions["addCardAction"].shortcut().toString() == "Ctrl+Shift+A"
    assert {"exportOwnCards", "importOwnCards"} <= set(actions)


def test_an_entry_typed_that_is_not_one_adds_nothing(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    dialog = add_card_dialog(qtbot, window)
    type_card(qtbot, dialog, "front", "back")
    line = dialog.entity.lineEdit()
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "Not an entry")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert "No entry is called" in dialog.feedback.text() and stored(data_dir) == []
    line.selectAll()
    qtbot.keyClicks(line, "untoc")  # a name, in any case, is that entry
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert stored(data_dir) == [("front", "back", "untoc", ())]


def test_a_card_that_cannot_be_saved_is_said_and_kept_in_the_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ocstudy.userdata.database import ReadOnlyError

    dialog = add_card_dialog(qtbot, window)

    def read_only(*_args: object) -> None:
        raise ReadOnlyError("your data folder cannot be written to now: /somewhere")

    monkeypatch.setattr(dialog.service.store, "add", read_only)
    type_card(qtbot, dialog, "front", "back")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert "could not be saved" in dialog.feedback.text()
    assert "cannot be written" in dialog.feedback.text()
    assert dialog.front.toPlainText() == "front" and dialog.back.toPlainText() == "back"


def test_the_note_context_menu_makes_a_card_from_the_selection(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QMenu

    window.study.select("cnd")
    editor = window.study.notes.editor
    editor.setPlainText("CND: the policy-making body on drugs.")
    editor.selectAll()
    editor.customContextMenuRequested.emit(editor.rect().center())
    menu = editor.findChild(QMenu, "noteContextMenu")
    assert menu is not None
    action = next(a for a in menu.actions() if a.objectName() == "noteMakeCardAction")
    assert action.isEnabled()
    action.trigger()
    menu.close()
    dialog = window.own_cards.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.back.toPlainText() == "CND: the policy-making body on drugs."
    assert dialog.entity_slug() == "cnd"


def test_the_trees_context_menu_adds_a_card_on_that_entry(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QMenu

    from ocstudy.ui.study.tree_model import SLUG_ROLE

    window.study.select("untoc")
    tree = window.study.tree
    window.study.select("cnd")
    index = tree.currentIndex()
    assert index.data(SLUG_ROLE) == "cnd"
    window.study.select("untoc")
    tree.customContextMenuRequested.emit(tree.visualRect(index).center())
    menu = tree.findChild(QMenu, "treeContextMenu")
    assert menu is not None
    action = next(a for a in menu.actions() if a.objectName() == "treeAddCardAction")
    action.trigger()
    menu.close()
    dialog = window.own_cards.dialog
    assert dialog is not None and dialog.entity_slug() == "cnd"
    assert window.study.current_slug == "cnd"
