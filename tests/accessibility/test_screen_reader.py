"""What a screen reader hears: the window's accessibility tree read through the real AT-SPI
bus, as Orca reads it, for every view.

The app runs on a virtual X display (Xvfb, the xcb platform: offscreen exports nothing) with a
private D-Bus session and its accessibility bus; a second process, with the system Python's
pyatspi (Debian's python3-pyatspi), presses each view's button through AT-SPI and reads the
tree (``atspi_walk.py``). The test skips where those are missing; ``.ci/run`` installs them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ocstudy.desktop.xcb import missing_xcb_libraries

WALKER = Path(__file__).with_name("atspi_walk.py")
SYSTEM_PYTHON = "/usr/bin/python3"
VIEWS = ("Timeline", "Quiz", "Statistics", "Study")

#: What a reader must be able to find in each view: (role, name).
EXPECTED = {
    "Study": {
        ("text", "Search instruments, bodies and your notes"),
        ("combo box", "By kind"),  # a combo box is called by its value; its description says more
        ("tree", "Instruments and bodies"),
        ("text", "Your note on the selected instrument or body"),
        ("push button", "Delete note"),
    },
    "Timeline": {
        ("push button", "Themes"),
        ("push button", "Events"),
        ("push button", "Zoom in (+)"),
        ("push button", "Show everything (0 or Home)"),
        ("check box", "Show the legend"),
        ("push button", "Export"),
        ("push button", "Open the selected event's entry in the study view"),
    },
    "Quiz": {("spin button", "Desired retention"), ("spin button", "New cards per day")},
    "Statistics": {
        ("table", "How well each theme is known"),
        ("table", "How well each entry is known"),
        ("table", "True retention per theme, month by month"),
        ("label", "Due today: 0"),
    },
}
#: What Qt prints when the machine, not the app, is at fault: no display to connect to, or a
#: platform plugin that cannot load (a library missing that the check above does not know).
NO_X_DISPLAY = ("could not connect to display", "Could not load the Qt platform plugin")
ALWAYS = {("check box", name) for name in ("Study", "Timeline", "Quiz", "Statistics")}


def _missing_tools() -> list[str]:
    missing = [tool for tool in ("Xvfb", "dbus-run-session") if shutil.which(tool) is None]
    if not Path(SYSTEM_PYTHON).exists():
        missing.append(SYSTEM_PYTHON)
    else:
        probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
        if probe.returncode:
            missing.append("python3-pyatspi")
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        missing.append("at-spi2-core")
    xcb = {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}
    missing.extend(missing_xcb_libraries(environ=xcb, platform=sys.platform))
    return missing


@pytest.fixture(scope="module")
def heard(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, object]]]:
    missing = _missing_tools()
    if missing:
        pytest.skip(f"no AT-SPI bus here: {', '.join(missing)} missing")
    work = tmp_path_factory.mktemp("atspi")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_", "DISPLAY", "WAYLAND", "DBUS", "XDG_"))
    }
    for name in ("runtime", "config", "data"):
        (work / name).mkdir(mode=0o700)
    env.update(
        XDG_RUNTIME_DIR=str(work / "runtime"),
        XDG_CONFIG_HOME=str(work / "config"),
        GSETTINGS_BACKEND="memory",
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        APP_PYTHON=sys.executable,
        DATA_DIR=str(work / "data"),
        WALKER=str(WALKER),
        SYSTEM_PYTHON=SYSTEM_PYTHON,
    )
    script = f"""
set -eu
exec 3>"{work}/display"
Xvfb -displayfd 3 -screen 0 1280x820x24 -nolisten tcp 2>/dev/null & xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
for _ in $(seq 600); do [ -s "{work}/display" ] && break; sleep 0.05; done
[ -s "{work}/display" ] || {{ echo "Xvfb gave no display within 30 s" >&2; exit 1; }}
export DISPLAY=:$(head -1 "{work}/display")
dbus-run-session -- bash -c '
  "$APP_PYTHON" -m ocstudy --data-dir "$DATA_DIR" 2>"{work}/app.log" & app=$!
  "$SYSTEM_PYTHON" "$WALKER" ocstudy {" ".join(VIEWS)}; rc=$?
  kill $app; wait $app 2>/dev/null; exit $rc'
"""
    done = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    app_said = (work / "app.log").read_text(errors="replace") if (work / "app.log").exists() else ""
    if done.returncode and any(sign in app_said for sign in NO_X_DISPLAY):
        pytest.skip(f"this machine's X display cannot be opened by Qt: {app_said[-600:]}")
    assert done.returncode == 0, f"{done.stderr[-1500:]}\nthe app said:\n{app_said[-1500:]}"
    views = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {view["view"]: view["nodes"] for view in views}


@pytest.mark.slow
@pytest.mark.parametrize("view", VIEWS)
def test_a_screen_reader_finds_every_control_by_name(
    heard: dict[str, list[dict[str, object]]], view: str
) -> None:
    nodes = heard[view]
    names = {(str(n["role"]), str(n["name"])) for n in nodes}
    missing = (EXPECTED[view] | ALWAYS) - names
    assert not missing, f"{view}: a reader cannot find {sorted(missing)}"
    if view == "Statistics":  # a figure is heard with its title and its value
        assert any(name.startswith("Cards studied: 0 of ") for _role, name in names)
    unnamed = [n for n in nodes if n["focusable"] and not str(n["name"]).strip()]
    assert not unnamed, f"{view}: focusable without a name: {unnamed}"
    combos = [n for n in nodes if n["role"] == "combo box"]
    assert all(str(n["description"]).strip() for n in combos), f"{view}: {combos}"
