"""How questions are phrased: entity names with or without 'the', nouns for kinds, and the
question templates for events and counts (relations: ``relation_wording``).

Templates are chosen by the fact's *kind*, never by its label alone, so a reworded label in
the content never produces a broken question; a label is woven in only where it reads as a
past participle ("Set up by the First Assembly ..."). An event no template can put into
English makes no question (``None``), never a "X, label: when?" stub.
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

#: The wider noun of each group, for a question whose own noun has too few candidates
#: ("Which body carries out GPML?": there is one unit, but many bodies).
_GROUP_NOUNS: Final[dict[str, str]] = {
    "bodies": "body",
    "conventions": "instrument",
    "documents": "document",
    "declarations": "declaration or plan",
    "programmes": "programme or strategy",
    "campaigns": "initiative",
    "meetings": "meeting",
}
_PREPOSITIONS: Final = frozenset({"of", "on", "for", "to", "against", "in", "by", "from"})

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
    # the paper counts the modules UNODC added to its e-learning programme, not the programme's
    "modules": (
        "How many modules on the smuggling of migrants did UNODC add to its e-learning programme?"
    ),
}


def noun(entity: Entity) -> str:
    """'instrument', 'commission', 'meeting', ...: what a 'Which ...?' question asks for."""
    return _NOUNS.get(entity.kind, entity.kind_label.lower())


def general_noun(entity: Entity) -> str:
    """The noun of the entity's group ('body' for a unit, 'instrument' for a protocol)."""
    return _GROUP_NOUNS.get(entity.group, noun(entity))


def is_plural(name: str) -> bool:
    """Whether a name's head noun is plural ('E-learning modules on migrant smuggling'):
    the last word before the first preposition, lower case and ending in a single 's'."""
    head = ""
    for word in name.split():
        if word.lower() in _PREPOSITIONS:
            break
        head = word
    return head.islower() and head.endswith("s") and not head.endswith("ss")


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


def event_question(wh: str, entity: Entity, event: Event, *, with_label: bool = True) -> str | None:
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
    if event.kind == "observed" and label.casefold().startswith("first observ"):
        return f"{wh} was {subject} first observed?"
    if event.kind == "published" and label.casefold().startswith("first "):
        return f"{wh} did {subject} publish the {lower_first(label)}?"
    if event.kind == "target_date" and wh == "When":
        aim = label.split(" to ", 1)[1] if label.casefold().startswith("target date to ") else ""
        return (
            f"By when did {subject} aim to {aim}?"
            if aim
            else f"What target date did {subject} set?"
        )
    return None


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
    if event.kind == "observed" and event.label.casefold().startswith("first observ"):
        return f"{subject} was first observed"
    if event.kind == "published" and event.label.casefold().startswith("first "):
        return f"{subject} published the {lower_first(event.label)}"
    return f"{subject}: {lower_first(event.label)}"


def reverse_event_question(
    entity: Entity, event: Event, span: DateSpan, asked: str | None = None
) -> str | None:
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
    return f"Which {asked or noun(entity)} {verb}{place} {date_phrase(span)}?"


def count_question(
    entity: Entity, kind: str, kind_label: str, as_at: str | None, label: str = ""
) -> str:
    """'How many parties did UNTOC have as at May 2015?'; a name that holds the counted noun
    gives way to another of the entity's names."""
    as_at_text = f" as at {as_at}" if as_at else ""
    if kind == "session_number":
        return _session_question(entity, label or kind_label)
    template = _COUNT_QUESTIONS.get(kind)
    if template is not None:
        return template.format(N=name(entity), as_at=as_at_text)
    counted = kind_label.lower()
    called = name_without(entity, counted.split()[-1])
    verb = "do" if is_plural(called) else "does"
    return f"How many {counted} {verb} {called} have{as_at_text}?"


def name_without(entity: Entity, word: str) -> str:
    """The entity's name in a sentence, avoiding one that holds ``word`` where another does
    not ('modules' in 'the E-learning modules on migrant smuggling')."""
    names = (entity.short_name, entity.title, *entity.names)
    fitting = next((n for n in names if word.casefold() not in n.casefold().split()), None)
    if fitting is None or fitting == entity.short_name:
        return name(entity)
    return (
        f"the {fitting}" if needs_article(fitting) and not fitting.startswith("the ") else fitting
    )


def _session_question(entity: Entity, label: str) -> str:
    """'What was the number of the CND session that adopted the 2009 Political Declaration?'"""
    if label.casefold().startswith("session that "):
        return f"What was the number of the {entity.short_name} session {label[8:]}?"
    return f"What number did {name(entity)} have as a {lower_first(label)}?"


def according_to_paper(prompt: str) -> str:
    """'According to the paper, when did ...?' for values the record does not confirm."""
    first = prompt.split(" ", 1)[0]
    if first in {"When", "Where", "Which", "What", "How", "About", "Into", "Put"}:
        prompt = prompt[:1].lower() + prompt[1:]
    return f"According to the paper, {prompt}"
