"""Run by test_sync_kill.py in a subprocess: a computer that saves a note, answers a card and
syncs, again and again, printing a line after each committed write; the test kills it with
SIGKILL at a random moment (while it writes a change file, or folds one in).

``kill_sync_driver.py DATA_DIR FOLDER START``"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ocstudy.quiz.rating import Rating
from ocstudy.quiz.scheduling import CardScheduler
from ocstudy.services.exchange import review_exchange
from ocstudy.services.review.schedule import from_stored, to_stored
from ocstudy.services.sync.service import SyncService
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.review_merge import ForeignReview, Merged, merge_reviews, replay_cards
from ocstudy.userdata.reviews import ReviewStore

SCHEDULER = CardScheduler(seed=5)


def main(data_dir: Path, folder: Path, start: int) -> None:
    db = open_user_database(data_dir)
    notes, reviews = NoteStore(db), ReviewStore(db)

    stored_replay = review_exchange.stored_replay(SCHEDULER)

    class Reviews:
        def merge(self, incoming: Sequence[ForeignReview]) -> Merged:
            return merge_reviews(db, incoming, stored_replay)

        def replay_cards(self, card_ids: Sequence[str]) -> None:
            replay_cards(db, card_ids, stored_replay)

    service = SyncService(db, Reviews())
    print("READY", flush=True)
    for number in range(start, start + 10_000):
        notes.save(f"killed-{number}", f"text {number}")
        print(f"SAVED killed-{number}", flush=True)
        moment = datetime(2026, 12, 1, tzinfo=UTC) + timedelta(seconds=number)
        card = f"card-{number % 7}"
        stored = reviews.state(card)
        before = from_stored(stored) if stored else None
        after = SCHEDULER.review(card, before, Rating.Good, moment)
        reviews.record(
            card,
            rating=3,
            mode="flashcard",
            reviewed_at=moment,
            duration_ms=900,
            before=to_stored(before) if before else None,
            after=to_stored(after),
        )
        print(f"ANSWERED {card} {moment.isoformat()}", flush=True)
        service.sync_once(folder)
        print("SYNCED", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
