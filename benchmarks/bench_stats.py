"""Statistics (issue 23): ``compute_stats`` on 100,000 review-log rows, for the last 30 days,
for all the history, and for one theme's cards, against reading the same rows and card states
from the user database (what any statistics must read), measured in the same run. Target: at
most 2.5x, the figures themselves (answer buttons, intervals, stability, difficulty, per day,
per theme, knowledge) costing no more than one and a half times the reading.

An info row sets the whole history beside Anki's own statistics (``graphs``, its Rust backend)
on a collection of the same cards and log. The history is ``bench_quiz``'s: every card of the
real content answered over two years.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_quiz import _anki_collection, _fill_ocstudy, _histories
from harness import Result, interleaved_medians
from ocstudy import paths
from ocstudy.content.repository import ContentRepository
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats import CALENDAR_WEEKS, compute_stats
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.reviews import ReviewStore

ROWS, QUICK_ROWS = 100_000, 10_000
REPEATS, QUICK_REPEATS = 7, 1
READING = "reading the same answers and card states (ReviewStore.lines, states)"


def _ms(function: Callable[[], object]) -> Callable[[], float]:
    def timed() -> float:
        start = time.perf_counter()
        function()
        return (time.perf_counter() - start) * 1000

    return timed


def _reading(service: QuizService, weeks: int | None) -> Callable[[], object]:
    """What the statistics read, without computing anything: the log since ``weeks`` ago
    (None: all of it) and every card's state."""
    today = service.schedule.day.start(service.schedule.today())
    since = None if weeks is None else today - timedelta(weeks=weeks)
    return lambda: (service.schedule.lines(since=since), service.schedule.states())


def run(quick: bool) -> list[Result]:
    rows = QUICK_ROWS if quick else ROWS
    repeats = QUICK_REPEATS if quick else REPEATS
    content = ContentRepository.open(paths.content_db_path())
    results = []
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        db = open_user_database(folder / "ocstudy")
        cards = QuizService.open(content, ReviewStore(db)).catalogue.cards()
        histories = _histories(cards, rows, 10, datetime.now(UTC), random.Random(1))
        _fill_ocstudy(db, histories)
        service = QuizService.open(content, ReviewStore(db), fuzz=False, seed=1)
        service.catalogue.cards()  # the deck is built once per run of the app, not per refresh
        size = f"{rows:,} log rows"
        measures = (
            (f"stats: last 30 days ({size})", "month", "", CALENDAR_WEEKS, 2.5),
            (f"stats: all history ({size})", "all", "", None, 2.5),
            (f"stats: one theme, all history ({size})", "all", "theme:drugs", None, None),
        )
        for name, time_range, search, weeks, target in measures:
            ours, base = interleaved_medians(
                _ms(lambda r=time_range, s=search: compute_stats(service, time_range=r, search=s)),
                _ms(_reading(service, weeks)),
                repeats,
            )
            results.append(Result(name, ours, base, READING, target))
        results += _against_anki(folder, service, cards, histories, repeats, size)
        db.close()
    content.close()
    return results


def _against_anki(
    folder: Path,
    service: QuizService,
    cards: Any,
    histories: Any,
    repeats: int,
    size: str,
) -> list[Result]:
    try:
        import anki.collection  # noqa: F401  (first: anki's modules import one another from here)
        from anki.buildinfo import version
    except ImportError as error:
        print(f"bench_stats: no Anki row, Anki is unavailable ({error})", file=sys.stderr)
        return []
    col = _anki_collection(folder / "anki", cards, histories)
    try:
        ours, base = interleaved_medians(
            _ms(lambda: compute_stats(service, time_range="all")),
            _ms(lambda: col._backend.graphs(search="", days=0)),
            repeats,
        )
    finally:
        col.close()
    baseline = f"Anki {version}'s statistics (graphs, all history), same cards and log"
    return [Result(f"stats: all history vs Anki ({size})", ours, base, baseline, None)]


if __name__ == "__main__":
    from harness import table

    print(table(run("--quick" in sys.argv)))
