"""The four answer buttons, as ocstudy's own type: the UI and the services rate with it and
never see fsrs's; ``quiz.scheduling`` maps it to fsrs's rating (the same numbers, 1-4, which
the review log stores)."""

from __future__ import annotations

from enum import IntEnum


class Rating(IntEnum):
    """How well a card was recalled: Again (forgotten), Hard, Good, Easy."""

    Again = 1
    Hard = 2
    Good = 3
    Easy = 4
