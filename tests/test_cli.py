"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocstudy import __version__, paths


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ocstudy", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ocstudy {__version__}"


def test_export_json_has_every_instrument_and_body(tmp_path: Path) -> None:
    out = tmp_path / "content.json"
    result = run("export", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "ocstudy-content"
    assert {"untoc", "tip-protocol", "single-convention", "hague-convention"} <= set(
        document["instruments"]
    )
    assert {"unodc", "ccpcj", "cnd", "incb"} <= set(document["bodies"])
    assert len(document["instruments"]) + len(document["bodies"]) >= 50
    firearms = document["instruments"]["firearms-protocol"]
    differences = {d["label"]: d for d in firearms["differences"]}
    assert "3 June 2005" in differences["Entered into force"]["paper"]
    assert differences["Entered into force"]["record"] == "3 July 2005"
    assert all(event["citations"] for event in document["events"])
    for entity in [*document["instruments"].values(), *document["bodies"].values()]:
        for table in ("events", "counts", "documents", "provisions", "statements", "relations"):
            for fact in entity[table]:
                assert fact["citations"], fact["id"]
                for citation in fact["citations"]:
                    assert citation["section"]["title"]


def test_export_json_to_stdout() -> None:
    result = run("export", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["paper"]["author"] == "Mandeep Kaur"


@pytest.mark.parametrize("content", [None, b"", b"not a database at all" * 50])
def test_bad_content_database_is_one_line_and_exit_2(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "ocstudy.db"
    if content is not None:
        path.write_bytes(content)
    result = run("export", "json", env={paths.CONTENT_DB_ENV: str(path)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0]
    assert result.stdout == ""


def test_build_content_check_passes() -> None:
    result = run("build-content", "--check")
    assert result.returncode == 0, result.stderr
    assert "entities" in result.stdout
    assert result.stderr == ""


def test_build_content_writes_a_database(tmp_path: Path) -> None:
    target = tmp_path / "built.db"
    result = run("build-content", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 0


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env"))
    assert paths.resolve_data_dir(str(tmp_path / "cli")) == tmp_path / "cli"
    assert paths.resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    assert paths.resolve_data_dir(None) == paths.default_data_dir()
    assert str(paths.default_data_dir()).startswith(os.environ["HOME"])


def test_launch_with_a_missing_content_database_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "gone.db"
    result = run(
        "--data-dir",
        str(tmp_path / "data"),
        env={paths.CONTENT_DB_ENV: str(missing), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert [line for line in lines if line.startswith("ocstudy:")] == lines[-1:]
    assert str(missing) in lines[-1]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--data-dir"], "argument --data-dir: expected one argument"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["stats", "--data-dir", "D", "--version"], "unrecognized arguments"),
    ],
)
def test_a_wrong_command_line_gets_the_whole_usage(args: list[str], error: str) -> None:
    """A plain launch reads its options with a light parser; anything else, mistakes included,
    is read and explained by the whole one."""
    result = run(*args)
    assert result.returncode == 2 and error in result.stderr
    assert "COMMAND ..." in result.stderr and "Traceback" not in result.stderr


def test_a_plain_launch_needs_no_subcommand_parser() -> None:
    from ocstudy.cli import _plain_launch

    args = _plain_launch(["--data-dir", "somewhere"])
    assert args is not None and (args.data_dir, args.command) == ("somewhere", None)
    assert not args.install_desktop_entry
    assert _plain_launch(["--version"]) is None and _plain_launch(["backup"]) is None


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["stats", "--json"],
        ["backup"],
        ["export", "notes", "{out}/notes.md"],
        ["export", "anki", "{out}/deck.apkg", "--with-notes"],
        ["export", "csv", "{out}/cards.csv"],
    ],
)
@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_a_command_that_only_reads_makes_no_data_folder(
    tmp_path: Path, command: list[str], folder: str
) -> None:
    """A mistyped ``--data-dir`` is not created by a command that only reads the data: it says
    there is no data there and exits 2; only the app and the writing commands make it."""
    data_dir = tmp_path / "typo"
    if folder == "empty":
        data_dir.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    result = run("--data-dir", str(data_dir), *[a.format(out=out) for a in command])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"no ocstudy data in {data_dir}" in lines[0]
    assert sorted(p.name for p in tmp_path.rglob("*")) == (
        ["out", "typo"] if folder == "empty" else ["out"]
    )


def test_a_writing_command_makes_the_data_folder(tmp_path: Path) -> None:
    notes = tmp_path / "notes.json"
    notes.write_text(json.dumps({"format": "ocstudy-notes", "format_version": 1, "notes": {}}))
    data_dir = tmp_path / "new" / "data"
    result = run("--data-dir", str(data_dir), "import", "notes", str(notes))
    assert result.returncode == 0, result.stderr
    assert (data_dir / "user.db").is_file()


def test_restore_of_a_file_that_is_not_there_says_not_found(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    missing = tmp_path / "nonexistent"
    result = run("--data-dir", str(data_dir), "restore", str(missing))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{missing} not found" in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_damaged_data_on_the_command_line_says_what_to_do(tmp_path: Path) -> None:
    """The README promises a line naming the file and what to do."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "user.db").write_bytes(b"garbage" * 300)
    result = run("--data-dir", str(data_dir), "stats")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(data_dir / "user.db") in lines[0]
    assert "start ocstudy" in lines[0] and "newest good backup" in lines[0]
    assert (data_dir / "user.db").read_bytes() == b"garbage" * 300


def test_missing_content_names_the_checkouts_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a checkout without a built database, the path named is where ``build-content``
    writes it (``data/ocstudy.db``, whose folder exists), not one inside the package."""
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "data").mkdir()
    (tmp_path / "src" / "ocstudy").mkdir(parents=True)
    monkeypatch.setattr(paths, "CHECKOUT_ROOT", tmp_path)
    monkeypatch.setattr(paths, "PACKAGE_DIR", tmp_path / "src" / "ocstudy")
    assert paths.content_db_path() == tmp_path / "data" / "ocstudy.db"
    installed = tmp_path / "src" / "ocstudy" / "data"
    installed.mkdir()
    assert paths.content_db_path() == installed / "ocstudy.db"  # a wheel: its own copy


def test_help_says_that_no_command_launches_the_app() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: ocstudy [-h]") and "[COMMAND ...]" in result.stdout
    assert (
        "ocstudy with no COMMAND opens the app; a COMMAND does one thing from the command "
        "line and exits." in " ".join(result.stdout.split())
    )


def test_every_command_says_what_it_does_and_shows_its_own_usage() -> None:
    """Each command's line in --help starts with what it does, and ``ocstudy COMMAND --help``
    starts "usage: ocstudy COMMAND" (not with the main usage line in front)."""
    import argparse

    from ocstudy.cli import _parser

    def commands(parser: argparse.ArgumentParser, path: str) -> list[tuple[str, str, str]]:
        found = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    sub = action.choices[choice.dest]
                    found.append((f"{path} {choice.dest}", choice.help or "", sub.format_usage()))
                    found += commands(sub, f"{path} {choice.dest}")
        return found

    found = commands(_parser(), "ocstudy")
    assert len(found) >= 19
    for name, help_line, usage in found:
        assert help_line[:1].islower() and not help_line.endswith("."), (name, help_line)
        assert usage.startswith(f"usage: {name} "), (name, usage)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["stats"], ["export", "json"]])
def test_output_onto_a_full_disk_is_one_line_and_exit_2(tmp_path: Path, command: list[str]) -> None:
    from ocstudy.userdata.database import open_user_database

    open_user_database(tmp_path / "data").close()
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "ocstudy", "--data-dir", str(tmp_path / "data"), *command],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "ocstudy: cannot write the output: No space left on device"
    ]


