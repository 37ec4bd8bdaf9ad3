"""Generate every quiz card from the content, deterministically.

``generate_cards`` takes the entities' details (as ``ContentRepository.detail`` returns them)
and returns the cards of every kind. Each card's randomness (which distractors, in which
order) comes from a ``random.Random`` seeded with the generation seed and the card's id, so a
card looks the same on every run and does not change when unrelated content changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ocstudy.content.model import EntityDetail
from ocstudy.quiz.building import ContentIndex
from ocstudy.quiz.chronology import chronology_cards
from ocstudy.quiz.fact_cards import fact_cards
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.relation_cards import name_cards, relation_cards
from ocstudy.quiz.text_cards import text_cards


def generate_cards(details: Iterable[EntityDetail], *, seed: int = 0) -> tuple[QuizCard, ...]:
    """Every card the content supports, in a stable order; ids are unique."""
    index = ContentIndex.build(details)
    cards = [
        *fact_cards(index, seed),
        *relation_cards(index, seed),
        *name_cards(index, seed),
        *chronology_cards(index, seed),
        *text_cards(index, seed),
    ]
    counts = Counter(card.id for card in cards)
    duplicates = sorted(card_id for card_id, n in counts.items() if n > 1)
    if duplicates:
        raise ValueError(f"duplicate card ids: {duplicates}")
    return tuple(cards)
