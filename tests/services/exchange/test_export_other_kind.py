"""An export never silently replaces an ocstudy export of another kind that holds the learner's
data (a reviews export named where the notes go, an own-cards export taken for the notes): the
command line says what the file holds and exits 2, the window asks; ``--force`` replaces it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.own_cards import OwnCardStore

from .conftest import TickingClock

REVIEW = {"card": "paper:written:group", "reviewed_at": "2026-01-02T03:04:05+00:00", "rating": 3}


def _run(data_dir: Path, *args: str) -> Any:
    return subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=dict(os.environ),
    )


def _data(folder: Path, notes: int, own: int) -> Path:
    db = open_user_database(folder)
    for slug in ("untoc", "unodc", "cnd")[:notes]:
        NoteStore(db).save(slug, f"my note on {slug}")
    cards = OwnCardStore(db, TickingClock())
    for n in range(own):
        cards.add(f"front {n}", f"back {n}", "untoc", [])
    db.close()
    return folder


def _held_file(tmp_path: Path, name: str) -> Path:
    """A file of the learner's data: a real export from an older data folder, or as written."""
    target = tmp_path / name
    if name in ("notes.json", "own.json"):
        old = _data(tmp_path / "old", notes=2, own=2)
        kind = "notes" if name == "notes.json" else "own-cards"
        assert _run(old, "export", kind, str(target)).returncode == 0
    elif name == "reviews.json":
        target.write_text(
            json.dumps({"format": "ocstudy-reviews", "format_version": 1, "reviews": [REVIEW]})
        )
    elif name == "tags.json":
        tagged = {"paper:written:group": {"tags": ["exam"]}}
        target.write_text(
            json.dumps({"format": "ocstudy-card-tags", "format_version": 1, "cards": tagged})
        )
    else:
        target.write_text(f"card,reviewed_at,rating\n{REVIEW['card']},{REVIEW['reviewed_at']},3\n")
    return target


@pytest.mark.parametrize(
    ("kind", "name", "held"),
    [
        ("notes", "own.json", "holds 2 own cards, this export 1 note"),
        ("own-cards", "notes.json", "holds 2 notes, this export 1 own card"),
        ("tags", "reviews.json", "holds 1 review, this export 0 tagged cards"),
        ("reviews", "tags.json", "holds 1 tagged card, this export 0 reviews"),
        ("csv", "reviews.csv", "holds 1 review, this export 391 cards"),
    ],
)
def test_an_export_over_another_kind_of_export_is_refused_unless_forced(
    tmp_path: Path, kind: str, name: str, held: str
) -> None:
    mine = _data(tmp_path / "mine", notes=1, own=1)
    target = _held_file(tmp_path, name)
    before = target.read_bytes()
    result = _run(mine, "export", kind, str(target))
    assert result.returncode == 2 and result.stdout == "", result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines == [f"ocstudy: {target} {held}: nothing was written (--force replaces it)"]
    assert target.read_bytes() == before
    forced = _run(mine, "export", kind, str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes() != before


@pytest.mark.parametrize(
    ("command", "name", "held"),
    [
        (["json", "-o"], "notes.json", "holds 2 notes, not the content"),
        (["cards"], "reviews.json", "holds 1 review, not the deck"),
    ],
)
def test_the_content_or_the_deck_never_replaces_an_export_of_the_learners_data(
    tmp_path: Path, command: list[str], name: str, held: str
) -> None:
    """``export json -o notes.json`` (the content, though "json" reads like the notes as JSON)
    over the learner's notes export: refused unless forced."""
    mine = _data(tmp_path / "mine", notes=1, own=0)
    target = _held_file(tmp_path, name)
    before = target.read_bytes()
    result = _run(mine, "export", *command, str(target))
    assert result.returncode == 2 and result.stdout == "", result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines == [f"ocstudy: {target} {held}: nothing was written (--force replaces it)"]
    assert target.read_bytes() == before
    forced = _run(mine, "export", *command, str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes() != before


def test_the_window_asks_before_the_content_replaces_an_export_of_the_learners_data(
    qtbot: Any, opened_windows: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Export > The content as JSON over a notes export asks as the other exports do
    (the command line's words); Keep the file keeps it, Replace writes the content."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    from ocstudy.app import create_main_window

    from .test_export_safety import answer_when_asked

    target = _held_file(tmp_path, "notes.json")
    before = target.read_bytes()
    window = create_main_window(_data(tmp_path / "mine", notes=1, own=0))
    opened_windows.append(window)
    with qtbot.waitSignal(window.firstPainted, timeout=10_000):
        window.show()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    action = next(a for a in window.findChildren(QAction) if a.objectName() == "exportJsonAction")
    seen: list[str] = []
    answer_when_asked(qtbot, "Keep the file", seen)
    action.trigger()
    assert seen == ["The file holds 2 notes, not the content: replace it?"]
    assert target.read_bytes() == before
    answer_when_asked(qtbot, "Replace", seen)
    action.trigger()
    qtbot.waitUntil(lambda: not window.files.running)  # the export runs on a worker thread
    assert len(seen) == 2
    assert json.loads(target.read_text())["format"] == "ocstudy-content"
