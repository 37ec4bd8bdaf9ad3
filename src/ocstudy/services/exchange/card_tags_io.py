"""The learner's tags on cards out and back in, as JSON, to move them between machines
(``ocstudy export tags FILE.json``, ``ocstudy import tags FILE.json``).

JSON (``format`` ``"ocstudy-card-tags"``, ``format_version`` 1): ``exported_at`` (UTC, ISO
8601), ``app_version``, and ``cards``, an object keyed by card id whose values have ``tags``
(a list of tag names) and ``question`` (the card's question, for the reader only; ignored on
import). Only tagged cards are listed.

Importing is a union: each card keeps every tag it has and gains the file's; nothing is ever
taken away, so importing a file twice changes nothing the second time. Tags on a card this
content lacks (a card of another content version, or an own card not imported yet) are kept
all the same, and counted. A file that cannot be read, is not JSON, is not this format, holds a
card id that is no card id or a tag that cannot be a tag (``userdata/card_tags.py``) raises
:class:`TagsImportError` before anything is written; the writes are one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from ocstudy.phrasing import counted
from ocstudy.quiz.model import QuizCard
from ocstudy.services.exchange.export_files import ExportResult, atomic_file
from ocstudy.services.exchange.formats import TAGS
from ocstudy.services.exchange.json_files import ImportFileError, export_text, read_entries
from ocstudy.userdata.card_tags import TagStore, sorted_tags, tag_problem

MAX_ID_LENGTH: Final = 300


class TagsImportError(ImportFileError):
    """The file is not an ocstudy tags export; the message says which file and why."""


@dataclass(frozen=True, slots=True)
class TagsImport:
    """What an import did."""

    added: int  # tags added
    cards: int  # cards that gained a tag
    listed: int  # cards the file lists
    unknown: int  # of them, cards this content lacks

    @property
    def message(self) -> str:
        had = self.listed - self.cards
        parts = [f"{counted(self.added, 'tag')} added to {counted(self.cards, 'card')}"]
        if had:
            parts.append(f"{counted(had, 'card')} had {'it' if had == 1 else 'them'} already")
        unknown = (
            f"; {counted(self.unknown, 'card')} this content lacks (the tags are kept)"
            if self.unknown
            else ""
        )
        return ", ".join(parts) + unknown


def tags_json_text(
    tags: Mapping[str, Sequence[str]], cards: Mapping[str, QuizCard], now: datetime
) -> str:
    entries: dict[str, Any] = {}
    for card_id in sorted(tags):
        if tags[card_id]:
            card = cards.get(card_id)
            entries[card_id] = {
                "tags": list(sorted_tags(tags[card_id])),
                "question": card.prompt if card else None,
            }
    return export_text(TAGS, entries, now)


def export_tags(
    tags: Mapping[str, Sequence[str]],
    cards: Mapping[str, QuizCard],
    path: Path,
    now: datetime | None = None,
) -> ExportResult:
    """Write the tags as JSON to ``path``, atomically (readable by the user only); the count
    is of the tagged cards written."""
    text = tags_json_text(tags, cards, now or datetime.now(UTC))
    with atomic_file(Path(path)) as temp:
        temp.write_bytes(text.encode("utf-8"))
    return ExportResult(Path(path), sum(1 for names in tags.values() if names))


# -- import ----------------------------------------------------------------------------------


def _card_tags(card_id: str, entry: Any) -> tuple[str, ...]:
    where = f"card {card_id[:80]!r}"
    if not card_id or len(card_id) > MAX_ID_LENGTH or not card_id.isprintable():
        raise TagsImportError(f"{where} is not a card's id")
    if not isinstance(entry, dict) or not isinstance(entry.get("tags"), list):
        raise TagsImportError(f"{where} has no list of tags")
    names = entry["tags"]
    for name in names:
        problem = tag_problem(name) if isinstance(name, str) else f"{name!r} is not text"
        if problem:
            raise TagsImportError(f"{where}: {problem}")
    return sorted_tags(names)


def read_tags_json(path: Path) -> dict[str, tuple[str, ...]]:
    """The tags in an export, by card id, checked through; :class:`TagsImportError` if
    anything is off (nothing is written before the whole file is read)."""
    path = Path(path)
    name = path.name
    entries = read_entries(path, TAGS, TagsImportError)
    try:
        return {card_id: _card_tags(card_id, entry) for card_id, entry in entries.items()}
    except TagsImportError as error:
        raise TagsImportError(f"{name}: {error}; nothing was imported") from None


def import_tags(path: Path, store: TagStore, known_ids: Iterable[str]) -> TagsImport:
    """Add the tags of the JSON export at ``path`` to the cards (a union), in one
    transaction."""
    incoming = read_tags_json(path)
    merged = store.merge(incoming)
    known = set(known_ids)
    unknown = sum(1 for card_id in incoming if card_id not in known)
    return TagsImport(merged.added, merged.cards, len(incoming), unknown)
