"""FSRS fitted to the learner: read the review log into per-card histories, fit the FSRS
parameters to them with ``fsrs-rs-python`` (the Rust FSRS library Anki uses), measure how
well parameters predict the log (log loss, RMSE), and simulate the coming days for a few
desired retentions with the library's own simulator.

The parameters are FSRS-6's 21 weights, the format both ``fsrs-rs-python`` and the ``fsrs``
scheduler take (and the same defaults). The UI only draws what this module computes.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Final

from ocstudy.phrasing import counted
from ocstudy.quiz.days import StudyDay
from ocstudy.quiz.scheduling import checked_parameters

if TYPE_CHECKING:
    from fsrs_rs_python import FSRSItem

    from ocstudy.services.review.catalogue import CardCatalogue
    from ocstudy.services.review.schedule import Schedule
    from ocstudy.services.review.settings import ReviewSettings

#: Reviews on a later day than the card's previous review that a fit needs at least (Anki's
#: optimizer refuses fewer than a few hundred; below that the defaults predict as well).
MIN_REVIEWS: Final = 400
RETENTIONS: Final = (0.80, 0.85, 0.90, 0.95)
SIMULATED_DAYS: Final = 90
#: A learner with no timed answers yet: seconds per review (about Anki's simulator's default).
DEFAULT_REVIEW_SECONDS: Final = 12.0

#: Called between stages with what comes next; returning False cancels.
Progress = Callable[[str], bool]


class NotEnoughReviewsError(ValueError):
    """Too few reviews to fit; the message says how many are needed and how many there are."""


class FitCancelledError(Exception):
    """The learner cancelled the fit; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """How well parameters predict the log: lower is better for both."""

    log_loss: float
    rmse: float


@dataclass(frozen=True, slots=True)
class FitResult:
    parameters: tuple[float, ...]
    before: Evaluation
    after: Evaluation
    reviews: int


@dataclass(frozen=True, slots=True)
class SimulatedRetention:
    """The next ``SIMULATED_DAYS`` days at one desired retention, per day on average."""

    retention: float
    reviews_per_day: float
    minutes_per_day: float
    #: Cards the simulator expects you to remember on the last day.
    remembered: float


@dataclass(frozen=True, slots=True)
class ReviewLog:
    """The log as the library reads it: one item per review made on a later day than the
    card's previous review (the item holds the card's history up to and including it); a
    same-day answer only shapes the items after it."""

    items: list[FSRSItem]
    total: int
    #: The study days with an answer.
    study_days: int = 0

    @property
    def trainable(self) -> int:
        return len(self.items)

    @property
    def pace(self) -> float | None:
        """Such reviews a study day after the first (None before there is one)."""
        if self.trainable == 0 or self.study_days < 2:
            return None
        return self.trainable / (self.study_days - 1)

    def days_to_fit(self, new_per_day: int) -> int:
        """About how many more days of study until a fit has ``MIN_REVIEWS`` reviews: those
        it lacks at the learner's pace so far, or before there is one at about one a day per
        new card (each comes back on a later day)."""
        missing = MIN_REVIEWS - self.trainable
        if missing <= 0:
            return 0
        return math.ceil(missing / (self.pace or max(1, new_per_day)))


def day_shift_hours(day: StudyDay, now: datetime) -> float:
    """How far to move a UTC time for its date to be its study day: the timezone's offset
    (as it is ``now``) less the rollover hour."""
    offset = day.tz.utcoffset(now)
    return (offset.total_seconds() / 3600 if offset else 0.0) - day.rollover_hour


def review_histories(
    rating_days: Iterable[tuple[str, int, int]],
) -> dict[str, list[tuple[int, int]]]:
    """Each card's reviews, oldest first, as (rating, study days since the card's previous
    review; 0 for the first, for another the same day, and for one dated before it: the clock
    was set back), from (card, rating, day number) rows in answer order
    (``ReviewStore.rating_days``)."""
    ratings: defaultdict[str, list[int]] = defaultdict(list)
    days: defaultdict[str, list[int]] = defaultdict(list)
    for card_id, rating, day in rating_days:
        ratings[card_id].append(rating)
        days[card_id].append(day)
    histories: dict[str, list[tuple[int, int]]] = {}
    for card_id, card_days in days.items():
        deltas = [0, *(max(0, later - earlier) for earlier, later in pairwise(card_days))]
        histories[card_id] = list(zip(ratings[card_id], deltas, strict=True))
    return histories


def fsrs_items(histories: Iterable[Sequence[tuple[int, int]]]) -> ReviewLog:
    """``histories`` as ``fsrs-rs-python`` items, the way Anki builds them."""
    from fsrs_rs_python import FSRSItem, FSRSReview

    items: list[FSRSItem] = []
    total = 0
    for history in histories:
        reviews = [FSRSReview(rating, delta) for rating, delta in history]
        total += len(reviews)
        items.extend(
            FSRSItem(reviews[: end + 1]) for end in range(1, len(reviews)) if history[end][1] > 0
        )
    return ReviewLog(items, total)


