"""Reading what the learner's database holds, whatever it holds.

SQLite keeps any value in any column, and the database may come from an odd backup, a hand
edit, or an older or newer ocstudy. So the stores read every stored value through the
parsers below, which return the value as its column means it or raise :class:`BadValueError`
saying what is wrong. A store then leaves the row out (a card, an answer) or reads the value
as its default (a setting, a mark, a note's time), and says so to the database's
:class:`Unreadable` log, which says each problem once, naming its row: one bad row never
stops a command or a view, and the learner knows what was left out. Nothing is written back:
the file stays as it is until the learner changes that row.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, TypeVar

from ocstudy.userdata.times import EARLIEST, clamped

Row = TypeVar("Row")
Value = TypeVar("Value")

#: How much of a value a message quotes: a bad value, or the id naming a row.
VALUE_LENGTH, ID_LENGTH = 40, 100


def shown(value: object, length: int = VALUE_LENGTH) -> str:
    """``value`` as a message quotes it: its repr, cut to ``length`` characters (a long text
    is cut first: its whole repr could be megabytes)."""
    if isinstance(value, str | bytes) and len(value) > length:
        return f"{repr(value[:length])[: length - 1]}…"
    text = repr(value)
    return text if len(text) <= length else f"{text[: length - 1]}…"


class BadValueError(ValueError):
    """A stored value that is not what its column holds."""

    def __init__(self, column: str, value: object, expected: str) -> None:
        super().__init__(f"{column} {shown(value)} is not {expected}")


def time_value(value: object, column: str) -> datetime:
    """An ISO 8601 time (clamped into the range every view can show, ``times.py``)."""
    if not isinstance(value, str):
        raise BadValueError(column, value, "a time")
    try:
        return clamped(datetime.fromisoformat(value))
    except ValueError:
        raise BadValueError(column, value, "a time") from None


def optional_time(value: object, column: str) -> datetime | None:
    """A time, or None for NULL (and for the empty text an older ocstudy may have written)."""
    return None if value is None or value == "" else time_value(value, column)


def whole_number(value: object, column: str, low: int, high: int | None = None) -> int:
    """An integer from ``low`` to ``high`` (no upper bound: None); the text of one counts."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        try:
            number = int(value)
        except ValueError:  # not a number, or thousands of digits
            number = None
    if number is None or number < low or (high is not None and number > high):
        span = f"from {low} to {high}" if high is not None else f"of {low} or more"
        raise BadValueError(column, value, f"a whole number {span}")
    return number


def optional_whole_number(value: object, column: str, low: int) -> int | None:
    return None if value is None else whole_number(value, column, low)


def real_number(value: object, column: str, low: float, high: float = math.inf) -> float:
    """A finite number from ``low`` to ``high``; the text of one counts."""
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            number = None
    if number is None or not math.isfinite(number) or not low <= number <= high:
        span = f"from {low:g} to {high:g}" if math.isfinite(high) else f"of {low:g} or more"
        raise BadValueError(column, value, f"a number {span}")
    return number


def text_value(value: object, column: str) -> str:
    if not isinstance(value, str):
        raise BadValueError(column, value, "text")
    return value


def json_value(value: object, column: str) -> Any:
    """The JSON document stored as text."""
    if not isinstance(value, str):
        raise BadValueError(column, value, "JSON text")
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        raise BadValueError(column, value, "JSON text") from None


def text_list(value: object, column: str) -> tuple[str, ...]:
    """A JSON list of texts."""
    items = json_value(value, column)
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise BadValueError(column, value, "a JSON list of texts")
    return tuple(items)


class Unreadable:
    """What of one database could not be read as it is, each problem said once.

    ``say`` is called by the stores (from any thread) and calls the listeners: the command
    line prints each message on stderr, the window shows it in its status bar."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._said: set[str] = set()
        self._listeners: list[Callable[[str], None]] = []

    def say(self, row: str, problem: BadValueError, outcome: str) -> None:
        """Tell the learner, once, that ``row`` has a bad value and what ocstudy does instead
        (``outcome``: "the card is left out", "the default 20 is used")."""
        message = f"{row}: {problem}; {outcome}"
        with self._lock:
            if message in self._said:
                return
            self._said.add(message)
            listeners = list(self._listeners)
        for listener in listeners:
            listener(message)

    def listen(self, listener: Callable[[str], None]) -> None:
        """Call ``listener`` with each message from now on (as ``say`` is called)."""
        with self._lock:
            self._listeners.append(listener)


def readable_rows(
    rows: Iterable[Row],
    read: Callable[[Row], Value],
    unreadable: Unreadable,
    name: Callable[[Row], str],
    outcome: str,
) -> Iterator[Value]:
    """Each of ``rows`` as ``read`` makes it; a row it cannot read is said (by ``name``, with
    ``outcome``) and left out."""
    for row in rows:
        try:
            yield read(row)
        except BadValueError as problem:
            unreadable.say(name(row), problem, outcome)


def value_or_default(
    read: Callable[[], Value], default: Value, unreadable: Unreadable, row: str, outcome: str
) -> Value:
    """What ``read`` returns, or ``default`` when the stored value is bad (said once)."""
    try:
        return read()
    except BadValueError as problem:
        unreadable.say(row, problem, outcome)
        return default


def learners_time(value: object, column: str, unreadable: Unreadable, name: str) -> datetime:
    """A time on something the learner made (a note, an own card): one that is not a time is
    read as the earliest time and said once; the thing is never left out for it."""
    return value_or_default(
        lambda: time_value(value, column),
        EARLIEST,
        unreadable,
        name,
        f"{column} is read as {EARLIEST.date().isoformat()}",
    )


def learners_text(value: object, column: str, unreadable: Unreadable, name: str) -> str:
    """Text the learner wrote: never left out. Stored as bytes (or a number) it is read as
    UTF-8 (or its digits), and said once."""
    if isinstance(value, str):
        return value
    unreadable.say(
        name, BadValueError(column, value, "text"), "it is shown as the text those bytes make"
    )
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value or "")
