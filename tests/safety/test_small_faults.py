"""Small faults: half-written backups left by a crash, a shared folder given as the data
folder, answers dated in the future."""

from __future__ import annotations

import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ocstudy.userdata.backups import backups_dir, create_backup, list_backups
from ocstudy.userdata.database import UserDatabaseError, open_user_database
from ocstudy.userdata.review_rows import StoredState
from ocstudy.userdata.reviews import ReviewStore
from ocstudy.userdata.startup import open_user_data


def test_half_written_backups_are_removed_at_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    db = open_user_database(data_dir)
    whole = create_backup(db.conn, backups_dir(data_dir), datetime(2026, 11, 1, tzinfo=UTC))
    db.close()
    partials = [backups_dir(data_dir) / f"user-2026110{n}-000000.db.partial" for n in (2, 3)]
    for partial in partials:
        partial.write_bytes(b"half a backup")
    again, _message = open_user_data(data_dir)
    again.close()
    assert not any(partial.exists() for partial in partials)
    assert [b.path for b in list_backups(backups_dir(data_dir))] == [whole]


@pytest.fixture
def shared_folder(tmp_path: Path) -> Path:
    """A folder like /tmp: anyone can write to it, sticky."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)
    return folder


def test_a_shared_folder_is_refused_not_chmodded(shared_folder: Path) -> None:
    with pytest.raises(UserDatabaseError, match="shared"):
        open_user_database(shared_folder)
    assert stat.S_IMODE(shared_folder.stat().st_mode) == 0o1777
    assert list(shared_folder.iterdir()) == []


def test_the_app_on_a_shared_folder_writes_nothing_there(shared_folder: Path) -> None:
    db, message = open_user_data(shared_folder)
    assert message is not None and "shared" in message and db.read_only
    assert stat.S_IMODE(shared_folder.stat().st_mode) == 0o1777
    assert list(shared_folder.iterdir()) == []


@pytest.mark.parametrize("command", [["stats"], ["backup"]])
def test_the_command_line_refuses_a_shared_data_folder(
    shared_folder: Path, command: list[str]
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(shared_folder), *command],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "shared" in result.stderr
    assert stat.S_IMODE(shared_folder.stat().st_mode) == 0o1777
    assert list(shared_folder.iterdir()) == []


def test_answers_dated_in_the_future_do_not_count_towards_todays_new_cards(
    tmp_path: Path,
) -> None:
    reviews = ReviewStore(open_user_database(tmp_path / "data"))
    today = datetime(2026, 12, 1, 4, tzinfo=UTC)
    now = today + timedelta(hours=6)
    state = StoredState(1, 0, 1.0, 5.0, now, now, 1, 0)
    for n, when in enumerate(
        [today + timedelta(hours=1), now + timedelta(days=3), now + timedelta(days=400)]
    ):
        reviews.record(
            f"card-{n}",
            rating=3,
            mode="flashcard",
            reviewed_at=when,
            duration_ms=1000,
            before=None,
            after=state,
        )
    assert reviews.new_cards_introduced(today, until=now) == 1
    assert reviews.new_cards_introduced(today) == 3  # no end given: every later one


def test_the_quiz_counts_todays_new_cards_without_the_future(tmp_path: Path) -> None:
    from ocstudy import paths
    from ocstudy.content.repository import ContentRepository
    from ocstudy.services.review.quiz import QuizService

    reviews = ReviewStore(open_user_database(tmp_path / "data"))
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    service = QuizService.open(
        ContentRepository.open(paths.content_db_path()), reviews, clock=lambda: now, seed=1
    )
    limit = service.schedule.new_left_today()
    later = now + timedelta(days=30)  # a clock that was set ahead, then put right
    state = StoredState(1, 0, 1.0, 5.0, later, later, 1, 0)
    for card in service.catalogue.cards()[:5]:
        reviews.record(
            card.id,
            rating=3,
            mode="flashcard",
            reviewed_at=later,
            duration_ms=1000,
            before=None,
            after=state,
        )
    assert service.schedule.new_left_today() == limit
