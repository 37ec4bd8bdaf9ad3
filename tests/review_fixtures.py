"""The review's fixtures, registered for every test by ``tests/conftest.py``: the real
content's cards, and a quiz service on a fresh user database with an injected clock, a fixed
seed and fuzz off."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.cards import generate_cards
from ocstudy.quiz.days import StudyDay
from ocstudy.quiz.model import QuizCard
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.reviews import ReviewStore

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(scope="session")
def content(repository: ContentRepository) -> ContentRepository:
    """The bundled content, under the name the quiz tests use."""
    return repository


@pytest.fixture(scope="session")
def all_cards(content: ContentRepository) -> tuple[QuizCard, ...]:
    details = [content.detail(e.slug) for e in content.entities()]
    return generate_cards([d for d in details if d is not None])


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(data_dir: Path) -> ReviewStore:
    return ReviewStore(open_user_database(data_dir))


ServiceFactory = Callable[..., QuizService]


@pytest.fixture
def make_service(
    content: ContentRepository, store: ReviewStore, clock: FakeClock
) -> ServiceFactory:
    def factory(**options: object) -> QuizService:
        settings: dict[str, object] = {"clock": clock, "seed": 7, "fuzz": False, "day": StudyDay()}
        settings.update(options)
        return QuizService.open(content, store, **settings)  # type: ignore[arg-type]

    return factory


@pytest.fixture
def service(make_service: ServiceFactory) -> QuizService:
    return make_service()
