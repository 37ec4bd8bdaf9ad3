"""``ocstudy sync --folder DIR``, run as a learner runs it: one line of what came in and went
out; a folder that cannot be read or written is one line, exit 2, and nothing changed."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.own_cards import OwnCardStore

pytestmark = pytest.mark.slow


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ocstudy", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def computer(tmp_path: Path, name: str, note: str) -> Path:
    data_dir = tmp_path / name
    db = open_user_database(data_dir)
    NoteStore(db).save(name, note)
    OwnCardStore(db).add(f"{name}'s front", "back", None)
    db.close()
    return data_dir


def exported(data_dir: Path, what: str, out: Path) -> object:
    target = out / f"{data_dir.name}-{what}.json"
    result = run("--data-dir", str(data_dir), "export", what, str(target))
    assert result.returncode == 0, result.stderr
    body = json.loads(target.read_text())
    body.pop("exported_at", None)
    return body


def test_two_computers_syncing_through_one_folder_export_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop = computer(tmp_path, "laptop", "written on the laptop")
    desktop = computer(tmp_path, "desktop", "written on the desktop")
    first = run("--data-dir", str(laptop), "sync", "--folder", str(folder))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "Synced with 0 other computers: 0 reviews and 0 changes came in, 0 conflicts to "
        "resolve; 2 changes went out."
    ]
    second = run("--data-dir", str(desktop), "sync", "--folder", str(folder))
    assert second.stdout.startswith("Synced with 1 other computer: 0 reviews and 2 changes came in")
    assert run("--data-dir", str(laptop), "sync", "--folder", str(folder)).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    for what in ("notes", "own-cards", "reviews"):
        assert exported(laptop, what, out) == exported(desktop, what, out)
    assert not list(folder.rglob("*.db"))


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("problem", ["missing", "a file", "read-only"])
def test_a_folder_that_cannot_be_used_is_one_line_exit_2_and_nothing_changed(
    tmp_path: Path, problem: str
) -> None:
    if problem == "read-only" and os.geteuid() == 0:
        pytest.skip("root writes into a read-only folder")
    laptop = computer(tmp_path, "laptop", "a note")
    folder = tmp_path / "Sync"
    if problem == "a file":
        folder.write_text("not a folder")
    elif problem == "read-only":
        folder.mkdir()
        folder.chmod(0o500)
    before = fingerprint(tmp_path)
    result = run("--data-dir", str(laptop), "sync", "--folder", str(folder))
    if problem == "read-only":
        folder.chmod(0o700)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nothing was changed" in result.stderr
    assert fingerprint(tmp_path) == before


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        ("", "argument --folder: give a folder, not an empty name"),
        ("laptop", "is ocstudy's data folder or inside it"),
        ("laptop/backups", "is ocstudy's data folder or inside it"),
        (".", "holds ocstudy's data folder"),
    ],
)
def test_no_folder_or_one_that_meets_the_data_folder_is_refused(
    tmp_path: Path, folder: str, said: str
) -> None:
    """An empty ``--folder`` is not the current folder, and the sync folder and the data folder
    stay apart: change files are not written among the learner's data, and a sync tool never
    gets the database to copy between computers."""
    laptop = computer(tmp_path, "laptop", "a note")
    (laptop / "backups").mkdir()
    before = fingerprint(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(laptop), "sync", "--folder", folder],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert said in result.stderr and "Traceback" not in result.stderr
    assert fingerprint(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laptop"]


LIMITED_SYNC = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a fault must not eat the machine
from ocstudy.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "sync", "--folder", sys.argv[2]]))
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_a_link_to_dev_zero_under_a_change_files_name_is_skipped(
    tmp_path: Path,
) -> None:
    """Where another computer's change file should be, a named pipe (read, it waited forever)
    or a link to ``/dev/zero`` (read without end) is no change file: skipped, the rest
    folded."""
    laptop = computer(tmp_path, "laptop", "a note")
    desktop = computer(tmp_path, "desktop", "the desktop's note")
    folder = tmp_path / "Sync"
    folder.mkdir()
    assert run("--data-dir", str(desktop), "sync", "--folder", str(folder)).returncode == 0
    other = next(folder.glob("*/00000001.json")).parent
    os.mkfifo(other / "00000002.json")
    os.symlink("/dev/zero", other / "00000003.json")
    result = subprocess.run(
        [sys.executable, "-c", LIMITED_SYNC, str(laptop), str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.startswith("Synced with 1 other computer: 0 reviews and 2 changes came in")
    assert "2 files still being copied, read next time." in result.stdout


def test_a_sync_folder_holding_a_fresh_data_folder_is_refused_before_any_data_is_made(
    tmp_path: Path,
) -> None:
    """The check that the two folders stay apart comes before the data folder is made: "nothing
    was changed" means no ``user.db`` lands inside the folder the sync tool copies."""
    folder = tmp_path / "sync"
    folder.mkdir()
    result = run("--data-dir", str(folder / "data"), "sync", "--folder", str(folder))
    assert result.returncode == 2 and result.stdout == ""
    assert "holds ocstudy's data folder" in result.stderr and "nothing was changed" in result.stderr
    assert list(folder.iterdir()) == []
