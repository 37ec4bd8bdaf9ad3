"""An export killed mid-way leaves one hidden ``.partial`` file beside its target, and the next
export to that folder removes it; partials a running export is writing, or that are not ours,
are never touched (issue 21, item 8)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ocstudy.services.exchange.export_files import atomic_file, partial_path
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore

KILLED_MID_EXPORT = """
    import sys
    from pathlib import Path

    from ocstudy import paths
    from ocstudy.content.repository import ContentRepository
    from ocstudy.services.exchange.exports import Exports
    from ocstudy.services.review.quiz import QuizService
    from ocstudy.userdata.database import open_user_database
    from ocstudy.userdata.notes import NoteStore
    from ocstudy.userdata.reviews import ReviewStore

    data_dir, target, kind = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    content, db = ContentRepository.open(paths.content_db_path()), open_user_database(data_dir)
    def cards():
        return QuizService.open(content, ReviewStore(db)).catalogue.cards()

    exports = Exports(content, NoteStore(db), db, cards)

    def progress(done, total):
        if done == total:  # the file is written, not yet renamed over the target
            print("WRITTEN", flush=True)
            sys.stdin.readline()  # killed here
        return True

    if kind == "notes":
        exports.notes(target, progress)
    else:
        exports.anki_deck(target, include_notes=True, progress=progress)
"""


def _partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


@pytest.mark.parametrize(("kind", "name"), [("notes", "notes.json"), ("anki", "deck.apkg")])
def test_an_export_killed_mid_way_leaves_one_partial_the_next_export_removes(
    tmp_path: Path, kind: str, name: str
) -> None:
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    NoteStore(db).save("untoc", "Palermo")
    db.close()
    out = tmp_path / "out"
    out.mkdir()
    target = out / name
    command = [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), "export", kind]
    assert subprocess.run([*command, str(target)], timeout=180).returncode == 0
    before = target.read_bytes()
    driver = [sys.executable, "-c", textwrap.dedent(KILLED_MID_EXPORT)]
    child = subprocess.Popen(
        [*driver, str(data_dir), str(target), kind],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "WRITTEN\n"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
    assert len(_partials(out)) == 1, _partials(out)
    assert target.read_bytes() == before
    assert _partials(data_dir) == []
    result = subprocess.run([*command, str(target)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert _partials(out) == []
    assert sorted(p.name for p in out.iterdir()) == [name]


def test_only_partials_of_ours_whose_writer_is_gone_are_removed(tmp_path: Path) -> None:
    live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=-1)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(timeout=60)
    try:
        target = tmp_path / "notes.md"
        host = partial_path(target, dead.pid).name.split(".")[-2].split("-")[1]
        other_host = "0" * 8 if host != "0" * 8 else "1" * 8  # a folder shared over the network
        removed = [
            partial_path(target, dead.pid),
            partial_path(tmp_path / "deck.apkg", dead.pid),
            tmp_path / ".notes.md.0123abcd.partial",  # an earlier ocstudy's, hours old
        ]
        kept = [
            partial_path(target, live.pid),  # an export another process is writing now
            partial_path(target, os.getpid()),  # one this process is writing
            tmp_path / ".notes.md.4567cdef.partial",  # an earlier ocstudy's, fresh
            tmp_path / ".notes.md.partial",  # not our naming
            tmp_path / "notes.md.1234-0123abcd-89abcdef.partial",  # not hidden: not ours
            tmp_path / f".notes.md.{dead.pid}-{other_host}-0123abcd.partial",
        ]
        for path in removed + kept:
            path.write_text("half an export")
        hours_ago = time.time() - 3 * 3600
        os.utime(removed[2], (hours_ago, hours_ago))
        for path in kept[3:]:
            os.utime(path, (hours_ago, hours_ago))
        folder_like_ours = partial_path(tmp_path / "x.csv", dead.pid)
        folder_like_ours.mkdir()
        link_like_ours = partial_path(tmp_path / "y.csv", dead.pid)
        link_like_ours.symlink_to(kept[0])
        with atomic_file(target) as temp:
            temp.write_text("# notes\n")
        assert not any(path.exists() for path in removed)
        assert all(path.exists() for path in kept)
        assert folder_like_ours.is_dir() and link_like_ours.is_symlink()
        assert target.read_text() == "# notes\n"
    finally:
        live.kill()
        live.wait(timeout=60)
