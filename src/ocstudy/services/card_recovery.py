"""A card the learner was writing when ocstudy had to close without asking (SIGTERM, a logout):
kept in a recovery file beside the data, offered on the next start, removed once the learner
adds, saves or discards it.

One JSON file a card, ``unsaved-card-<time>[-N].json`` (0600): ``format``
``"ocstudy-unsaved-card"``, ``format_version`` 1, ``written_at``, ``draft`` (``front``,
``back``, ``entity``, ``themes``: what the dialog held) and ``editing``: null for a new card,
else the card as the Edit dialog found it (``id``, ``front``, ``back``, ``entity``,
``themes``, ``created_at``, ``updated_at``), so that saving it later is compared with that
version and never overwrites a newer one. A file that cannot be read as such is left alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from ocstudy.services.own_cards import CardDraft
from ocstudy.userdata.own_cards import OwnCard, is_own_id
from ocstudy.userdata.times import stored

FORMAT: Final = "ocstudy-unsaved-card"
FORMAT_VERSION: Final = 1
PREFIX: Final = "unsaved-card-"


@dataclass(frozen=True, slots=True)
class UnsavedCard:
    path: Path
    draft: CardDraft
    #: the card as the Edit dialog found it; None for a new card
    editing: OwnCard | None


def new_recovery_path(folder: Path) -> Path:
    """A name in ``folder`` that no file has yet."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    attempt = 0
    while True:
        path = folder / f"{PREFIX}{stamp}{f'-{attempt}' if attempt else ''}.json"
        if not path.exists():
            return path
        attempt += 1


def write_unsaved_card(path: Path, draft: CardDraft, editing: OwnCard | None) -> None:
    """Write the card to ``path`` at once and whole (0600); raises ``OSError``."""
    from ocstudy.services.export_files import atomic_file

    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "written_at": datetime.now(UTC).isoformat(),
        "draft": {
            "front": draft.front,
            "back": draft.back,
            "entity": draft.entity_slug,
            "themes": list(draft.themes),
        },
        "editing": None if editing is None else _card_json(editing),
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    with atomic_file(path) as temp:
        temp.write_bytes(text.encode("utf-8"))


def unsaved_cards(folder: Path) -> list[UnsavedCard]:
    """The cards kept in ``folder``, oldest first; files that are not such are skipped."""
    found = []
    for path in sorted(folder.glob(f"{PREFIX}*.json")):
        card = _read(path)
        if card is not None:
            found.append(card)
    return found


def _card_json(card: OwnCard) -> dict[str, Any]:
    return {
        "id": card.id,
        "front": card.front,
        "back": card.back,
        "entity": card.entity_slug,
        "themes": list(card.themes),
        "created_at": card.created_at.isoformat(),
        "updated_at": card.updated_at.isoformat(),
    }


def _read(path: Path) -> UnsavedCard | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("format") != FORMAT or document.get("format_version") != 1:
            return None
        draft = document["draft"]
        editing = document["editing"]
        card = None if editing is None else _card(editing)
        return UnsavedCard(
            path,
            CardDraft(
                _text(draft["front"]),
                _text(draft["back"]),
                _entity(draft["entity"]),
                _themes(draft["themes"]),
            ),
            card,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _card(entry: dict[str, Any]) -> OwnCard:
    card_id = _text(entry["id"])
    if not is_own_id(card_id):
        raise ValueError(f"not an own card's id: {card_id!r}")
    return OwnCard(
        card_id,
        _text(entry["front"]),
        _text(entry["back"]),
        _entity(entry["entity"]),
        _themes(entry["themes"]),
        stored(_text(entry["created_at"])),
        stored(_text(entry["updated_at"])),
    )


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    value.encode("utf-8")  # a lone surrogate: UnicodeEncodeError, a ValueError
    return value


def _entity(value: Any) -> str | None:
    return None if value is None else _text(value) or None


def _themes(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError("not a list")
    return tuple(_text(theme) for theme in value)
