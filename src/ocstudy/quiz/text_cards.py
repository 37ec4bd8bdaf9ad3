"""Cloze cards from the paper's words: numbered provisions, and key statements.

A provision card shows an instrument's list (UNCAC's five areas, the Single Convention's main
terms) with one item blanked and the others cued by their first words: "Which item is missing
from the main areas of UNCAC: (1) Prevention; (2) _____; ...?", to recall (flashcard: items of
other lists are too close in meaning to be safe wrong options); a cited article is asked
alone ("What does Art. 23(c) of the League Covenant say?").

A statement card blanks the entity a key statement is about: "Which instrument fills the gap?
_____: the first legally binding instrument on small arms adopted at the global level." Only
statements that characterize (purpose, mandate, role, significance, firsts) are asked, never
ones that name a word of the entity's name ('firearms' for the Firearms Protocol) or correct
the paper. Both keep the facts' sources and markers (``build_card``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from ocstudy.content.model import Entity, Provision, Statement
from ocstudy.quiz import distractors as d
from ocstudy.quiz.building import ContentIndex, build_card, card_rng, names_of
from ocstudy.quiz.implied import carried, linked
from ocstudy.quiz.model import QuizCard, TextAnswer
from ocstudy.quiz.wording import lower_first, name, name_without

BLANK: Final = "_____"
#: How much of each other item a provision card shows.
CUE: Final = 48
#: Name words too common to give an entity away.
_GENERIC: Final = frozenset(
    {"conven", "protoc", "united", "nation", "intern", "declar", "politi", "strate", "office",
     "commis", "confer", "report", "progra", "global", "counci", "agains", "substa", "narcot"}
)  # fmt: skip
#: Statement kinds that characterize an entity, and are worth knowing by heart.
_KEY_STATEMENTS: Final = frozenset(
    {"purpose", "objective", "mandate", "role", "function", "scope", "significance"}
)


def text_cards(index: ContentIndex, seed: int) -> Iterator[QuizCard]:
    yield from _provision_cards(index, seed)
    yield from _statement_cards(index, seed)


def _marked(number: str) -> str:
    """'(1)', '(a)' for list positions."""
    return f"({number})"


def _cue(text: str) -> str:
    """The first words of an item, enough to recall it by ('Limits the possession of …')."""
    text = text.rstrip(".")
    if len(text) <= CUE:
        return text
    return text[:CUE].rsplit(" ", 1)[0] + " …"


def _provision_cards(index: ContentIndex, seed: int) -> Iterator[QuizCard]:
    lists: dict[str, list[Provision]] = {}
    for provision in index.provisions:
        lists.setdefault(provision.entity_slug, []).append(provision)
    for slug, provisions in lists.items():
        entity = index.entities[slug]
        bare = re.sub(r"\s*\(.*?\)", "", entity.provisions_label or "")
        label = lower_first(bare) or "provisions"
        listed = len(provisions) > 1 and all(len(p.number) <= 2 for p in provisions)
        called = name_without(entity, label.split()[-1])
        for asked in provisions:
            if listed:
                shown = "; ".join(
                    f"{_marked(p.number)} {BLANK if p is asked else _cue(p.text)}"
                    for p in provisions
                )
                prompt = f"Which item is missing from the {label} of {called}: {shown}?"
            else:
                prompt = f"What does {asked.number} of {name(entity)} say?"
            yield build_card(
                id=f"{asked.id}:cloze",
                kind="provision",
                prompt=prompt,
                answer=TextAnswer((asked.text,)),
                answer_text=asked.text,
                details=(f"{entity.short_name}, {label}: {asked.number}",),
                modes=("flashcard",),
                facts=(asked,),
                entities=(entity,),
                topics=("bodies",) if entity.is_body else (),
                sibling_key=asked.id,
            )


def _content_words(entity: Entity) -> set[str]:
    words = re.findall(r"[A-Za-z]{5,}", f"{entity.short_name} {entity.title}")
    return {w.casefold()[:6] for w in words} - _GENERIC


def _is_key(statement: Statement, entity: Entity) -> bool:
    """A statement that characterizes the entity and does not name it (nor a word of its
    name: 'firearms' in the Firearms Protocol's purpose), nor corrects the paper."""
    kind = statement.kind
    key = kind in _KEY_STATEMENTS or kind.startswith("first_") or statement.label == "Significance"
    said = {w.casefold()[:6] for w in re.findall(r"[A-Za-z]{5,}", statement.text)}
    return key and not statement.status.differs and not said & _content_words(entity)


def _statement_cards(index: ContentIndex, seed: int) -> Iterator[QuizCard]:
    pool = list(index.entities.values())
    for statement in index.statements:
        entity = index.entity_of(statement)
        if not _is_key(statement, entity):
            continue
        card_id = f"{statement.id}:cloze"
        rng = card_rng(seed, card_id)
        exclude = linked(index.truths, entity.slug) | carried(index.truths, entity.slug)
        word = d.asked_noun(entity, pool, exclude)
        ranked = d.rank_entities(entity, pool, rng, exclude, asked=word)
        text = lower_first(statement.text).rstrip(".")
        gap = f"The {statement.kind} of {BLANK}" if statement.kind in _KEY_STATEMENTS else BLANK
        if statement.kind == "significance":
            gap = BLANK
        yield build_card(
            id=card_id,
            kind="statement",
            prompt=f"Which {word} fills the gap? {gap}: {text}.",
            answer=TextAnswer(names_of(entity)),
            answer_text=entity.short_name,
            choices=d.choices(entity.short_name, [e.short_name for e in ranked], rng),
            details=(entity.title, f"{statement.label}: {statement.text}"),
            modes=("flashcard", "choice"),
            facts=(statement,),
            entities=(entity,),
            topics=("bodies",) if entity.is_body else (),
            sibling_key=statement.id,
        )
