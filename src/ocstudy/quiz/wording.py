"""How questions are phrased: entity names with or without 'the', nouns for kinds, and the
question templates for events and relations.

Templates are chosen by the fact's *kind*, never by its label alone, so a reworded label in
the content never produces a broken question; a label is woven in only where it reads as a
past participle ("Set up by the First Assembly ...").
"""

from __future__ import annotations

import re
from typing import Final

from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Entity, Event
from ocstudy.content.vocabulary import EVENT_KINDS

MEETING_KINDS: Final = frozenset({"conference", "congress", "special_session"})

_NOUNS: Final[dict[str, str]] = {
    "convention": "instrument",
    "protocol": "instrument",
    "treaty": "instrument",
    "plan_of_action": "plan of action",
    "trust_fund": "trust fund",
    "observance": "international day",
    "conference": "meeting",
    "congress": "meeting",
    "special_session": "meeting",
    "organ": "body",
    "treaty_body": "body",
    "working_group": "working group",
    "inter_agency_group": "group",
}

#: Event kinds whose default label is a past participle: "When was X adopted?"
_PASSIVE_KINDS: Final = frozenset(
    {
        "adopted",
        "concluded",
        "signed",
        "opened_for_signature",
        "established",
        "launched",
        "approved",
        "published",
        "requested",
        "endorsed",
        "observed",
        "dissolved",
    }
)
_PARTICIPLE: Final = re.compile(r"^(?:[A-Za-z-]+ed|Set|Held|Made|Drawn|Run|Begun)\b")

#: Reverse date questions: "Which instrument entered into force on ...?"
REVERSE_EVENT_VERBS: Final[dict[str, str]] = {
    "adopted": "was adopted",
    "concluded": "was concluded",
    "signed": "was signed",
    "opened_for_signature": "was opened for signature",
    "entry_into_force": "entered into force",
    "established": "was established",
    "launched": "was launched",
    "published": "was published",
}
_MEETING_EVENTS: Final = frozenset({"conference", "session", "meeting"})

#: kind -> (forward: asks for the object, reverse: asks for the subject).
#: {S}/{O} are the subject's and object's names; {s}/{o} their nouns.
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

#: Count kinds with their own question; others read "How many <label> ...?"
_COUNT_QUESTIONS: Final[dict[str, str]] = {
    "parties": "How many parties did {N} have{as_at}?",
    "signatories": "How many signatories did {N} have{as_at}?",
    "members": "How many members did {N} have{as_at}?",
    "staff": "About how many staff members did {N} have worldwide{as_at}?",
    "countries": "How many countries does {N} cover?",
    "countries_of_origin": "How many countries of origin did {N} identify?",
    "countries_of_destination": "How many countries of destination did {N} identify?",
    "countries_of_transit": "How many transit countries did {N} identify?",
    "projects": "How many new projects did {N} support{as_at}?",
    "protocols": "How many protocols supplement {N}?",
}


def noun(entity: Entity) -> str:
    """'instrument', 'commission', 'meeting', ...: what a 'Which ...?' question asks for."""
    return _NOUNS.get(entity.kind, entity.kind_label.lower())


def needs_article(name: str) -> bool:
    """'the Firearms Protocol' but 'UNTOC', 'UNGASS 1998', 'GA resolution 45/108'."""
    words = name.split()
    if all(not any(c.islower() for c in word) for word in words):
        return False
    return not (len(words) >= 2 and words[0].isupper() and words[1] == "resolution")


def name(entity: Entity) -> str:
    """The entity's name as it reads inside a sentence."""
    short = entity.short_name
    return f"the {short}" if needs_article(short) else short


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower the first letter unless the first word is an acronym ('UNODC organized ...')."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and any(c.isupper() for c in first[1:]):
        return text
    return text[:1].lower() + text[1:]


def date_phrase(span: DateSpan) -> str:
    """'on 28 January 2004', 'in January 2015', 'in 1992', 'from 12 April 2010 to 19 April 2010'."""
    start, end = span.start, span.end
    if end is not None:
        if start.precision == "day" and (start.year, start.month) == (end.year, end.month):
            return f"from {start.day} to {end.label()}"
        if start.precision != "year" and start.year == end.year:
            return f"from {start.label().rsplit(' ', 1)[0]} to {end.label()}"
        return f"from {start.label()} to {end.label()}"
    return f"{'on' if span.precision == 'day' else 'in'} {span.label()}"


