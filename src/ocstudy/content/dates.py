"""Dates of known precision: a day, a month, a year, or a range of them.

The paper and the record give dates at different precisions ("1909", "January 2015",
"15 November 2000", "12-15 December 2000"); a date is stored as ISO text whose length
says its precision, so sorting the text sorts the dates.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal, NamedTuple

Precision = Literal["day", "month", "year"]

#: English, whatever the locale: the paper and the app are in English (``calendar`` would
#: follow the C library's locale, which Qt sets from the desktop's).
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(ValueError):
    """A date text that is not a real day, month or year."""


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


class PartialDate(NamedTuple):
    """A year, a month or a day; ordered as (year, month, day)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _PART.match(text.strip())
        if not match:
            raise DateError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match.group(1))
        if year < 1:
            raise DateError(f"{text!r}: there is no year 0")
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"{text!r} has no month {month}")
        if day is not None:
            assert month is not None
            if not 1 <= day <= days_in_month(year, month):
                raise DateError(f"{text!r}: {MONTHS[month - 1]} {year} has no day {day}")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        month = self.month or 12
        day = self.day or days_in_month(self.year, month)
        return date(self.year, month, day)

    def label(self) -> str:
        """'15 November 2000', 'January 2015' or '1909'."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"


class DateSpan(NamedTuple):
    """A single partial date, or a range from ``start`` to ``end`` inclusive."""

    start: PartialDate
    end: PartialDate | None = None

    @classmethod
    def parse(cls, text: str) -> DateSpan:
        if "/" in text:
            first, _, last = text.partition("/")
            start, end = PartialDate.parse(first), PartialDate.parse(last)
            if end.last_day() < start.first_day():
                raise DateError(f"{text!r} ends before it starts")
            if start.precision != end.precision:
                raise DateError(f"{text!r} mixes precisions ({start.precision}, {end.precision})")
            return cls(start, end)
        return cls(PartialDate.parse(text))

    @property
    def precision(self) -> Precision:
        return self.start.precision

    @property
    def is_range(self) -> bool:
        return self.end is not None

    def iso(self) -> str:
        return self.start.iso() if self.end is None else f"{self.start.iso()}/{self.end.iso()}"

    def first_day(self) -> date:
        return self.start.first_day()

    def last_day(self) -> date:
        return (self.end or self.start).last_day()

    def label(self) -> str:
        """Human text: '12-15 December 2000', '24 January - 25 March 1961', '1924 - 1925'."""
        if self.end is None:
            return self.start.label()
        start, end = self.start, self.end
        dash = "\u2013"
        if start.precision == "day" and (start.year, start.month) == (end.year, end.month):
            return f"{start.day}{dash}{end.label()}"
        if start.precision in ("day", "month") and start.year == end.year:
            head = start.label().rsplit(" ", 1)[0]
            return f"{head} {dash} {end.label()}"
        return f"{start.label()} {dash} {end.label()}"
