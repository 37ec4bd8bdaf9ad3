"""The review history's values and how a stored row reads as one: a card's scheduling state
(``card_states``, and the log's snapshots of it), a log entry, a log line for the statistics,
and the times as stored (fixed-width UTC ISO 8601, so that text order is time order; a review's
identity is its card and its time to the millisecond). A value that is not what its column
holds raises :class:`~ocstudy.userdata.stored_values.BadValueError`; the store says it once and
leaves the row out or reads a default."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from ocstudy.userdata.stored_values import (
    BadValueError,
    json_value,
    optional_time,
    optional_whole_number,
    real_number,
    text_value,
    time_value,
    whole_number,
)

#: fsrs's State.Review; the log's ``state_before`` uses fsrs's state numbers.
REVIEW_STATE = 2
#: The memory fsrs ever stores (its ``STABILITY_MIN``; difficulty is clamped to 1-10).
STABILITY_MIN = 0.001
DIFFICULTY_RANGE = (1.0, 10.0)


@dataclass(frozen=True, slots=True)
class StoredState:
    """A card's scheduling state as stored (fsrs's state number, step, memory, due)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int
    lapses: int


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    card_id: str
    rating: int
    mode: str
    reviewed_at: datetime
    duration_ms: int | None
    before: StoredState | None
    after: StoredState


@dataclass(frozen=True, slots=True)
class LogLine:
    """A log row without its state snapshots: what statistics read, fast."""

    card_id: str
    rating: int
    reviewed_at: datetime
    duration_ms: int | None
    state_before: int | None
    #: For an answer to a card in review, the interval the card had (days from its last
    #: answer to its due date, as Anki's log keeps it); None for other answers, when not
    #: asked for (``lines(intervals=True)``) or when the stored schedule cannot be read.
    interval_before: float | None = None


def iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


#: An ISO time's first 23 characters: to the millisecond (the stored times are fixed-width).
MILLISECOND: Final = 23


def identity(moment: datetime) -> str:
    """A review's time as its identity compares it (with its card): UTC, to the millisecond."""
    return iso(moment)[:MILLISECOND]


def state_row(state: StoredState) -> dict[str, Any]:
    """The state as plain values, in field order (``asdict`` would deep-copy: 3x slower)."""
    return {
        "state": state.state,
        "step": state.step,
        "stability": state.stability,
        "difficulty": state.difficulty,
        "due": iso(state.due),
        "last_review": iso(state.last_review) if state.last_review else None,
        "reps": state.reps,
        "lapses": state.lapses,
    }


def state_json(state: StoredState, last_review: str | None = None) -> str:
    """The state as a log row's ``before_json``/``after_json`` holds it: the text
    ``json.dumps`` gives for ``state_row``, written directly (a replay of a long history
    writes one a row: ``json.dumps`` took four times as long). ``last_review``: the text
    ``iso`` gives for the state's ``last_review``, where the caller has it already (a
    replay's answer, whose time it is)."""
    if last_review is None:
        last_review = f'"{iso(state.last_review)}"' if state.last_review else "null"
    else:
        last_review = f'"{last_review}"'
    return (
        f'{{"state": {state.state:d}, "step": {_json_number(state.step)}, '
        f'"stability": {_json_number(state.stability)}, '
        f'"difficulty": {_json_number(state.difficulty)}, "due": "{iso(state.due)}", '
        f'"last_review": {last_review}, '
        f'"reps": {state.reps:d}, "lapses": {state.lapses:d}}}'
    )


def _json_number(value: float | None) -> str:
    """A number (or None) as ``json.dumps`` writes it."""
    if value is None:
        return "null"
    if isinstance(value, int):
        return f"{value:d}"
    return float.__repr__(value) if math.isfinite(value) else json.dumps(value)


def state_from_row(row: dict[str, Any]) -> StoredState:
    """A stored schedule as the scheduler can use it, or :class:`BadValueError`: fsrs's state
    (1-3), a step while learning, a memory (stability and difficulty) while in review."""
    try:
        state = whole_number(row["state"], "state", 1, 3)
        step = optional_whole_number(row["step"], "step", 0)
        stability = row["stability"]
        if stability is not None:
            stability = real_number(stability, "stability", STABILITY_MIN)
        difficulty = row["difficulty"]
        if difficulty is not None:
            difficulty = real_number(difficulty, "difficulty", *DIFFICULTY_RANGE)
        due = time_value(row["due"], "due")
        last_review = optional_time(row["last_review"], "last_review")
        reps = whole_number(row["reps"], "reps", 0)
        lapses = whole_number(row["lapses"], "lapses", 0)
    except (KeyError, TypeError):
        raise BadValueError("the schedule", row, "a schedule") from None
    if state != REVIEW_STATE and step is None:
        raise BadValueError("step", step, "a learning step (the card is learning)")
    if state == REVIEW_STATE and (stability is None or difficulty is None):
        raise BadValueError("stability", stability, "a memory (the card is in review)")
    return StoredState(state, step, stability, difficulty, due, last_review, reps, lapses)


def state_from_json(text: str | None, column: str) -> StoredState | None:
    return None if text is None else state_from_row(json_value(text, column))


def entry_from_row(row: dict[str, Any]) -> LogEntry:
    after = state_from_json(row["after_json"], "after_json")
    if after is None:
        raise BadValueError("after_json", None, "the card's schedule after the answer")
    return LogEntry(
        id=row["id"],
        card_id=text_value(row["card_id"], "card_id"),
        rating=whole_number(row["rating"], "rating", 1, 4),
        mode=text_value(row["mode"], "mode"),
        reviewed_at=time_value(row["reviewed_at"], "reviewed_at"),
        duration_ms=optional_whole_number(row["duration_ms"], "duration_ms", 0),
        before=state_from_json(row["before_json"], "before_json"),
        after=after,
    )


def line_from_row(row: tuple[Any, ...]) -> LogLine:
    card_id, rating, reviewed_at, duration_ms, state_before = row[1:6]
    if state_before is not None:
        state_before = whole_number(state_before, "state_before", 1, 3)
    return LogLine(
        text_value(card_id, "card_id"),
        whole_number(rating, "rating", 1, 4),
        time_value(reviewed_at, "reviewed_at"),
        optional_whole_number(duration_ms, "duration_ms", 0),
        state_before,
        row[6] if len(row) > 6 else None,
    )
