"""Study days: what "today" means for limits, streaks and forecasts.

Like Anki, a study day starts at a rollover hour (4 a.m. local time by default), so a late
session after midnight still counts for the evening it began. Times are stored in UTC; the
learner's timezone only decides where the day boundaries fall.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo


def local_timezone() -> tzinfo:
    """The system's current timezone (a fixed offset: good enough for day boundaries)."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


@dataclass(frozen=True, slots=True)
class StudyDay:
    tz: tzinfo = field(default=UTC)
    rollover_hour: int = 4

    def day_of(self, moment: datetime) -> date:
        """The study day ``moment`` (aware) belongs to."""
        local = moment.astimezone(self.tz) - timedelta(hours=self.rollover_hour)
        return local.date()

    def start(self, day: date) -> datetime:
        """When study day ``day`` begins, in UTC."""
        return datetime.combine(day, time(self.rollover_hour), tzinfo=self.tz).astimezone(UTC)

    def end(self, day: date) -> datetime:
        """When study day ``day`` ends (the next one begins), in UTC."""
        return self.start(day + timedelta(days=1))
