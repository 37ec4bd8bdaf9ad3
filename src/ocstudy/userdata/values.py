"""The values a restored backup brings in, checked one by one: a backup can have every table
and column right and still hold a retention of ``'abc'`` or a due date of ``'soon'``, which
every reader after it would trip over.

What is wrong is repaired where a value can be put right without losing what the learner
made, and said; otherwise the backup is refused:

- a quiz setting that is no valid value: removed, so its default applies;
- a time on a note or an own card that is no time: the restore's time (the text is kept);
- an own card's themes that are no JSON list of names: the text kept as its one theme;
- a card's schedule with a state other than 1-3, or a due date, a last review, a count that
  cannot be read: the schedule removed (the card is new again; its answers stay in the log);
- a card buried until no time: not buried; a flag other than 0-7: no flag;
- a tag that is no tag name: made one (``2024`` the text ``2024``, a space a ``-``), or
  removed if nothing is left of it; a tag on no card: removed;
- saved searches that are no JSON object: removed; an entry that is no name and search text:
  removed, the others kept;
- an answer in the review log with no time, a rating other than 1-4 or a state that is no
  JSON object: refused (the log is the learner's history, which cannot be rebuilt).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from ocstudy.userdata.card_tags import clean_tag, tag_problem
from ocstudy.userdata.saved_searches import SAVED_SEARCHES_KEY, stored_searches, usable_entry
from ocstudy.userdata.stored_values import (
    BadValueError,
    json_value,
    real_number,
    text_list,
    time_value,
    whole_number,
)

#: How many findings a message names before it says "and N more".
NAMED = 3


@dataclass(frozen=True)
class Finding:
    """One value that cannot be read: what it is, and the SQL that repairs it (None: it
    cannot be repaired, and the backup is refused)."""

    text: str
    repair: tuple[str, tuple[object, ...]] | None = None


def _reads(parse: Callable[[object], object], value: object) -> bool:
    """Whether the stores' parser for the column (``stored_values``) reads ``value``."""
    try:
        parse(value)
    except BadValueError:
        return False
    return True


def is_time(value: object) -> bool:
    """Whether ``value`` is stored time text ocstudy reads (ISO 8601)."""
    return _reads(lambda v: time_value(v, "time"), value)


def _number(value: object, low: float, high: float, whole: bool = False) -> bool:
    if whole:
        return _reads(lambda v: whole_number(v, "setting", int(low), int(high)), value)
    return _reads(lambda v: real_number(v, "setting", low, high), value)


def _parameters(value: object) -> bool:
    if value == "":
        return True
    try:
        found = json_value(value, "fsrs.parameters")
    except BadValueError:
        return False
    return (
        isinstance(found, list)
        and len(found) == 21
        and all(isinstance(n, int | float) and not isinstance(n, bool) for n in found)
    )


#: The settings ocstudy stores, with what a valid value is.
SETTINGS: dict[str, tuple[str, Callable[[object], bool]]] = {
    "quiz.desired_retention": ("a number from 0.70 to 0.99", lambda v: _number(v, 0.7, 0.99)),
    "quiz.new_cards_per_day": (
        "a whole number from 0 to 1000",
        lambda v: _number(v, 0, 1000, True),
    ),
    "quiz.leech_threshold": ("a whole number from 0 to 1000", lambda v: _number(v, 0, 1000, True)),
    "fsrs.parameters": ("a list of 21 numbers", _parameters),
}


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}


def _settings(connection: sqlite3.Connection) -> Iterator[Finding]:
    for key, value in connection.execute("SELECT key, value FROM settings"):
        if key in SETTINGS and not SETTINGS[key][1](value):
            yield Finding(
                f"the setting {key} was {value!r}, not {SETTINGS[key][0]}: its default is used",
                ("DELETE FROM settings WHERE key = ?", (key,)),
            )


