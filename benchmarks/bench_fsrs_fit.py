"""FSRS fitted to the learner (issue 14): "Optimize" on 10,000 and 100,000 reviews, beside
the library's own calls on the same rows. Target: at most 1.2x.

ocstudy's side is the whole of ``FsrsFit.optimize`` (without saving): read the review log
from the user database, group it into per-card histories on the study-day calendar, build
``fsrs-rs-python``'s items, measure the current parameters, fit, measure the fit. The baseline
is the library alone on the same rows, already grouped per card as (rating, days since the
previous review) in memory: building its items, then ``evaluate``, ``compute_parameters``,
``evaluate``. So the ratio is ocstudy's overhead: reading the rows from the database, the
study-day calendar, grouping.

The log is synthetic: one card per ten reviews, each card reviewed at growing intervals with
ratings drawn at random (mostly Good), written straight into ``review_log``.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview

from harness import Result, interleaved_medians
from ocstudy import paths
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.days import StudyDay
from ocstudy.services.review.fsrs_fit import day_shift_hours, review_histories
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.database import UserDatabase, open_user_database
from ocstudy.userdata.review_rows import iso
from ocstudy.userdata.reviews import ReviewStore

SIZES, QUICK_SIZES = (10_000, 100_000), (2_000,)
REPEATS, QUICK_REPEATS = 5, 1
REVIEWS_PER_CARD = 10
START = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
BASELINE = "fsrs-rs-python on the same histories in memory"


def _write_log(db: UserDatabase, reviews: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    rows = []
    for card in range(reviews // REVIEWS_PER_CARD):
        when = START + timedelta(days=rng.randrange(60), minutes=rng.randrange(600))
        interval = 1.0
        for index in range(REVIEWS_PER_CARD):
            rating = rng.choices((1, 2, 3, 4), (12, 10, 70, 8))[0]
            state = None if index == 0 else 2
            rows.append((f"card-{card}", rating, "flashcard", iso(when), 8000, state, "{}"))
            interval = 1.0 if rating == 1 else interval * rng.uniform(1.8, 3.0)
            when += timedelta(days=max(1, round(interval)), minutes=rng.randrange(-60, 60))
    rows.sort(key=lambda row: row[3])
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO review_log (card_id, rating, mode, reviewed_at, duration_ms, "
            "state_before, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _library_items(histories: list[list[tuple[int, int]]]) -> list[FSRSItem]:
    """The library's input: an item per review on a later day than the card's previous one,
    holding the card's history up to it (as Anki builds them)."""
    items = []
    for history in histories:
        reviews = [FSRSReview(rating, delta) for rating, delta in history]
        items.extend(
            FSRSItem(reviews[: end + 1]) for end in range(1, len(reviews)) if history[end][1] > 0
        )
    return items


def _measure(reviews: int, repeats: int) -> Result:
    with tempfile.TemporaryDirectory() as folder:
        db = open_user_database(Path(folder))
        _write_log(db, reviews)
        store = ReviewStore(db)
        content = ContentRepository.open(paths.content_db_path())
        quiz = QuizService.open(content, store, seed=1, fuzz=False, day=StudyDay())
        fit = quiz.fsrs_fit
        shift = day_shift_hours(quiz.schedule.day, quiz.schedule.now())
        histories = list(review_histories(store.rating_days(shift)).values())

        def ours() -> float:
            start = time.perf_counter()
            fit.optimize(save=False)
            return (time.perf_counter() - start) * 1000

        def library() -> float:
            start = time.perf_counter()
            items = _library_items(histories)
            model = FSRS(DEFAULT_PARAMETERS)
            model.evaluate(items)
            fitted = model.compute_parameters(items)
            FSRS(fitted).evaluate(items)
            return (time.perf_counter() - start) * 1000

        ours_ms, base_ms = interleaved_medians(ours, library, repeats)
        db.close()
    return Result(f"fsrs: optimize on {reviews:,} reviews", ours_ms, base_ms, BASELINE, 1.2)


def run(quick: bool) -> list[Result]:
    sizes, repeats = (QUICK_SIZES, QUICK_REPEATS) if quick else (SIZES, REPEATS)
    return [_measure(size, repeats) for size in sizes]


if __name__ == "__main__":
    import sys

    from harness import table

    print(table(run("--quick" in sys.argv)))
