"""The deck a learner meets: the generated draft as its reader decided it, the cards written by
hand, in the order to learn them.

Generation (``cards.generate_cards``) is the draft. Every generated card has a review
(``content.model.CardReview``): kept, reworded or dropped, with its tier. A card with no
review, or whose review was made on a different draft (the content changed since: its prompt
or answer is no longer what was read), is never shown; ``strict`` raises instead, for the
tests that keep the review complete.

New cards come in learning order: core, then detail, then extra; within a tier the paper's
order (its sections), an entry before what it includes (a convention before its protocols),
what a thing is before its dates, and the chronology last, once its events are known.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Final

from ocstudy.content import citing
from ocstudy.content.model import CardReview, Entity, EntityDetail, Fact, WrittenCard
from ocstudy.content.reading import reading_order
from ocstudy.content.vocabulary import TIERS, WRITTEN_KINDS, AnswerMode, Tier
from ocstudy.quiz.building import ContentIndex, build_card
from ocstudy.quiz.cards import generate_cards
from ocstudy.quiz.model import (
    CardKind,
    Origin,
    QuizCard,
    TextAnswer,
)

#: Within an entry, what to learn first.
KIND_ORDER: Final = (
    "definition",
    "key_fact",
    "statement",
    "date",
    "place",
    "relation",
    "count",
    "document",
    "abbreviation",
    "provision",
    "paper_error",
    "date_reverse",
    "relation_reverse",
    "document_reverse",
    "abbreviation_reverse",
    "chronology_first",
    "chronology_order",
)
_CHRONOLOGY: Final = frozenset({"chronology_first", "chronology_order"})


class ReviewError(ValueError):
    """The review and the generated cards disagree; the message lists every card concerned."""


def reviewed_deck(
    details: Iterable[EntityDetail],
    reviews: Mapping[str, CardReview],
    written: Sequence[WrittenCard] = (),
    *,
    groups: Sequence[str] = (),
    seed: int = 0,
    strict: bool = False,
) -> tuple[QuizCard, ...]:
    """Every card a learner can meet, in learning order."""
    cards, problems, index = _decided(list(details), reviews, written, seed)
    if strict and problems:
        raise ReviewError("\n".join(problems))
    return tuple(learning_order(cards, index, groups))


def review_problems(
    details: Iterable[EntityDetail],
    reviews: Mapping[str, CardReview],
    written: Sequence[WrittenCard] = (),
    *,
    seed: int = 0,
) -> list[str]:
    """Why the review is not complete, one line a card (what the strict build refuses): a card
    not reviewed, one reviewed on another draft (its question, answer or options changed), a
    review of a card no longer generated, a review or a written card that cannot apply."""
    return _decided(list(details), reviews, written, seed)[1]


def _decided(
    details: list[EntityDetail],
    reviews: Mapping[str, CardReview],
    written: Sequence[WrittenCard],
    seed: int,
) -> tuple[list[QuizCard], list[str], ContentIndex]:
    draft = generate_cards(details, seed=seed)
    problems: list[str] = []
    cards: list[QuizCard] = []
    for card in draft:
        review = reviews.get(card.id)
        if review is None:
            problems.append(f"{card.id}: not reviewed ({card.prompt} = {card.answer_text})")
            continue
        try:
            decided = apply_review(card, review)
        except ReviewError as error:
            problems.append(str(error))
            continue
        if decided is not None:
            cards.append(decided)
    generated = {card.id for card in draft}
    problems.extend(
        f"{card_id}: reviewed in {review.file}, but no such card is generated"
        for card_id, review in reviews.items()
        if card_id not in generated
    )
    index = ContentIndex.build(details)
    for by_hand in written:
        try:
            cards.append(written_card(by_hand, index))
        except ReviewError as error:
            problems.append(str(error))
    return cards, problems, index


def apply_review(card: QuizCard, review: CardReview) -> QuizCard | None:
    """``card`` as its reader decided it (None: dropped). Raises :class:`ReviewError` when the
    review was made on another draft of the card, or cannot apply to it."""
    if (review.asked, review.answered) != (card.prompt, card.answer_text):
        raise ReviewError(
            f"{card.id}: changed since it was read in {review.file}: read as "
            f"{review.asked!r} = {review.answered!r}, now {card.prompt!r} = {card.answer_text!r}"
        )
    if (
        review.offered is not None
        and review.options is None
        and (sorted(review.offered) != sorted(card.choices))
    ):
        raise ReviewError(
            f"{card.id}: its options changed since they were read in {review.file}: read as "
            f"{list(review.offered)}, now {list(card.choices)}"
        )
    if review.decision == "drop":
        return None
    tier: Tier = _tier(review.tier, card.id)
    if review.decision == "keep":
        return replace(card, tier=tier)
    answer, answer_text, choices = card.answer, card.answer_text, card.choices
    if review.answer is not None or review.accepted is not None:
        if not isinstance(card.answer, TextAnswer):
            raise ReviewError(f"{card.id}: a date or number answer is the fact's: fix the fact")
        answer_text = review.answer if review.answer is not None else card.answer_text
        answer = TextAnswer((answer_text, *(review.accepted or ())), card.answer.paper)
        choices = tuple(answer_text if c == card.answer_text else c for c in choices)
    if review.options is not None:
        choices = review.options
    if choices and choices.count(answer_text) != 1:
        raise ReviewError(f"{card.id}: the answer {answer_text!r} is not once among the options")
    modes = _modes(review.modes, card) if review.modes is not None else card.modes
    if "choice" not in modes:
        choices = ()
    return replace(
        card,
        prompt=review.prompt or card.prompt,
        answer=answer,
        answer_text=answer_text,
        choices=choices,
        modes=modes,
        details=review.details if review.details is not None else card.details,
        tier=tier,
    )


def _tier(value: str, card_id: str) -> Tier:
    for tier in TIERS:
        if tier == value:
            return tier
    raise ReviewError(f"{card_id}: unknown tier {value!r}")


def _modes(wanted: Sequence[str], card: QuizCard) -> tuple[AnswerMode, ...]:
    """The reviewed modes: only modes the card can be answered in, never one it lacks."""
    modes = tuple(m for m in card.modes if m in wanted)
    if len(modes) != len(set(wanted)) or not modes:
        raise ReviewError(f"{card.id}: modes {list(wanted)} are not a choice of {card.modes}")
    return modes


def written_card(card: WrittenCard, index: ContentIndex) -> QuizCard:
    """A card written by hand, with the sources and marks of the facts it asks."""
    facts = [_fact(index, fact_id, card.card_id) for fact_id in card.fact_ids]
    entities: list[Entity] = []
    if card.entity_slug:
        entities.append(index.entities[card.entity_slug])
    entities.extend(index.entity_of(fact) for fact in facts)
    modes: tuple[AnswerMode, ...] = ("flashcard", "choice") if card.options else ("flashcard",)
    built = build_card(
        id=card.card_id,
        kind=_written_kind(card.kind),
        prompt=card.prompt,
        answer=TextAnswer((card.answer, *card.accepted)),
        answer_text=card.answer,
        facts=facts,
        entities=entities,
        choices=card.options,
        details=card.details,
        modes=modes,
        fallback_sources=(citing.in_paper(card.section, card.footnote),) if card.section else (),
        themes=card.themes or None,
    )
    origin: Origin = "paper" if card.section or built.origin == "paper" else "record"
    tier = _tier(card.tier, card.card_id)
    return replace(built, prompt=card.prompt, tier=tier, origin=origin)


def _written_kind(kind: str) -> CardKind:
    for known in WRITTEN_KINDS:
        if known == kind:
            return known
    raise ReviewError(f"unknown kind of written card {kind!r}")


def _fact(index: ContentIndex, fact_id: str, card_id: str) -> Fact:
    fact = index.facts_by_id.get(fact_id)
    if fact is None:
        raise ReviewError(f"{card_id}: written on the fact {fact_id!r}, which is gone")
    return fact


def learning_order(
    cards: Iterable[QuizCard], index: ContentIndex, groups: Sequence[str] = ()
) -> list[QuizCard]:
    """``cards`` in the order to learn them (see the module's docstring)."""
    ordered = reading_order(list(index.entities.values()), groups)
    reading = {entity.slug: rank for rank, (entity, _) in enumerate(ordered)}
    sections = {slug: section.position for slug, section in index.sections.items()}
    kinds = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
    tiers = {tier: rank for rank, tier in enumerate(TIERS)}

    def key(item: tuple[int, QuizCard]) -> tuple[int, ...]:
        position, card = item
        slug = card.entity_slug
        return (
            tiers[card.tier],
            card.kind in _CHRONOLOGY,
            sections.get(slug, -1),
            reading.get(slug, -1),
            kinds.get(card.kind, len(kinds)),
            position,
        )

    return [card for _, card in sorted(enumerate(cards), key=key)]
