"""The sync against the faults of a real machine: the synced folder's disk full while a change
file is written, and two processes syncing the same data folder at once. Nothing of the
learner's is lost; a failure is one line (exit 2) and the next sync carries on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.safety.test_disk_faults import tiny_tmpfs  # noqa: F401 (a fixture)

from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore

pytestmark = pytest.mark.slow


def sync(data_dir: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "ocstudy",
            "--data-dir",
            str(data_dir),
            "sync",
            "--folder",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def write_notes(data_dir: Path, notes: dict[str, str]) -> None:
    db = open_user_database(data_dir)
    for slug, text in notes.items():
        NoteStore(db).save(slug, text)
    db.close()


def notes_of(data_dir: Path) -> dict[str, str]:
    db = open_user_database(data_dir)
    try:
        return {note.slug: note.text for note in NoteStore(db).all()}
    finally:
        db.close()


def test_a_full_synced_folder_is_one_line_and_the_next_sync_sends_all(
    tmp_path: Path,
    tiny_tmpfs: Path,  # noqa: F811
) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    notes = {f"slug-{n}": "a long note " * 2_000 for n in range(6)}  # 24 KB each
    write_notes(laptop, notes)
    filler = tiny_tmpfs / "filler"
    with filler.open("wb") as stream:
        try:
            while True:
                stream.write(b"\0" * 65_536)
        except OSError:
            pass
    full = sync(laptop, tiny_tmpfs)
    assert full.returncode == 2, full.stdout
    assert full.stdout == ""
    assert len(full.stderr.strip().splitlines()) == 1
    assert "your data is safe" in full.stderr
    assert notes_of(laptop) == notes
    assert not [p for p in tiny_tmpfs.rglob("*") if p.is_file() and p != filler]  # no partial
    filler.unlink()
    assert sync(laptop, tiny_tmpfs).returncode == 0
    assert sync(desktop, tiny_tmpfs).returncode == 0
    assert notes_of(desktop) == notes


def test_two_processes_syncing_one_data_folder_at_once_lose_nothing_and_send_it_once(
    tmp_path: Path,
) -> None:
    laptop, desktop, folder = tmp_path / "laptop", tmp_path / "desktop", tmp_path / "Sync"
    folder.mkdir()
    notes = {f"slug-{n}": f"note {n}" for n in range(20)}
    write_notes(laptop, notes)
    command = [sys.executable, "-m", "ocstudy", "--data-dir", str(laptop), "sync", "--folder",
               str(folder)]  # fmt: skip
    both = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]  # fmt: skip
    results = [(process.wait(timeout=120), *process.communicate()) for process in both]
    for code, out, err in results:
        assert code in (0, 2), err
        assert len((out + err).strip().splitlines()) == 1, (out, err)
    assert any(code == 0 for code, _out, _err in results)
    assert sync(laptop, folder).returncode == 0
    files = sorted(p.name for p in folder.rglob("*.json"))
    assert len(files) == len(set(files))
    assert sync(desktop, folder).returncode == 0
    assert notes_of(desktop) == notes
    assert notes_of(laptop) == notes
