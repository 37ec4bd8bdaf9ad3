"""An export never replaces a file with less unless asked, never writes from data that could not
be read, never writes over the app's own files, writes through a symlink to its target, and
works whatever the clock says (issue 21, items 6 and 8)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ocstudy.content.repository import ContentRepository
from ocstudy.services.exchange.exports import ExportError, Exports
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata import database, read_only
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.own_cards import OwnCardStore
from ocstudy.userdata.reviews import ReviewStore

from .conftest import TickingClock


def _run(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    return subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )


def _one_line_and_exit_2(result: Any) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ocstudy: "), result.stderr
    return lines[0]


def _data(folder: Path, notes: int = 1, own: int = 0) -> Path:
    """A data folder with ``notes`` notes and ``own`` own cards, its database closed."""
    db = open_user_database(folder)
    store = NoteStore(db)
    for slug in ("untoc", "unodc", "cnd", "incb")[:notes]:
        store.save(slug, f"my note on {slug}")
    cards = OwnCardStore(db, TickingClock())
    for n in range(own):
        cards.add(f"front {n}", f"back {n}", "untoc", [])
    db.close()
    return folder


def _exports(repository: ContentRepository, db: database.UserDatabase) -> Exports:
    own = OwnCardStore(db, TickingClock())
    quiz = QuizService.open(repository, ReviewStore(db), seed=1, own=own)
    return Exports(repository, NoteStore(db), db, quiz.catalogue.cards)


# -- data that could not be read -------------------------------------------------------------


@pytest.mark.parametrize("what", ["notes.json", "notes.md", "own.json", "deck.apkg", "cards.csv"])
def test_an_export_from_data_that_could_not_be_read_is_refused(
    repository: ContentRepository,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    what: str,
) -> None:
    """The window shows an empty stand-in when the data cannot be read; before the fix an
    export from it replaced a real export with an empty one and said "Exported 0"."""
    mine = _data(tmp_path / "mine", notes=2, own=2)
    target = tmp_path / what
    kind = {"notes.json": "notes", "notes.md": "notes", "own.json": "own-cards"}
    kind |= {"deck.apkg": "anki", "cards.csv": "csv"}
    result = _run(mine, "export", kind[what], str(target))
    assert result.returncode == 0, result.stderr
    before = target.read_bytes()
    monkeypatch.setattr(read_only, "_read_only_connection", lambda _path: None)
    stand_in = read_only.open_read_only(mine)
    assert stand_in.stand_in and stand_in.unreadable
    exports = _exports(repository, stand_in)
    export = {
        "notes": lambda: exports.notes(target),
        "own-cards": lambda: exports.own_cards(target),
        "anki": lambda: exports.anki_deck(target),
        "csv": lambda: exports.cards_csv(target),
    }[kind[what]]
    with pytest.raises(ExportError, match="could not read your data") as refused:
        export()
    assert "\n" not in str(refused.value) and str(target) in str(refused.value)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.parametrize(
    ("action", "kind"), [("exportNotesJson", "notes"), ("exportOwnCards", "own-cards")]
)
def test_the_window_refuses_an_export_from_data_it_could_not_read(
    qtbot: Any,
    opened_windows: list[Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    action: str,
    kind: str,
) -> None:
    """File > Export over a real export, on data the window could not read: one message, the
    file as it was (before the fix: "Exported 0", and the file emptied)."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ocstudy.app import create_main_window
    from ocstudy.userdata import startup

    mine = _data(tmp_path / "mine", 2, 2)
    target = tmp_path / "export.json"
    assert _run(mine, "export", kind, str(target)).returncode == 0
    before = target.read_bytes()

    def cannot_read(data_dir: Path) -> database.UserDatabase:
        raise database.StorageError(f"cannot read your data in {data_dir}: permission denied")

    monkeypatch.setattr(startup, "open_user_database", cannot_read)
    monkeypatch.setattr(read_only, "_read_only_connection", lambda _path: None)
    window = create_main_window(mine)
    opened_windows.append(window)
    with qtbot.waitSignal(window.firstPainted, timeout=10_000):
        window.show()
    assert "cannot be exported" in (window.startup_message or "")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    next(a for a in window.findChildren(QAction) if a.objectName() == action).trigger()
    qtbot.waitUntil(lambda: not window.files.running)  # the export runs on a worker thread
    shown = [box.text() for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(shown) == 1 and "could not read your data" in shown[0], shown
    assert "Exported" not in window.statusBar().currentMessage()
    assert target.read_bytes() == before


def test_a_missing_database_is_no_unreadable_data(tmp_path: Path) -> None:
    """A stand-in for a folder with no data yet holds what there is: nothing; it may export."""
    assert not read_only.open_read_only(tmp_path / "nothing-yet").unreadable


# -- a file with more ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "name", "noun"),
    [
        ("notes", "notes.json", "notes"),
        ("notes", "notes.md", "notes"),
        ("own-cards", "own.json", "own cards"),
        ("anki", "deck.apkg", "cards"),
        ("csv", "cards.csv", "cards"),
    ],
)
def test_an_export_never_replaces_a_file_holding_more_unless_forced(
    tmp_path: Path, kind: str, name: str, noun: str
) -> None:
    more, less = _data(tmp_path / "more", 3, 3), _data(tmp_path / "less", 1, 1)
    target = tmp_path / name
    assert _run(more, "export", kind, str(target)).returncode == 0
    before = target.read_bytes()
    line = _one_line_and_exit_2(_run(less, "export", kind, str(target)))
    assert "--force" in line and str(target) in line and noun in line
    held, count = (3, 1) if kind in ("notes", "own-cards") else (None, None)
    if held is not None:
        assert f"holds {held} {noun}" in line and f"this export {count}" in line
    assert target.read_bytes() == before
    again = _run(less, "export", kind, str(target), "--force")
    assert again.returncode == 0, again.stderr
    assert target.read_bytes() != before
    assert _run(less, "export", kind, str(target)).returncode == 0  # as much: no question
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_a_file_the_export_cannot_count_is_replaced(
    repository: ContentRepository, tmp_path: Path
) -> None:
    """Not an export of this kind (the save dialog asked already): replaced as before."""
    db = open_user_database(_data(tmp_path / "mine"))
    target = tmp_path / "notes.json"
    target.write_text('{"something": "else", "notes": [1, 2, 3, 4, 5]}')
    assert _exports(repository, db).notes(target).message.startswith("Exported 1 note to ")
    assert json.loads(target.read_text())["format"] == "ocstudy-notes"


