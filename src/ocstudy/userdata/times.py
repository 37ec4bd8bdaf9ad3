"""The range of times ocstudy takes in, stores and shows.

Wide enough for any real clock (a dead clock battery gives 1970), narrow enough that every
time can be shown in any time zone and moved by any interval the scheduler (fsrs's longest is
100 years) or the statistics use, without leaving Python's ``datetime`` range. A time from
outside (a clock far off, a row written elsewhere) is clamped into it; an imported one is
refused (:func:`in_range`).
"""

from __future__ import annotations

from datetime import UTC, datetime

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9899, 12, 31, tzinfo=UTC)


def clamped(moment: datetime) -> datetime:
    """``moment`` in UTC, moved into [:data:`EARLIEST`, :data:`LATEST`] (naive means UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        utc = aware.astimezone(UTC)
    except OverflowError:  # 0001-01-01 at UTC+14, 9999-12-31 at UTC-12
        return LATEST if aware.year > 5000 else EARLIEST
    return min(max(utc, EARLIEST), LATEST)


def in_range(moment: datetime) -> bool:
    """Whether ``moment`` is within the range (so :func:`clamped` leaves it as it is)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        return EARLIEST <= aware.astimezone(UTC) <= LATEST
    except OverflowError:
        return False


def stored(text: str) -> datetime:
    """A stored ISO 8601 time, read back clamped into the range."""
    return clamped(datetime.fromisoformat(text))
