"""The learner's review history out, as JSON or CSV, and a JSON export merged back in
(``ocstudy export reviews FILE.json|FILE.csv``, ``ocstudy import reviews FILE.json``).

JSON (``format`` ``"ocstudy-reviews"``, ``format_version`` 1): ``exported_at`` (UTC, ISO
8601), ``app_version``, and ``reviews``, a list, oldest first, of objects with ``card`` (the
card's id), ``question`` (its question, for the reader only; ignored on import),
``reviewed_at`` (UTC, ISO 8601, to the microsecond), ``rating`` (1 Again, 2 Hard, 3 Good,
4 Easy), ``duration_ms`` (the answer time, or null where not known), ``origin``
(``"ocstudy"`` or ``"anki"``) and ``mode`` (how it was asked: flashcard, choice, typed,
order). The CSV has the same columns, a header row first.

An import reads the whole file before anything is written and refuses all of it, in one
line, when anything is off (:class:`ReviewsImportError`).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from ocstudy.content.vocabulary import ANSWER_MODES
from ocstudy.services.exchange.export_files import ExportResult, atomic_file
from ocstudy.services.exchange.formats import REVIEWS, REVIEWS_CSV_COLUMNS
from ocstudy.services.exchange.json_files import (
    ImportFileError,
    export_text,
    read_document,
    read_time,
)
from ocstudy.userdata.review_merge import ORIGINS, ForeignReview

MAX_ID_LENGTH: Final = 300


class ReviewsImportError(ImportFileError):
    """The file is not an ocstudy reviews export; the message says which file and why."""


def _row(review: ForeignReview, questions: Mapping[str, str]) -> dict[str, Any]:
    return {
        "card": review.card_id,
        "question": questions.get(review.card_id),
        "reviewed_at": review.reviewed_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "rating": review.rating,
        "duration_ms": review.duration_ms,
        "origin": review.origin,
        "mode": review.mode,
    }


def export_reviews(
    reviews: Sequence[ForeignReview],
    questions: Mapping[str, str],
    path: Path,
    now: datetime | None = None,
) -> ExportResult:
    """Write ``reviews`` to ``path`` as JSON or CSV (by its suffix), atomically;
    ``questions`` by card id."""
    rows = [_row(review, questions) for review in reviews]
    with atomic_file(path) as temp:
        if path.suffix.lower() == ".csv":
            with temp.open("w", encoding="utf-8", newline="") as file:
                writer = csv.DictWriter(file, REVIEWS_CSV_COLUMNS)
                writer.writeheader()
                writer.writerows(rows)
        else:
            text = export_text(REVIEWS, rows, now or datetime.now(UTC))
            temp.write_bytes(text.encode("utf-8"))
    return ExportResult(path, len(rows))


def _whole(value: Any, low: int, high: int | None = None) -> int | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return value if low <= value and (high is None or value <= high) else None


def _review(number: int, entry: Any) -> ForeignReview:
    where = f"review {number}"
    if not isinstance(entry, dict):
        raise ReviewsImportError(f"{where} is not an object")
    card = entry.get("card")
    if not isinstance(card, str) or not card or len(card) > MAX_ID_LENGTH:
        raise ReviewsImportError(f"{where}: {str(card)[:80]!r} is not a card's id")
    if not card.isprintable():
        raise ReviewsImportError(f"{where}: {card[:80]!r} is not a card's id")
    rating = _whole(entry.get("rating"), 1, 4)
    if rating is None:
        raise ReviewsImportError(f"{where}: rating {entry.get('rating')!r} is not 1 to 4")
    duration = entry.get("duration_ms")
    if duration is not None and _whole(duration, 0) is None:
        raise ReviewsImportError(
            f"{where}: duration_ms {duration!r} is not a whole number of milliseconds, 0 or more"
        )
    origin = entry.get("origin", "ocstudy")
    if origin not in ORIGINS:
        raise ReviewsImportError(f"{where}: origin {origin!r} is not ocstudy or anki")
    mode = entry.get("mode", "flashcard")
    if mode not in ANSWER_MODES:
        raise ReviewsImportError(f"{where}: mode {mode!r} is not one of {', '.join(ANSWER_MODES)}")
    moment = read_time(entry.get("reviewed_at"), f"{where}: reviewed_at", ReviewsImportError)
    return ForeignReview(card, rating, moment.astimezone(UTC), duration, origin, mode)


def read_reviews_json(path: Path) -> list[ForeignReview]:
    """The reviews of the export at ``path``, every one checked; :class:`ReviewsImportError`
    naming the file and the review if anything is off."""
    document = read_document(path, REVIEWS, ReviewsImportError)
    entries = document.get(REVIEWS.entries)
    if not isinstance(entries, list):
        raise ReviewsImportError(f"{path.name}: 'reviews' is not a list of reviews")
    try:
        return [_review(number, entry) for number, entry in enumerate(entries, start=1)]
    except ReviewsImportError as error:
        raise ReviewsImportError(f"{path.name}: {error}; nothing was imported") from None
