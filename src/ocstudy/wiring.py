"""The one place that builds the services from the learner's database and the content: the
app's window (``app.py``) and the command line (``commands.py``) get the same objects, made
the same way. Each service is made on first use, so the first paint waits for none of the
quiz's imports (the scheduler, FSRS)."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ocstudy.clock import utc_now
from ocstudy.content.repository import ContentRepository
from ocstudy.services.bundle import AppServices
from ocstudy.services.study import StudyService
from ocstudy.userdata.database import UserDatabase
from ocstudy.userdata.notes import NoteStore

if TYPE_CHECKING:
    from ocstudy.services.exchange.exports import Exports
    from ocstudy.services.exchange.review_exchange import ReviewExchange
    from ocstudy.services.own_cards import OwnCardService
    from ocstudy.services.review.quiz import QuizService
    from ocstudy.services.safety import DataSafety
    from ocstudy.services.sheet import SheetAssembler
    from ocstudy.services.sync.service import SyncService


def app_services(
    content: ContentRepository,
    user_db: UserDatabase,
    data_dir: Path,
    clock: Callable[[], datetime] = utc_now,
    *,
    fuzz: bool = True,
    seed: int | None = None,
) -> AppServices:
    """The services on ``content`` and ``user_db``; the quiz, own cards, backups, exports
    and the revision sheet made on first use. Their ``on_worker`` opens the same on
    connections of the calling thread's own (content and user data by path), for work on a
    worker thread."""
    notes = NoteStore(user_db, clock)

    @functools.cache
    def quiz_service() -> QuizService:
        from ocstudy.services.review.quiz import QuizService
        from ocstudy.userdata.own_cards import OwnCardStore
        from ocstudy.userdata.reviews import ReviewStore

        reviews, own = ReviewStore(user_db), OwnCardStore(user_db, clock)
        return QuizService.open(content, reviews, clock=clock, fuzz=fuzz, seed=seed, own=own)

    @functools.cache
    def own_cards() -> OwnCardService:
        from ocstudy.services.own_cards import OwnCardService
        from ocstudy.userdata.own_cards import OwnCardStore

        return OwnCardService(quiz_service().catalogue, OwnCardStore(user_db, clock))

    @functools.cache
    def safety() -> DataSafety:
        from ocstudy.services.safety import DataSafety

        return DataSafety(user_db, data_dir)

    @functools.cache
    def exports() -> Exports:
        from ocstudy.services.exchange.exports import Exports

        return Exports(content, notes, user_db, lambda: quiz_service().catalogue.cards())

    @functools.cache
    def reviews() -> ReviewExchange:
        from ocstudy.services.exchange.review_exchange import ReviewExchange

        quiz = quiz_service()
        return ReviewExchange(quiz.schedule, quiz.catalogue.cards, content.path)

    def sheet() -> SheetAssembler:
        from ocstudy.services.sheet import SheetAssembler
        from ocstudy.userdata.note_conflicts import notes_as_read

        def note_texts() -> dict[str, str]:
            return {note.slug: note.text for note in notes_as_read(notes)}

        return SheetAssembler(content, notes=note_texts, quiz=quiz_service)

    def sync() -> SyncService:
        from ocstudy.services.sync.service import SyncService

        return SyncService(user_db, reviews(), clock)

    @contextlib.contextmanager
    def on_worker() -> Iterator[AppServices]:
        from ocstudy.userdata.connections import another_connection

        worker_content = ContentRepository.open(content.path)
        try:
            worker_db = another_connection(user_db)
            try:
                yield app_services(worker_content, worker_db, data_dir, clock, fuzz=fuzz, seed=seed)
            finally:
                worker_db.close()
        finally:
            worker_content.close()

    return AppServices(
        study=StudyService(content, notes),
        quiz=quiz_service,
        own_cards=own_cards,
        safety=safety,
        exports=exports,
        reviews=reviews,
        sheet=sheet,
        on_worker=on_worker,
        sync=sync,
    )
