"""Backups: consistent copies through SQLite's backup API, numbered in the order they were
written, kept as a daily/weekly/monthly ladder; half backups are never left behind."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ocstudy.services.safety import DataSafety
from ocstudy.userdata.backup_check import is_healthy, newest_healthy
from ocstudy.userdata.backups import (
    RECENT,
    Backup,
    backups_dir,
    create_backup,
    kept,
    list_backups,
    prune,
)
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.notes import NoteStore

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def test_backup_is_a_consistent_copy_that_restores(data_dir: Path) -> None:
    db = open_user_database(data_dir)
    notes = NoteStore(db)
    notes.save("untoc", "before the backup")
    backup = create_backup(db.conn, backups_dir(data_dir), NOW)
    assert backup.name == "user-20261129-120000-n1.db" and is_healthy(backup)
    notes.save("untoc", "after the backup")
    notes.save("cnd", "new")
    assert DataSafety(db, data_dir).restore(backup) is not None
    assert notes.get("untoc").text == "before the backup"  # type: ignore[union-attr]
    assert notes.get("cnd") is None
    assert notes.search("before") == ["untoc"]


def made(written: list[datetime]) -> list[Backup]:
    """Backups made at these clock times, in this order: the last written first."""
    backups = [Backup(n + 1, when, 0, Path(f"{n + 1}.db")) for n, when in enumerate(written)]
    return backups[::-1]


def test_ladder_keeps_seven_days_four_weeks_twelve_months() -> None:
    backups = made([NOW - timedelta(hours=hours) for hours in range(24 * 400, -1, -12)])
    keep = kept(backups, NOW)
    days = {b.taken_at.date() for b in backups if b.path in keep}
    assert backups[0].path in keep and len(keep) <= RECENT + 7 + 4 + 12
    assert {(NOW - timedelta(days=d)).date() for d in range(7)} <= days
    assert len({(b.taken_at.year, b.taken_at.month) for b in backups if b.path in keep}) >= 12
    assert kept([b for b in backups if b.path in keep], NOW) == keep  # pruning again: none


def test_the_ladder_goes_by_the_order_backups_were_written_whatever_the_clock() -> None:
    """A backup a day for 60 days, one made with the clock at 2031 on day 20, the last one
    with a dead battery's 1970: the last written is kept, and the 2031 one ages like the
    others (it holds no month's place of its own)."""
    written = [NOW + timedelta(days=day) for day in range(60)]
    written[20] = datetime(2031, 1, 1, tzinfo=UTC)
    written.append(datetime(1970, 1, 1, tzinfo=UTC))
    backups = made(written)
    now = NOW + timedelta(days=60)
    keep = kept(backups, now)
    assert backups[0].taken_at.year == 1970 and backups[0].path in keep
    assert {b.path for b in backups[:RECENT]} <= keep
    future = next(b for b in backups if b.taken_at.year == 2031)
    assert future.dated_in_the_future(now) and future.path not in keep
    real_months = {(b.taken_at.year, b.taken_at.month) for b in backups if b.path in keep}
    assert {(2026, 11), (2026, 12), (2027, 1)} <= real_months
    assert len(keep) <= RECENT + 7 + 4 + 12
    # pruned while the clock says 1970, the ladder keeps the same: nothing collapses into one day
    assert kept(backups, datetime(1970, 1, 1, 1, tzinfo=UTC)) == keep


def test_a_backup_made_with_the_clock_behind_is_the_newest_and_never_pruned(
    data_dir: Path,
) -> None:
    db = open_user_database(data_dir)
    folder = backups_dir(data_dir)
    for day in range(12):
        create_backup(db.conn, folder, NOW + timedelta(days=day))
    NoteStore(db).save("untoc", "written with the clock at 1970")
    last = create_backup(db.conn, folder, datetime(1970, 1, 1, tzinfo=UTC))
    assert last.exists() and list_backups(folder)[0].path == last
    assert newest_healthy(folder)[0].path == last  # type: ignore[union-attr]
    assert prune(folder, NOW + timedelta(days=12)) == []


def test_damaged_backups_are_skipped(data_dir: Path, tmp_path: Path) -> None:
    db = open_user_database(data_dir)
    folder = tmp_path / "backups"
    good = create_backup(db.conn, folder, NOW - timedelta(days=1))
    bad = create_backup(db.conn, folder, NOW)
    bad.write_bytes(b"not a database at all" * 10)
    assert not is_healthy(bad)
    found, passed = newest_healthy(folder)
    assert found is not None and found.path == good
    assert [backup.path for backup, _ in passed] == [bad]
    assert newest_healthy(tmp_path / "none") == (None, [])


def test_backups_of_an_ocstudy_that_did_not_number_them_come_first(data_dir: Path) -> None:
    db = open_user_database(data_dir)
    folder = backups_dir(data_dir)
    numbered = create_backup(db.conn, folder, NOW - timedelta(days=3))
    for name in ("user-20301231-000000.db", "user-20301231-000000-1.db"):
        (folder / name).write_bytes(numbered.read_bytes())
    assert list_backups(folder)[0].path == numbered
    assert [b.path.name for b in list_backups(folder)[1:]] == [
        "user-20301231-000000-1.db",
        "user-20301231-000000.db",
    ]
    assert create_backup(db.conn, folder, NOW).name == "user-20261129-120000-n2.db"


@pytest.mark.parametrize("stop_at", [1, 3, 6, 10, 20])
def test_a_cancelled_restore_changes_nothing_and_leaves_nothing(
    data_dir: Path, tmp_path: Path, stop_at: int
) -> None:
    db = open_user_database(data_dir)
    notes = NoteStore(db)
    notes.save("untoc", "x" * 3_000_000)  # enough pages for many steps
    backup = create_backup(db.conn, tmp_path / "backups", NOW)
    notes.save("untoc", "kept")
    calls: list[tuple[int, int]] = []

    def stop(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < stop_at

    assert DataSafety(db, data_dir).restore(backup, stop) is None
    assert len(calls) == stop_at and notes.get("untoc").text == "kept"  # type: ignore[union-attr]
    assert db.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    left = [p.name for p in data_dir.rglob("*")]
    assert not any(".restore-" in name or ".partial" in name for name in left), left
    restored = DataSafety(db, data_dir).restore(backup, lambda done, total: True)
    assert restored is not None and notes.get("untoc").text == "x" * 3_000_000  # type: ignore[union-attr]


def test_a_stale_half_backup_is_removed_by_the_next_backup_and_one_in_progress_is_not(
    data_dir: Path,
) -> None:
    db = open_user_database(data_dir)
    folder = backups_dir(data_dir)
    folder.mkdir()
    stale = [folder / "user-20261102-000000.db.partial", folder / ".user-k1ll3d.db.partial"]
    for path in stale:
        path.write_bytes(b"half a backup" * 1000)
    (folder / ".user-k1ll3d.db.partial-journal").write_bytes(b"its journal")
    writing = folder / ".user-wr1t1ng.db.partial"
    writing.write_bytes(b"another process's backup, half written")
    holder = os.open(writing, os.O_RDONLY)  # as the writer holds it
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        create_backup(db.conn, folder, NOW)
        left = sorted(p.name for p in folder.iterdir() if not p.name.startswith("user-2026"))
        assert left == [writing.name]
    finally:
        os.close(holder)
    create_backup(db.conn, folder, NOW)
    assert not list(folder.glob("*.partial*"))


def big_database(data_dir: Path, megabytes: int) -> None:
    db = open_user_database(data_dir)
    db.conn.execute("BEGIN")
    db.conn.executemany(
        "INSERT INTO notes (slug, text, created_at, updated_at) VALUES (?, ?, ?, ?)",
        (
            (f"note-{n}", "x" * 4000, NOW.isoformat(), NOW.isoformat())
            for n in range(megabytes * 240)
        ),
    )
    db.conn.execute("COMMIT")
    db.close()


@pytest.mark.slow
def test_two_backups_started_together_both_succeed_and_leave_no_half_backup(
    data_dir: Path,
) -> None:
    big_database(data_dir, 58)
    command = [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir), "backup"]
    for _round in range(3):
        runs = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
        for code, out, err in results:
            assert code == 0 and out.startswith("backed up to "), err
        paths = [Path(out.split("backed up to ", 1)[1].strip()) for _, out, _ in results]
        assert paths[0] != paths[1] and all(is_healthy(path) for path in paths)
        assert not list(backups_dir(data_dir).glob("*.partial*"))
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    assert connection.execute("SELECT count(*) FROM notes").fetchone()[0] == 58 * 240
    connection.close()
