"""The data folder's modes are the learner's: a new folder is made private, an existing one is
never changed; a folder that cannot be read (another user's, mode 000) opens the window
read-only with a message, and the command line says so in one line (issue 21, item 8).

The tests run as root, which ignores permission bits: the unreadable folder is tried for real
by running ocstudy as the unprivileged user ``nobody`` (``setpriv``) on a root-owned folder of
mode 000, or, when the tests do not run as root, on the test's own folder of mode 000."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ocstudy.app import create_main_window
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.startup import open_user_data

NOBODY = 65534


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mode", [0o500, 0o2775, 0o750, 0o711], ids=oct)
def test_an_existing_data_folder_keeps_its_modes(tmp_path: Path, mode: int) -> None:
    """Before the fix, 0500 became 0700 and a shared 2775 folder lost its group and setgid."""
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(mode)
    db = open_user_database(folder)
    NoteStore(db).save("untoc", "Palermo")
    db.close()
    again, message = open_user_data(folder)
    again.close()
    assert message is None
    assert _mode(folder) == mode
    assert _mode(folder / USER_DB_NAME) == 0o600


def test_the_command_line_keeps_an_existing_folders_modes(tmp_path: Path) -> None:
    folder = tmp_path / "shared-with-my-group"
    folder.mkdir()
    folder.chmod(0o2775)
    notes = tmp_path / "notes.json"
    notes.write_text(
        '{"format": "ocstudy-notes", "format_version": 1, "notes": {"untoc": {"text": "x"}}}'
    )
    command = [sys.executable, "-m", "ocstudy", "--data-dir", str(folder)]
    result = subprocess.run(
        [*command, "import", "notes", str(notes)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert _mode(folder) == 0o2775
    assert _mode(folder / USER_DB_NAME) == 0o600


def test_a_new_data_folder_is_private_whatever_the_umask(tmp_path: Path) -> None:
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from ocstudy.userdata.database import open_user_database\n"
        "os.umask(0)\n"
        "open_user_database(Path(sys.argv[1])).close()\n"
    )
    folder = tmp_path / "new" / "data"
    subprocess.run([sys.executable, "-c", code, str(folder)], check=True, timeout=120)
    assert _mode(folder) == 0o700
    assert _mode(folder / USER_DB_NAME) == 0o600


# -- a folder that cannot be read ------------------------------------------------------------


@dataclass
class Unreadable:
    """A data folder with notes that the user ``run`` runs as cannot read, and a folder of
    that user's for exports, holding ``export`` (a notes export of that data)."""

    data: Path
    out: Path
    export: Path
    prefix: list[str]
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.prefix, sys.executable, "-m", "ocstudy", "--data-dir", str(self.data), *args],
            capture_output=True,
            text=True,
            timeout=180,
            env=self.env,
        )


def _as_nobody() -> list[str]:
    """The command prefix that runs a program as ``nobody``; skips if that cannot be done."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: no unprivileged user to try")
    prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import ocstudy.app"], capture_output=True, timeout=120
    )
    if probe.returncode != 0:
        pytest.skip(f"ocstudy cannot run as nobody here: {probe.stderr[-300:]!r}")
    return prefix


@pytest.fixture
def unreadable() -> Iterator[Unreadable]:
    root = os.geteuid() == 0
    prefix = _as_nobody() if root else []
    base = Path(tempfile.mkdtemp(prefix="ocstudy-unreadable-"))  # a place nobody may enter
    try:
        base.chmod(0o755)
        data = base / "data"
        db = open_user_database(data)
        NoteStore(db).save("untoc", "my real note")
        db.close()
        home, out = base / "home", base / "out"
        for folder in (home, out):
            folder.mkdir(mode=0o700)
            if root:
                os.chown(folder, NOBODY, NOBODY)
        export = out / "notes.json"
        export.write_text('{"format": "ocstudy-notes", "notes": {"untoc": {"text": "mine"}}}')
        if root:
            os.chown(export, NOBODY, NOBODY)
        env = {
            **os.environ,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "share"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_RUNTIME_DIR": str(home),
            "QT_QPA_PLATFORM": "offscreen",
        }
        data.chmod(0o000)
        yield Unreadable(data, out, export, prefix, env)
    finally:
        (base / "data").chmod(0o700)
        shutil.rmtree(base, ignore_errors=True)


def test_the_app_opens_an_unreadable_folder_read_only_with_a_message(
    unreadable: Unreadable,
) -> None:
    """Before the fix: a traceback (``PermissionError`` from ``open_read_only``), exit 1."""
    child = subprocess.Popen(
        [*unreadable.prefix, sys.executable, "-m", "ocstudy", "--data-dir", str(unreadable.data)],
        stderr=subprocess.PIPE,
        text=True,
        env=unreadable.env,
    )
    try:
        assert child.stderr is not None
        line = child.stderr.readline()  # the window is shown, and says this (Qt may first
        while line and not line.startswith("ocstudy:"):  # say something of its own)
            line = child.stderr.readline()
        assert child.poll() is None, line + child.stderr.read()
        assert line.startswith("ocstudy: cannot read your data"), line
        assert "permission denied" in line and str(unreadable.data) in line
        assert "cannot be exported" in line
    finally:
        child.send_signal(signal.SIGTERM)  # quits as Ctrl+Q does
        rest = child.communicate(timeout=60)[1]
    assert "Traceback" not in rest
    assert _mode(unreadable.data) == 0
    unreadable.data.chmod(0o700)
    assert NoteStore(open_user_database(unreadable.data)).get("untoc").text == "my real note"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "args",
    [["stats"], ["backup"], ["export", "notes", "{export}"], ["export", "anki", "{out}/d.apkg"]],
)
def test_the_command_line_on_an_unreadable_folder_is_one_line_and_exit_2(
    unreadable: Unreadable, args: list[str]
) -> None:
    before = unreadable.export.read_bytes()
    result = unreadable.run(*[a.format(export=unreadable.export, out=unreadable.out) for a in args])
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ocstudy: cannot read your data"), lines
    assert unreadable.export.read_bytes() == before
    assert sorted(p.name for p in unreadable.out.iterdir()) == ["notes.json"]
    assert _mode(unreadable.data) == 0


def test_a_data_folder_that_is_a_file_opens_the_window_read_only_saying_so(
    qtbot: QtBot, tmp_path: Path, opened_windows: list[MainWindow]
) -> None:
    """Before the fix: "cannot open your data at FILE/user.db: [Errno 17] File exists"."""
    not_a_folder = tmp_path / "data.txt"
    not_a_folder.write_text("my shopping list\n")
    window = create_main_window(not_a_folder)
    opened_windows.append(window)
    with qtbot.waitSignal(window.firstPainted, timeout=10_000):
        window.show()
    message = window.startup_message or ""
    assert message.startswith(f"{not_a_folder} is a file, not a data folder; nothing was changed.")
    assert "Errno" not in message and "You can read and search" in message
    assert not_a_folder.read_text() == "my shopping list\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.txt"]
