"""Killed (SIGKILL) while writing a change file or folding one in, a computer loses nothing
committed, never leaves a partial file under a change file's name, and comes back in step
with the other at its next sync."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ocstudy.services.sync.change_files import DEVICE_NAME, decode

from .devices import Computer
from .test_sync_pair import settle

DRIVER = Path(__file__).with_name("kill_sync_driver.py")
TRIALS = 6


def run_and_kill(data_dir: Path, folder: Path, start: int, rng: random.Random) -> list[str]:
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), str(data_dir), str(folder), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "READY"
    time.sleep(rng.uniform(0.02, 0.8))
    process.send_signal(signal.SIGKILL)
    output = process.stdout.read()
    process.wait(timeout=30)
    whole = output[: output.rfind("\n") + 1]
    return [line.split(" ", 1)[1] for line in whole.splitlines() if line.startswith("SAVED ")]


@pytest.mark.slow
def test_sigkill_while_syncing_loses_nothing_and_comes_back_in_step(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    desktop = Computer(tmp_path / "desktop", folder)
    for number in range(40):
        desktop.save_note(f"desktop-{number}", f"the desktop's note {number}")
        desktop.answer(f"card-{number % 9}", 1 + number % 4)
        if number % 4 == 0:
            desktop.sync()
    desktop.sync()
    laptop_dir = tmp_path / "laptop"
    rng = random.Random(20261207)
    saved: list[str] = []
    for trial in range(TRIALS):
        saved += run_and_kill(laptop_dir, folder, trial * 1000, rng)
        for path in folder.glob("*/*.json"):
            assert DEVICE_NAME.match(path.parent.name)
            decode(path.read_bytes())  # whole, or not there under its name
    laptop = Computer(laptop_dir, folder)
    settle(laptop, desktop, _NoTool())
    assert saved, "the driver saved nothing before its kills"
    for slug in saved:
        assert desktop.notes.get(slug) is not None, slug
    assert laptop.snapshot() == desktop.snapshot()
    assert len([s for s, _ in laptop.snapshot()["notes"] if s.startswith("desktop-")]) == 40
    laptop.close()
    desktop.close()


class _NoTool:
    """One folder for both: nothing to copy."""

    def in_step(self) -> None:
        return None
