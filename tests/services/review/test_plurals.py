"""One of a thing is singular in ``ocstudy stats`` and Optimize's refusal: "of 1 answer",
"(1 card suspended)", "(1 of 1 card reviewed)", "(of 1 answer)"."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from tests.review_fixtures import FakeClock

from ocstudy.services.browser.actions import CardActions
from ocstudy.services.review.fsrs_fit import NotEnoughReviewsError, ReviewLog, check_enough
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.stats_text import stats_text
from ocstudy.userdata.review_rows import StoredState

REVIEW = 2
ONE_CARD_ENTRY = "security-council"  # the one entry with a single card


def test_stats_say_one_answer_one_suspended_card_and_one_card_reviewed(
    service: QuizService, clock: FakeClock
) -> None:
    card = next(card for card in service.catalogue.cards() if card.entity_slug == ONE_CARD_ENTRY)
    assert [c.id for c in service.catalogue.cards() if c.entity_slug == ONE_CARD_ENTRY] == [card.id]
    before = datetime(2026, 2, 20, 9, tzinfo=UTC)
    in_review = StoredState(REVIEW, None, 3.0, 5.0, clock.now, before, 1, 0)
    service.schedule.reviews.record(card.id, rating=3, mode="flashcard", reviewed_at=before,
                           duration_ms=4000, before=None, after=in_review)  # fmt: skip
    answered = clock.now
    service.schedule.reviews.record(card.id, rating=3, mode="flashcard", reviewed_at=answered,
                           duration_ms=4000, before=in_review, after=in_review)  # fmt: skip
    other = next(c for c in service.catalogue.cards() if c.entity_slug != ONE_CARD_ENTRY)
    CardActions(service.schedule).toggle_suspend([other.id])
    service.schedule.forget_cached_state()
    text = stats_text(service)
    assert "of 1 answer to review cards" in text
    assert "(1 card suspended)" in text
    assert "(1 of 1 card reviewed)" in text
    assert not re.search(r"\b1 (answers|cards)\b", text)


@pytest.mark.parametrize(("total", "said"), [(1, "(of 1 answer)"), (2, "(of 2 answers)")])
def test_optimize_says_of_how_many_answers_in_the_singular_too(total: int, said: str) -> None:
    with pytest.raises(NotEnoughReviewsError) as error:
        check_enough(ReviewLog([], total))
    assert str(error.value).endswith(said)
