"""Quiz (issue 5): showing the next card and recording an answer with 100,000 review-log rows,
against Anki's own scheduler (the ``anki`` package, v3 scheduler, default preset) on a
collection of the same cards with as many revlog rows, measured in the same run.
Target: not slower than Anki (1.0x).

Both sides get the same synthetic two-year history: every card of the real content is reviewed
many times, and the same cards (one per sibling group, so that ocstudy's session and Anki's
queue hold exactly the same cards) are due now. Each measured step answers the card on screen
Good and then shows the next one; ocstudy and Anki alternate, step by step.
"""

from __future__ import annotations

import gc
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fsrs import Rating

from harness import Result, interleaved_medians
from ocstudy import paths
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.model import QuizCard
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.review_rows import StoredState, iso
from ocstudy.userdata.reviews import ReviewStore

ROWS, QUICK_ROWS = 100_000, 10_000
REPEATS, QUICK_REPEATS = 200, 20
HISTORY = timedelta(days=730)
#: fsrs's state numbers (ocstudy's log and card_states use them).
REVIEW, RELEARNING = 2, 3
#: How often each answer mode is drawn for the history (among the modes a card allows).
MODES = {"flashcard": 6, "choice": 2, "typed": 1, "order": 1}
STATE_KEYS = tuple(f.name for f in fields(StoredState))


@dataclass(frozen=True, slots=True)
class Review:
    """One answer of the synthetic history, and the card's state after it."""

    at: datetime
    rating: int
    mode: str
    duration_ms: int
    state: int
    step: int | None
    stability: float
    difficulty: float
    due: datetime
    reps: int
    lapses: int
    ease_factor: int  # the SM-2 ease Anki would have (permille)


def _us(function: Callable[[], object]) -> float:
    """Microseconds one call takes."""
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1_000_000


# -- the shared synthetic history ------------------------------------------------------------


def _histories(
    cards: tuple[QuizCard, ...], rows: int, due_count: int, now: datetime, rng: random.Random
) -> dict[str, list[Review]]:
    """``rows`` answers spread over ``cards`` and the past two years; ``due_count`` cards (at
    most one per sibling group) are due now, the others in 2 to 90 days."""
    groups: dict[str, list[str]] = {}
    for card in cards:
        groups.setdefault(card.sibling_key, []).append(card.id)
    if due_count > len(groups):
        raise ValueError(f"{due_count} due cards but only {len(groups)} sibling groups")
    due_ids = {rng.choice(ids) for ids in rng.sample(sorted(groups.values()), due_count)}
    weights = [rng.uniform(0.5, 1.5) for _ in cards]
    counts = [max(2, int(rows * w / sum(weights))) for w in weights]
    counts[-1] += rows - sum(counts)
    histories = {}
    for card, count in zip(cards, counts, strict=True):
        if card.id in due_ids:
            final_due = now - timedelta(hours=rng.uniform(1, 20 * 24))
            last_gap = timedelta(days=rng.uniform(1, 60))
        else:
            final_due = now + timedelta(days=rng.uniform(2, 90))
            last_gap = final_due - now + timedelta(days=rng.uniform(1, 30))
        histories[card.id] = _history(card, count, final_due, final_due - last_gap, now, rng)
    return histories


def _history(
    card: QuizCard,
    count: int,
    final_due: datetime,
    last_at: datetime,
    now: datetime,
    rng: random.Random,
) -> list[Review]:
    """``count`` answers from about two years ago until ``last_at``; each answer falls when
    the previous one scheduled it, the first is rated Easy (straight to review), an Again
    lapses the card into relearning and the next answer is Good, the last is never Again."""
    first = now - HISTORY + timedelta(days=rng.uniform(0, 90))
    span = (last_at - first).total_seconds()
    times = sorted(first + timedelta(seconds=rng.uniform(0, span)) for _ in range(count - 1))
    times.append(last_at)
    modes = [m for m in MODES if m in card.modes] or ["flashcard"]
    mode_weights = [MODES[m] for m in modes]
    reviews: list[Review] = []
    difficulty, lapses, ease, state = rng.uniform(3, 7), 0, 2500, REVIEW
    for index, at in enumerate(times):
        last = index == count - 1
        due = final_due if last else times[index + 1]
        if index == 0:
            rating = 4
        elif state == RELEARNING:
            rating = 3
        else:
            rating = rng.choices((1, 2, 3, 4), (10, 10, 70, 10))[0]
            if last and rating == 1:
                rating = 3
        if rating == 1:
            state, lapses, ease = RELEARNING, lapses + 1, max(1300, ease - 200)
        else:
            state = REVIEW
            ease = {2: max(1300, ease - 150), 3: ease, 4: ease + 150}[rating]
        difficulty = min(10.0, max(1.0, difficulty + {1: 1.0, 2: 0.4, 3: -0.1, 4: -0.5}[rating]))
        gap_days = (due - at).total_seconds() / 86400
        stability = max(0.1, gap_days * rng.uniform(0.8, 1.25))
        reviews.append(
            Review(
                at=at,
                rating=rating,
                mode=rng.choices(modes, mode_weights)[0],
                duration_ms=rng.randint(1500, 25_000),
                state=state,
                step=0 if state == RELEARNING else None,
                stability=stability,
                difficulty=difficulty,
                due=due,
                reps=index + 1,
                lapses=lapses,
                ease_factor=ease,
            )
        )
    return reviews