def evaluate(parameters: Sequence[float], log: ReviewLog) -> Evaluation:
    from fsrs_rs_python import FSRS

    if not log.items:
        raise NotEnoughReviewsError("there are no reviews to measure yet: answer some cards first")
    result = FSRS(list(parameters)).evaluate(log.items)
    return Evaluation(float(result.log_loss), float(result.rmse_bins))


def check_enough(log: ReviewLog) -> None:
    if log.trainable < MIN_REVIEWS:
        raise NotEnoughReviewsError(
            f"optimizing needs at least {MIN_REVIEWS} reviews made on a later day than the "
            f"card's previous one; you have {log.trainable} (of {counted(log.total, 'answer')})"
        )


def fit(log: ReviewLog, current: Sequence[float], progress: Progress | None = None) -> FitResult:
    """Fit the parameters to ``log``; measure ``current`` and the fit on it."""
    from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS

    def stage(text: str) -> None:
        if progress is not None and not progress(text):
            raise FitCancelledError("the optimization was cancelled; nothing was changed")

    check_enough(log)
    stage(f"Measuring the current parameters on {log.trainable} reviews")
    before = evaluate(current, log)
    stage("Fitting FSRS to them")
    fitted = checked_parameters(FSRS(DEFAULT_PARAMETERS).compute_parameters(log.items))
    stage("Measuring the fitted parameters")
    after = evaluate(fitted, log)
    stage("Done")
    return FitResult(fitted, before, after, log.trainable)


def simulate(
    parameters: Sequence[float],
    *,
    cards: int,
    new_per_day: int,
    review_seconds: float,
    retentions: Sequence[float] = RETENTIONS,
    days: int = SIMULATED_DAYS,
    seed: int = 42,
) -> list[SimulatedRetention]:
    """Each retention's next ``days`` days with the library's simulator: a deck of ``cards``
    cards learnt ``new_per_day`` a day, its answer times scaled to ``review_seconds``."""
    from fsrs_rs_python import default_simulator_config
    from fsrs_rs_python import simulate as run

    config = default_simulator_config()
    config.deck_size = cards
    config.learn_span = days
    config.learn_limit = new_per_day
    config.max_cost_perday = 24 * 3600.0
    scale = review_seconds / statistics.fmean(config.state_rating_costs[1][1:])
    config.state_rating_costs = [[c * scale for c in row] for row in config.state_rating_costs]
    rows = []
    for retention in retentions:
        result = run(list(parameters), retention, config, seed)
        per_day = zip(result.review_cnt_per_day, result.learn_cnt_per_day, strict=True)
        answers = [reviews + learnt for reviews, learnt in per_day]
        rows.append(
            SimulatedRetention(
                retention,
                statistics.fmean(answers[:days]),
                statistics.fmean(result.cost_per_day[:days]) / 60,
                float(result.memorized_cnt_per_day[days - 1]),
            )
        )
    return rows


class FsrsFit:
    """The learner's FSRS parameters: measure, fit, keep, reset, simulate."""

    def __init__(
        self, catalogue: CardCatalogue, schedule: Schedule, settings: ReviewSettings
    ) -> None:
        self._catalogue = catalogue
        self._schedule = schedule
        self._settings = settings

    @property
    def parameters(self) -> tuple[float, ...]:
        return self._settings.parameters()

    @property
    def new_cards_per_day(self) -> int:
        """The learner's daily limit of new cards (what a simulation introduces)."""
        return self._settings.current().new_cards_per_day

    @property
    def card_count(self) -> int:
        """How many cards the learner has (the content's and their own)."""
        return len(self._catalogue.cards())

    @property
    def fitted(self) -> bool:
        return self._settings.fitted_parameters() is not None

    def log(self) -> ReviewLog:
        shift = day_shift_hours(self._schedule.day, self._schedule.now())
        rows = self._schedule.rating_days(shift)
        log = fsrs_items(review_histories(rows).values())
        return replace(log, study_days=len({day for _card, _rating, day in rows}))

    def evaluate(self) -> Evaluation:
        return evaluate(self.parameters, self.log())

    def optimize(self, progress: Progress | None = None, *, save: bool = True) -> FitResult:
        """Fit to the whole log and, with ``save``, schedule with the fit from now on."""
        result = fit(self.log(), self.parameters, progress)
        if save:
            self.keep(result.parameters)
        return result

    def keep(self, parameters: Sequence[float]) -> None:
        self._settings.set_fitted_parameters(parameters)

    def reset(self) -> None:
        self._settings.set_fitted_parameters(None)

    def simulate(self, retentions: Sequence[float] = RETENTIONS) -> list[SimulatedRetention]:
        durations = self._schedule.recent_durations()
        seconds = statistics.median(durations) / 1000 if durations else DEFAULT_REVIEW_SECONDS
        return simulate(
            self.parameters,
            cards=self.card_count,
            new_per_day=self.new_cards_per_day,
            review_seconds=seconds,
            retentions=retentions,
        )
