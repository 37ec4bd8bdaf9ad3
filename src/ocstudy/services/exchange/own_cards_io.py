"""The learner's own cards out and back in, as JSON, to move them between machines and merge.

JSON (``format`` ``"ocstudy-own-cards"``, ``format_version`` 1): ``exported_at`` (UTC, ISO
8601), ``app_version``, and ``cards``, an object keyed by card id ("own:…") whose values have
``front`` and ``back`` (Markdown), ``entity`` (an entry's slug, or null), ``entity_title`` (for
the reader only; ignored on import), ``themes`` (a list of theme keys), ``created_at`` and
``updated_at``.

Importing merges by id, as the notes import merges by entry, and never loses a card:

* an id without a local card is **added**, with the file's times (a card deleted here since
  comes back: there is no record of deletions);
* the same front, back, entry and themes is **unchanged**;
* otherwise the side changed last wins: a file's card changed later than the local one
  **updates** it (its schedule stays, keyed by the id); a local card changed later is **kept**
  as it is, and said so;
* both changed at the very same time: both are **kept**, the file's as a new card (a new id),
  unless a card here already has its front, back, entry and themes (a copy made by importing
  the same file before): that is **unchanged**, so importing a file again adds nothing;
* an entry the content does not know is imported all the same and listed as **unknown**.

A file that cannot be read, is not JSON, is not this format, has an id that is not an own
card's (which could take over a generated card's schedule), a card without a front or back, or
a side longer than a card may have (``text_limits.CARD_SIDE``, per side and per line) raises
:class:`OwnCardsImportError` before anything is written. The writes are one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from ocstudy.content.repository import ContentRepository
from ocstudy.services.exchange.export_files import ExportResult, atomic_file
from ocstudy.services.exchange.formats import KEY, OWN_CARDS
from ocstudy.services.exchange.json_files import (
    ImportFileError,
    export_text,
    is_unicode,
    read_entries,
    read_time,
    utc_text,
)
from ocstudy.services.exchange.text_limits import CARD_SIDE, length_problem
from ocstudy.userdata.own_cards import OwnCard, OwnCardStore, new_card_id, same_card_text

_ID: Final = re.compile(r"^own:[A-Za-z0-9._-]{1,100}$")


class OwnCardsImportError(ImportFileError):
    """The file is not an ocstudy own-cards export; the message says which file and why."""


@dataclass(frozen=True, slots=True)
class OwnImportSummary:
    """The ids each rule applied to (``unknown`` overlaps the others)."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    copied: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.kept:
            parts.append(f"{len(self.kept)} kept as you have them (changed here later)")
        if self.copied:
            parts.append(f"{len(self.copied)} changed on both sides at once, both kept")
        unknown = f"; {len(self.unknown)} on entries this content lacks" if self.unknown else ""
        return f"{', '.join(parts)}{unknown}"


def own_cards_json_text(cards: Iterable[OwnCard], content: ContentRepository, now: datetime) -> str:
    entries: dict[str, Any] = {}
    for card in sorted(cards, key=lambda c: (c.created_at, c.id)):
        entity = content.entity(card.entity_slug) if card.entity_slug else None
        entries[card.id] = {
            "front": card.front,
            "back": card.back,
            "entity": card.entity_slug,
            "entity_title": entity.title if entity else None,
            "themes": list(card.themes),
            "created_at": utc_text(card.created_at),
            "updated_at": utc_text(card.updated_at),
        }
    return export_text(OWN_CARDS, entries, now)


def export_own_cards(
    cards: Iterable[OwnCard], content: ContentRepository, path: Path, now: datetime | None = None
) -> ExportResult:
    """Write the cards as JSON to ``path``, atomically (readable by the user only)."""
    listed = list(cards)
    text = own_cards_json_text(listed, content, now or datetime.now(UTC))
    with atomic_file(Path(path)) as temp:
        temp.write_bytes(text.encode("utf-8"))
    return ExportResult(Path(path), len(listed))