# -- ocstudy ---------------------------------------------------------------------------------


def _state_row(review: Review) -> dict[str, Any]:
    """The state after ``review`` as ReviewStore stores it (``StoredState``'s fields in order,
    times in its fixed-width ISO text)."""
    row = {
        "state": review.state,
        "step": review.step,
        "stability": review.stability,
        "difficulty": review.difficulty,
        "due": iso(review.due),
        "last_review": iso(review.at),
        "reps": review.reps,
        "lapses": review.lapses,
    }
    assert tuple(row) == STATE_KEYS
    return row


def _fill_ocstudy(db: Any, histories: dict[str, list[Review]]) -> None:
    """Bulk-insert the history into review_log and card_states, in time order."""
    log: list[tuple[Any, ...]] = []
    states: list[tuple[Any, ...]] = []
    for card_id, reviews in histories.items():
        before: str | None = None
        state_before: int | None = None
        for review in reviews:
            row = _state_row(review)
            after = json.dumps(row)
            log.append(
                (
                    card_id,
                    review.rating,
                    review.mode,
                    iso(review.at),
                    review.duration_ms,
                    state_before,
                    before,
                    after,
                )
            )
            before, state_before = after, review.state
        states.append((card_id, *row.values()))
    log.sort(key=lambda r: r[3])
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO review_log (card_id, rating, mode, reviewed_at, duration_ms, "
            "state_before, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            log,
        )
        db.conn.executemany(
            "INSERT INTO card_states (card_id, state, step, stability, difficulty, due, "
            "last_review, reps, lapses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            states,
        )


def _check_ocstudy(db: Any, histories: dict[str, list[Review]]) -> None:
    """The store reads the bulk rows back as it reads its own: a card's last answer holds its
    state after, and its state before as the answer before left it."""
    store = ReviewStore(db)
    for card_id, reviews in list(histories.items())[:5]:
        sql = "SELECT max(id) FROM review_log WHERE card_id = ?"
        entry = store.entry(db.execute(sql, [card_id]).fetchone()[0])
        assert entry is not None and entry.before is not None
        assert entry.after == store.state(card_id)
        assert entry.before.due == entry.after.last_review == reviews[-1].at
        assert entry.after.reps == len(reviews)


# -- Anki ------------------------------------------------------------------------------------


def _anki_collection(
    folder: Path, cards: tuple[QuizCard, ...], histories: dict[str, list[Review]]
) -> Any:
    """A fresh collection: a Basic note per card, in review with the same due dates, and the
    same answers in its revlog. Created two years back so that due days stay positive."""
    from anki.collection import AddNoteRequest, Collection

    folder.mkdir()
    path = str(folder / "collection.anki2")
    col = Collection(path)
    col.crt = col.crt - (HISTORY.days + 30) * 86400
    config = col.decks.config_dict_for_deck_id(1)
    config["rev"]["perDay"] = 9999  # the default 200 would cut the queue short
    col.decks.update_config(config)
    basic = col.models.by_name("Basic")
    requests = []
    for card in cards:
        note = col.new_note(basic)
        note["Front"], note["Back"] = card.prompt, card.answer_text
        requests.append(AddNoteRequest(note, deck_id=1))
    col.add_notes(requests)
    note_cards = dict(col.db.all("SELECT nid, id FROM cards"))
    card_ids = {card.id: note_cards[r.note.id] for card, r in zip(cards, requests, strict=True)}
    col.close()

    col = Collection(path)
    today, now = col.sched.today, datetime.now(UTC)
    revlog, updates, used = [], [], set()
    for card_id, reviews in histories.items():
        cid = card_ids[card_id]
        last_ivl, kind = 0, 0  # revlog type: 0 learn, 1 review, 2 relearn
        for review in reviews:
            stamp = int(review.at.timestamp() * 1000)
            while stamp in used:
                stamp += 1
            used.add(stamp)
            days = (review.due - review.at).total_seconds() / 86400
            ivl = -600 if review.state == RELEARNING else max(1, round(days))
            factor = review.ease_factor
            time_ms = min(review.duration_ms, 60_000)
            revlog.append((stamp, cid, -1, review.rating, ivl, last_ivl, factor, time_ms, kind))
            last_ivl, kind = ivl, 2 if review.state == RELEARNING else 1
        final = reviews[-1]
        due = today + (final.due - now).days  # floor: a card due earlier today is due
        updates.append(
            (due, ivl, final.ease_factor, final.reps, final.lapses, int(now.timestamp()), cid)
        )

    def fill() -> None:
        col.db.executemany(
            "UPDATE cards SET type = 2, queue = 2, due = ?, ivl = ?, factor = ?, reps = ?, "
            "lapses = ?, left = 0, mod = ?, usn = -1 WHERE id = ?",
            updates,
        )
        col.db.executemany("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", revlog)

    col.db.transact(fill)
    col.close()
    return Collection(path)


