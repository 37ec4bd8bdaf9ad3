"""Two computers through a synced folder (issue 26, ``docs/sync.md``).

*Bring in 10,000 reviews*: a second computer's ``sync_once`` folding the change file that
holds another's 10,000 reviews (on 500 cards), through the review merge and FSRS replay,
against importing the same reviews from an ocstudy reviews export (``read_reviews_json`` and
the same merge) into a fresh database. Target: 2x.

*Idle sync*: a sync with nothing new (the folder listed, the database compared with what was
published), against the interval the app syncs at (five minutes): the share of one CPU an
open window spends on it. Target: 0.01 (1 %).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from harness import Result, interleaved_medians, timed
from ocstudy.quiz.scheduling import CardScheduler
from ocstudy.services.exchange.review_exchange import stored_replay
from ocstudy.services.exchange.review_log_io import export_reviews, read_reviews_json
from ocstudy.services.sync.service import SyncService
from ocstudy.userdata.database import UserDatabase, open_user_database
from ocstudy.userdata.review_merge import (
    ForeignReview,
    Merged,
    logged_reviews,
    merge_reviews,
    replay_cards,
)

REVIEWS, QUICK_REVIEWS = 10_000, 500
REPEATS, QUICK_REPEATS = 3, 1
IDLE_REPEATS = 20
SYNC_INTERVAL_MS = 5 * 60 * 1000
SCHEDULER = CardScheduler(seed=1)


#: The review merge's replay, as the app's review exchange makes it.
_replayed = stored_replay(SCHEDULER)


class _Reviews:
    def __init__(self, db: UserDatabase) -> None:
        self._db = db

    def merge(self, reviews: Sequence[ForeignReview]) -> Merged:
        return merge_reviews(self._db, reviews, _replayed)

    def replay_cards(self, card_ids: Sequence[str]) -> None:
        replay_cards(self._db, card_ids, _replayed)


def _service(data_dir: Path) -> SyncService:
    db = open_user_database(data_dir)
    return SyncService(db, _Reviews(db))


def _history(count: int) -> list[ForeignReview]:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    return [
        ForeignReview(f"card-{n % 500}", 1 + n % 4, start + timedelta(hours=n), 2000, "ocstudy")
        for n in range(count)
    ]


def run(quick: bool) -> list[Result]:
    count = QUICK_REVIEWS if quick else REVIEWS
    repeats = QUICK_REPEATS if quick else REPEATS
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = root / "Sync"
        folder.mkdir()
        source_db = open_user_database(root / "source")
        merge_reviews(source_db, _history(count), _replayed)
        SyncService(source_db, _Reviews(source_db)).sync_once(folder)
        export = root / "reviews.json"
        export_reviews(logged_reviews(source_db), {}, export)
        source_db.close()
        runs = iter(range(10**6))

        def sync_in() -> float:
            data_dir = root / f"sync-{next(runs)}"
            service = _service(data_dir)
            elapsed = timed(lambda: service.sync_once(folder))
            shutil.rmtree(folder / service_device(data_dir), ignore_errors=True)
            return elapsed

        def import_json() -> float:
            db = open_user_database(root / f"import-{next(runs)}")
            return timed(lambda: merge_reviews(db, read_reviews_json(export), _replayed))

        ours, baseline = interleaved_medians(sync_in, import_json, repeats)
        idle_service = _service(root / "idle")
        idle_service.sync_once(folder)
        idle = sorted(timed(lambda: idle_service.sync_once(folder)) for _ in range(IDLE_REPEATS))
    return [
        Result(
            f"sync: bring in {count:,} reviews",
            ours,
            baseline,
            "importing the same reviews from a JSON export",
            2.0,
        ),
        Result(
            "sync: an idle sync, per 5-minute interval",
            idle[len(idle) // 2],
            SYNC_INTERVAL_MS,
            "the interval between syncs (ratio: share of a CPU)",
            0.01,
        ),
    ]


def service_device(data_dir: Path) -> str:
    """The device id a data folder synced under (its subfolder in the synced folder)."""
    db = open_user_database(data_dir)
    try:
        row = db.execute("SELECT value FROM sync_state WHERE key = 'device'").fetchone()
        return str(row[0])
    finally:
        db.close()