def _times(
    connection: sqlite3.Connection, table: str, key: str, what: str, now: str
) -> Iterator[Finding]:
    for row in connection.execute(f"SELECT {key}, created_at, updated_at FROM {table}"):
        for column, value in zip(("created_at", "updated_at"), row[1:], strict=True):
            if not is_time(value):
                yield Finding(
                    f"{what} {row[0]} had {column} {value!r}, not a time: it is now the "
                    "restore's time",
                    (f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (now, row[0])),
                )


def _themes(connection: sqlite3.Connection) -> Iterator[Finding]:
    for card_id, themes in connection.execute("SELECT id, themes FROM own_cards"):
        if _reads(lambda v: text_list(v, "themes"), themes):
            continue
        kept = json.dumps([str(themes)] if themes not in (None, "") else [])
        yield Finding(
            f"own card {card_id} had themes {themes!r}, not a list: kept as the theme {kept}",
            ("UPDATE own_cards SET themes = ? WHERE id = ?", (kept, card_id)),
        )


def _schedule_problem(row: tuple[object, ...]) -> str | None:
    _, state, step, stability, difficulty, due, last_review, reps, lapses = row
    if state not in (1, 2, 3):
        return f"state {state!r}, not 1-3"
    if not is_time(due):
        return f"due {due!r}, not a time"
    if last_review is not None and not is_time(last_review):
        return f"last_review {last_review!r}, not a time"
    for name, value in (("step", step), ("reps", reps), ("lapses", lapses)):
        if not (value is None and name == "step") and not (isinstance(value, int) and value >= 0):
            return f"{name} {value!r}, not a count"
    for name, value in (("stability", stability), ("difficulty", difficulty)):
        if value is not None and not isinstance(value, int | float):
            return f"{name} {value!r}, not a number"
    return None


def _schedules(connection: sqlite3.Connection) -> Iterator[Finding]:
    rows = connection.execute(
        "SELECT card_id, state, step, stability, difficulty, due, last_review, reps, lapses "
        "FROM card_states"
    )
    for row in rows:
        problem = _schedule_problem(row)
        if problem:
            yield Finding(
                f"card {row[0]}'s schedule had {problem}: removed (the card is new again; its "
                "answers stay in the review log)",
                ("DELETE FROM card_states WHERE card_id = ?", (row[0],)),
            )


def _marks(connection: sqlite3.Connection) -> Iterator[Finding]:
    for card_id, buried_until, flag in connection.execute(
        "SELECT card_id, buried_until, flag FROM card_marks"
    ):
        if buried_until is not None and not is_time(buried_until):
            yield Finding(
                f"card {card_id} was buried until {buried_until!r}, not a time: not buried now",
                ("UPDATE card_marks SET buried_until = NULL WHERE card_id = ?", (card_id,)),
            )
        if flag not in range(8):
            yield Finding(
                f"card {card_id} had flag {flag!r}, not 0-7: no flag now",
                ("UPDATE card_marks SET flag = 0 WHERE card_id = ?", (card_id,)),
            )


def _tags(connection: sqlite3.Connection) -> Iterator[Finding]:
    for rowid, card_id, tag in connection.execute("SELECT rowid, card_id, tag FROM card_tags"):
        if not isinstance(card_id, str) or not card_id:
            yield Finding(
                f"the tag {tag!r} was on no card ({card_id!r}): removed",
                ("DELETE FROM card_tags WHERE rowid = ?", (rowid,)),
            )
        elif not isinstance(tag, str) or tag_problem(tag):
            cleaned = clean_tag(tag)
            if cleaned is None:
                yield Finding(
                    f"card {card_id} had the tag {tag!r}, not a tag: removed",
                    ("DELETE FROM card_tags WHERE rowid = ?", (rowid,)),
                )
            else:
                yield Finding(  # OR REPLACE: the card may have the cleaned tag already
                    f"card {card_id} had the tag {tag!r}, not a tag: it is now {cleaned!r}",
                    ("UPDATE OR REPLACE card_tags SET tag = ? WHERE rowid = ?", (cleaned, rowid)),
                )


