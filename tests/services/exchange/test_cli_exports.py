"""The exports and the import on the command line, as a user runs them."""

from __future__ import annotations

import configparser
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore


def ocstudy(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_exports_and_import_on_the_command_line(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    NoteStore(open_user_database(mine)).save("untoc", "Palermo, 12-15 December 2000")
    deck = tmp_path / "ocstudy.apkg"
    assert "cards to" in ocstudy(mine, "export", "anki", str(deck), "--with-notes")
    assert "collection.anki2" in " ".join(zipfile.ZipFile(deck).namelist())
    markdown = tmp_path / "notes.md"
    ocstudy(mine, "export", "notes", str(markdown))
    text = markdown.read_text(encoding="utf-8")
    assert "Palermo, 12-15 December 2000" in text and "15 November 2000" in text
    exported = tmp_path / "notes.json"
    ocstudy(mine, "export", "notes", str(exported))
    assert json.loads(exported.read_text())["notes"]["untoc"]["text"].startswith("Palermo")
    csv_file = tmp_path / "cards.csv"
    ocstudy(mine, "export", "csv", str(csv_file))
    assert csv_file.read_text(encoding="utf-8").startswith("#separator:Comma")
    other = tmp_path / "other"
    assert "1 added" in ocstudy(other, "import", "notes", str(exported))
    assert NoteStore(open_user_database(other)).get("untoc").text.startswith("Palermo")  # type: ignore[union-attr]


def test_bad_notes_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ocstudy",
            "--data-dir",
            str(tmp_path / "d"),
            "import",
            "notes",
            str(bad),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_install_desktop_entry(tmp_path: Path) -> None:
    home = tmp_path / "share"
    out = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--install-desktop-entry"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "XDG_DATA_HOME": str(home)},
    )
    assert out.returncode == 0, out.stderr
    entry = home / "applications" / "ocstudy.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(entry)
    assert parser["Desktop Entry"]["Name"] == "ocstudy"
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / "ocstudy.svg").is_file()


def _data_folder(tmp_path: Path) -> Path:
    """A data folder with one note, its database closed (so its bytes stay as they are)."""
    mine = tmp_path / "mine"
    database = open_user_database(mine)
    NoteStore(database).save("untoc", "Palermo")
    database.close()
    return mine


def _tree(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for a folder)."""
    return {
        str(p.relative_to(root)): (None if p.is_dir() else p.read_bytes())
        for p in sorted(root.rglob("*"))
    }


def _one_line_and_exit_2(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ocstudy: "), result.stderr
    return lines[0]


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ocstudy", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["notes", "{missing}/x.md"],
        ["notes", "{missing}/x.json"],
        ["anki", "{missing}/x.apkg"],
        ["anki", "{missing}/x.apkg", "--with-notes"],
        ["csv", "{missing}/x.csv"],
        ["json", "-o", "{missing}/x.json"],
        ["csv", "{folder}"],
        ["notes", "{folder}"],
        ["anki", "{folder}"],
        ["json", "-o", "{folder}"],
    ],
)
def test_an_export_that_cannot_write_its_file_is_one_line_and_exit_2(
    tmp_path: Path, args: list[str]
) -> None:
    """Into a folder that does not exist, or onto a folder: one line, exit 2, nothing written."""
    mine = _data_folder(tmp_path)
    for suffix in (".csv", ".md", ".apkg", ".json"):  # a folder whose name looks like a file
        (tmp_path / f"out{suffix}").mkdir()
    kind = {"csv": ".csv", "notes": ".md", "anki": ".apkg", "json": ".json"}[args[0]]
    folder = tmp_path / f"out{kind}"
    argv = [a.format(missing=tmp_path / "missing", folder=folder) for a in args]
    before = _tree(tmp_path)
    line = _one_line_and_exit_2(_run("--data-dir", str(mine), "export", *argv))
    assert str(tmp_path) in line
    assert _tree(tmp_path) == before


@pytest.mark.parametrize(
    "args", [["notes", "x.json"], ["reviews", "x.csv"], ["json", "-o", "x.json"]]
)
def test_an_export_into_a_file_taken_for_a_folder_says_it_is_a_file(
    tmp_path: Path, args: list[str]
) -> None:
    """``export notes notes.txt/x.json``: the folder named is a file; before the fix the line
    said it did not exist."""
    mine = _data_folder(tmp_path)
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("kept\n")
    argv = [str(not_a_folder / a) if a.startswith("x.") else a for a in args]
    line = _one_line_and_exit_2(_run("--data-dir", str(mine), "export", *argv))
    assert line == f"ocstudy: cannot write {argv[-1]}: {not_a_folder} is a file, not a folder"
    assert not_a_folder.read_text() == "kept\n"


def test_stats_into_a_closed_pipe_exits_0_quietly(tmp_path: Path) -> None:
    """``ocstudy stats | head -0``: the reader has gone before anything is written."""
    mine = _data_folder(tmp_path)
    for args in (["stats"], ["stats", "--json"], ["export", "json"]):
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            result = subprocess.run(
                [sys.executable, "-m", "ocstudy", "--data-dir", str(mine), *args],
                stdout=write_end,
                stderr=subprocess.PIPE,
                text=True,
                timeout=180,
            )
        finally:
            os.close(write_end)
        assert (result.returncode, result.stderr) == (0, ""), args


@pytest.mark.parametrize(
    "args",
    [
        ["anki", "{out}/deck.txt"],
        ["anki", "{out}/deck"],
        ["csv", "{out}/cards.txt"],
        ["csv", "{out}/cards.apkg"],
        ["notes", "{out}/notes.txt"],
        ["json", "-o", "{out}/content.txt"],
        ["json", "-o", "{out}/content.md"],
    ],
)
def test_every_export_checks_its_file_extension(tmp_path: Path, args: list[str]) -> None:
    mine = _data_folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    before = _tree(tmp_path)
    result = _run("--data-dir", str(mine), "export", *[a.format(out=out) for a in args])
    assert "give a ." in _one_line_and_exit_2(result)
    assert _tree(tmp_path) == before


def test_an_extension_is_read_whatever_its_case(tmp_path: Path) -> None:
    mine = _data_folder(tmp_path)
    for args in (["anki", "D.APKG"], ["csv", "C.Csv"], ["notes", "N.MD"], ["json", "-o", "J.JSON"]):
        target = tmp_path / args[-1]
        assert str(target) in ocstudy(mine, "export", *args[:-1], str(target))
        assert target.stat().st_size > 0


def test_export_json_to_standard_output_with_a_dash(tmp_path: Path) -> None:
    result = _run("export", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["format"] == "ocstudy-content"
    assert list(tmp_path.iterdir()) == []


def test_every_export_is_the_users_only(tmp_path: Path) -> None:
    mine = _data_folder(tmp_path)
    for args in (
        ["anki", "with-notes.apkg", "--with-notes"],
        ["anki", "deck.apkg"],
        ["csv", "cards.csv"],
        ["notes", "notes.md"],
        ["notes", "notes.json"],
        ["json", "-o", "content.json"],
    ):
        name = next(a for a in args if "." in a)
        ocstudy(mine, "export", *[str(tmp_path / a) if a == name else a for a in args])
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
