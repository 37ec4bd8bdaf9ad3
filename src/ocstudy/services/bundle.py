"""The services one window (or one command) uses, handed over together by ``ocstudy.wiring``."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, NamedTuple

from ocstudy.services.study import StudyService

if TYPE_CHECKING:
    from ocstudy.services.exchange.exports import Exports
    from ocstudy.services.exchange.review_exchange import ReviewExchange
    from ocstudy.services.own_cards import OwnCardService
    from ocstudy.services.review.quiz import QuizService
    from ocstudy.services.safety import DataSafety
    from ocstudy.services.sheet import SheetAssembler
    from ocstudy.services.sync.service import SyncService


class AppServices(NamedTuple):
    """The study service, which the first window needs, and the others as factories that
    make them on first use (each call returns the same one): the first paint waits for none
    of their imports (the quiz's includes the scheduler, FSRS).

    ``on_worker()`` opens the same services on connections of the calling thread's own, for
    work on a worker thread (SQLite connections belong to one thread; the window's go on
    serving it meanwhile), and closes them when its block ends."""

    study: StudyService
    quiz: Callable[[], QuizService]
    own_cards: Callable[[], OwnCardService]
    safety: Callable[[], DataSafety]
    exports: Callable[[], Exports]
    #: The review history exported, and reviews brought back (from ocstudy or Anki).
    reviews: Callable[[], ReviewExchange]
    #: A revision sheet's assembler (the notes read as they are when it assembles).
    sheet: Callable[[], SheetAssembler]
    on_worker: Callable[[], AbstractContextManager[AppServices]]
    #: Two computers in step through a synced folder (``docs/sync.md``).
    sync: Callable[[], SyncService]
