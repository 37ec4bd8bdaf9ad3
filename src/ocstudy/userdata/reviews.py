"""Review history: each card's scheduling state, the full log of answers, quiz settings.

Cards are keyed by the quiz card id (derived from the content's stable fact ids), so the
history outlives content updates. Every write is one transaction: an answer writes its log
row and the card's new state together; undo deletes the row and puts the state back
exactly as the row recorded it. Times are timezone-aware UTC, stored as fixed-width ISO 8601
text, so that text order is time order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, cast

from ocstudy.userdata.database import UserDatabase, UserDatabaseError
from ocstudy.userdata.review_rows import (
    REVIEW_STATE,
    LogEntry,
    LogLine,
    StoredState,
    entry_from_row,
    identity,
    iso,
    line_from_row,
    state_from_row,
    state_json,
    state_row,
)
from ocstudy.userdata.stored_values import (
    ID_LENGTH,
    BadValueError,
    readable_rows,
    real_number,
    shown,
    text_value,
    time_value,
    value_or_default,
    whole_number,
)
from ocstudy.userdata.sync_store import forget_sent_from
from ocstudy.userdata.times import EARLIEST, LATEST
from ocstudy.userdata.undone_reviews import record_undone


class ReviewStoreError(UserDatabaseError):
    """A review could not be recorded or undone."""


#: The day numbers (from the Julian epoch, as SQLite's ``julianday``; a day either side for
#: the time zone) of the times ocstudy keeps (``times.py``): a number, which SQLite takes for a
#: day number, is no answer's time.
_JULIAN_ORDINAL = 1721424
_DAYS = (
    EARLIEST.toordinal() + _JULIAN_ORDINAL - 1,
    LATEST.toordinal() + _JULIAN_ORDINAL + 1,
)


def _answer_name(row: tuple[Any, ...] | dict[str, Any]) -> str:
    log_id, card_id = (row["id"], row["card_id"]) if isinstance(row, dict) else row[:2]
    return f"answer {log_id} (card {shown(card_id, ID_LENGTH)}) in the review log"


_LEFT_OUT = "the answer is left out"
#: An answer whose values are what their columns hold, as SQLite checks it; and the columns
#: ``_readable_lines`` reads (that check first).
_WELL_FORMED = (
    "typeof(card_id) = 'text' AND typeof(rating) = 'integer' AND rating BETWEEN 1 AND 4 "
    "AND typeof(reviewed_at) = 'text' "
    "AND (duration_ms IS NULL OR typeof(duration_ms) = 'integer' AND duration_ms >= 0) "
    "AND (state_before IS NULL OR typeof(state_before) = 'integer' "
    "AND state_before BETWEEN 1 AND 3)"
)
_LINE_COLUMNS = f"({_WELL_FORMED}), id, card_id, rating, reviewed_at, duration_ms, state_before"
#: ``LogLine.interval_before``: NULL unless the answer was to a card in review and its
#: schedule before the answer holds two times.
_INTERVAL_BEFORE = (
    f"CASE WHEN state_before = {REVIEW_STATE} AND json_valid(before_json) "
    "AND json_type(before_json, '$.due') = 'text' "
    "AND json_type(before_json, '$.last_review') = 'text' "
    "THEN julianday(before_json ->> '$.due') - julianday(before_json ->> '$.last_review') END"
)


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
        """The card's schedule; None for a card never answered, or one whose stored schedule
        cannot be used (said once: the card counts as new until it is answered again)."""
        rows = self._db.query("SELECT * FROM card_states WHERE card_id = ?", [card_id])
        return dict(self._readable_states(rows)).get(card_id)

    def states(self) -> dict[str, StoredState]:
        """Every card's usable schedule (see ``state``)."""
        return dict(self._readable_states(self._db.query("SELECT * FROM card_states")))

    def _readable_states(self, rows: Iterable[dict[str, Any]]) -> Iterator[tuple[str, StoredState]]:
        return readable_rows(
            rows,
            lambda row: (text_value(row["card_id"], "card_id"), state_from_row(row)),
            self._db.unreadable_rows,
            lambda row: f"the schedule of card {shown(row['card_id'], ID_LENGTH)}",
            "the card counts as new until it is answered",
        )

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
            "before_json": state_json(before) if before else None,
            "after_json": state_json(after),
        }
        state = {"card_id": card_id, **state_row(after)}
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
        """Delete log row ``log_id`` and put its card back in the state it had before; on a
        computer that syncs, the review's tombstone goes out at the next sync."""
        entry = self.entry(log_id)
        if entry is None:
            raise ReviewStoreError(f"no answer {log_id} to undo")
        try:
            with self._db.atomic():
                later = self._db.execute(  # later by time (a review brought in is older)
                    "SELECT 1 FROM review_log WHERE card_id = ? AND id != ? AND "
                    "(reviewed_at, id) > (SELECT reviewed_at, id FROM review_log WHERE id = ?)",
                    [entry.card_id, log_id, log_id],
                ).fetchone()
                if later:
                    raise ReviewStoreError(f"answer {log_id} is not the card's last answer")
                if self.state(entry.card_id) != entry.after:  # never over a newer change
                    raise ReviewStoreError(
                        "the card's schedule was changed after this answer (in the cards "
                        "browser: forgotten or given a due date); the answer stays"
                    )
                record_undone(self._db, entry.card_id, identity(entry.reviewed_at))
                self._db.execute("DELETE FROM review_log WHERE id = ?", [log_id])
                forget_sent_from(self._db, log_id)
                if entry.before is None:
                    self._db.execute("DELETE FROM card_states WHERE card_id = ?", [entry.card_id])
                else:
                    self._put_state({"card_id": entry.card_id, **state_row(entry.before)})
        except sqlite3.Error as error:
            raise ReviewStoreError(f"could not undo your answer: {error}") from None
        self._wrote(-1)
        return entry

    def entry(self, log_id: int) -> LogEntry | None:
        """Log row ``log_id``; None if there is none. A row that cannot be read raises
        :class:`ReviewStoreError` saying why (it is said once, too)."""
        rows = list(self._db.query("SELECT * FROM review_log WHERE id = ?", [log_id]))
        if not rows:
            return None
        try:
            return entry_from_row(rows[0])
        except BadValueError as problem:
            self._db.unreadable_rows.say(_answer_name(rows[0]), problem, "it cannot be undone")
            raise ReviewStoreError(f"answer {log_id} cannot be read: {problem}") from None

    def lines(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        *,
        intervals: bool = False,
    ) -> list[LogLine]:
        """Log rows between ``since`` (inclusive) and ``until`` (exclusive), oldest first;
        with ``intervals``, each answer to a card in review with the interval it had (reading
        the schedule before each answer costs about half again as long)."""
        low = iso(since) if since else ""
        high = iso(until) if until else "9999"
        columns = f"{_LINE_COLUMNS}, {_INTERVAL_BEFORE}" if intervals else _LINE_COLUMNS
        rows = self._db.execute(
            f"SELECT {columns} FROM review_log "
            "WHERE reviewed_at >= ? AND reviewed_at < ? ORDER BY reviewed_at, id",
            [low, high],
        ).fetchall()
        return list(self._readable_lines(rows))

    def _readable_lines(self, rows: Iterable[tuple[Any, ...]]) -> Iterator[LogLine]:
        """The rows (:data:`_LINE_COLUMNS`) that can be read; the others are said and left
        out. SQLite has checked each row's types (quicker than Python over 100,000 rows):
        only its time is parsed here, and a row that failed is read one value at a time, to
        say which is wrong."""
        for row in rows:
            try:
                if row[0]:
                    yield LogLine(row[2], row[3], time_value(row[4], "reviewed_at"), *row[5:])
                else:
                    yield line_from_row(row[1:])
            except BadValueError as problem:
                self._db.unreadable_rows.say(_answer_name(row[1:]), problem, _LEFT_OUT)

    def rating_days(self, shift_hours: float = 0.0) -> list[tuple[str, int, int]]:
        """Every answer's card, rating and day number (of its time moved by ``shift_hours``:
        a UTC offset less a rollover hour; counted from the Julian epoch), in answer order."""
        day = "CAST(julianday(reviewed_at) + :shift AS INTEGER)"
        good = f"{_WELL_FORMED} AND {day} BETWEEN :first AND :last"
        values = {"shift": shift_hours / 24 - 0.5, "first": _DAYS[0], "last": _DAYS[1]}
        rows = self._db.execute(
            f"SELECT card_id, rating, {day} FROM review_log WHERE {good} ORDER BY id", values
        ).fetchall()
        if len(rows) < self._history_mark()[0]:  # some are wrong: say which (rarely needed)
            wrong = self._db.execute(
                f"SELECT {_LINE_COLUMNS} FROM review_log WHERE NOT coalesce({good}, 0) ORDER BY id",
                values,
            )
            for row in wrong:
                self._say_wrong(row[1:])
        return cast("list[tuple[str, int, int]]", rows)

    def _say_wrong(self, row: tuple[Any, ...]) -> None:
        """Say what is wrong with answer ``row`` (id, card, rating, time, answer time, state
        before), which SQLite found wrong, and that it is left out."""
        try:
            line_from_row(row)  # raises what is wrong; else SQLite took the time for a day number
            raise BadValueError("reviewed_at", row[3], "a time from 1900 to 9899")
        except BadValueError as problem:
            self._db.unreadable_rows.say(_answer_name(row), problem, _LEFT_OUT)

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
            "SELECT id, card_id, duration_ms FROM review_log WHERE duration_ms IS NOT NULL "
            "ORDER BY id DESC LIMIT ?",
            [limit],
        ).fetchall()
        read = readable_rows(
            rows,
            lambda row: whole_number(row[2], "duration_ms", 0),
            self._db.unreadable_rows,
            _answer_name,
            "its answer time is not used",
        )
        return list(read)

    def first_review(self) -> datetime | None:
        """When the first answer that can be read was given (None: no answer yet)."""
        rows = self._db.execute(f"SELECT {_LINE_COLUMNS} FROM review_log ORDER BY reviewed_at, id")
        try:
            first = next(self._readable_lines(rows), None)
        finally:
            rows.close()  # read no further
        return first.reviewed_at if first else None

    # -- settings ---------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def number_setting(self, key: str, default: float, low: float, high: float) -> float:
        """Setting ``key`` as a number from ``low`` to ``high``; ``default`` when unset, or
        when what is stored is not such a number (said once)."""
        value = self.setting(key)
        if not value:
            return default
        return value_or_default(
            lambda: real_number(value, "the value", low, high),
            default,
            self._db.unreadable_rows,
            f"setting {key}",
            f"the default {default:g} is used",
        )

    def choice_setting(self, key: str, default: str, choices: Sequence[str]) -> str:
        """Setting ``key`` as one of ``choices`` (see ``number_setting``)."""
        value = self.setting(key)
        if not value:
            return default

        def chosen() -> str:
            if value not in choices:
                raise BadValueError("the value", value, f"one of {', '.join(choices)}")
            return value

        return value_or_default(
            chosen, default, self._db.unreadable_rows, f"setting {key}", f"{default} is used"
        )

    def whole_setting(self, key: str, default: int, low: int, high: int) -> int:
        """Setting ``key`` as a whole number from ``low`` to ``high`` (see ``number_setting``)."""
        value = self.setting(key)
        if not value:
            return default
        return value_or_default(
            lambda: whole_number(value, "the value", low, high),
            default,
            self._db.unreadable_rows,
            f"setting {key}",
            f"the default {default} is used",
        )

    def say_bad_setting(self, key: str, problem: BadValueError, outcome: str) -> None:
        """Tell the learner, once, that setting ``key`` cannot be used as it is stored."""
        self._db.unreadable_rows.say(f"setting {key}", problem, outcome)

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
            self._put_state({"card_id": card_id, **state_row(state)})

    def _put_state(self, row: dict[str, Any]) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO card_states (card_id, state, step, stability, difficulty, "
            "due, last_review, reps, lapses) VALUES (:card_id, :state, :step, :stability, "
            ":difficulty, :due, :last_review, :reps, :lapses)",
            row,
        )
