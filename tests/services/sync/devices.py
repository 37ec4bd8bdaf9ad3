"""Two computers in a test: each a data folder of its own, syncing through its own view of
the shared folder, and a fake sync tool that copies between the views the way real ones do
(late, out of order, twice, under conflict-copy names, cut short, or losing a file)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ocstudy.quiz.rating import Rating
from ocstudy.quiz.scheduling import CardScheduler
from ocstudy.services.exchange import review_exchange
from ocstudy.services.review.schedule import from_stored, to_stored
from ocstudy.services.sync.service import SyncReport, SyncService
from ocstudy.userdata.database import UserDatabase, open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.review_merge import ForeignReview, Merged, merge_reviews, replay_cards
from ocstudy.userdata.reviews import ReviewStore
from ocstudy.userdata.sync_items import text_of

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SCHEDULER = CardScheduler(seed=5)


stored_replay = review_exchange.stored_replay(SCHEDULER)


class Computer:
    """One computer: its data folder, its clock (``offset`` from the true time), its view of
    the shared folder."""

    def __init__(self, data_dir: Path, view: Path, offset: timedelta = timedelta()) -> None:
        self.data_dir, self.view, self.offset = data_dir, view, offset
        view.mkdir(parents=True, exist_ok=True)
        self.true_now = START
        self.db: UserDatabase = open_user_database(data_dir)
        self.notes = NoteStore(self.db, self.clock)
        self.reviews = ReviewStore(self.db)
        self.service = SyncService(self.db, self, self.clock)

    def clock(self) -> datetime:
        return self.true_now + self.offset

    def merge(self, reviews: Sequence[ForeignReview]) -> Merged:
        return merge_reviews(self.db, reviews, stored_replay)

    def replay_cards(self, card_ids: Sequence[str]) -> None:
        replay_cards(self.db, card_ids, stored_replay)

    def tick(self, minutes: int = 1) -> None:
        self.true_now += timedelta(minutes=minutes)

    def sync(self) -> SyncReport:
        self.tick()
        return self.service.sync_once(self.view)

    def answer(self, card_id: str, rating: int) -> None:
        self.tick()
        stored = self.reviews.state(card_id)
        before = from_stored(stored) if stored else None
        after = SCHEDULER.review(card_id, before, Rating(rating), self.clock())
        self.reviews.record(
            card_id,
            rating=rating,
            mode="flashcard",
            reviewed_at=self.clock(),
            duration_ms=1500,
            before=to_stored(before) if before else None,
            after=to_stored(after),
        )

    def save_note(self, slug: str, text: str) -> None:
        self.tick()
        self.notes.save(slug, text)

    def note_texts(self, slug: str) -> set[str]:
        """The note's text and every text kept beside it."""
        note = self.notes.get(slug)
        texts = {note.text} if note else set()
        rows = self.db.execute(
            "SELECT value FROM sync_conflicts WHERE kind = 'note' AND key = ?", [slug]
        )
        return texts | {text_of("note", row[0]) for row in rows}

    def snapshot(self) -> dict[str, Any]:
        """What must be the same on two computers in step."""

        def rows(sql: str) -> list[tuple[object, ...]]:
            return sorted(tuple(row) for row in self.db.execute(sql))

        return {
            "notes": rows("SELECT slug, text FROM notes"),
            "conflicts": rows("SELECT kind, key, stamp, value FROM sync_conflicts"),
            "own_cards": rows("SELECT id, front, back, entity_slug, themes FROM own_cards"),
            "marks": rows("SELECT * FROM card_marks"),
            "tags": rows("SELECT card_id, tag FROM card_tags"),
            "settings": rows("SELECT key, value FROM settings"),
            "reviews": rows(
                "SELECT card_id, substr(reviewed_at, 1, 23), rating, duration_ms FROM review_log"
            ),
            "states": rows("SELECT card_id, reps, lapses, due FROM card_states"),
        }

    def close(self) -> None:
        self.db.close()


@dataclass
class SyncTool:
    """Copies files from one view of the shared folder to the other, as told."""

    views: tuple[Path, Path]
    held: list[tuple[Path, Path]] = field(default_factory=list)

    def pending(self, source: int) -> list[Path]:
        """The files of view ``source`` the other view lacks (or holds cut short: a copy that
        completes; a cut copy never goes back over the whole one), oldest first."""
        src, dst = self.views[source], self.views[1 - source]
        missing = []
        for path in sorted(src.glob("*/*.json")):
            if path.name.startswith("."):
                continue
            target = dst / path.relative_to(src)
            if not target.exists() or target.stat().st_size < path.stat().st_size:
                missing.append(path)
        return missing

    def copy(self, source: int, path: Path, how: str = "whole") -> None:
        """Deliver one file: ``whole``, ``twice`` (and a conflict copy beside it), ``cut`` (a
        half-copied file under its name), or ``renamed`` (only under a conflict-copy name)."""
        src, dst = self.views[source], self.views[1 - source]
        target = dst / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        if how == "cut":
            target.write_bytes(data[: len(data) // 2])
            return
        if how == "renamed":
            target = target.with_name(f"{path.stem}.sync-conflict-20261207-101010-ABCDEFG.json")
        shutil.copyfile(path, target)
        if how == "twice":
            copy = target.with_name(f"{path.stem} (conflicted copy 2026-12-07).json")
            shutil.copyfile(path, copy)

    def deliver_all(self, source: int) -> None:
        for path in self.pending(source):
            self.copy(source, path)

    def in_step(self) -> None:
        self.deliver_all(0)
        self.deliver_all(1)