# -- import ----------------------------------------------------------------------------------


def _when(value: Any, where: str) -> datetime:
    return read_time(value, where, OwnCardsImportError).astimezone(UTC)


def _text(entry: dict[str, Any], name: str, where: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip():
        raise OwnCardsImportError(f"{where} has no {name}")
    if not is_unicode(value):
        raise OwnCardsImportError(f"{where}: its {name} is not valid Unicode text")
    problem = length_problem(value, f"{where}: its {name}", CARD_SIDE)
    if problem:
        raise OwnCardsImportError(problem)
    return value


def _card(card_id: str, entry: Any) -> OwnCard:
    where = f"card {card_id!r}"
    if not _ID.fullmatch(card_id):
        raise OwnCardsImportError(f"{where} is not an own card's id (own:…)")
    if not isinstance(entry, dict):
        raise OwnCardsImportError(f"{where} is not an object")
    entity = entry.get("entity")
    if entity is not None and (not isinstance(entity, str) or not KEY.fullmatch(entity)):
        raise OwnCardsImportError(f"{where}: entity {entity!r} is not an entry's key")
    themes = entry.get("themes", [])
    if not isinstance(themes, list) or not all(
        isinstance(t, str) and KEY.fullmatch(t) for t in themes
    ):
        raise OwnCardsImportError(f"{where}: themes is not a list of theme keys")
    created = _when(entry.get("created_at"), f"{where}: created_at")
    updated = _when(entry.get("updated_at"), f"{where}: updated_at")
    front, back = _text(entry, "front", where), _text(entry, "back", where)
    return OwnCard(card_id, front, back, entity, tuple(themes), created, max(created, updated))


def read_own_cards_json(path: Path) -> list[OwnCard]:
    """The cards in an export, checked through; :class:`OwnCardsImportError` if anything is
    off (nothing is written before the whole file is read)."""
    path = Path(path)
    name = path.name
    entries = read_entries(path, OWN_CARDS, OwnCardsImportError)
    try:
        return [_card(card_id, entry) for card_id, entry in entries.items()]
    except OwnCardsImportError as error:
        raise OwnCardsImportError(f"{name}: {error}; nothing was imported") from None


def import_own_cards(
    path: Path, store: OwnCardStore, known_slugs: Iterable[str]
) -> OwnImportSummary:
    """Merge the cards of the JSON export at ``path`` into ``store`` (rules: module
    docstring), in one transaction."""
    incoming = read_own_cards_json(path)
    known = set(known_slugs)
    local = {card.id: card for card in store.all()}
    buckets: dict[str, list[str]] = {k: [] for k in ("added", "updated", "kept", "copied")}
    unchanged: list[str] = []
    writes: list[OwnCard] = []
    for card in sorted(incoming, key=lambda c: c.id):
        mine = local.get(card.id)
        if mine is None:
            buckets["added"].append(card.id)
            writes.append(card)
        elif same_card_text(mine, card):
            unchanged.append(card.id)
        elif card.updated_at > mine.updated_at:
            buckets["updated"].append(card.id)
            writes.append(card)
        elif card.updated_at < mine.updated_at:
            buckets["kept"].append(card.id)
        elif any(same_card_text(other, card) for other in (*local.values(), *writes)):
            unchanged.append(card.id)  # its copy is here already (imported before)
        else:
            buckets["copied"].append(card.id)
            writes.append(replace(card, id=new_card_id()))
    store.put_all(writes)
    return OwnImportSummary(
        added=tuple(buckets["added"]),
        updated=tuple(buckets["updated"]),
        kept=tuple(buckets["kept"]),
        copied=tuple(buckets["copied"]),
        unchanged=tuple(unchanged),
        unknown=tuple(
            sorted(c.id for c in incoming if c.entity_slug and c.entity_slug not in known)
        ),
    )
