"""Importing many notes takes time in proportion to their number, and an import file that is
not a regular file (``/dev/zero``, a named pipe) is refused at once, changing nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from named_pipes import raised_without_waiting
from ocstudy.services.exchange.formats import NOTES
from ocstudy.services.exchange.notes_io import NotesImportError, import_notes
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore


def export_file(path: Path, count: int) -> Path:
    notes = {
        f"slug-{n:06d}": {"text": f"note number {n} on the Palermo convention"}
        for n in range(count)
    }
    path.write_text(json.dumps({"format": NOTES.name, "format_version": 1, "notes": notes}))
    return path


def import_steps(folder: Path, count: int) -> int:
    """SQLite virtual-machine steps (in thousands) taken to import ``count`` notes into an
    empty store: a measure of the work that no clock or machine load changes."""
    db = open_user_database(folder)
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    db.conn.set_progress_handler(tick, 1000)
    summary = import_notes(
        export_file(folder / "in.json", count), NoteStore(db), (), transaction=db.atomic
    )
    db.conn.set_progress_handler(None, 0)
    assert len(summary.added) == count
    assert db.execute("SELECT count(*) FROM notes_search").fetchone()[0] == count
    db.close()
    return steps[0]


def test_importing_notes_takes_time_in_proportion_to_their_number(tmp_path: Path) -> None:
    small = import_steps(tmp_path / "small", 500)
    large = import_steps(tmp_path / "large", 4000)
    assert large < 8 * small * 1.5, (small, large)  # quadratic would be 64 times


def test_the_search_index_follows_edits_and_deletes_of_many_notes(tmp_path: Path) -> None:
    db = open_user_database(tmp_path)
    store = NoteStore(db)
    for n in range(50):
        store.save(f"s{n}", f"alpha{n}")
    store.save("s7", "beta")
    store.delete("s8")
    assert store.search("alpha7") == [] and store.search("beta") == ["s7"]
    assert store.search("alpha8") == [] and store.search("alpha9") == ["s9"]
    assert db.execute("SELECT count(*) FROM notes_search").fetchone()[0] == 49


def _store(tmp_path: Path) -> NoteStore:
    store = NoteStore(open_user_database(tmp_path / "data"))
    store.save("untoc", "kept")
    return store


DEV_ZERO_IMPORT = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a fault must not eat the machine
from ocstudy.services.exchange.notes_io import NotesImportError, import_notes
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
try:
    import_notes(Path("/dev/zero"), NoteStore(open_user_database(Path(sys.argv[1]))), ())
except NotesImportError as error:
    print(error)
"""


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_as_the_import_file_is_refused(tmp_path: Path) -> None:
    store = _store(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", DEV_ZERO_IMPORT, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert "zero is not a regular file" in result.stdout
    assert [(n.slug, n.text) for n in store.all()] == [("untoc", "kept")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_as_the_import_file_is_refused_without_waiting(tmp_path: Path) -> None:
    store = _store(tmp_path)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    raised = raised_without_waiting(
        lambda: import_notes(fifo, NoteStore(open_user_database(tmp_path / "data")), ()), fifo
    )
    assert isinstance(raised, NotesImportError) and "not a regular file" in str(raised)
    assert [(n.slug, n.text) for n in store.all()] == [("untoc", "kept")]


def test_an_index_written_by_an_earlier_ocstudy_is_rebuilt_before_the_first_write(
    tmp_path: Path,
) -> None:
    db = open_user_database(tmp_path)
    for slug, text in (("a", "old alpha"), ("b", "old beta")):  # as the first ocstudy wrote
        db.execute("INSERT INTO notes VALUES (?, ?, '2026-01-01', '2026-01-01')", (slug, text))
        db.execute("INSERT INTO notes_search (rowid, slug, text) VALUES (?, ?, ?)", (
            {"a": 7, "b": 1}[slug], slug, text))  # fmt: skip
    store = NoteStore(db)
    store.save("a", "new gamma")
    assert store.search("alpha") == [] and store.search("gamma") == ["a"]
    assert store.search("beta") == ["b"]
    assert db.execute("SELECT count(*) FROM notes_search").fetchone()[0] == 2
