"""The learner's own cards as quiz cards, and what the Add card dialog and the browser do with
them: add, edit (the schedule stays), delete and undo.

An own card is a flashcard (front, reveal the back, rate): no choices, no typing. It is
scheduled by FSRS like every card, under its own id, and belongs to the quiz's scopes by its
entry ("by entry", with the entry's parents) and its themes. Its front and back are Markdown,
rendered wherever a card is shown or exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ocstudy.services.exchange.text_limits import CARD_SIDE, length_problem
from ocstudy.userdata.own_cards import OwnCard as OwnCard
from ocstudy.userdata.own_cards import OwnCardEdit as OwnCardEdit
from ocstudy.userdata.own_cards import OwnCardStore
from ocstudy.userdata.own_cards import is_own_id as is_own_id

if TYPE_CHECKING:
    from ocstudy.services.review.catalogue import CardCatalogue


class OwnCardInputError(ValueError):
    """What the learner typed cannot make a card (an empty side); nothing was saved."""


@dataclass(frozen=True, slots=True)
class CardDraft:
    """What the dialog holds: both sides (Markdown), the entry (None: none) and themes."""

    front: str
    back: str
    entity_slug: str | None = None
    themes: tuple[str, ...] = ()

    def problem(self) -> str | None:
        """Why this cannot be a card, or None."""
        sides = (("front", self.front), ("back", self.back))
        empty = [name for name, text in sides if not text.strip()]
        if not empty:
            return self.length_problem()
        return (
            f"Write the card's {' and '.join(empty)}: a card needs a question (front) and an "
            "answer (back). Nothing was saved."
        )

    def length_problem(self) -> str | None:
        """Why a side is too long for a card (``text_limits.CARD_SIDE``), or None."""
        for name, text in (("front", self.front), ("back", self.back)):
            problem = length_problem(text, f"The {name}", CARD_SIDE)
            if problem:
                return f"{problem}. Shorten it to save the card."
        return None


class OwnCardService:
    """Add, edit, delete and restore own cards; the quiz (and so the browser and the
    statistics) sees each change at once."""

    def __init__(self, catalogue: CardCatalogue, store: OwnCardStore) -> None:
        self.catalogue = catalogue
        self.store = store

    def card(self, card_id: str) -> OwnCard | None:
        return self.store.get(card_id)

    def cards(self) -> list[OwnCard]:
        return self.store.all()

    def _check(self, draft: CardDraft) -> None:
        problem = draft.problem()
        if problem:
            raise OwnCardInputError(problem)

    def add(self, draft: CardDraft) -> OwnCard:
        """Raises :class:`OwnCardInputError` for an empty side, ``UserDatabaseError`` when it
        cannot be saved."""
        self._check(draft)
        card = self.store.add(draft.front, draft.back, draft.entity_slug, draft.themes)
        self.catalogue.reload_own_cards()
        return card

    def edit(self, found: OwnCard, draft: CardDraft) -> OwnCardEdit:
        """Change the card the editor found (``found``) to ``draft``; its schedule stays. If
        another process changed or deleted it meanwhile, both versions are kept (see
        :meth:`OwnCardStore.edit_as_found`)."""
        self._check(draft)
        saved = self.store.edit_as_found(
            found,
            front=draft.front,
            back=draft.back,
            entity_slug=draft.entity_slug,
            themes=draft.themes,
        )
        self.catalogue.reload_own_cards()
        return saved

    def delete(self, card_id: str) -> OwnCard | None:
        """Delete the card; returns it for :meth:`restore` (its schedule and log stay)."""
        card = self.store.delete(card_id)
        self.catalogue.reload_own_cards()
        return card

    def restore(self, card: OwnCard, since: OwnCard | None = None) -> bool:
        """Put ``card`` back if it is still ``since`` (None: still deleted); False if it
        changed since and was kept as it is now (see :meth:`OwnCardStore.restore`)."""
        restored = self.store.restore(card, since)
        self.catalogue.reload_own_cards()
        return restored

    # -- what the dialog offers -------------------------------------------------------------

    def entries(self) -> list[tuple[str, str]]:
        """(slug, name) of every entry, by name; the name says what it is if it is short."""
        entities = self.catalogue.entities()
        named = [(e.slug, _label(e.short_name, e.title)) for e in entities]
        return sorted(named, key=lambda item: item[1].casefold())

    def themes(self) -> list[tuple[str, str]]:
        return [(theme.key, theme.label) for theme in self.catalogue.themes]

    def entry_themes(self, slug: str | None) -> tuple[str, ...]:
        """The themes of an entry (a new card on it starts with them)."""
        entity = self.catalogue.entity(slug) if slug else None
        return tuple(entity.themes) if entity else ()


def _label(short: str, title: str) -> str:
    return short if short == title or not short else f"{short} \u2014 {title}"
