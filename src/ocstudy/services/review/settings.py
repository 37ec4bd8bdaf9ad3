"""The quiz's settings: desired retention, new cards per day, the tiers studied, the FSRS
parameters fitted to the learner (read, checked, set) and the leech threshold, kept in the
learner's database; and the scheduler they make (retention and parameters)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from ocstudy.content.vocabulary import TIER_CHOICES, TierChoice
from ocstudy.quiz.scheduling import DEFAULT_RETENTION, CardScheduler, checked_parameters
from ocstudy.userdata.reviews import ReviewStore
from ocstudy.userdata.saved_searches import SavedSearchStore
from ocstudy.userdata.stored_values import BadValueError

DEFAULT_NEW_PER_DAY: Final = 20
RETENTION_RANGE: Final = (0.7, 0.99)
NEW_PER_DAY_RANGE: Final = (0, 1000)
LEECH_KEY: Final = "quiz.leech_threshold"
DEFAULT_LEECH_THRESHOLD: Final = 8
_RETENTION_KEY: Final = "quiz.desired_retention"
_NEW_KEY: Final = "quiz.new_cards_per_day"
_TIERS_KEY: Final = "quiz.tiers"
#: The learner's fitted FSRS parameters, a JSON list; absent or empty: fsrs's defaults.
_PARAMETERS_KEY: Final = "fsrs.parameters"


@dataclass(frozen=True, slots=True)
class QuizSettings:
    desired_retention: float = DEFAULT_RETENTION
    new_cards_per_day: int = DEFAULT_NEW_PER_DAY
    tiers: TierChoice = "core"


#: The seed of the scheduler's fuzz. A card's fuzz depends on the card and its answers alone
#: (as Anki's does), never on the run: a review log replayed in another session or on another
#: computer (an import, a sync) gives back the intervals given when the cards were answered.
FUZZ_SEED: Final = 0


class ReviewSettings:
    """The settings, and ``scheduler``: FSRS with the learner's retention and parameters
    (``fuzz`` spreads its intervals), replaced when either changes."""

    def __init__(self, reviews: ReviewStore, *, seed: int, fuzz: bool = True) -> None:
        self._reviews = reviews
        #: Fixes the quiz's random choices of a run (the order of ties, custom study, practice).
        self.seed = seed
        self.scheduler = CardScheduler(
            self.current().desired_retention,
            fuzz=fuzz,
            seed=FUZZ_SEED,
            parameters=self.fitted_parameters(),
        )

    def current(self) -> QuizSettings:
        """The learner's settings; a stored value out of its range, or not a number, counts as
        the default (and is said once)."""
        tiers = self._reviews.choice_setting(_TIERS_KEY, "core", tuple(TIER_CHOICES))
        return QuizSettings(
            self._reviews.number_setting(_RETENTION_KEY, DEFAULT_RETENTION, *RETENTION_RANGE),
            self._reviews.whole_setting(_NEW_KEY, DEFAULT_NEW_PER_DAY, *NEW_PER_DAY_RANGE),
            next((choice for choice in TIER_CHOICES if choice == tiers), "core"),
        )

    def update(
        self,
        *,
        desired_retention: float | None = None,
        new_cards_per_day: int | None = None,
        tiers: str | None = None,
    ) -> QuizSettings:
        """Change the desired retention (0.70-0.99), the daily new-card limit (0-1000) and/or
        which tiers sessions ask (``core``, ``detail``: core and detail, ``all``)."""
        values: dict[str, str] = {}
        if tiers is not None:
            if tiers not in TIER_CHOICES:
                raise ValueError(f"tiers {tiers!r} is not one of {', '.join(TIER_CHOICES)}")
            values[_TIERS_KEY] = tiers
        if desired_retention is not None:
            if not RETENTION_RANGE[0] <= desired_retention <= RETENTION_RANGE[1]:
                raise ValueError(f"desired retention {desired_retention} is not in 0.70-0.99")
            values[_RETENTION_KEY] = repr(desired_retention)
            self.scheduler = self.scheduler.with_retention(desired_retention)
        if new_cards_per_day is not None:
            if not NEW_PER_DAY_RANGE[0] <= new_cards_per_day <= NEW_PER_DAY_RANGE[1]:
                raise ValueError(f"new cards per day {new_cards_per_day} is not in 0-1000")
            values[_NEW_KEY] = str(new_cards_per_day)
        self._reviews.set_settings(values)
        return self.current()

    def fitted_parameters(self) -> tuple[float, ...] | None:
        """The FSRS parameters fitted to the learner (None: fsrs's defaults). A stored value
        that is not 21 numbers in bounds (edited by hand) counts as none."""
        text = self._reviews.setting(_PARAMETERS_KEY)
        if not text:
            return None
        try:
            return checked_parameters(json.loads(text))
        except (ValueError, TypeError, RecursionError):
            problem = BadValueError("the value", text, "21 FSRS parameters")
            self._reviews.say_bad_setting(_PARAMETERS_KEY, problem, "FSRS's defaults are used")
            return None

    def set_fitted_parameters(self, parameters: Sequence[float] | None) -> None:
        """Keep ``parameters`` (None: back to the defaults) and schedule with them from now."""
        checked = checked_parameters(parameters) if parameters is not None else None
        self._reviews.set_settings({_PARAMETERS_KEY: json.dumps(checked) if checked else ""})
        self.scheduler = self.scheduler.with_parameters(checked)

    def parameters(self) -> tuple[float, ...]:
        """The parameters the scheduler uses now (fsrs's defaults when none were fitted)."""
        return self.scheduler.parameters

    def leech_threshold(self) -> int:
        return self._reviews.whole_setting(LEECH_KEY, DEFAULT_LEECH_THRESHOLD, 0, 1000)

    def saved_searches(self) -> SavedSearchStore:
        """The cards browser's saved searches (kept among the settings)."""
        return SavedSearchStore(self._reviews)

    # -- the stored values other choices keep (custom study's) ----------------------------

    def setting(self, key: str) -> str | None:
        return self._reviews.setting(key)

    def choice_setting(self, key: str, default: str, choices: Sequence[str]) -> str:
        return self._reviews.choice_setting(key, default, choices)

    def whole_setting(self, key: str, default: int, low: int, high: int) -> int:
        return self._reviews.whole_setting(key, default, low, high)

    def set_settings(self, values: dict[str, str]) -> None:
        self._reviews.set_settings(values)

    def say_bad_setting(self, key: str, problem: BadValueError, outcome: str) -> None:
        self._reviews.say_bad_setting(key, problem, outcome)
