"""How many more days of study a fit needs (issue 23): the reviews it lacks at the learner's
pace so far, else at about one a day per new card."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from tests.review_fixtures import FakeClock

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.days import StudyDay
from ocstudy.services.review.fsrs_fit import MIN_REVIEWS, ReviewLog
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.reviews import ReviewStore

from .review_log import START, record_history


@pytest.mark.parametrize(
    ("trainable", "study_days", "new_per_day", "days"),
    [
        (0, 0, 20, 20),  # nothing yet: about one a day per new card
        (0, 1, 0, MIN_REVIEWS),  # no new cards a day: one a day at least
        (40, 3, 20, 18),  # 20 a day on the two later days: 360 more, 18 days
        (399, 30, 20, 1),
        (MIN_REVIEWS, 30, 20, 0),
    ],
)
def test_the_days_a_fit_still_needs(
    trainable: int, study_days: int, new_per_day: int, days: int
) -> None:
    log = ReviewLog([object()] * trainable, trainable * 2, study_days)  # type: ignore[list-item]
    assert log.days_to_fit(new_per_day) == days


def test_the_log_counts_the_days_studied(data_dir: Path, content: ContentRepository) -> None:
    store = ReviewStore(open_user_database(data_dir))
    service = QuizService.open(
        content, store, clock=FakeClock(START + timedelta(days=5)), fuzz=False, day=StudyDay()
    )
    record_history(
        store, [c.id for c in service.catalogue.cards()][:30], START, days=4, new_per_day=10
    )
    log = service.fsrs_fit.log()
    assert log.study_days == 4 and 0 < log.trainable < MIN_REVIEWS
    assert log.days_to_fit(10) == -(-(MIN_REVIEWS - log.trainable) * 3 // log.trainable)
