"""A card the learner was writing when ocstudy had to close without asking (SIGTERM, a logout):
kept in a recovery file beside the data, offered on the next start, removed once the learner
adds, saves or discards it.

One JSON file a card, ``unsaved-card-<time>[-N].json`` (0600), in the data folder, or in the
temporary folder when the data folder could not take it: ``format``
``"ocstudy-unsaved-card"``, ``format_version`` 1, ``written_at``, ``data_folder`` (whose card
it is: the temporary folder is every data folder's), ``draft`` (``front``,
``back``, ``entity``, ``themes``: what the dialog held) and ``editing``: null for a new card,
else the card as the Edit dialog found it (``id``, ``front``, ``back``, ``entity``,
``themes``, ``created_at``, ``updated_at``), so that saving it later is compared with that
version and never overwrites a newer one. A file that cannot be read as such is left alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from ocstudy.services.exchange.formats import UNSAVED_CARD
from ocstudy.services.exchange.recovery_files import claim_path
from ocstudy.services.own_cards import CardDraft
from ocstudy.userdata.own_cards import OwnCard, is_own_id
from ocstudy.userdata.times import stored

PREFIX: Final = "unsaved-card-"


@dataclass(frozen=True, slots=True)
class UnsavedCard:
    path: Path
    draft: CardDraft
    #: the card as the Edit dialog found it; None for a new card
    editing: OwnCard | None


def keep_unsaved_card(
    draft: CardDraft,
    editing: OwnCard | None,
    data_folder: Path,
    folders: Sequence[Path],
    earlier: Path | None = None,
) -> Path | None:
    """Keep the card in a recovery file: ``earlier`` (this dialog's own, from a former
    attempt), else a new one in the first of ``folders`` that takes it. None if none could."""
    for folder in [None, *folders] if earlier is not None else folders:
        path = earlier if folder is None else None
        try:
            path = path or claim_path(folder or data_folder, PREFIX)
            write_unsaved_card(path, draft, editing, data_folder)
        except OSError:
            if path is not None and path != earlier:
                path.unlink(missing_ok=True)
            continue
        return path
    return None


def write_unsaved_card(
    path: Path, draft: CardDraft, editing: OwnCard | None, data_folder: Path
) -> None:
    """Write the card to ``path`` at once and whole (0600); raises ``OSError``."""
    from ocstudy.services.exchange.export_files import atomic_file

    document = {
        "format": UNSAVED_CARD.name,
        "format_version": UNSAVED_CARD.version,
        "written_at": datetime.now(UTC).isoformat(),
        "data_folder": str(data_folder.resolve()),
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


def unsaved_cards(data_folder: Path, folders: Sequence[Path]) -> list[UnsavedCard]:
    """The cards of ``data_folder`` kept in ``folders`` (where :func:`keep_unsaved_card`
    puts them), oldest first; files that are not such, or another data folder's, are
    skipped."""
    found = []
    mine = str(data_folder.resolve())
    for folder in dict.fromkeys(folders):
        for path in sorted(folder.glob(f"{PREFIX}*.json")) if folder.is_dir() else []:
            card, owner = _read(path)
            if card is not None and (owner == mine or (owner is None and folder == data_folder)):
                found.append(card)
    return sorted(found, key=lambda card: card.path.name)


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


def _read(path: Path) -> tuple[UnsavedCard | None, str | None]:
    """The card in ``path`` (None if it is none) and the data folder it belongs to."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        form = (document.get("format"), document.get("format_version"))
        if form != (UNSAVED_CARD.name, UNSAVED_CARD.version):
            return None, None
        owner = document.get("data_folder")
        draft = document["draft"]
        editing = document["editing"]
        card = None if editing is None else _card(editing)
        unsaved = UnsavedCard(
            path,
            CardDraft(
                _text(draft["front"]),
                _text(draft["back"]),
                _entity(draft["entity"]),
                _themes(draft["themes"]),
            ),
            card,
        )
        return unsaved, owner if isinstance(owner, str) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, None


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
