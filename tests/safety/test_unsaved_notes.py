"""Text that cannot be saved is never dropped: not by choosing another entry, not by closing
the window (the learner is asked, and a recovery file is written where possible). A real full
disk: a small tmpfs mounted for the test (skipped where mounting is not allowed)."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from driving import click_tree_item
from ocstudy.services.exchange.notes_io import import_notes
from ocstudy.ui.window.closing import DISCARD, KEEP_WAITING, SAVE_ELSEWHERE
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.backups import backups_dir
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.notes import NoteStore

from .conftest import open_window

BIG = "1997, not 1977. " * 2000  # 32 KB: more than a full disk's last free pages


def note_in(data_dir: Path, slug: str) -> str | None:
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    row = connection.execute("SELECT text FROM notes WHERE slug = ?", (slug,)).fetchone()
    connection.close()
    return row[0] if row else None


class SmallDisk:
    """A 4 MB tmpfs: ``fill()`` takes its last byte, ``free()`` gives the space back."""

    def __init__(self, mount: Path):
        self.mount = mount
        self.filler = mount / "filler"

    def fill(self) -> None:
        with self.filler.open("ab", buffering=0) as file:
            for chunk in (b"\0" * 4096, b"\0"):
                with contextlib.suppress(OSError):
                    while True:
                        file.write(chunk)

    def free(self) -> None:
        self.filler.unlink()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip("a tmpfs cannot be mounted here (not root)")
    yield SmallDisk(mount)
    subprocess.run(["umount", "-l", str(mount)], check=False)


def type_into(qtbot: QtBot, window: MainWindow, slug: str, text: str) -> None:
    click_tree_item(window, slug)
    editor = window.study.notes.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText(text)  # a paste
    qtbot.keyClicks(editor, " typed")


def answer_when_asked(qtbot: QtBot, button: str, seen: list[str]) -> None:
    """Click ``button`` in the dialog the window is about to show (it blocks the test)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for candidate in box.findChildren(QPushButton):
            if candidate.text() == button:
                qtbot.mouseClick(candidate, Qt.MouseButton.LeftButton)
                return
        raise AssertionError(f"no {button} button in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(20, click)


def test_unsaved_text_is_kept_per_entry_until_the_disk_takes_it(
    qtbot: QtBot, opened_windows: list[MainWindow], small_disk: SmallDisk
) -> None:
    data_dir = small_disk.mount / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    small_disk.fill()
    type_into(qtbot, window, "untoc", "Palermo " + BIG)
    assert not window.study.flush()
    type_into(qtbot, window, "cnd", "Vienna " + BIG)  # choosing another entry
    assert window.study.notes.editor.toPlainText() == "Vienna " + BIG + " typed"
    click_tree_item(window, "untoc")
    assert window.study.notes.editor.toPlainText() == "Palermo " + BIG + " typed"
    assert window.study.notes.saved_label.text() == "Not saved"
    click_tree_item(window, "incb")
    small_disk.free()
    assert window.study.flush()
    assert note_in(data_dir, "untoc") == "Palermo " + BIG + " typed"
    assert note_in(data_dir, "cnd") == "Vienna " + BIG + " typed"


def test_closing_with_unsaved_text_asks_and_saves_it_elsewhere(
    qtbot: QtBot,
    opened_windows: list[MainWindow],
    small_disk: SmallDisk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = small_disk.mount / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    small_disk.fill()
    type_into(qtbot, window, "untoc", "Palermo " + BIG)
    type_into(qtbot, window, "cnd", "Vienna")
    elsewhere = tmp_path / "rescued.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(elsewhere), ""))
    seen: list[str] = []
    answer_when_asked(qtbot, SAVE_ELSEWHERE, seen)
    window.close()
    assert not window.isVisible()
    assert "are not saved" in seen[0] and "UNTOC" in seen[0]
    recovery = Path(seen[0].split("A copy is kept in ", 1)[1].split(" (File", 1)[0])
    assert recovery.parent == Path(tempfile.gettempdir())  # the data's disk is full
    assert not recovery.exists()  # saved elsewhere: the recovery copy is not needed
    small_disk.free()
    store = NoteStore(open_user_database(tmp_path / "elsewhere"))
    import_notes(elsewhere, store, ())
    assert {n.slug: n.text for n in store.all()} == {
        "untoc": "Palermo " + BIG + " typed",
        "cnd": "Vienna typed",
    }
    assert not list(Path(data_dir).glob("unsaved-notes-*"))


def test_keep_waiting_keeps_the_window_and_saves_when_space_returns(
    qtbot: QtBot, opened_windows: list[MainWindow], small_disk: SmallDisk
) -> None:
    data_dir = small_disk.mount / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    small_disk.fill()
    type_into(qtbot, window, "untoc", "Palermo " + BIG)
    seen: list[str] = []
    answer_when_asked(qtbot, KEEP_WAITING, seen)
    window.close()
    assert seen and window.isVisible()
    assert window.study.notes.editor.toPlainText() == "Palermo " + BIG + " typed"
    small_disk.free()
    window.close()  # saved now: no question
    assert not window.isVisible() and len(seen) == 1
    assert note_in(data_dir, "untoc") == "Palermo " + BIG + " typed"
    assert list(backups_dir(data_dir).glob("user-*.db"))


def newer_database(data_dir: Path) -> None:
    db = open_user_database(data_dir)
    NoteStore(db).save("untoc", "from the good days")
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('ocstudy-user', '0099_from_the_future', '2030-01-01')"
    )
    db.close()


def test_a_recovery_file_is_written_beside_the_data_and_discard_is_the_learners_choice(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    newer_database(data_dir)  # read-only: this ocstudy will not change it
    window = open_window(qtbot, opened_windows, data_dir)
    type_into(qtbot, window, "cnd", "Vienna 1946")
    recovery: list[Path] = []

    def look() -> None:
        recovery.extend(data_dir.glob("unsaved-notes-*.json"))

    seen: list[str] = []
    QTimer.singleShot(10, look)  # while the question is on screen
    answer_when_asked(qtbot, KEEP_WAITING, seen)
    window.close()
    (path,) = recovery
    assert path.name in seen[0] and window.isVisible()
    assert os.stat(path).st_mode & 0o077 == 0
    assert json.loads(path.read_text())["notes"]["cnd"]["text"] == "Vienna 1946 typed"
    answer_when_asked(qtbot, DISCARD, seen)
    window.close()
    assert not window.isVisible() and not path.exists()
    assert note_in(data_dir, "cnd") is None


def test_a_quit_nobody_can_answer_keeps_a_recovery_file(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    newer_database(data_dir)
    window = open_window(qtbot, opened_windows, data_dir)
    type_into(qtbot, window, "cnd", "Vienna 1946")
    window.quit_without_asking()
    assert not window.isVisible()
    (path,) = data_dir.glob("unsaved-notes-*.json")
    assert json.loads(path.read_text())["notes"]["cnd"]["text"] == "Vienna 1946 typed"
