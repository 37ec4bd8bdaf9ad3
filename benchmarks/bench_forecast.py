"""Exam forecast (issue 27): the recall on an exam day in 30 days of every card of the deck,
after 100,000 review-log rows, against FSRS's own retrievability of the same cards in a plain
loop (``fsrs``'s ``Scheduler.get_card_retrievability`` on a ``Card`` made from each state),
measured in the same run. Target: at most 1.5x. Both start from the card states read once
(the forecast's reading is the schedule's, shared with every view).

An info row times the whole plan (new cards, the simulation of following it, the themes),
which the start page shows, against the same baseline.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Card, Scheduler

from bench_quiz import _fill_ocstudy, _histories
from harness import Result, interleaved_medians
from ocstudy import paths
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.forecast import exam_moment, recall_if_you_stop
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.reviews import ReviewStore

ROWS, QUICK_ROWS = 100_000, 10_000
REPEATS, QUICK_REPEATS = 21, 1
BASELINE = "fsrs get_card_retrievability, plain loop, same cards"


def _ms(function: Callable[[], object]) -> Callable[[], float]:
    def timed() -> float:
        start = time.perf_counter()
        function()
        return (time.perf_counter() - start) * 1000

    return timed


def run(quick: bool) -> list[Result]:
    rows = QUICK_ROWS if quick else ROWS
    repeats = QUICK_REPEATS if quick else REPEATS
    content = ContentRepository.open(paths.content_db_path())
    with tempfile.TemporaryDirectory() as temp:
        db = open_user_database(Path(temp) / "ocstudy")
        QuizService.open(content, ReviewStore(db)).settings.update(tiers="all")
        cards = QuizService.open(content, ReviewStore(db)).catalogue.cards()
        _fill_ocstudy(db, _histories(cards, rows, 10, datetime.now(UTC), random.Random(1)))
        service = QuizService.open(content, ReviewStore(db), fuzz=False, seed=1)
        schedule = service.schedule
        exam_day = schedule.today() + timedelta(days=30)
        moment = exam_moment(schedule.day, exam_day)
        states, ids = schedule.states(), [card.id for card in cards]
        scheduler = schedule.scheduler
        fsrs = Scheduler(parameters=scheduler.parameters, enable_fuzzing=False)

        def plain_loop() -> float:
            total = 0.0
            for card_id in ids:
                s = states.get(card_id)
                if s is not None:
                    card = Card(0, s.state, s.step, s.stability, s.difficulty, s.due, s.last_review)
                    total += fsrs.get_card_retrievability(card, moment)
            return total / len(ids)

        assert abs(plain_loop() - recall_if_you_stop(scheduler, states, ids, moment)) < 1e-12
        ours, base = interleaved_medians(
            _ms(lambda: recall_if_you_stop(scheduler, states, ids, moment)),
            _ms(plain_loop),
            repeats,
        )
        service.exam.set(exam_day, "all", 60)
        plan, base_plan = interleaved_medians(
            _ms(service.exam.forecast), _ms(plain_loop), max(1, repeats // 4)
        )
        db.close()
    content.close()
    size = f"{len(ids)} cards, {rows:,} log rows"
    return [
        Result(f"forecast: if you stop ({size})", ours, base, BASELINE, 1.5),
        Result("forecast: whole plan + simulation (info)", plan, base_plan, BASELINE, None),
    ]


if __name__ == "__main__":
    from harness import table

    print(table(run(quick=False)))
