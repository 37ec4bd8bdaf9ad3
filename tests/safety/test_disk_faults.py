"""A full disk, a read-only mount, a locked database: the learner's data is reported as it is,
never taken for damaged, never moved, never overwritten.

A full disk is played without root by ``RLIMIT_FSIZE`` in a child process (a write past the
limit fails with ``EFBIG``, which SQLite reports as a disk I/O error), and, where the tests may
mount, by a tiny tmpfs (``ENOSPC``). A read-only mount is a read-only bind mount in a private
mount namespace (``unshare``), skipped where that is not possible.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ocstudy.userdata.backups import backups_dir, create_backup
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.startup import recover

SRC = Path(__file__).resolve().parents[2] / "src"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_with_notes(data_dir: Path, count: int = 3, backup: bool = True) -> dict[str, str]:
    """A healthy data folder (closed cleanly: no -wal), with a backup older than its notes."""
    db = open_user_database(data_dir)
    store = NoteStore(db)
    store.save("untoc", "in the backup")
    if backup:
        create_backup(db.conn, backups_dir(data_dir), datetime(2026, 11, 1, tzinfo=UTC))
    notes = {f"slug-{n}": f"newest note {n}" for n in range(count)}
    notes["untoc"] = "newer than the backup"
    for slug, text in notes.items():
        store.save(slug, text)
    db.close()
    return notes


def notes_on_disk(data_dir: Path) -> dict[str, str]:
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    try:
        return dict(connection.execute("SELECT slug, text FROM notes").fetchall())
    finally:
        connection.close()


def run_child(code: str, *, fsize: int | None = None) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh Python, its file writes limited to ``fsize`` bytes (a full disk)."""
    prologue = ""
    if fsize is not None:
        prologue = (
            "import resource, signal\n"
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({fsize}, {fsize}))\n"
        )
    env = {**os.environ, "PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", prologue + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


START_UP = """
    from pathlib import Path
    from ocstudy.app import open_user_data
    db, message = open_user_data(Path({data_dir!r}))
    print("MESSAGE:", message)
    print("NOTES:", db.execute("SELECT count(*) FROM notes").fetchone()[0])
"""


def set_aside(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob(f"{USER_DB_NAME}.damaged-*"))


@pytest.mark.parametrize("fsize", [1, 40_000])
def test_a_full_disk_at_start_up_is_no_damage(tmp_path: Path, fsize: int) -> None:
    """1 byte: the -shm cannot be made; 40 kB: it can, the first write cannot."""
    data_dir = tmp_path / "data"
    notes = data_with_notes(data_dir)
    before = digest(data_dir / USER_DB_NAME)
    for _ in range(2):  # a quick relaunch too
        result = run_child(START_UP.format(data_dir=str(data_dir)), fsize=fsize)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "is damaged" not in result.stdout
        assert set_aside(data_dir) == []
        assert digest(data_dir / USER_DB_NAME) == before
    # once there is space again, the newest notes are all there, not the older backup's
    assert notes_on_disk(data_dir) == notes
    db = open_user_database(data_dir)
    assert NoteStore(db).get("untoc").text == "newer than the backup"  # type: ignore[union-attr]
    db.close()


def test_a_full_disk_at_start_up_is_reported_as_such(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    notes = data_with_notes(data_dir)
    result = run_child(START_UP.format(data_dir=str(data_dir)), fsize=1)
    assert result.returncode == 0, result.stderr
    message = result.stdout.split("MESSAGE:", 1)[1].split("\n", 1)[0]
    assert "disk" in message and "is damaged" not in message
    shown = int(result.stdout.split("NOTES:", 1)[1])
    assert shown == len(notes)  # the real data, read only
    assert notes_on_disk(data_dir) == notes


def test_the_command_line_on_a_full_disk_says_so_and_changes_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_with_notes(data_dir)
    before = digest(data_dir / USER_DB_NAME)
    code = f"""
        import sys
        from ocstudy.cli import main
        sys.exit(main(["--data-dir", {str(data_dir)!r}, "stats"]))
    """
    result = run_child(code, fsize=1)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "disk" in result.stderr and "is damaged" not in result.stderr
    assert digest(data_dir / USER_DB_NAME) == before and set_aside(data_dir) == []


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> object:
    """A 1 MB tmpfs, if this test may mount one (root); unmounted afterwards."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(descriptor: int) -> None:
    """Write zeros until the disk is full."""
    while True:
        os.write(descriptor, b"\0" * 4096)


def test_a_really_full_disk_at_start_up_is_no_damage(tiny_tmpfs: Path) -> None:
    data_dir = tiny_tmpfs / "data"
    notes = data_with_notes(data_dir)
    before = digest(data_dir / USER_DB_NAME)
    filler = tiny_tmpfs / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    with pytest.raises(OSError, match="No space left on device"):
        _fill(descriptor)
    os.close(descriptor)
    result = run_child(START_UP.format(data_dir=str(data_dir)))
    assert result.returncode == 0, result.stderr
    assert "is damaged" not in result.stdout and set_aside(data_dir) == []
    assert digest(data_dir / USER_DB_NAME) == before
    filler.unlink()
    assert notes_on_disk(data_dir) == notes


def test_every_file_set_aside_gets_its_own_name(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_with_notes(data_dir, backup=False)
    moment = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    kept = []
    for round_ in range(3):  # the same second each time
        (data_dir / USER_DB_NAME).write_bytes(b"garbage %d " % round_ * 500)
        recovery = recover(data_dir, now=moment)
        kept.append(recovery.moved_to)
        assert recovery.moved_to.name in recovery.message
    assert len(set(kept)) == 3
    for round_, path in enumerate(kept):
        assert path.read_bytes() == b"garbage %d " % round_ * 500  # none overwritten


def unshare_prefix() -> list[str]:
    """A private mount namespace (root: ``unshare -m``; others: a user namespace too)."""
    if shutil.which("unshare") is None:
        pytest.skip("no unshare here")
    prefix = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
    probe = subprocess.run([*prefix, "mount", "-t", "tmpfs", "tmpfs", "/mnt"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot mount in a private namespace: {probe.stderr.decode().strip()}")
    return prefix


CRASH_WITH_WAL = """
    import os, sqlite3
    connection = sqlite3.connect({path!r}, isolation_level=None)
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute("UPDATE notes SET text = 'only in the -wal' WHERE slug = 'untoc'")
    os._exit(0)  # no checkpoint: the newest text is only in the -wal
"""

ON_A_READ_ONLY_MOUNT = """
    import subprocess
    from pathlib import Path
    from ocstudy.app import open_user_data
    from ocstudy.userdata.database import UserDatabaseError
    from ocstudy.userdata.notes import NoteStore
    data_dir = Path({data_dir!r})
    db, message = open_user_data(data_dir)
    store = NoteStore(db)
    print("SHOWN:", store.get("untoc").text if store.get("untoc") else None)
    print("COUNT:", len(store.all()))
    try:
        store.save("untoc", "typed while read-only")
        print("SAVED WHILE READ-ONLY")
    except UserDatabaseError as error:
        print("REFUSED:", error)
    # the mount becomes writable; the learner adds to the note the window shows
    subprocess.run(["mount", "-o", "remount,bind,rw", str(data_dir)], check=True)
    shown = store.get("untoc").text if store.get("untoc") else ""
    try:
        store.save("untoc", shown + " +typed")
    except UserDatabaseError as error:
        print("REFUSED LATER:", error)
"""


@pytest.mark.parametrize("left", ["closed cleanly", "-wal and -shm of a crash", "-wal only"])
def test_a_read_only_mount_shows_the_real_data_and_never_writes_over_it(
    tmp_path: Path, left: str
) -> None:
    prefix = unshare_prefix()
    data_dir = tmp_path / "data"
    notes = data_with_notes(data_dir)
    if left != "closed cleanly":
        result = run_child(CRASH_WITH_WAL.format(path=str(data_dir / USER_DB_NAME)))
        assert result.returncode == 0, result.stderr
        notes["untoc"] = "only in the -wal"
        assert (data_dir / (USER_DB_NAME + "-wal")).stat().st_size > 0
    if left == "-wal only":
        (data_dir / (USER_DB_NAME + "-shm")).unlink()
    mount = f"mount --bind {data_dir} {data_dir} && mount -o remount,bind,ro {data_dir}"
    script = textwrap.dedent(ON_A_READ_ONLY_MOUNT.format(data_dir=str(data_dir)))
    env = {**os.environ, "PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [*prefix, "sh", "-c", f'{mount} && exec "$0" -c "$1"', sys.executable, script],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert f"SHOWN: {notes['untoc']}" in result.stdout
    assert f"COUNT: {len(notes)}" in result.stdout
    assert "SAVED WHILE READ-ONLY" not in result.stdout
    final = notes_on_disk(data_dir)
    # what is on disk is the real data, or the real data with the learner's addition
    assert final["untoc"] in (notes["untoc"], notes["untoc"] + " +typed")
    assert {k: v for k, v in final.items() if k != "untoc"} == {
        k: v for k, v in notes.items() if k != "untoc"
    }


def test_an_empty_stand_in_never_replaces_the_real_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever could not be read at start, a note typed into the empty stand-in is refused
    once the real data can be written, rather than written over it."""
    from ocstudy.userdata import database, read_only

    data_dir = tmp_path / "data"
    notes = data_with_notes(data_dir)
    monkeypatch.setattr(read_only, "_read_only_connection", lambda _path: None)
    stand_in = read_only.open_read_only(data_dir)
    assert NoteStore(stand_in).all() == []
    with pytest.raises(database.ReadOnlyError, match="restart ocstudy"):
        NoteStore(stand_in).save("untoc", "typed into the stand-in")
    assert notes_on_disk(data_dir) == notes
