"""Killed at any moment (SIGKILL, 20 times), the app never loses a committed note, never
leaves a review half recorded, and its database always passes an integrity check."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.main_window import MainWindow

from .conftest import open_window

DRIVER = Path(__file__).with_name("kill_driver.py")
TRIALS = 20


def run_and_kill(data_dir: Path, seed: int, rng: random.Random) -> list[list[str]]:
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), str(data_dir), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "READY"
    time.sleep(rng.uniform(0.05, 1.5))
    process.send_signal(signal.SIGKILL)
    output = process.stdout.read()
    process.wait(timeout=30)
    # a line cut by the kill is not a report: only whole lines (ending in a newline) count
    whole = output[: output.rfind("\n") + 1]
    reports = []
    for line in whole.splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "ANSWERED":  # "ANSWERED <card id> <log id>": a card id may hold spaces
            card_id, _, log_id = rest.rpartition(" ")
            reports.append([kind, card_id, log_id])
        elif line.count(" ") >= 2:
            reports.append(line.split(" ", 2))
    return reports


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(20261129)
    saved: dict[str, str] = {}
    answered: set[int] = set()
    for trial in range(TRIALS):
        for kind, key, value in run_and_kill(data_dir, trial, rng):
            if kind == "SAVED":
                saved[key] = json.loads(value)
            elif kind == "ANSWERED":
                answered.add(int(value))
        connection = sqlite3.connect(data_dir / "user.db")
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",), trial
        notes = dict(connection.execute("SELECT slug, text FROM notes"))
        for slug, text in saved.items():
            assert notes[slug].startswith(text), f"trial {trial}: the note on {slug} lost text"
        logged = {row[0] for row in connection.execute("SELECT id FROM review_log")}
        assert answered <= logged, f"trial {trial}: a recorded answer is missing"
        last_after = dict(
            connection.execute(
                "SELECT card_id, after_json FROM review_log WHERE id IN "
                "(SELECT max(id) FROM review_log GROUP BY card_id)"
            )
        )
        states = dict(connection.execute("SELECT card_id, due FROM card_states"))
        for card_id, after in last_after.items():  # each answer: its log row and its state
            assert states[card_id] == json.loads(after)["due"], f"trial {trial}: {card_id}"
        connection.close()
    assert len(saved) >= 3 and len(answered) >= 10  # the trials really wrote


@pytest.mark.parametrize("number", ["SIGTERM", "SIGHUP"])
def test_a_termination_signal_quits_like_ctrl_q(tmp_path: Path, number: str) -> None:
    """Text typed just before the signal (before the autosave) is saved, a backup is made,
    the folder's lock released, and the exit is clean."""
    data_dir = tmp_path / "data"
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), str(data_dir), "--type-and-wait", "typed just before"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "TYPED"
    process.send_signal(getattr(signal, number))
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err[-2000:]
    connection = sqlite3.connect(data_dir / "user.db")
    assert connection.execute("SELECT text FROM notes WHERE slug = 'untoc'").fetchone() == (
        "typed just before",
    )
    connection.close()
    (backup,) = (data_dir / "backups").glob("user-*.db")
    assert sqlite3.connect(backup).execute("SELECT text FROM notes").fetchone() == (
        "typed just before",
    )
    assert not (data_dir / "ocstudy.lock").exists()


def test_the_desktops_logout_quits_like_ctrl_q(
    qtbot: QtBot, opened_windows: list[MainWindow], tmp_path: Path
) -> None:
    from ocstudy.app import quit_on_logout

    data_dir = tmp_path / "data"
    window = open_window(qtbot, opened_windows, data_dir)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quit_on_logout(app, window)
    window.study.select("cnd")
    qtbot.keyClicks(window.study.notes.editor, "typed before the logout")
    signature = "2commitDataRequest(QSessionManager&)"
    assert app.receivers(signature) == 1  # what the session manager's request reaches
    window.session_ending(None)  # a QSessionManager cannot be made outside a session
    assert not window.isVisible()
    connection = sqlite3.connect(data_dir / "user.db")
    assert connection.execute("SELECT text FROM notes").fetchone() == ("typed before the logout",)
    connection.close()
    assert list((data_dir / "backups").glob("user-*.db"))