def test_one_note_is_one_note(tmp_path: Path) -> None:
    from ocstudy.userdata.database import open_user_database
    from ocstudy.userdata.notes import NoteStore

    data = tmp_path / "data"
    NoteStore(open_user_database(data)).save("cnd", "the one note")
    result = run("--data-dir", str(data), "export", "notes", str(tmp_path / "notes.json"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Exported 1 note to ")


@pytest.mark.parametrize("command", [["import", "notes", "{notes}"], ["stats"], []])
def test_an_empty_data_dir_is_refused_not_read_as_the_default_folder(
    tmp_path: Path, command: list[str]
) -> None:
    """``--data-dir "$DIR"`` with ``DIR`` unset must not import into (or open) the learner's
    real data folder: an empty folder name is a mistake, said in one line, exit 2."""
    notes = tmp_path / "notes.json"
    notes.write_text(json.dumps({"format": "ocstudy-notes", "format_version": 1, "notes": {}}))
    result = run(
        "--data-dir",
        "",
        *[a.format(notes=notes) for a in command],
        env={"QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "argument --data-dir: give a folder, not an empty name" in result.stderr
    assert not paths.default_data_dir().exists()


def test_install_desktop_entry_with_a_command_is_refused_not_the_command_dropped(
    tmp_path: Path,
) -> None:
    """``--install-desktop-entry`` installs and exits: with a COMMAND too, the command would
    silently not run (exit 0, no export), so the pair is refused and nothing is installed."""
    out = tmp_path / "notes.json"
    result = run("--install-desktop-entry", "export", "json", "-o", str(out))
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "ocstudy: --install-desktop-entry goes alone: run it, then the command export"
    ]
    assert not out.exists()
    assert not (Path(os.environ["XDG_DATA_HOME"]) / "applications").exists()


def test_restore_of_a_folder_says_it_is_no_file_not_that_it_is_missing(tmp_path: Path) -> None:
    data_dir, folder = tmp_path / "data", tmp_path / "backups"
    folder.mkdir()
    result = run("--data-dir", str(data_dir), "restore", str(folder))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"ocstudy: {folder} is not a file (a backup is one .db file); nothing was changed"
    ]
    assert list(tmp_path.iterdir()) == [folder]
