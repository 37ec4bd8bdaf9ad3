"""The content's deck: the one place the reviewed deck is assembled (the quiz asks it, the
deck's JSON export writes it)."""

from __future__ import annotations

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.deck import reviewed_deck
from ocstudy.quiz.model import QuizCard


def content_deck(content: ContentRepository, *, strict: bool = False) -> tuple[QuizCard, ...]:
    """Every card of the content a learner can meet, in learning order (``quiz.deck``)."""
    details = [content.detail(entity.slug) for entity in content.entities()]
    return reviewed_deck(
        (detail for detail in details if detail is not None),
        content.card_reviews(),
        content.written_cards(),
        groups=[group.key for group in content.kind_groups],
        strict=strict,
    )
