"""Dates to x and back, and axis ticks that adapt to the zoom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ocstudy.content.dates import MONTHS

#: Smallest and largest zoom, in pixels per day: a century on a laptop screen, a day on a hand.
MIN_PX_PER_DAY = 0.002
MAX_PX_PER_DAY = 60.0


def day_number(value: date) -> float:
    return float(value.toordinal())


def from_day_number(value: float) -> date:
    return date.fromordinal(max(1, min(int(value), date.max.toordinal())))


@dataclass(frozen=True)
class TimeScale:
    """``x = (day - origin) * px_per_day``, with the zoom clamped to sensible bounds."""

    origin: float
    px_per_day: float

    def x(self, day: float) -> float:
        return (day - self.origin) * self.px_per_day

    def day(self, x: float) -> float:
        return self.origin + x / self.px_per_day


def clamp_zoom(px_per_day: float, minimum: float = MIN_PX_PER_DAY) -> float:
    return max(minimum, min(MAX_PX_PER_DAY, px_per_day))


@dataclass(frozen=True)
class Tick:
    day: float
    label: str
    major: bool


#: Candidate tick steps, finest last: (unit, count); units are years, months or days.
_STEPS: tuple[tuple[str, int], ...] = (
    ("year", 100),
    ("year", 50),
    ("year", 20),
    ("year", 10),
    ("year", 5),
    ("year", 2),
    ("year", 1),
    ("month", 6),
    ("month", 3),
    ("month", 1),
    ("day", 7),
    ("day", 1),
)
_APPROX_DAYS = {"year": 365.25, "month": 30.44, "day": 1.0}


def tick_step(px_per_day: float, min_spacing_px: float = 80.0) -> tuple[str, int]:
    """The finest step whose ticks are at least ``min_spacing_px`` apart."""
    chosen = _STEPS[0]
    for unit, count in _STEPS:
        if _APPROX_DAYS[unit] * count * px_per_day >= min_spacing_px:
            chosen = (unit, count)
    return chosen


def _advance(value: date, unit: str, count: int) -> date:
    if unit == "year":
        return date(value.year + count, 1, 1)
    if unit == "month":
        months = value.month - 1 + count
        return date(value.year + months // 12, months % 12 + 1, 1)
    return value + timedelta(days=count)


def _aligned(value: date, unit: str, count: int) -> date:
    if unit == "year":
        return date(value.year - value.year % count, 1, 1)
    if unit == "month":
        month0 = (value.month - 1) - (value.month - 1) % count
        return date(value.year, month0 + 1, 1)
    if count == 7:
        return value - timedelta(days=value.weekday())
    return value


def _label(value: date, unit: str) -> str:
    if unit == "year":
        return str(value.year)
    if unit == "month":
        return f"{MONTHS[value.month - 1][:3]} {value.year}"
    return f"{value.day} {MONTHS[value.month - 1][:3]} {value.year}"


def ticks(first_day: float, last_day: float, px_per_day: float) -> list[Tick]:
    """Major ticks with labels, and unlabelled minor ticks between them, over a day range."""
    unit, count = tick_step(px_per_day)
    index = _STEPS.index((unit, count))
    minor_unit, minor_count = _STEPS[index + 1] if index + 1 < len(_STEPS) else (unit, count)
    if _APPROX_DAYS[minor_unit] * minor_count * px_per_day < 8:
        minor_unit, minor_count = unit, count
    start = from_day_number(first_day)
    end = from_day_number(last_day)
    result: list[Tick] = []
    majors: set[float] = set()
    current = _aligned(start, unit, count)
    while current <= end:
        day = day_number(current)
        result.append(Tick(day, _label(current, unit), True))
        majors.add(day)
        current = _advance(current, unit, count)
    if (minor_unit, minor_count) != (unit, count):
        current = _aligned(start, minor_unit, minor_count)
        while current <= end:
            day = day_number(current)
            if day not in majors:
                result.append(Tick(day, "", False))
            current = _advance(current, minor_unit, minor_count)
    return sorted(result, key=lambda tick: (tick.day, not tick.major))
