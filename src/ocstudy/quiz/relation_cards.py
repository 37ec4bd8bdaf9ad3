"""Cards about who is who: relations both ways, and abbreviations both ways.

A relation asked forward ("Which body did the Single Convention create?") needs the subject
to have only one relation of that kind; asked in reverse ("Which office is the guardian of
UNTOC?") it needs the object to have only one. No wrong option stands in any relation with the
given entity, or in a structural one with the answer (``implied``): "Which commission did
ECOSOC create?" never offers CND. What the content implies is also right is said on the answer
side. An abbreviation is asked only when it is a real acronym (letters and slashes, two
capitals at least) that no other entity uses; its wrong options share its initial where the
content allows (where none does, it is a flashcard only), and never spell it out too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import partial

from ocstudy.content import citing
from ocstudy.content.model import Entity, Relation
from ocstudy.content.vocabulary import FactStatus
from ocstudy.quiz import distractors as d
from ocstudy.quiz.building import ContentIndex, build_card, card_rng, names_of
from ocstudy.quiz.implied import canonical, carried, linked, true_ends
from ocstudy.quiz.model import QuizCard, TextAnswer, Topic
from ocstudy.quiz.parsing import normalize_name
from ocstudy.quiz.relation_wording import relation_question
from ocstudy.quiz.wording import needs_article

_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z/]*$")


def relation_cards(index: ContentIndex, seed: int) -> Iterator[QuizCard]:
    by_subject = Counter((r.subject_slug, canonical(r.kind)) for r in index.relations)
    by_object = Counter((r.object_slug, canonical(r.kind)) for r in index.relations)
    for relation in index.relations:
        subject = index.entities[relation.subject_slug]
        obj = index.entities[relation.object_slug]
        if by_subject[(subject.slug, canonical(relation.kind))] == 1:
            card = _relation_card(relation, subject, obj, index, seed, reverse=False)
            if card is not None:
                yield card
        if by_object[(obj.slug, canonical(relation.kind))] == 1:
            card = _relation_card(relation, subject, obj, index, seed, reverse=True)
            if card is not None:
                yield card


def _relation_card(
    relation: Relation,
    subject: Entity,
    obj: Entity,
    index: ContentIndex,
    seed: int,
    *,
    reverse: bool,
) -> QuizCard | None:
    asked, given = (subject, obj) if reverse else (obj, subject)
    truths = index.truths
    right = true_ends(truths, relation.kind, given.slug, reverse=reverse) - {asked.slug}
    exclude = {given.slug} | right | linked(truths, given.slug) | carried(truths, asked.slug)
    pool = index.entities.values()
    word = d.asked_noun(asked, pool, exclude)
    past = bool({subject.slug, obj.slug} & index.past)
    prompt = relation_question(relation.kind, subject, obj, reverse=reverse, asked=word, past=past)
    if prompt is None:
        return None
    card_id = f"{relation.id}:{'reverse' if reverse else 'forward'}"
    rng = card_rng(seed, card_id)
    ranked = d.rank_entities(asked, pool, rng, exclude, asked=word)
    also = sorted(index.entities[slug].short_name for slug in right)
    return build_card(
        id=card_id,
        kind="relation_reverse" if reverse else "relation",
        prompt=prompt,
        answer=TextAnswer(names_of(asked)),
        answer_text=asked.short_name,
        choices=d.choices(asked.short_name, [e.short_name for e in ranked], rng),
        details=(asked.title, f"{given.short_name}: {relation.label_from(given.slug).lower()} "
                 f"{asked.short_name}", f"Also true: {', '.join(also)}" if also else ""),
        facts=(relation,),
        entities=(given, asked),
        topics=("bodies",) if subject.is_body or obj.is_body else (),
        sibling_key=relation.id,
        concerns=lambda c: not c.says or not any(reveals(c.says, n) for n in names_of(asked)),
    )  # fmt: skip


def reveals(text: str, name: str) -> bool:
    """Whether ``text`` (the paper's words) names ``name``."""
    return f" {normalize_name(name)} " in f" {normalize_name(text)} "


def usable_abbreviations(entity: Entity) -> tuple[str, ...]:
    return tuple(a for a in entity.abbreviations if _ACRONYM.match(a))


def expands(acronym: str, name: str) -> bool:
    """Whether ``name`` spells ``acronym`` out: its letters are, in order, prefixes of the
    name's words ('ECOSOC' ← ECOnomic and SOcial Council). A former name's acronym (ODCCP for
    UNODC) or a code (ROSEN) spells out none of the entity's names, and is not asked."""
    letters = acronym.replace("/", "").casefold()
    words = [w.casefold() for w in re.split(r"[\s\-,:()]+", name) if w]
    if acronym.casefold() in words:  # 'UNODC ROSEN' does not spell ROSEN out
        return False

    def match(i: int, j: int) -> bool:
        if i == len(letters):
            return True
        for k in range(j, len(words)):
            size = 1
            while i + size <= len(letters) and words[k][:size] == letters[i : i + size]:
                if match(i + size, k + 1):
                    return True
                size += 1
        return False

    return match(0, 0)


def _spelled_out(acronym: str, entity: Entity) -> str | None:
    candidates = (entity.title, entity.short_name, *entity.names)
    return next((n for n in candidates if n != acronym and expands(acronym, n)), None)


def _spells(name: str, acronym: str) -> bool:
    return expands(acronym, name)


def full_names(entity: Entity) -> tuple[str, ...]:
    """The names a learner could take for a spelled-out abbreviation: the title first, then
    the other names that read as names (capitalized, no bracketed acronym)."""
    names = (entity.title, entity.short_name, *entity.names)
    return tuple(
        dict.fromkeys(
            n
            for n in names
            if n[:1].isupper() and "(" not in n and n not in entity.abbreviations
            and not _ACRONYM.match(n)
        )
    )  # fmt: skip


def name_cards(index: ContentIndex, seed: int) -> Iterator[QuizCard]:
    """'What does CCPCJ stand for?' and 'What is the abbreviation for the Commission on ...?'"""
    entities = list(index.entities.values())
    users = Counter(a.casefold() for e in entities for a in usable_abbreviations(e))
    spelled_pool = [(e, full_names(e)) for e in entities]
    abbreviation_pool = [(e, usable_abbreviations(e)) for e in entities]
    for entity in entities:
        unique = [a for a in usable_abbreviations(entity) if users[a.casefold()] == 1]
        spelled = {a: s for a in unique if (s := _spelled_out(a, entity)) is not None}
        if not spelled:
            continue
        # the entity's section, or the record where the paper never names the entity
        by_record = entity.slug in index.record_only
        source = citing.RECORD if by_record else citing.in_paper(index.sections[entity.slug], None)
        status = FactStatus.RECORD if by_record else FactStatus.AGREES
        topics: tuple[Topic, ...] = ("bodies",) if entity.is_body else ()
        key = f"{entity.slug}:abbreviation"
        long_names = tuple(n for n in names_of(entity) if n not in entity.abbreviations)
        for abbreviation, expansion in spelled.items():
            card_id = f"{key}:{abbreviation}:forward"
            rng = card_rng(seed, card_id)
            options = d.expansion_distractors(
                abbreviation,
                entity,
                spelled_pool,
                rng,
                partial(expands, abbreviation),
            )
            yield build_card(
                id=card_id,
                kind="abbreviation",
                prompt=f"What does {abbreviation} stand for?",
                answer=TextAnswer(tuple(dict.fromkeys((expansion, *long_names)))),
                answer_text=expansion,
                choices=d.sharing_initial(d.choices(expansion, options, rng), abbreviation[:1]),
                details=(entity.title, entity.short_name),
                modes=("flashcard", "choice"),
                facts=(),
                entities=(entity,),
                topics=topics,
                sibling_key=key,
                fallback_sources=(source,),
                fallback_status=status,
            )
        of_title = [a for a, expansion in spelled.items() if expansion == entity.title]
        if not of_title or any(a.casefold() in entity.title.casefold() for a in of_title):
            continue
        card_id = f"{key}:reverse"
        rng = card_rng(seed, card_id)
        others = d.abbreviation_distractors(
            of_title[0],
            abbreviation_pool,
            rng,
            partial(_spells, entity.title),
            entity,
        )
        title = f"the {entity.title}" if needs_article(entity.title) else entity.title
        yield build_card(
            id=card_id,
            kind="abbreviation_reverse",
            prompt=f"What is the abbreviation for {title}?",
            answer=TextAnswer(tuple(of_title)),
            answer_text=of_title[0],
            choices=d.sharing_initial(d.choices(of_title[0], others, rng), of_title[0][:1]),
            details=(", ".join(of_title[1:]),),
            facts=(),
            entities=(entity,),
            topics=topics,
            sibling_key=key,
            fallback_sources=(source,),
            fallback_status=status,
        )
