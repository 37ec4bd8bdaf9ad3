"""Ecosystem fixtures: the real content's quiz cards and facts, a note store on a fresh data
folder, and a fresh Anki collection (the official ``anki`` package) with its import calls."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ocstudy.content.model import Fact
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.model import QuizCard
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.reviews import ReviewStore


class TickingClock:
    """A clock that moves one second on every reading."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture(scope="session")
def cards(
    repository: ContentRepository, tmp_path_factory: pytest.TempPathFactory
) -> tuple[QuizCard, ...]:
    reviews = ReviewStore(open_user_database(tmp_path_factory.mktemp("quiz")))
    return QuizService.open(repository, reviews, seed=1).catalogue.cards()


@pytest.fixture(scope="session")
def facts(repository: ContentRepository) -> tuple[Fact, ...]:
    from ocstudy.services.exchange.anki_cards import content_facts

    return content_facts(repository)


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Any]:
    """A fresh Anki collection, made and read by Anki's own code."""
    anki_collection = pytest.importorskip("anki.collection")
    folder = tmp_path / "anki"
    folder.mkdir()
    col = anki_collection.Collection(str(folder / "collection.anki2"))
    yield col
    col.close()


def import_package(col: Any, package: Path) -> Any:
    """Import an .apkg as Anki's File > Import does by default (update notes if newer)."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=False)
    )
    return col.import_anki_package(request).log


def note_of(col: Any, card_id: str) -> Any:
    """The Anki note made from the quiz card ``card_id``."""
    from ocstudy.services.exchange.anki_cards import note_guid

    return col.get_note(col.db.scalar("SELECT id FROM notes WHERE guid = ?", note_guid(card_id)))


@pytest.fixture
def store(data_dir: Path) -> NoteStore:
    return NoteStore(open_user_database(data_dir), clock=TickingClock())


def leftovers(folder: Path) -> list[str]:
    """Temporary files an export may have left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


def stop_after(calls_allowed: int) -> tuple[list[tuple[int, int]], Callable[[int, int], bool]]:
    """A progress callback that records its calls and says stop after ``calls_allowed``."""
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) <= calls_allowed

    return calls, progress
