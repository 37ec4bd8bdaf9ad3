"""A writing command (``import``, ``restore``, ``plan --exam``) makes the data folder, but only
for what it writes: given a file or a date it cannot take, on a folder with no data yet, it says
so in one line, exits 2 and makes no folder ("nothing was changed" means it)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

#: An exam date to come, within the years a plan may span.
SOON = (date.today() + timedelta(days=60)).isoformat()


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["import", "notes", "{bad}"], "bad.json is plain text, not an ocstudy notes export"),
        (["import", "own-cards", "{bad}"], "bad.json is plain text, not an ocstudy own-cards"),
        (["import", "tags", "{bad}"], "bad.json is plain text, not an ocstudy tags export"),
        (["import", "reviews", "{bad}"], "bad.json is plain text, not an ocstudy reviews export"),
        (["import", "anki-reviews", "{bad}"], "bad.json is plain text, not an Anki package"),
        (["import", "notes", "{missing}"], "cannot read {missing}: No such file or directory"),
        (["restore", "{bad}"], "{bad} is not a good ocstudy backup: not a SQLite database"),
        (["plan", "--exam", "2027-13-01"], "--exam '2027-13-01' is not a date such as"),
        (["plan", "--exam", "2020-01-01"], "the exam date 2020-01-01 has passed"),
        (["plan", "--exam", SOON, "--minutes", "0"], "minutes a day 0 is not in 1-1440"),
        (["plan", "--exam", SOON, "--scope", "nothing"], "scope 'nothing' is not one of"),
    ],
)
def test_a_bad_file_or_date_on_a_fresh_folder_makes_no_data_folder(
    tmp_path: Path, command: list[str], said: str
) -> None:
    bad, missing = tmp_path / "bad.json", tmp_path / "missing.json"
    bad.write_text("remember the Palermo Convention\n", encoding="utf-8")
    data_dir = tmp_path / "new" / "data"
    names = {"bad": bad, "missing": missing}
    result = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir)]
        + [part.format(**names) for part in command],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and said.format(**names) in lines[0], lines
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


@pytest.mark.parametrize(
    "command",
    [
        ["plan", "--exam", SOON],
        ["plan", "--clear"],
        ["import", "notes", "{notes}"],
        ["backup"],
        ["export", "notes", "{out}"],
        ["stats"],
        ["sync", "--folder", "{sync}"],
    ],
)
def test_a_data_dir_that_is_a_file_says_so(tmp_path: Path, command: list[str]) -> None:
    """A writing command and a reading one say the same, in the window's words (``userdata``)."""
    notes = tmp_path / "notes.json"
    notes.write_text('{"format": "ocstudy-notes", "format_version": 1, "notes": {}}')
    not_a_folder = tmp_path / "data.txt"
    not_a_folder.write_text("my shopping list\n")
    synced = tmp_path / "Sync"
    synced.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(not_a_folder)]
        + [part.format(notes=notes, out=tmp_path / "out.json", sync=synced) for part in command],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"ocstudy: {not_a_folder} is a file, not a data folder; nothing was changed"
    ]
    assert not_a_folder.read_text() == "my shopping list\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Sync", "data.txt", "notes.json"]


def test_clearing_the_exam_on_a_fresh_folder_says_none_is_set_and_makes_nothing(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "new" / "data"
    result = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), "plan", "--clear"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.splitlines() == ["No exam date is set; nothing was changed."]
    assert list(tmp_path.iterdir()) == []
