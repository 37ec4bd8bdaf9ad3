"""Backups: consistent copies through SQLite's backup API, kept as a daily/weekly/monthly ladder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from ocstudy.userdata.backups import (
    RECENT,
    copy_database,
    create_backup,
    is_healthy,
    list_backups,
    newest_healthy,
    prune,
)
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def test_backup_is_a_consistent_copy_that_restores(data_dir: Path, tmp_path: Path) -> None:
    db = open_user_database(data_dir)
    notes = NoteStore(db)
    notes.save("untoc", "before the backup")
    backup = create_backup(db.conn, tmp_path / "backups", NOW)
    assert backup.name == "user-20261129-120000.db" and is_healthy(backup)
    notes.save("untoc", "after the backup")
    notes.save("cnd", "new")
    copy_database(backup, db.conn)
    assert notes.get("untoc").text == "before the backup"  # type: ignore[union-attr]
    assert notes.get("cnd") is None
    assert notes.search("before") == ["untoc"]


def test_ladder_keeps_seven_days_four_weeks_twelve_months(data_dir: Path, tmp_path: Path) -> None:
    db = open_user_database(data_dir)
    folder = tmp_path / "backups"
    for hours in range(0, 24 * 400, 12):  # two backups a day for 400 days
        create_backup(db.conn, folder, NOW - timedelta(hours=hours))
    kept = list_backups(folder)
    days = {b.taken_at.date() for b in kept}
    assert kept[0].taken_at == NOW
    assert len(kept) <= RECENT + 7 + 4 + 12
    assert {(NOW - timedelta(days=d)).date() for d in range(7)} <= days
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) >= 12
    assert prune(folder) == []  # pruning again removes nothing


def test_damaged_backups_are_skipped(data_dir: Path, tmp_path: Path) -> None:
    db = open_user_database(data_dir)
    folder = tmp_path / "backups"
    good = create_backup(db.conn, folder, NOW - timedelta(days=1))
    bad = create_backup(db.conn, folder, NOW)
    bad.write_bytes(b"not a database at all" * 10)
    assert not is_healthy(bad)
    assert newest_healthy(folder).path == good  # type: ignore[union-attr]
    assert newest_healthy(tmp_path / "none") is None


def test_a_cancelled_restore_changes_nothing(data_dir: Path, tmp_path: Path) -> None:
    from ocstudy.services.safety import DataSafety

    db = open_user_database(data_dir)
    notes = NoteStore(db)
    notes.save("untoc", "x" * 300_000)  # enough pages for several steps
    backup = create_backup(db.conn, tmp_path / "backups", NOW)
    notes.save("untoc", "kept")
    safety = DataSafety(db, data_dir)
    calls: list[tuple[int, int]] = []

    def stop_after_first_step(done: int, total: int) -> bool:
        calls.append((done, total))
        return False

    assert safety.restore(backup, stop_after_first_step) is None
    assert calls and notes.get("untoc").text == "kept"  # type: ignore[union-attr]
    assert db.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    restored = safety.restore(backup, lambda done, total: True)
    assert restored is not None and notes.get("untoc").text == "x" * 300_000  # type: ignore[union-attr]
