"""Start-up (issue 8): time from spawning a process to the first painted main window, with the
content loaded and the last entity shown, and resident memory then, against a bare PySide6
QMainWindow started and measured the same way. Targets: 1.3x time, 1.5x memory.

Both run with their bytecode compiled, as an installed app does (pip compiles it at install;
an editable install writes it on the first launch): a warm-up spawn of each writes it into a
temporary cache, so a machine with PYTHONDONTWRITEBYTECODE set does not time the compiler.

An information row, the floor, times the same kinds of widgets filled by a plain PySide6
script: what Qt for Python itself costs for such a window, before any code of ours."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import Result

PROBE = Path(__file__).with_name("startup_probe.py")


def _spawn(bytecode: Path, *args: str) -> tuple[float, float]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "PYTHONPYCACHEPREFIX": str(bytecode),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.time()
    output = subprocess.run(
        [sys.executable, str(PROBE), *args], capture_output=True, text=True, env=env, timeout=60
    ).stdout
    line = next(l for l in output.splitlines() if l.startswith("painted "))  # noqa: E741
    _, painted, resident = line.split()
    return (float(painted) - start) * 1000, int(resident) / 1024


def run(quick: bool) -> list[Result]:
    repeats = 3 if quick else 11
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as bytecode:
        _prepare(Path(data))
        _spawn(Path(bytecode), "bare")
        _spawn(Path(bytecode), "widgets")
        _spawn(Path(bytecode), "ocstudy", data)
        ours, bare, widgets = [], [], []
        for _ in range(repeats):
            bare.append(_spawn(Path(bytecode), "bare"))
            widgets.append(_spawn(Path(bytecode), "widgets"))
            ours.append(_spawn(Path(bytecode), "ocstudy", data))
    baseline = "bare PySide6 QMainWindow, spawned the same way"
    return [
        Result(
            "start-up: spawn to first paint",
            statistics.median(t for t, _ in ours),
            statistics.median(t for t, _ in bare),
            baseline,
            1.3,
        ),
        Result(
            "start-up floor: same widgets, plain PySide6",
            statistics.median(t for t, _ in widgets),
            statistics.median(t for t, _ in bare),
            baseline,
            None,
        ),
        Result(
            "start-up: resident memory",
            statistics.median(m for _, m in ours),
            statistics.median(m for _, m in bare),
            baseline,
            1.5,
            unit="MB",
        ),
    ]


def _prepare(data: Path) -> None:
    """A returning learner: a remembered last entity (and a note), as after a first session."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen';"
        "from pathlib import Path; from ocstudy.app import _application, create_main_window;"
        "app=_application(); w=create_main_window(Path(sys.argv[1])); w.show();"
        "w.study.select('firearms-protocol'); w.study.notes.editor.setPlainText('note');"
        "w.close(); w.deleteLater(); app.processEvents()"
    )
    subprocess.run([sys.executable, "-c", code, str(data)], check=True, capture_output=True)
