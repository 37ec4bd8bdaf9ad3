"""On a real 1024x640 X display (Xvfb, the xcb platform), the app's first window opens inside
the screen, fresh or with a size remembered from a bigger screen, and every view is usable:
no control off the screen, no pane squeezed (``small_screen_driver.py`` does the looking).
Skips where Xvfb or Qt's xcb libraries are missing."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocstudy.desktop.xcb import missing_xcb_libraries

DRIVER = Path(__file__).with_name("small_screen_driver.py")
SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A 1024x640 X display of its own, as ``:N``."""
    missing = [] if shutil.which("Xvfb") else ["Xvfb"]
    missing += missing_xcb_libraries(
        environ={"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, platform=sys.platform
    )
    if missing:
        pytest.skip(f"no X display to open here: {', '.join(missing)} missing")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x640x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 30)
        number = os.read(read, 32).decode().strip() if ready else ""
        if not number:
            pytest.skip("Xvfb gave no display within 30 s")
        yield f":{number}"
    finally:
        os.close(read)
        server.terminate()
        server.wait(timeout=30)


def drive(display: str, data_dir: Path, *options: str) -> dict[str, object]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_", "DISPLAY", "WAYLAND"))
    }
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(SRC))
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(data_dir), *options],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("{"))
    return dict(json.loads(line))


@pytest.mark.slow
@pytest.mark.parametrize("options", [(), ("--remembered",)], ids=["fresh", "remembered"])
def test_the_window_and_every_view_fit_a_real_1024x640_screen(
    display: str, data_dir: Path, options: tuple[str, ...]
) -> None:
    seen = drive(display, data_dir, *options)
    assert seen["screen"] == [0, 0, 1024, 640]
    left, top, width, height = seen["frame"]  # type: ignore[misc]
    assert left >= 0 and top >= 0 and left + width <= 1024 and top + height <= 640, seen
    assert width >= 1000 and height >= 560, seen  # as large as the screen allows
    out_of_reach = seen["out_of_reach"]
    assert isinstance(out_of_reach, dict)
    assert {view: problems for view, problems in out_of_reach.items() if problems} == {}