def _saved_searches(connection: sqlite3.Connection) -> Iterator[Finding]:
    row = connection.execute(
        "SELECT value FROM settings WHERE key = ?", (SAVED_SEARCHES_KEY,)
    ).fetchone()
    if row is None:
        return
    found = stored_searches(row[0])
    if found is None:
        yield Finding(
            f"the saved searches were {row[0]!r}, not a JSON object: removed",
            ("DELETE FROM settings WHERE key = ?", (SAVED_SEARCHES_KEY,)),
        )
        return
    kept = {name: query for name, query in found.items() if usable_entry(name, query)}
    if len(kept) < len(found):
        wrong = ", ".join(repr(name) for name in found if name not in kept)
        yield Finding(
            f"the saved searches {wrong} had no search text: removed, the others kept",
            (
                "UPDATE settings SET value = ? WHERE key = ?",
                (json.dumps(kept, ensure_ascii=False, sort_keys=True), SAVED_SEARCHES_KEY),
            ),
        )


def _review_log(connection: sqlite3.Connection) -> Iterator[Finding]:
    for log_id, reviewed_at in connection.execute("SELECT id, reviewed_at FROM review_log"):
        if not is_time(reviewed_at):
            yield Finding(f"answer {log_id} in the review log has the time {reviewed_at!r}")
    wrong = connection.execute(
        "SELECT id, rating, after_json FROM review_log WHERE rating NOT IN (1, 2, 3, 4) "
        "OR typeof(rating) != 'integer' OR NOT json_valid(after_json) "
        "OR json_type(after_json) != 'object'"
    )
    for log_id, rating, after in wrong:
        what = f"the rating {rating!r}" if rating not in (1, 2, 3, 4) else f"the state {after!r}"
        yield Finding(f"answer {log_id} in the review log has {what}")


_CHECKS: tuple[tuple[str, Callable[[sqlite3.Connection, str], Iterator[Finding]]], ...] = (
    ("settings", lambda c, _now: _settings(c)),
    ("settings", lambda c, _now: _saved_searches(c)),
    ("notes", lambda c, now: _times(c, "notes", "slug", "the note on", now)),
    ("own_cards", lambda c, now: _times(c, "own_cards", "id", "own card", now)),
    ("own_cards", lambda c, _now: _themes(c)),
    ("card_states", lambda c, _now: _schedules(c)),
    ("card_marks", lambda c, _now: _marks(c)),
    ("card_tags", lambda c, _now: _tags(c)),
    ("review_log", lambda c, _now: _review_log(c)),
)


def find_bad_values(connection: sqlite3.Connection, now: datetime) -> list[Finding]:
    """Every value in the learner's tables that ocstudy cannot read (a missing table, as in
    a backup of an older ocstudy, is skipped)."""
    tables = _tables(connection)
    stamp = now.astimezone(UTC).isoformat()
    return [
        finding
        for table, check in _CHECKS
        if table in tables
        for finding in check(connection, stamp)
    ]


def summary(findings: list[Finding]) -> str:
    """The first few findings in one line, and how many more there are."""
    named = "; ".join(finding.text for finding in findings[:NAMED])
    more = len(findings) - NAMED
    return named + (f"; and {more} more" if more > 0 else "")


def refusal(findings: list[Finding]) -> str | None:
    """Why a backup holding ``findings`` cannot be restored (None: it can)."""
    refused = [finding for finding in findings if finding.repair is None]
    return f"its values cannot be read: {summary(refused)}" if refused else None


def repair_values(connection: sqlite3.Connection, findings: list[Finding]) -> None:
    """Apply the repairs of ``findings`` (none of which may be refused), in one transaction."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        for finding in findings:
            assert finding.repair is not None
            connection.execute(*finding.repair)
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
