"""The deck as one JSON document for anyone to read: ``ocstudy export cards FILE.json``
writes every card a learner can meet (:func:`~ocstudy.services.review.deck.content_deck`), as
the quiz shows it: a lecturer can read the deck, and a test can check it, without the app.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.model import DateAnswer, NumberAnswer, OrderAnswer, QuizCard, TextAnswer
from ocstudy.services.exchange.formats import DECK
from ocstudy.services.review.deck import content_deck


def accepted_answers(card: QuizCard) -> list[str]:
    """What a typed answer may be: the text answers, or the date or number (typed in any usual
    form); for an ordering, the items in order. [] when the card is never typed."""
    answer = card.answer
    if isinstance(answer, OrderAnswer):
        return [card.items[i] for i in answer.order]
    if "typed" not in card.modes:
        return []
    if isinstance(answer, TextAnswer):
        return list(answer.accepted)
    if isinstance(answer, DateAnswer):
        return [card.answer_text, answer.span.iso()]
    if isinstance(answer, NumberAnswer):
        return [str(answer.value)]
    return []


def card_object(card: QuizCard, entry_names: dict[str, str]) -> dict[str, Any]:
    """One card of the document."""
    return {
        "id": card.id,
        "prompt": card.prompt,
        "answer": card.answer_text,
        "options": list(card.choices) if "choice" in card.modes else [],
        "accepted": accepted_answers(card),
        "items": list(card.items),
        "kind": card.kind,
        "modes": list(card.modes),
        "tier": card.tier,
        "origin": card.origin,
        "entry": card.entity_slug,
        "entry_name": entry_names.get(card.entity_slug, ""),
        "source": "; ".join(card.sources),
        "marker": card.marker,
        "details": list(card.details),
        "paper_notes": list(card.paper_notes),
    }


def deck_document(content: ContentRepository) -> dict[str, Any]:
    names = {entity.slug: entity.short_name for entity in content.entities()}
    return {
        "format": DECK.name,
        "format_version": DECK.version,
        "content_version": content.meta.get("content_version", ""),
        "cards": [card_object(card, names) for card in content_deck(content)],
    }


def write_deck_json(content: ContentRepository, path: Path) -> int:
    """Write the deck to ``path`` (atomically, readable by the user only); return its size."""
    from ocstudy.services.exchange.export_files import atomic_file

    document = deck_document(content)
    with atomic_file(path) as temp:
        temp.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(document["cards"])
