"""Relation questions, both ways, in the present or, where a body or instrument no longer
acts (the League's bodies, the Hague Convention), in the past.

{S}/{O} are the subject's and object's names; {s}/{o} the nouns the question asks for.
"""

from __future__ import annotations

from typing import Final

from ocstudy.content.model import Entity
from ocstudy.quiz.wording import is_plural, name

#: kind -> (forward: asks for the object, reverse: asks for the subject).
RELATION_QUESTIONS: Final[dict[str, tuple[str, str]]] = {
    "supplements": ("Which {o} does {S} supplement?", "Which {s} supplements {O}?"),
    "amends": ("Which {o} does {S} amend?", "Which {s} amends {O}?"),
    "incorporates": ("Which {o} did {S} incorporate?", "Which {s} incorporated {O}?"),
    "replaces": (
        "Which {o} does {S} replace between its parties?",
        "Which {s} replaced {O} between its parties?",
    ),
    "follows": ("Which {o} did {S} build on?", "Which {s} built on {O}?"),
    "created": ("Which {o} did {S} create?", "Which {s} created {O}?"),
    "merged_into": ("Into which {o} was {S} merged?", "Which {s} was merged into {O}?"),
    "succeeds": ("Which {o} did {S} succeed?", "Which {s} succeeded {O}?"),
    "guardian_of": ("Which {o} is {S} the guardian of?", "Which {s} is the guardian of {O}?"),
    "custodian_of": ("Which {o} is {S} the custodian of?", "Which {s} is the custodian of {O}?"),
    "administers": ("Which {o} does {S} manage?", "Which {s} manages {O}?"),
    "runs": ("Which {o} does {S} carry out?", "Which {s} carries out {O}?"),
    "part_of": ("Which {o} is {S} part of?", "Which {s} is part of {O}?"),
    "adopted_by": ("Which {o} adopted {S}?", "Which {s} did {O} adopt?"),
    "endorsed_by": ("Which {o} endorsed {S}?", "Which {s} did {O} endorse?"),
    "monitors": ("Which {o} does {S} monitor?", "Which {s} monitors {O}?"),
    "mandated_by": ("Which {o} gives {S} its mandate?", "Which {s} draws its mandate from {O}?"),
    "led_to": ("Which {o} did {S} lead to?", "Which {s} led to {O}?"),
    "launched_by": ("Which {o} launched {S}?", "Which {s} did {O} launch?"),
    "issued_by": ("Which {o} issued {S}?", "Which {s} did {O} issue?"),
    "secretariat_of": (
        "Which {o} is {S} the secretariat of?",
        "Which {s} is the secretariat of {O}?",
    ),
    "advises": ("Which {o} does {S} advise?", "Which {s} advises {O}?"),
    "strengthened": ("Which {o} did {S} strengthen?", "Which {s} strengthened {O}?"),
    "subsidiary_of": (
        "Which {o} is {S} a subsidiary body of?",
        "Which {s} is a subsidiary body of {O}?",
    ),
    "covers": ("Which {o} does {S} cover?", "Which {s} covers {O}?"),
    "requested_by": ("Which {o} requested {S}?", "Which {s} did {O} request?"),
    "promotes": ("Which {o} does {S} promote?", "Which {s} promotes {O}?"),
}

#: The same questions about what no longer acts; kinds already in the past need none.
PAST_QUESTIONS: Final[dict[str, tuple[str, str]]] = {
    "supplements": ("Which {o} did {S} supplement?", "Which {s} supplemented {O}?"),
    "amends": ("Which {o} did {S} amend?", "Which {s} amended {O}?"),
    "replaces": (
        "Which {o} did {S} replace between its parties?",
        "Which {s} replaced {O} between its parties?",
    ),
    "guardian_of": ("Which {o} was {S} the guardian of?", "Which {s} was the guardian of {O}?"),
    "custodian_of": (
        "Which {o} was {S} the custodian of?",
        "Which {s} was the custodian of {O}?",
    ),
    "administers": ("Which {o} did {S} manage?", "Which {s} managed {O}?"),
    "runs": ("Which {o} did {S} carry out?", "Which {s} carried out {O}?"),
    "part_of": ("Which {o} was {S} part of?", "Which {s} was part of {O}?"),
    "monitors": ("Which {o} did {S} monitor?", "Which {s} monitored {O}?"),
    "mandated_by": (
        "Which {o} gave {S} its mandate?",
        "Which {s} drew its mandate from {O}?",
    ),
    "secretariat_of": (
        "Which {o} was {S} the secretariat of?",
        "Which {s} was the secretariat of {O}?",
    ),
    "advises": ("Which {o} did {S} advise?", "Which {s} advised {O}?"),
    "subsidiary_of": (
        "Which {o} was {S} a subsidiary body of?",
        "Which {s} was a subsidiary body of {O}?",
    ),
    "covers": ("Which {o} did {S} cover?", "Which {s} covered {O}?"),
    "promotes": ("Which {o} did {S} promote?", "Which {s} promoted {O}?"),
}


def relation_question(
    kind: str, subject: Entity, obj: Entity, *, reverse: bool, asked: str, past: bool = False
) -> str | None:
    """The question, asking for ``asked`` (a noun: 'body', 'instrument'); None for a kind
    with no template."""
    templates = (PAST_QUESTIONS.get(kind) if past else None) or RELATION_QUESTIONS.get(kind)
    if templates is None:
        return None
    template = templates[1 if reverse else 0]
    subject_name = name(subject)
    if is_plural(subject.short_name):
        template = template.replace("does {S}", "do {S}").replace("is {S}", "are {S}")
        template = template.replace("was {S}", "were {S}")
    return template.format(S=subject_name, O=name(obj), s=asked, o=asked)