# -- the benchmark ---------------------------------------------------------------------------


def run(quick: bool) -> list[Result]:
    try:
        import anki.collection  # noqa: F401  (first: anki's modules import one another from here)
        from anki.buildinfo import version
        from anki.cards import Card
        from anki.scheduler.v3 import CardAnswer
    except ImportError as error:
        print(f"bench_quiz: skipped, Anki's scheduler is unavailable ({error})", file=sys.stderr)
        return []

    rows = QUICK_ROWS if quick else ROWS
    repeats = QUICK_REPEATS if quick else REPEATS
    content = ContentRepository.open(paths.content_db_path())
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        db = open_user_database(folder / "ocstudy")
        # Anki's deck holds every card, so ocstudy's sessions ask every tier too
        QuizService.open(content, ReviewStore(db)).settings.update(tiers="all")
        cards = QuizService.open(content, ReviewStore(db)).catalogue.cards()
        histories = _histories(cards, rows, repeats + 10, datetime.now(UTC), random.Random(1))
        _fill_ocstudy(db, histories)
        _check_ocstudy(db, histories)
        db.close()
        col = _anki_collection(folder / "anki", cards, histories)
        # both apps open their files afresh, as on a relaunch with this history
        db = open_user_database(folder / "ocstudy")
        service = QuizService.open(content, ReviewStore(db), fuzz=False, seed=1)
        try:
            medians = _measure(service, col, Card, CardAnswer, repeats)
        finally:
            col.close()
            db.close()
            content.close()
    size = f"{rows:,} log rows"
    baseline = f"Anki {version}, v3 scheduler (SM-2), {len(cards)} cards, same log"
    measures = (
        (f"quiz: next card ({size})", "next", 1.0),
        (f"quiz: record an answer ({size})", "record", 1.0),
        ("quiz: next card + progress + button labels", "shown", None),
        ("quiz: whole step (record, show the next)", "step", None),
    )
    return [Result(name, *medians[key], baseline, target, "us") for name, key, target in measures]


def _measure(
    service: QuizService, col: Any, card_type: Any, answer_type: Any, repeats: int
) -> dict[str, tuple[float, float]]:
    """Medians in microseconds, ocstudy's then Anki's, of: showing the next card after an
    answer; recording an answer (Good); showing the next card with what the quiz view also
    asks for, the progress counts and the rating buttons' intervals (Anki's queue computes
    both with the card, ocstudy computes them on request); and a whole step, both together."""
    session = service.start()
    queued = col.sched.get_queued_cards(fetch_limit=1)  # builds Anki's queue
    ours_due, anki_due = session.progress().left, queued.review_count
    if session.current is None or not queued.cards or min(ours_due, anki_due) <= repeats:
        raise RuntimeError(f"too few cards due: {ours_due} in ocstudy, {anki_due} in Anki")
    top = queued.cards[0]
    card = card_type(col, backend_card=top.card)
    card.start_timer()
    times: dict[str, tuple[list[float], list[float]]] = {
        key: ([], []) for key in ("record", "shown", "step")
    }

    def step_ours() -> float:
        record = _us(lambda: session.answer(Rating.Good, mode="flashcard"))
        current: list[QuizCard | None] = []
        elapsed = _us(lambda: current.append(session.current))
        if current[0] is None:
            raise RuntimeError("ocstudy's session ran out of cards")
        shown = elapsed + _us(lambda: (session.progress(), session.preview_labels()))
        for key, value in (("record", record), ("shown", shown), ("step", record + shown)):
            times[key][0].append(value)
        return elapsed

    def answer_anki() -> None:
        answer = col.sched.build_answer(card=card, states=top.states, rating=answer_type.GOOD)
        col.sched.answer_card(answer)

    def next_anki() -> None:
        nonlocal top, card
        top = col.sched.get_queued_cards(fetch_limit=1).cards[0]
        card = card_type(col, backend_card=top.card)
        card.start_timer()

    def step_anki() -> float:
        record = _us(answer_anki)
        elapsed = _us(next_anki)
        shown = elapsed + _us(lambda: col.sched.describe_next_states(top.states))
        for key, value in (("record", record), ("shown", shown), ("step", record + shown)):
            times[key][1].append(value)
        return elapsed

    gc.collect()
    medians = {"next": interleaved_medians(step_ours, step_anki, repeats)}
    for key, (ours, anki) in times.items():
        medians[key] = statistics.median(ours), statistics.median(anki)
    return medians
