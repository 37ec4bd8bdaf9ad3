"""File > Sync folder... in the open window: choosing the folder syncs and the status bar says
so, a note changed on the other computer arrives, a note changed on both shows both texts with
keep this / keep that / keep both, and a folder that cannot be written is one status line."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPlainTextEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from tests.services.sync.devices import Computer
from tests.ui.conftest import WindowFactory

from ocstudy.services.own_cards import CardDraft
from ocstudy.services.sync.conflicts import BOTH_MARK
from ocstudy.ui.study.tree_model import MATCH_ROLE, SNIPPET_ROLE
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.ui.window.sync_folder import SyncFolder
from ocstudy.userdata.own_cards import OwnCardStore

SLUG = "untoc"


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Sync"
    folder.mkdir()
    return folder


@pytest.fixture
def desktop(tmp_path: Path, shared: Path) -> Iterator[Computer]:
    """The other computer, syncing through the same folder."""
    other = Computer(tmp_path / "desktop", shared)
    yield other
    other.close()


def syncing(window: MainWindow) -> SyncFolder:
    assert window.sync_folder is not None
    return window.sync_folder


def status(window: MainWindow) -> str:
    return window.findChild(QPushButton, "syncStatus").text()


def choose_folder(
    qtbot: QtBot, window: MainWindow, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    window.findChild(type(syncing(window).choose_action), "syncFolderAction").trigger()
    wait_for_sync(qtbot, window)


def wait_for_sync(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not syncing(window).running, timeout=20_000)


def sync_timer_fires(qtbot: QtBot, window: MainWindow) -> None:
    syncing(window).timer.timeout.emit()
    wait_for_sync(qtbot, window)


def editor_text(window: MainWindow) -> str:
    return window.study.notes.editor.toPlainText()


def write_note(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.study.select(SLUG)
    editor = window.study.notes.editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    assert window.study.flush()


def test_choosing_a_folder_syncs_and_the_status_says_so(
    qtbot: QtBot,
    window: MainWindow,
    desktop: Computer,
    shared: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desktop.save_note(SLUG, "written on the desktop")
    desktop.sync()
    assert status(window) == "" or not window.findChild(QPushButton, "syncStatus").isVisible()
    choose_folder(qtbot, window, shared, monkeypatch)
    assert status(window).startswith("Synced ")
    assert "1 change came in" in status(window)
    window.study.select(SLUG)
    assert editor_text(window) == "written on the desktop"
    assert window.services.sync().folder() == shared
    write_note(qtbot, window, " and the laptop")
    sync_timer_fires(qtbot, window)
    desktop.sync()
    assert desktop.note_texts(SLUG) == {"written on the desktop and the laptop"}


def test_stop_syncing_clears_the_folder(
    qtbot: QtBot, window: MainWindow, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_folder(qtbot, window, shared, monkeypatch)
    window.findChild(type(syncing(window).stop_action), "stopSyncAction").trigger()
    assert window.services.sync().folder() is None
    assert status(window) == "Not syncing"
    before = sorted(shared.rglob("*"))
    sync_timer_fires(qtbot, window)
    assert sorted(shared.rglob("*")) == before


def test_a_note_changed_on_the_other_computer_arrives_in_the_open_window(
    qtbot: QtBot,
    window: MainWindow,
    desktop: Computer,
    shared: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    choose_folder(qtbot, window, shared, monkeypatch)
    window.study.select(SLUG)
    assert editor_text(window) == ""
    desktop.save_note(SLUG, "changed on the desktop meanwhile")
    desktop.sync()
    sync_timer_fires(qtbot, window)
    assert editor_text(window) == "changed on the desktop meanwhile"
    assert "1 change came in" in status(window)


def test_the_app_syncs_at_start_and_on_quit(
    qtbot: QtBot,
    open_window: WindowFactory,
    desktop: Computer,
    shared: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    choose_folder(qtbot, window, shared, monkeypatch)
    write_note(qtbot, window, "typed just before quitting")
    window.close()
    desktop.sync()
    assert desktop.note_texts(SLUG) == {"typed just before quitting"}
    desktop.save_note(SLUG, "the desktop's answer")
    desktop.sync()
    again = open_window()
    wait_for_sync(qtbot, again)
    again.study.select(SLUG)
    assert editor_text(again) == "the desktop's answer"


def conflicted_window(
    qtbot: QtBot,
    window: MainWindow,
    desktop: Computer,
    shared: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> QWidget:
    choose_folder(qtbot, window, shared, monkeypatch)
    write_note(qtbot, window, "the laptop's words")
    desktop.save_note(SLUG, "the desktop's words")
    desktop.sync()
    sync_timer_fires(qtbot, window)
    bar = window.findChild(QWidget, "noteConflict")
    assert bar is not None
    return bar


@pytest.mark.parametrize("button", ["keepThisButton", "keepThatButton", "keepBothButton"])
def test_a_conflicting_note_shows_both_texts_and_each_button_does_what_it_says(
    qtbot: QtBot,
    window: MainWindow,
    desktop: Computer,
    shared: Path,
    monkeypatch: pytest.MonkeyPatch,
    button: str,
) -> None:
    bar = conflicted_window(qtbot, window, desktop, shared, monkeypatch)
    assert "1 conflict came in · 1 conflict to resolve: UNTOC" in status(window)
    window.study.select("firearms-protocol")
    assert not bar.isVisible()
    qtbot.mouseClick(window.findChild(QPushButton, "syncStatus"), Qt.MouseButton.LeftButton)
    assert window.study.notes.slug == SLUG
    assert bar.isVisible()
    this = bar.findChild(QPlainTextEdit, "conflictThis")
    that = bar.findChild(QPlainTextEdit, "conflictThat")
    assert this.isReadOnly() and that.isReadOnly()
    shown = (this.toPlainText(), that.toPlainText())
    assert set(shown) == {"the laptop's words", "the desktop's words"}
    assert editor_text(window) == shown[0]
    expected = {
        "keepThisButton": shown[0],
        "keepThatButton": shown[1],
        "keepBothButton": shown[0] + BOTH_MARK + shown[1],
    }[button]
    qtbot.mouseClick(bar.findChild(QPushButton, button), Qt.MouseButton.LeftButton)
    assert editor_text(window) == expected
    assert not bar.isVisible()
    assert "to resolve" not in status(window)
    sync_timer_fires(qtbot, window)
    desktop.sync()
    assert desktop.note_texts(SLUG) == {expected}


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("problem", ["read-only", "its subfolder a file", "gone"])
def test_a_folder_made_unwritable_is_one_status_line_and_nothing_changed(
    qtbot: QtBot,
    window: MainWindow,
    shared: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    problem: str,
) -> None:
    if problem == "read-only" and os.geteuid() == 0:
        pytest.skip("root writes into a read-only folder")
    choose_folder(qtbot, window, shared, monkeypatch)
    write_note(qtbot, window, "not to be lost")
    if problem == "read-only":
        for folder in (shared, *shared.iterdir()):
            folder.chmod(0o500)
    elif problem == "its subfolder a file":
        (own,) = shared.iterdir()
        shutil.rmtree(own)
        own.write_text("a file where the subfolder was")
    else:
        shutil.rmtree(shared)
    before = fingerprint(shared) if shared.exists() else None
    sync_timer_fires(qtbot, window)
    line = status(window)
    assert line.startswith("Not synced: ") and "nothing was changed" in line
    assert "\n" not in line
    assert (fingerprint(shared) if shared.exists() else None) == before
    assert window.services.study.note(SLUG) is not None
    if problem == "read-only":
        for folder in (shared, *shared.iterdir()):
            folder.chmod(0o700)


def test_search_in_the_window_finds_a_conflicted_note_by_the_other_computers_text(
    qtbot: QtBot,
    window: MainWindow,
    desktop: Computer,
    shared: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conflicted_window(qtbot, window, desktop, shared, monkeypatch)
    (conflict,) = syncing(window).conflicts
    other = "desktop" if "desktop" in conflict.that else "laptop"
    study = window.study
    study.search_box.setFocus()
    qtbot.keyClicks(study.search_box, other)
    qtbot.waitUntil(lambda: study.count_label.text() == "1 entry", timeout=5_000)
    index = study.model.index_of(SLUG)
    assert index.data(MATCH_ROLE) is True
    assert other in index.data(SNIPPET_ROLE)


def test_an_own_card_changed_on_both_computers_shows_as_two_cards_and_the_status_says_so(
    qtbot: QtBot,
    window: MainWindow,
    desktop: Computer,
    shared: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    choose_folder(qtbot, window, shared, monkeypatch)
    own = window.services.own_cards()
    card = own.add(CardDraft("Where was UNTOC signed?", "Palermo", None, ()))
    sync_timer_fires(qtbot, window)
    desktop.sync()
    OwnCardStore(desktop.db, desktop.clock).edit(
        card.id,
        front="Where did UNTOC open for signature?",
        back="Palermo",
        entity_slug=None,
        themes=[],
    )
    desktop.sync()
    found = own.card(card.id)
    assert found is not None
    own.edit(found, CardDraft("Where was UNTOC signed, and when?", "Palermo, 2000", None, ()))
    sync_timer_fires(qtbot, window)
    assert status(window).endswith("1 own card changed on both computers, kept as two cards")
    window.show_view("cards")
    cards = window.cards
    assert cards is not None
    cards.search.setText("is:own")
    cards.run_search()
    assert cards.count.text().startswith("2 of")
    fronts = {c.front for c in own.cards()}
    assert fronts == {"Where was UNTOC signed, and when?", "Where did UNTOC open for signature?"}


@pytest.mark.parametrize("chosen", ["the data folder", "inside it", "holding it"])
def test_a_folder_that_meets_the_data_folder_is_refused_and_not_kept(
    qtbot: QtBot,
    window: MainWindow,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    chosen: str,
) -> None:
    """File > Sync folder... refuses the folder every sync would refuse, before keeping it."""
    (data_dir / "backups").mkdir(exist_ok=True)
    folder = {
        "the data folder": data_dir,
        "inside it": data_dir / "backups",
        "holding it": data_dir.parent,
    }[chosen]
    choose_folder(qtbot, window, folder, monkeypatch)
    line = status(window)
    assert line.startswith("Not synced: ") and "nothing was changed" in line
    assert window.services.sync().folder() is None
    assert not window.findChild(type(syncing(window).stop_action), "stopSyncAction").isEnabled()
