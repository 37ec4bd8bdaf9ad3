"""A bundled content database with zeroed pages in the middle (its header and schema whole)
is found damaged when it is opened, once per content version, and treated like any damaged
content file: one line and exit 2 on the command line, never a traceback later."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from platformdirs import user_cache_dir

from ocstudy import paths
from ocstudy.content.repository import ContentDatabaseError, ContentRepository

PAGE = 4096


def zeroed_copy(content_db: Path, target: Path, first_page: int, pages: int) -> Path:
    shutil.copyfile(content_db, target)
    with target.open("r+b") as out:
        out.seek(first_page * PAGE)
        out.write(b"\0" * PAGE * pages)
    return target


@pytest.fixture
def zeroed(content_db: Path, tmp_path: Path) -> Path:
    count = sqlite3.connect(content_db).execute("PRAGMA page_count").fetchone()[0]
    return zeroed_copy(content_db, tmp_path / "ocstudy.db", count // 2, 8)


def test_zeroed_pages_are_found_when_the_content_is_opened(zeroed: Path) -> None:
    with pytest.raises(ContentDatabaseError, match="damaged"):
        ContentRepository.open(zeroed)


@pytest.mark.parametrize("command", [["stats"], ["export", "json"], ["export", "csv", "cards.csv"]])
def test_commands_on_zeroed_content_print_one_line_and_exit_2(
    zeroed: Path, tmp_path: Path, command: list[str]
) -> None:
    env = {**os.environ, paths.CONTENT_DB_ENV: str(zeroed)}
    result = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(tmp_path / "data"), *command],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "damaged" in result.stderr


def test_the_check_runs_once_per_content_version(
    content_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a version has passed, opening it again does not read it through; a new version
    (another file, or this one changed) is checked again."""
    copy = tmp_path / "ocstudy.db"
    shutil.copyfile(content_db, copy)
    ContentRepository.open(copy).close()
    checks: list[str] = []
    real_connect = sqlite3.connect

    class Counting(sqlite3.Connection):
        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
            if "quick_check" in sql:
                checks.append(sql)
            return super().execute(sql, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **k, factory=Counting))
    ContentRepository.open(copy).close()
    assert checks == []
    count = real_connect(copy).execute("PRAGMA page_count").fetchone()[0]
    zeroed_copy(copy, tmp_path / "changed.db", count // 2, 8).replace(copy)
    with pytest.raises(ContentDatabaseError):
        ContentRepository.open(copy)
    assert len(checks) == 1


def test_a_marker_for_another_version_does_not_pass_the_check(
    content_db: Path, tmp_path: Path
) -> None:
    """Markers are named by a CRC: one holding another version's identity (the same name by
    chance) does not spare this version its check."""
    copy = tmp_path / "ocstudy.db"
    shutil.copyfile(content_db, copy)
    ContentRepository.open(copy).close()
    (marker,) = (path for path in Path(user_cache_dir("ocstudy")).glob("content-checked/*"))
    marker.write_text("another version")
    count = sqlite3.connect(copy).execute("PRAGMA page_count").fetchone()[0]
    damaged = zeroed_copy(copy, tmp_path / "damaged.db", count // 2, 8)
    stat = copy.stat()
    damaged.replace(copy)
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(ContentDatabaseError):
        ContentRepository.open(copy)
