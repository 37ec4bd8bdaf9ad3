"""Which cards a session draws from: everything, an entity with its children, a theme, dates
only or bodies only.

"Dates only" asks for dates: the cards whose answer is a date, and the orderings of events.
Cards that give a date and ask for something else ("which instrument entered into force
on …") belong to the scope of what they ask for, not to this one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ocstudy.content.model import Entity
from ocstudy.quiz.model import DateAnswer, OrderAnswer, QuizCard

ScopeKind = Literal["all", "entity", "theme", "dates", "bodies"]


@dataclass(frozen=True, slots=True)
class Scope:
    kind: ScopeKind = "all"
    key: str | None = None

    @classmethod
    def everything(cls) -> Scope:
        return cls()

    @classmethod
    def entity(cls, slug: str) -> Scope:
        """The entity and everything below it (a convention with its protocols)."""
        return cls("entity", slug)

    @classmethod
    def theme(cls, key: str) -> Scope:
        return cls("theme", key)

    @classmethod
    def dates(cls) -> Scope:
        return cls("dates")

    @classmethod
    def bodies(cls) -> Scope:
        return cls("bodies")

    def select(self, cards: Iterable[QuizCard], entities: Iterable[Entity]) -> list[QuizCard]:
        """The cards in this scope, in their order."""
        if self.kind == "all":
            return list(cards)
        if self.kind == "entity":
            family = descendants(entities, self.key or "")
            return [c for c in cards if family & set(c.entity_slugs)]
        if self.kind == "theme":
            return [c for c in cards if self.key in c.themes]
        if self.kind == "dates":
            return [c for c in cards if isinstance(c.answer, DateAnswer | OrderAnswer)]
        return [c for c in cards if self.kind in c.topics]


def descendants(entities: Iterable[Entity], slug: str) -> set[str]:
    """``slug`` and every entity below it, following ``Entity.parent_slug``."""
    children: dict[str, list[str]] = {}
    for entity in entities:
        if entity.parent_slug:
            children.setdefault(entity.parent_slug, []).append(entity.slug)
    family: set[str] = set()
    todo = [slug]
    while todo:
        current = todo.pop()
        if current not in family:
            family.add(current)
            todo.extend(children.get(current, []))
    return family
