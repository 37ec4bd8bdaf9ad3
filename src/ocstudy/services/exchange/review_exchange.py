"""The review history out and in, behind one service that the File menu and the command
line share: every review exported as JSON or CSV, and reviews brought back from an ocstudy
reviews export or an Anki package (:mod:`.review_log_io`, :mod:`.anki_reviews`). Reviews are
merged by identity (card and time to the millisecond), so nothing lands twice; each card
that gains one has its schedule replayed from its whole log with FSRS as the learner's
settings make it (:mod:`ocstudy.quiz.replay`), never copied from the file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from ocstudy.phrasing import counted
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.replay import replay
from ocstudy.quiz.scheduling import CardScheduler
from ocstudy.services.exchange.exports import (
    ExportError,
    Outcome,
    Shrink,
    SmallerExportError,
    export_target,
    shrink_of,
)
from ocstudy.services.progress import OperationCancelledError, Progress, report
from ocstudy.services.review.schedule import Schedule, from_stored, to_stored
from ocstudy.userdata.review_merge import (
    ForeignReview,
    Merged,
    Replay,
    logged_reviews,
    merge_reviews,
)
from ocstudy.userdata.review_rows import StoredState

REVIEW_SUFFIXES: Final = (".json", ".csv")
CANCELLED: Final = "The import was cancelled; your reviews are as they were."


@dataclass(frozen=True, slots=True)
class ReviewsImport:
    """What an import of reviews did: ``added`` reviews on ``cards`` cards, ``present``
    already in the log; from Anki, ``foreign`` reviews of notes not ocstudy's and ``manual``
    entries that were no answer (a reschedule, "set due date")."""

    added: int
    cards: int
    present: int
    foreign: int | None = None
    manual: int = 0
    #: reviews of cards this ocstudy does not have (an own card not imported yet): left out
    unknown: int = 0

    @property
    def message(self) -> str:
        parts = [
            f"{counted(self.added, 'review')} of {counted(self.cards, 'card')} imported",
            f"{self.present} already here",
        ]
        if self.foreign is not None:
            parts.append(f"{self.foreign} not ocstudy's")
        if self.unknown:
            parts.append(
                f"{counted(self.unknown, 'review')} of cards not here left out "
                "(import their own cards first)"
            )
        skipped = (
            f"; {counted(self.manual, 'manual reschedule')} skipped (not answers)"
            if self.manual
            else ""
        )
        return ", ".join(parts) + skipped + "."


class ReviewExchange:
    def __init__(
        self,
        schedule: Schedule,
        cards: Callable[[], tuple[QuizCard, ...]],
        content_path: Path,
    ) -> None:
        self._schedule = schedule
        self._cards = cards
        self._content_path = content_path
        self._db = schedule.reviews.database

    def shrink(self, path: Path) -> Shrink | None:
        """Whether the export to ``path`` would replace a reviews export holding more (asked
        before the export runs)."""
        if self._db.unreadable:
            return None
        return shrink_of(path, "reviews", len(logged_reviews(self._db)))

    def export(self, path: Path, now: datetime | None = None, *, replace: bool = False) -> Outcome:
        """Every review as JSON or CSV (by ``path``'s suffix); :class:`ExportError` when the
        file cannot be written or the data could not be read, :class:`SmallerExportError`
        when the file holds more reviews, unless ``replace``."""
        from ocstudy.services.exchange.review_log_io import export_reviews

        if self._db.unreadable:
            raise ExportError(
                f"cannot export to {path}: ocstudy could not read your data when it started, "
                "so the export would be empty; nothing was written"
            )
        with export_target(path, REVIEW_SUFFIXES, self._db.path.parent, self._content_path):
            reviews = logged_reviews(self._db)
            shrink = None if replace else shrink_of(path, "reviews", len(reviews))
            if shrink is not None:
                raise SmallerExportError(shrink)
            questions = {card.id: card.prompt for card in self._cards()}
            result = export_reviews(reviews, questions, path, now)
        return Outcome(f"Exported {counted(result.count, 'review')} to {path}.")

    def import_json(self, path: Path, progress: Progress | None = None) -> Outcome:
        """Merge the reviews of an ocstudy reviews export; ``ReviewsImportError`` for a bad
        file (nothing is changed then)."""
        from ocstudy.services.exchange.review_log_io import read_reviews_json

        known = {card.id for card in self._cards()}
        read = read_reviews_json(path)
        reviews = [review for review in read if review.card_id in known]
        try:
            merged = self._merge(reviews, progress)
        except OperationCancelledError:
            return Outcome(CANCELLED, True)
        unknown = len(read) - len(reviews)
        done = ReviewsImport(merged.added, len(merged.cards), merged.present, unknown=unknown)
        return Outcome(done.message, cards=merged.cards)

    def import_anki(self, path: Path, progress: Progress | None = None) -> Outcome:
        """Merge the reviews made in Anki on ocstudy's cards, from a package exported with
        scheduling information; ``AnkiPackageError`` for a file that cannot be read (nothing
        is changed then)."""
        from ocstudy.services.exchange.anki_reviews import read_anki_reviews

        package = read_anki_reviews(path, [card.id for card in self._cards()])
        try:
            merged = self._merge(package.reviews, progress)
        except OperationCancelledError:
            return Outcome(CANCELLED, True)
        done = ReviewsImport(
            merged.added, len(merged.cards), merged.present, package.foreign, package.manual
        )
        return Outcome(done.message, cards=merged.cards)

    def merge(self, reviews: Sequence[ForeignReview]) -> Merged:
        """Merge reviews from elsewhere (another computer's, through the sync) as an import
        merges them: each once, the touched cards replayed; joins the caller's transaction."""
        return self._merge(reviews, None)

    def replay_cards(self, card_ids: Sequence[str]) -> None:
        """Rewrite the cards' schedules from their whole logs (``review_merge.replay_cards``)."""
        from ocstudy.userdata.review_merge import replay_cards

        replay_cards(self._db, card_ids, self._replayed())
        self._schedule.forget_cached_state()

    def _replayed(self) -> Replay:
        return stored_replay(self._schedule.scheduler)

    def _merge(self, reviews: Sequence[ForeignReview], progress: Progress | None) -> Merged:
        def cards_done(done: int, total: int) -> None:
            report(progress, done, total)

        with self._db.atomic():  # the reviews and the leech marks they bring together
            merged = merge_reviews(self._db, reviews, self._replayed(), cards_done)
            self._schedule.mark_leeches(merged.lapses)
        self._schedule.forget_cached_state()
        return merged


def stored_replay(scheduler: CardScheduler) -> Replay:
    """The review merge's replay with ``scheduler``, in the store's values."""

    def replayed(
        card_id: str, answers: Sequence[tuple[int, datetime]], start: StoredState | None
    ) -> list[StoredState]:
        begin = from_stored(start) if start is not None else None
        return [to_stored(state) for state in replay(scheduler, card_id, answers, begin)]

    return replayed
