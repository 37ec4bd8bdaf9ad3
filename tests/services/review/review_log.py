"""A synthetic review history made with the app's own scheduler.

A simulated learner forgets faster than fsrs's default parameters assume (their memory is a
second ``CardScheduler`` with a quarter of the default initial stabilities); the app's
scheduler, with the defaults, decides when each card comes back, and every answer is recorded
through the review store, as the quiz records it. So a fit has something to find.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating, State
from fsrs.scheduler import DEFAULT_PARAMETERS

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.days import StudyDay
from ocstudy.quiz.scheduling import CardScheduler, CardState
from ocstudy.services.review.quiz import QuizService, to_stored
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.reviews import ReviewStore

#: The synthetic log's first day and length.
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAYS = 120
FORGETFUL = tuple(w * 0.25 if i < 4 else w for i, w in enumerate(DEFAULT_PARAMETERS))


def record_history(
    store: ReviewStore,
    card_ids: Sequence[str],
    start: datetime,
    *,
    days: int,
    new_per_day: int = 20,
    seed: int = 1,
) -> int:
    """Study ``card_ids`` for ``days`` days from ``start``; the number of answers recorded."""
    rng = random.Random(seed)
    app = CardScheduler(fuzz=False)
    memory = CardScheduler(fuzz=False, parameters=FORGETFUL)
    states: dict[str, CardState] = {}
    truth: dict[str, CardState] = {}
    new = list(card_ids)
    answers = 0
    for day in range(days):
        now = start + timedelta(days=day)
        end = now + timedelta(hours=12)
        introduced = new[:new_per_day]
        del new[:new_per_day]
        queue = [*introduced, *(c for c, s in states.items() if s.due < end)]
        while queue:
            upcoming: list[str] = []
            for card_id in queue:
                before = states.get(card_id)
                rating = _rating(rng, memory, truth.get(card_id), now)
                after = app.review(card_id, before, rating, now)
                truth[card_id] = memory.review(card_id, truth.get(card_id), rating, now)
                store.record(
                    card_id,
                    rating=int(rating),
                    mode="flashcard",
                    reviewed_at=now,
                    duration_ms=rng.randint(4000, 15000),
                    before=to_stored(before) if before else None,
                    after=to_stored(after),
                )
                states[card_id] = after
                answers += 1
                now += timedelta(seconds=20)
                if after.state != State.Review and after.due < end:
                    upcoming.append(card_id)
            now += timedelta(minutes=10)
            queue = upcoming
    return answers


def _rating(
    rng: random.Random, memory: CardScheduler, state: CardState | None, now: datetime
) -> Rating:
    recall = memory.retrievability(state, now) if state and state.state == State.Review else 0.8
    if rng.random() >= recall:
        return Rating.Again
    return rng.choices((Rating.Hard, Rating.Good, Rating.Easy), (15, 75, 10))[0]


@pytest.fixture(scope="session")
def logged_db(tmp_path_factory: pytest.TempPathFactory, repository: ContentRepository) -> Path:
    """A user database holding DAYS days of study of every card (made once, copied per test)."""
    folder = tmp_path_factory.mktemp("fsrs-log")
    db = open_user_database(folder)
    store = ReviewStore(db)
    service = QuizService.open(repository, store, seed=7, fuzz=False, day=StudyDay())
    record_history(store, [c.id for c in service.catalogue.cards()], START, days=DAYS)
    db.close()
    return folder / USER_DB_NAME


@pytest.fixture
def logged_dir(logged_db: Path, data_dir: Path) -> Path:
    """``data_dir`` holding a copy of the synthetic log."""
    source = sqlite3.connect(logged_db)
    target = sqlite3.connect(data_dir / USER_DB_NAME)
    source.backup(target)
    source.close()
    target.close()
    return data_dir
