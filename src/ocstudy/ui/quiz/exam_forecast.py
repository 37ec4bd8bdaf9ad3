"""The exam forecast kept between the start page's refreshes: a plan and its simulation take
tens of milliseconds, and the page refreshes on every choice the learner makes there. It is
computed again only when what it depends on moved: the exam's settings, the day, or a change
announced to the cards (an answer, an undo, a restore) or to the settings that shape the
forecast (the retention, FSRS's parameters, the tiers studied)."""

from __future__ import annotations

from datetime import date
from typing import Final

from ocstudy.services.operations import (
    PARAMETERS_SETTING,
    RETENTION_SETTING,
    TIERS_SETTING,
    Changes,
)
from ocstudy.services.review.exam import EXAM_SETTINGS, ExamForecast, ExamService, ExamSettings

#: The settings a forecast depends on, besides the cards' schedules.
FORECAST_SETTINGS: Final = frozenset(
    {*EXAM_SETTINGS, RETENTION_SETTING, PARAMETERS_SETTING, TIERS_SETTING}
)

Key = tuple[ExamSettings | None, date]


class ForecastCache:
    def __init__(self, exam: ExamService) -> None:
        self._exam = exam
        self._kept: tuple[Key, ExamForecast | None] | None = None

    def note(self, changes: Changes) -> None:
        """Forget the forecast if ``changes`` can move it."""
        if changes.touches_cards or changes.settings & FORECAST_SETTINGS:
            self._kept = None

    def _key(self) -> Key:
        return (self._exam.stored(), self._exam.today())

    def kept(self) -> ExamForecast | None:
        """The forecast kept, if nothing it depends on moved since (None: compute it)."""
        if self._kept is None or self._kept[0] != self._key():
            return None
        return self._kept[1]

    def get(self) -> ExamForecast | None:
        """The forecast of the exam set (None: none set): the one kept, or computed now."""
        key = self._key()
        if self._kept is not None and self._kept[0] == key:
            return self._kept[1]
        forecast = self._exam.forecast()
        self._kept = (self._key(), forecast)
        return forecast