def test_the_window_asks_before_replacing_a_file_holding_more(
    qtbot: Any,
    opened_windows: list[Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    from ocstudy.app import create_main_window

    target = tmp_path / "notes.json"
    assert _run(_data(tmp_path / "more", 2), "export", "notes", str(target)).returncode == 0
    before = target.read_bytes()
    window = create_main_window(_data(tmp_path / "mine", 1))
    opened_windows.append(window)
    with qtbot.waitSignal(window.firstPainted, timeout=10_000):
        window.show()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    action = next(a for a in window.findChildren(QAction) if a.objectName() == "exportNotesJson")
    seen: list[str] = []
    answer_when_asked(qtbot, "Keep the file", seen)
    action.trigger()
    assert seen == ["The file holds 2 notes, this export 1: replace it?"]
    assert target.read_bytes() == before
    answer_when_asked(qtbot, "Replace", seen)
    action.trigger()
    qtbot.waitUntil(lambda: not window.files.running)  # the export runs on a worker thread
    assert len(seen) == 2
    assert list(json.loads(target.read_text())["notes"]) == ["untoc"]


def answer_when_asked(qtbot: Any, button: str, seen: list[str]) -> None:
    """Click ``button`` in the question the window is about to ask (it blocks the test)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        button_widget = next(b for b in box.findChildren(QPushButton) if b.text() == button)
        qtbot.mouseClick(button_widget, Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, click)


# -- the app's own files, symlinks -----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["notes", "{data}/anki-export-stamps.json"],
        ["own-cards", "{data}/anki-export-stamps.json"],
        ["json", "-o", "{data}/anki-export-stamps.json"],
        ["notes", "{out}/link-to-user-db.json"],
        ["anki", "{out}/link-to-user-db.apkg", "--force"],
        ["notes", "{data}/backups/notes.md"],
    ],
)
def test_an_export_onto_the_apps_own_files_is_refused(tmp_path: Path, args: list[str]) -> None:
    mine = _data(tmp_path / "mine")
    assert _run(mine, "export", "anki", str(tmp_path / "first.apkg")).returncode == 0
    (mine / "backups").mkdir(exist_ok=True)
    out = tmp_path / "out"
    out.mkdir()
    for suffix in (".json", ".apkg"):
        (out / f"link-to-user-db{suffix}").symlink_to(mine / USER_DB_NAME)
    before = {p: p.read_bytes() for p in mine.rglob("*") if p.is_file()}
    argv = [a.format(data=mine, out=out) for a in args]
    line = _one_line_and_exit_2(_run(mine, "export", *argv))
    assert "ocstudy's data folder" in line
    assert {p: p.read_bytes() for p in mine.rglob("*") if p.is_file()} == before
    assert all(p.is_symlink() for p in out.iterdir())


def test_an_export_to_a_symlink_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    """A link into a synced folder, say: replacing the link with a file would cut the file out
    of it without a word; writing through the link is what ``>``, ``cp`` and editors do."""
    mine = _data(tmp_path / "mine")
    synced = tmp_path / "synced"
    synced.mkdir()
    (synced / "notes.md").write_text("# My ocstudy notes\n\nExported x: 1 note.\n")
    link = tmp_path / "notes.md"
    link.symlink_to(synced / "notes.md")
    dangling = tmp_path / "new.md"
    dangling.symlink_to(synced / "new.md")
    for path in (link, dangling):
        result = _run(mine, "export", "notes", str(path))
        assert result.returncode == 0, result.stderr
        assert path.is_symlink()
        assert "my note on untoc" in path.resolve().read_text(encoding="utf-8")
    assert sorted(p.name for p in synced.iterdir()) == ["new.md", "notes.md"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")) == []


# -- the clock -------------------------------------------------------------------------------


def test_an_anki_export_with_the_clock_before_1980(
    repository: ContentRepository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the fix: "ZIP does not support timestamps before 1980", a traceback."""
    db = open_user_database(_data(tmp_path / "mine"))
    exports = _exports(repository, db)
    past = datetime(1975, 1, 1, tzinfo=UTC)
    monkeypatch.setattr(time, "time", lambda: past.timestamp())
    from ocstudy.services.exchange.anki_export import export_anki_deck

    target = tmp_path / "deck.apkg"
    result = export_anki_deck(
        exports._cards(), repository.entities(), None, target, include_notes=False, now=past
    )
    assert result.count > 0
    with zipfile.ZipFile(target) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.testzip() is None


@pytest.mark.skipif(shutil.which("faketime") is None, reason="needs faketime")
@pytest.mark.parametrize("when", ["1975-01-01 12:00:00", "1970-01-02 00:00:00"])
def test_faketime_before_1980_on_the_command_line(tmp_path: Path, when: str) -> None:
    mine = _data(tmp_path / "mine")
    target = tmp_path / "deck.apkg"
    command = [sys.executable, "-m", "ocstudy", "--data-dir", str(mine)]
    result = subprocess.run(
        ["faketime", when, *command, "export", "anki", str(target), "--with-notes"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "cards to" in result.stdout
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
