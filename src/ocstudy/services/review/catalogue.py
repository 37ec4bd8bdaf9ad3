"""The cards the quiz knows: the content's deck and the learner's own cards, by id, in a
stable order; a scope's selection; the tiers the learner studies. Read once and kept; the
own cards are read again when one changes (``reload_own_cards``)."""

from __future__ import annotations

from functools import cached_property

from ocstudy.content.model import Entity, Theme
from ocstudy.content.repository import ContentRepository
from ocstudy.content.vocabulary import TIER_CHOICES
from ocstudy.quiz.model import OWN_KIND, QuizCard, TextAnswer
from ocstudy.quiz.scope import Scope
from ocstudy.services.review.deck import content_deck
from ocstudy.services.review.settings import ReviewSettings
from ocstudy.userdata.own_cards import OwnCard, OwnCardStore

OWN_MARKER = "Your own card"


def own_quiz_card(card: OwnCard) -> QuizCard:
    """``card`` as the quiz asks it: the front, then the back (both Markdown)."""
    return QuizCard(
        id=card.id,
        kind=OWN_KIND,
        prompt=card.front,
        answer=TextAnswer((card.back,)),
        answer_text=card.back,
        details=(),
        choices=(),
        items=(),
        modes=("flashcard",),
        status=None,
        marker=OWN_MARKER,
        paper_notes=(),
        sources=(),
        entity_slugs=(card.entity_slug,) if card.entity_slug else (),
        themes=card.themes,
        topics=frozenset(),
        fact_ids=(),
        sibling_key=card.id,
        tier="core",  # the learner wrote it to learn it: every session asks it
        origin="own",
    )


class CardCatalogue:
    def __init__(
        self,
        content: ContentRepository,
        settings: ReviewSettings,
        own: OwnCardStore | None = None,
    ) -> None:
        self._content = content
        self._settings = settings
        #: The learner's own cards (None: none), quizzed with the content's.
        self._own = own

    @cached_property
    def _generated(self) -> dict[str, QuizCard]:
        """The content's deck: the generated cards as their reader decided, and the cards
        written by hand, in learning order (``quiz.deck``)."""
        return {card.id: card for card in content_deck(self._content)}

    @cached_property
    def _cards(self) -> dict[str, QuizCard]:
        """The content's cards, then the learner's own (``reload_own_cards`` reads them again)."""
        own = self._own.all() if self._own is not None else []
        return {**self._generated, **{card.id: own_quiz_card(card) for card in own}}

    def reload_own_cards(self) -> None:
        """Read the own cards again (after one was added, edited or deleted)."""
        self.__dict__.pop("_cards", None)

    def cards(self, scope: Scope | None = None) -> tuple[QuizCard, ...]:
        """Every card (generated once from the content, in a stable order), or ``scope``'s."""
        cards = tuple(self._cards.values())
        return cards if scope is None else tuple(scope.select(cards, self._content.entities()))

    def studied(self, scope: Scope | None = None) -> tuple[QuizCard, ...]:
        """The cards of ``scope`` in the tiers the learner studies (the quiz's settings)."""
        tiers = TIER_CHOICES[self._settings.current().tiers]
        return tuple(card for card in self.cards(scope) if card.tier in tiers)

    def card(self, card_id: str) -> QuizCard | None:
        return self._cards.get(card_id)

    def __contains__(self, card_id: object) -> bool:
        return card_id in self._cards

    # -- the content the cards come from, for naming their themes and entries ------------

    @property
    def themes(self) -> tuple[Theme, ...]:
        return self._content.themes

    def entities(self) -> tuple[Entity, ...]:
        return self._content.entities()

    def entity(self, slug: str) -> Entity | None:
        return self._content.entity(slug)
