"""A hybrid logical clock: stamps that follow the wall clock but never go back below one
already seen, so "the latest change" survives a computer whose clock is hours off.

A stamp is ``<milliseconds, 13 digits>.<counter, 5 digits>.<device>``; stamps compare as
text, and the device id at the end makes each one unique."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Final

STAMP: Final = re.compile(r"^(\d{13})\.(\d{5})\.([0-9a-f]{32})$")
COUNTER_LIMIT: Final = 99_999


class StampError(ValueError):
    """Text that is not a stamp."""


@dataclass(frozen=True, slots=True, order=True)
class Stamp:
    millis: int
    counter: int
    device: str

    def __str__(self) -> str:
        return f"{self.millis:013d}.{self.counter:05d}.{self.device}"


def parse_stamp(text: object) -> Stamp:
    match = STAMP.match(text) if isinstance(text, str) else None
    if match is None:
        raise StampError(f"not a stamp: {str(text)[:80]!r}")
    return Stamp(int(match[1]), int(match[2]), match[3])


def _millis(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


@dataclass(slots=True)
class HybridClock:
    """The device's clock; ``last`` is the latest stamp made or seen (kept by the caller)."""

    device: str
    last: Stamp | None = None

    def now(self, wall: datetime) -> Stamp:
        """A new stamp, later than every one made or seen before."""
        millis = _millis(wall)
        if self.last is not None and self.last.millis >= millis:
            millis, counter = self.last.millis, self.last.counter + 1
            if counter > COUNTER_LIMIT:
                millis, counter = millis + 1, 0
        else:
            counter = 0
        self.last = Stamp(millis, counter, self.device)
        return self.last

    def seen(self, stamp: Stamp) -> None:
        """Another device's stamp was folded in: the next stamp made here is later."""
        if self.last is None or (stamp.millis, stamp.counter) > (
            self.last.millis,
            self.last.counter,
        ):
            self.last = Stamp(stamp.millis, stamp.counter, self.device)
