"""Review history: each card's scheduling state, the full log of answers, quiz settings.

Cards are keyed by the quiz card id (derived from the content's stable fact ids), so the
history outlives content updates. Every write is one transaction: an answer writes its log
row and the card's new state together; undo deletes the row and puts the state back
exactly as the row recorded it. Times are timezone-aware UTC, stored as fixed-width ISO 8601
text, so that text order is time order.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from ocstudy.userdata.database import UserDatabase, UserDatabaseError
from ocstudy.userdata.times import stored

#: fsrs's State.Review; the log's ``state_before`` uses fsrs's state numbers.
REVIEW_STATE = 2


class ReviewStoreError(UserDatabaseError):
    """A review could not be recorded or undone."""


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


def iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _moment(text: str | None) -> datetime | None:
    """A stored time, clamped into the range every view can show (``userdata/times.py``)."""
    return stored(text) if text else None


def _state_row(state: StoredState) -> dict[str, Any]:
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


def _state(row: dict[str, Any]) -> StoredState:
    due = _moment(row["due"])
    assert due is not None
    return StoredState(
        state=row["state"],
        step=row["step"],
        stability=row["stability"],
        difficulty=row["difficulty"],
        due=due,
        last_review=_moment(row["last_review"]),
        reps=row["reps"],
        lapses=row["lapses"],
    )


def _json_state(text: str | None) -> StoredState | None:
    return _state(json.loads(text)) if text else None


class ReviewStore:
    def __init__(self, db: UserDatabase) -> None:
        self._db = db
        #: the review history as this store last wrote or looked at it (see ``watch``)
        self._mark: tuple[int, int] | None = None

    # -- changes made by another process ----------------------------------------------------

    def watch(self) -> None:
        """Note the review history as it is now, so that ``changed_elsewhere`` can tell."""
        self._mark = self._history_mark()

    def changed_elsewhere(self) -> bool:
        """Whether someone else (another process, a restore) changed the review history since
        ``watch`` or this store's own last write; notes written elsewhere do not count."""
        if self._mark is None:
            return False
        mark = self._history_mark()
        changed, self._mark = mark != self._mark, mark
        return changed

    def _history_mark(self) -> tuple[int, int]:
        """The log's size and last id: what a restore or another process's answers change
        (the learner's own browser actions change schedules, never the log)."""
        row = self._db.execute("SELECT count(*), coalesce(max(id), 0) FROM review_log").fetchone()
        return (int(row[0]), int(row[1]))

    def _wrote(self, rows: int, last_id: int | None = None) -> None:
        """This store added (1, its id) or removed (-1) a log row: the mark follows without
        counting the log again (a count of 100,000 rows costs milliseconds an answer must not
        pay)."""
        if self._mark is None:
            return
        if last_id is None:
            last_id = int(
                self._db.execute("SELECT coalesce(max(id), 0) FROM review_log").fetchone()[0]
            )
        self._mark = (self._mark[0] + rows, max(last_id, self._mark[1]) if rows > 0 else last_id)

    @property
    def database(self) -> UserDatabase:
        """The user database (for a write that spans the log and another table)."""
        return self._db

    # -- card states ------------------------------------------------------------------------

    def state(self, card_id: str) -> StoredState | None:
        rows = list(self._db.query("SELECT * FROM card_states WHERE card_id = ?", [card_id]))
        return _state(rows[0]) if rows else None

    def states(self) -> dict[str, StoredState]:
        return {row["card_id"]: _state(row) for row in self._db.query("SELECT * FROM card_states")}

    # -- the log ----------------------------------------------------------------------------

    def record(
        self,
        card_id: str,
        *,
        rating: int,
        mode: str,
        reviewed_at: datetime,
        duration_ms: int | None,
        before: StoredState | None,
        after: StoredState,
    ) -> int:
        """Log one answer and store the card's new state, in one transaction; the log id."""
        row = {
            "card_id": card_id,
            "rating": rating,
            "mode": mode,
            "reviewed_at": iso(reviewed_at),
            "duration_ms": duration_ms,
            "state_before": before.state if before else None,
            "before_json": json.dumps(_state_row(before)) if before else None,
            "after_json": json.dumps(_state_row(after)),
        }
        state = {"card_id": card_id, **_state_row(after)}
        try:
            with self._db.atomic():
                cursor = self._db.execute(
                    "INSERT INTO review_log (card_id, rating, mode, reviewed_at, duration_ms, "
                    "state_before, before_json, after_json) VALUES (:card_id, :rating, :mode, "
                    ":reviewed_at, :duration_ms, :state_before, :before_json, :after_json)",
                    row,
                )
                self._put_state(state)
        except sqlite3.Error as error:
            raise ReviewStoreError(f"could not save your answer: {error}") from None
        assert cursor.lastrowid is not None
        self._wrote(1, cursor.lastrowid)
        return cursor.lastrowid

    def undo(self, log_id: int) -> LogEntry:
        """Delete log row ``log_id`` and put its card back in the state it had before."""
        entry = self.entry(log_id)
        if entry is None:
            raise ReviewStoreError(f"no answer {log_id} to undo")
        try:
            with self._db.atomic():
                later = self._db.execute(
                    "SELECT 1 FROM review_log WHERE card_id = ? AND id > ?",
                    [entry.card_id, log_id],
                ).fetchone()
                if later:
                    raise ReviewStoreError(f"answer {log_id} is not the card's last answer")
                if self.state(entry.card_id) != entry.after:  # never over a newer change
                    raise ReviewStoreError(
                        "the card's schedule was changed after this answer (in the cards "
                        "browser: forgotten or given a due date); the answer stays"
                    )
                self._db.execute("DELETE FROM review_log WHERE id = ?", [log_id])
                if entry.before is None:
                    self._db.execute("DELETE FROM card_states WHERE card_id = ?", [entry.card_id])
                else:
                    self._put_state({"card_id": entry.card_id, **_state_row(entry.before)})
        except sqlite3.Error as error:
            raise ReviewStoreError(f"could not undo your answer: {error}") from None
        self._wrote(-1)
        return entry

    def entry(self, log_id: int) -> LogEntry | None:
        rows = list(self._db.query("SELECT * FROM review_log WHERE id = ?", [log_id]))
        if not rows:
            return None
        row = rows[0]
        after = _json_state(row["after_json"])
        assert after is not None
        return LogEntry(
            id=row["id"],
            card_id=row["card_id"],
            rating=row["rating"],
            mode=row["mode"],
            reviewed_at=stored(row["reviewed_at"]),
            duration_ms=row["duration_ms"],
            before=_json_state(row["before_json"]),
            after=after,
        )

    def lines(self, since: datetime | None = None, until: datetime | None = None) -> list[LogLine]:
        """Log rows between ``since`` (inclusive) and ``until`` (exclusive), oldest first."""
        low = iso(since) if since else ""
        high = iso(until) if until else "9999"
        rows = self._db.execute(
            "SELECT card_id, rating, reviewed_at, duration_ms, state_before FROM review_log "
            "WHERE reviewed_at >= ? AND reviewed_at < ? ORDER BY reviewed_at, id",
            [low, high],
        ).fetchall()
        return [LogLine(r[0], r[1], stored(r[2]), r[3], r[4]) for r in rows]

    def rating_days(self, shift_hours: float = 0.0) -> list[tuple[str, int, int]]:
        """Every answer's card, rating and day number (of its time moved by ``shift_hours``:
        a UTC offset less a rollover hour; counted from the Julian epoch), in answer order."""
        rows = self._db.execute(
            "SELECT card_id, rating, CAST(julianday(reviewed_at) + ? AS INTEGER) "
            "FROM review_log ORDER BY id",
            [shift_hours / 24 - 0.5],
        ).fetchall()
        return cast("list[tuple[str, int, int]]", rows)

    def count(self, since: datetime, until: datetime) -> int:
        row = self._db.execute(
            "SELECT count(*) FROM review_log WHERE reviewed_at >= ? AND reviewed_at < ?",
            [iso(since), iso(until)],
        ).fetchone()
        return int(row[0])

    def new_cards_introduced(self, since: datetime, until: datetime | None = None) -> int:
        """How many cards had their first answer from ``since`` to ``until`` (exclusive; no
        end by default), for the daily new limit: with ``until`` the day's end, answers dated
        later (a clock that was set ahead) do not use up today's new cards."""
        end = iso(until) if until is not None else "9999"
        row = self._db.execute(
            "SELECT count(DISTINCT card_id) FROM review_log "
            "WHERE state_before IS NULL AND reviewed_at >= ? AND reviewed_at < ?",
            [iso(since), end],
        ).fetchone()
        return int(row[0])

    def recent_durations(self, limit: int = 50) -> list[int]:
        """The answer times (ms) of the latest answers that have one, newest first."""
        rows = self._db.execute(
            "SELECT duration_ms FROM review_log WHERE duration_ms IS NOT NULL "
            "ORDER BY id DESC LIMIT ?",
            [limit],
        ).fetchall()
        return [int(row[0]) for row in rows]

    def first_review(self) -> datetime | None:
        row = self._db.execute("SELECT min(reviewed_at) FROM review_log").fetchone()
        return _moment(row[0])

    # -- settings ---------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def set_settings(self, values: dict[str, str]) -> None:
        try:
            with self._db.atomic():
                for key, value in values.items():
                    self._db.execute(
                        "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, value]
                    )
        except sqlite3.Error as error:
            raise ReviewStoreError(f"could not save your settings: {error}") from None

    def write_state(self, card_id: str, state: StoredState | None) -> None:
        """Store (None: delete) a card's state; the caller holds the transaction."""
        if state is None:
            self._db.execute("DELETE FROM card_states WHERE card_id = ?", [card_id])
        else:
            self._put_state({"card_id": card_id, **_state_row(state)})

    def _put_state(self, row: dict[str, Any]) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO card_states (card_id, state, step, stability, difficulty, "
            "due, last_review, reps, lapses) VALUES (:card_id, :state, :step, :stability, "
            ":difficulty, :due, :last_review, :reps, :lapses)",
            row,
        )