def is_passive(event: Event) -> bool:
    """Whether the event reads 'X was <label>' ('adopted', 'set up by the First Assembly')."""
    default = event.label == EVENT_KINDS.get(event.kind)
    return event.kind in _PASSIVE_KINDS and (default or bool(_PARTICIPLE.match(event.label)))


def event_question(wh: str, entity: Entity, event: Event, *, with_label: bool = True) -> str:
    """'When did the Smuggling of Migrants Protocol enter into force?', 'Where was ... signed?'

    ``with_label=False`` leaves out a participle label's details ("launched by ... at UN
    Headquarters"), which could give a place away."""
    subject = name(entity)
    label = event.label
    default = label == EVENT_KINDS.get(event.kind)
    if event.kind == "entry_into_force":
        return f"{wh} did {subject} enter into force?"
    if is_passive(event):
        said = label if with_label else EVENT_KINDS[event.kind]
        return f"{wh} was {subject} {lower_first(said)}?"
    if event.kind in _MEETING_EVENTS and entity.kind in MEETING_KINDS:
        return f"{wh} was {subject} held?"
    if event.kind == "conference":
        return f"{wh} was the conference that drew up {subject} held?"
    if event.kind in {"session", "meeting", "first_meeting"}:
        plain = default and event.kind != "first_meeting"
        what = "the meeting the paper cites" if plain else f"its {lower_first(label)}"
        return f"{wh} did {subject} hold {what}?"
    return f"{capitalize(subject)}, {lower_first(label)}: {wh.lower()}?"


def event_phrase(entity: Entity, event: Event) -> str:
    """An event as an item of a chronology: 'UNTOC entered into force'."""
    subject = capitalize(name(entity))
    if event.kind == "entry_into_force":
        return f"{subject} entered into force"
    if is_passive(event):
        return f"{subject} was {lower_first(event.label)}"
    if event.kind in _MEETING_EVENTS and entity.kind in MEETING_KINDS:
        return f"{subject} met"
    if event.kind == "conference":
        return f"The conference that drew up {name(entity)} met"
    if event.kind in {"session", "meeting", "first_meeting"}:
        return f"{subject} held its {lower_first(event.label)}"
    return f"{subject}: {lower_first(event.label)}"


def reverse_event_question(entity: Entity, event: Event, span: DateSpan) -> str | None:
    """'Which instrument entered into force on 28 January 2004?', or None for kinds that
    make no sense backwards (a target date, a request)."""
    if event.kind in REVERSE_EVENT_VERBS and (
        event.kind == "entry_into_force" or is_passive(event)
    ):
        verb = REVERSE_EVENT_VERBS[event.kind]
    elif event.kind in _MEETING_EVENTS and entity.kind in MEETING_KINDS:
        verb = "was held"
    else:
        return None
    place = f" in {event.place}" if event.place and event.kind in _MEETING_EVENTS else ""
    return f"Which {noun(entity)} {verb}{place} {date_phrase(span)}?"


def count_question(entity: Entity, kind: str, kind_label: str, as_at: str | None) -> str:
    as_at_text = f" as at {as_at}" if as_at else ""
    template = _COUNT_QUESTIONS.get(kind)
    if template is not None:
        return template.format(N=name(entity), as_at=as_at_text)
    return f"How many {kind_label.lower()} does {name(entity)} have{as_at_text}?"


def relation_question(kind: str, subject: Entity, obj: Entity, *, reverse: bool) -> str | None:
    templates = RELATION_QUESTIONS.get(kind)
    if templates is None:
        return None
    template = templates[1 if reverse else 0]
    return template.format(S=name(subject), O=name(obj), s=noun(subject), o=noun(obj))


def according_to_paper(prompt: str) -> str:
    """'According to the paper, when did ...?' for values the record does not confirm."""
    first = prompt.split(" ", 1)[0]
    if first in {"When", "Where", "Which", "What", "How", "About", "Into", "Put"}:
        prompt = prompt[:1].lower() + prompt[1:]
    return f"According to the paper, {prompt}"
