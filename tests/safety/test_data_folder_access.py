"""The data folder's modes are the learner's: a new folder is made private, an existing one is
never changed (issue 21, item 8)."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.startup import open_user_data


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
