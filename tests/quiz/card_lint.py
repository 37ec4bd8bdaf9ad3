"""The card lint: one right answer, a question that determines it, nothing given away, real
English, no codes, markers on the asked value, no duplicate options (issues 12 and 22).

The lint works out what is true from the content's facts and what they imply
(``quiz.implied``), not from the options the generator chose. ``lint(card, deck)`` returns
(class, message) pairs; the classes are ``CLASSES``. Each class has a test that feeds the lint
a broken card and checks that it is caught (``test_card_lint.py``). It runs on the draft
(what generation makes) and on the reviewed deck (what a learner meets), where the targets
hold: no card with a second right answer or without a single answer, and at most 2 % of
choice cards answerable from a name, a year, a place, the kind or the form of an option.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Entity, Event, Fact, Relation
from ocstudy.content.repository import ContentRepository
from ocstudy.content.vocabulary import FactStatus
from ocstudy.quiz.building import MARKERS
from ocstudy.quiz.implied import implied_truths, past_entities, true_ends
from ocstudy.quiz.model import DateAnswer, NumberAnswer, QuizCard, TextAnswer
from ocstudy.quiz.parsing import find_date, find_number, normalize_name
from ocstudy.quiz.relation_cards import expands
from ocstudy.quiz.wording import general_noun, is_plural, noun

#: The classes, in the order a report lists them. ``giveaway: …`` classes share one target.
CLASSES: Final = (
    "second right answer",
    "no single answer",
    "giveaway: name",
    "giveaway: later year",
    "giveaway: kind",
    "giveaway: form",
    "template residue",
    "duplicate options",
    "entity codes",
    "marker on the wrong field",
)
#: At most this share of the deck's choice cards may be answerable without knowing.
GIVEAWAY_TARGET: Final = 0.02

ENTITY_CHOICE_KINDS: Final = frozenset(
    {"relation", "relation_reverse", "date_reverse", "document_reverse", "statement"}
)
RELATION_KINDS: Final = frozenset({"relation", "relation_reverse"})
ABBREVIATION_KINDS: Final = frozenset({"abbreviation", "abbreviation_reverse"})

#: Relation kinds that say the same thing of the same pair.
_SAME: Final = {"custodian_of": "guardian_of"}
#: Verbs a question about a body or instrument that no longer acts must not use.
_PRESENT: Final = re.compile(
    r"\b(does|do|is|are|has|have|gives|draws|supplements|amends|replaces|manages|carries"
    r"|monitors|advises|covers|promotes)\b"
)
_TEMPLATE_RESIDUE: Final = (
    re.compile(r", [^,?]*: (when|where|which number|how many|what)\?$", re.IGNORECASE),
    re.compile(r"[{}]|\bNone\b|  |\b(\w+) \1\b"),
    re.compile(r"^[a-z]"),
)
_FACT_ID: Final = re.compile(r":(?:event|count|document|relation|provision|statement):")
_HTML_ENTITY: Final = re.compile(r"&(?:#x?[0-9a-fA-F]+|[A-Za-z]+);")
_CAPITALIZED: Final = re.compile(r"\b[A-Z][a-z]+\b")
_MONTHS: Final = frozenset(calendar.month_name[1:])
_YEAR: Final = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
#: Capitalised words of names that say nothing of which option is right.
_COMMON_WORDS: Final = frozenset(
    {"Which", "When", "Where", "What", "Who", "How", "The", "According", "United", "Nations",
     "Convention", "Protocol", "Declaration", "Commission", "Office", "International",
     "General", "Assembly", "Council", "Conference", "Congress", "Programme", "Strategy",
     "Report", "Against", "Crime", "Drugs", "Drug", "Narcotic", "Secretary", "Parties",
     "Plan", "Action", "Political", "Global", "Trafficking", "Persons", "Migrants", "Put",
     "These", "Order", "Paper", "Record", "Fund", "Group", "Board", "Committee", "Session",
     "Resolution", "Opium", "League"}
)  # fmt: skip
#: Relations that make one thing part of another: its wholes are right answers too.
_PART_KINDS: Final = frozenset({"part_of", "subsidiary_of"})
_UN_NAME: Final = re.compile(r"(the )?(United Nations|UN) ", re.IGNORECASE)
#: "Which report covers UNODC?", "Which body goes with resolution 1992/1?": no lecturer's words.
_WORDING: Final = re.compile(r"\b(goes|go) with\b|\bwhich [a-z ]+ covers?\b", re.IGNORECASE)


@dataclass
class Deck:
    """The content as the lint reads it: entities by every name, and every true relation."""

    entities: dict[str, Entity]
    facts: dict[str, Fact]
    by_name: dict[str, Entity] = field(default_factory=dict)
    truths: set[tuple[str, str, str]] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    ended: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, content: ContentRepository) -> Deck:
        facts: dict[str, Fact] = {}
        entities = {e.slug: e for e in content.entities()}
        for slug in entities:
            detail = content.detail(slug)
            assert detail is not None
            facts.update((fact.id, fact) for fact in detail.facts)
        deck = cls(entities, facts)
        for entity in entities.values():
            for one in (entity.short_name, entity.title, *entity.names, *entity.abbreviations):
                deck.by_name.setdefault(normalize_name(one), entity)
            if entity.ref_key:
                deck.codes.add(entity.ref_key)  # the reference's row key ...
            if "-" in entity.slug:
                deck.codes.add(entity.slug)
        named = {
            word
            for e in entities.values()
            for n in (e.short_name, e.title, *e.names, *e.abbreviations)
            for word in re.split(r"[\s/]+", n)
        }
        deck.codes -= named  # ... unless a name in use holds it ('TIP Report 2005')
        deck.places = {
            normalize_name(part)
            for fact in facts.values()
            if isinstance(fact, Event) and fact.place
            for part in fact.place.split(",")
        }
        relations = [f for f in facts.values() if isinstance(f, Relation)]
        deck.truths = implied_truths(relations)
        deck.ended = past_entities((f for f in facts.values() if isinstance(f, Event)), relations)
        return deck

    def wholes(self, slug: str) -> set[str]:
        """What ``slug`` is part of, at any remove (the unit, its office, the UN)."""
        found: set[str] = set()
        todo = [slug]
        while todo:
            current = todo.pop()
            entity = self.entities.get(current)
            parent = entity.parent_slug if entity else None
            above = {o for s, k, o in self.truths if s == current and k in _PART_KINDS}
            if entity and entity.is_body and _UN_NAME.match(entity.title):
                above.add("united-nations")  # every UN body is part of the UN
            for whole in above | ({parent} if parent else set()):
                if whole not in found:
                    found.add(whole)
                    todo.append(whole)
        return found

    def entity(self, option: str) -> Entity | None:
        return self.by_name.get(normalize_name(option))

    def is_a(self, entity: Entity, asked: str) -> bool:
        return asked in _nouns_of(entity)

    def past(self, entity: Entity) -> bool:
        return entity.slug in self.ended


def _nested(one: DateSpan, other: DateSpan) -> bool:
    """One date within the other: both answers are true of the event."""
    a, b = (one.first_day(), one.last_day()), (other.first_day(), other.last_day())
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _quoted(note: str) -> str:
    found = re.search(r"“(.*?)”", note)
    return found.group(1) if found else ""


def _initial(text: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", text) if w and w.lower() != "the"]
    return words[0][:1].upper() if words else ""


def _asked_noun(card: QuizCard, deck: Deck) -> str | None:
    """The kind a 'Which ...?' question names: the longest noun right after 'which'."""
    found = re.search(r"\bwhich ([a-z ]+)", card.prompt, re.IGNORECASE)
    if found is None:
        return None
    nouns = {word for e in deck.entities.values() for word in _nouns_of(e)}
    words = found.group(1).lower()
    fitting = [n for n in nouns if words == n or words.startswith(n + " ")]
    return max(fitting, key=len, default=None)


def _nouns_of(entity: Entity) -> set[str]:
    """What a question may call the entity: its noun ('instrument'), its group's ('body'),
    its kind ('convention')."""
    return {noun(entity), general_noun(entity), entity.kind_label.casefold()}


def single_kind(card: QuizCard, deck: Deck) -> bool:
    """Whether the answer is the only option of the kind (or initial) the question asks; an
    option that is no entry, or a kind the lint cannot name, counts as one (a reader who
    offers 'League Council' waives the class for the card, with the reason)."""
    if not card.choices:
        return False
    if card.kind == "abbreviation":
        initial = card.prompt.removeprefix("What does ")[:1].upper()
        return sum(_initial(o) == initial for o in card.choices) == 1
    if card.kind == "abbreviation_reverse":
        initial = card.answer_text[:1].upper()
        return sum(o[:1].upper() == initial for o in card.choices) == 1
    asked = _asked_noun(card, deck)
    options = [deck.entity(o) for o in card.choices]
    if asked is None or any(o is None for o in options):
        return True
    return sum(deck.is_a(o, asked) for o in options if o is not None) <= 1


def _relation_of(card: QuizCard, deck: Deck) -> Relation:
    (fact_id,) = card.fact_ids
    fact = deck.facts[fact_id]
    assert isinstance(fact, Relation)
    return fact


def right_options(card: QuizCard, deck: Deck) -> list[str]:
    """The options that are a right answer: the answer, and any other that is also true."""
    right = [o for o in card.choices if normalize_name(o) == normalize_name(card.answer_text)]
    wrong = [o for o in card.choices if o not in right]
    return right + [o for o in wrong if _also_right(card, deck, o)]


def _also_right(card: QuizCard, deck: Deck, option: str) -> bool:
    """Whether ``option``, not the card's answer, is true of the card's question too."""
    if card.kind in RELATION_KINDS:
        return _relation_also_right(card, deck, option)
    if card.kind == "abbreviation":
        acronym = card.prompt.removeprefix("What does ").removesuffix(" stand for?")
        return expands(acronym, option)
    if card.kind == "abbreviation_reverse":
        return expands(option, deck.entities[card.entity_slug].title)
    if card.kind == "date" and isinstance(card.answer, DateAnswer):
        other = find_date(option)
        return other is not None and _nested(other, card.answer.span)
    if card.kind == "date_reverse":
        return _same_event_of(card, deck, option)
    if card.kind == "place":
        parts = {normalize_name(p) for p in card.answer_text.split(",")}
        return bool(parts & {normalize_name(p) for p in option.split(",")})
    return False


def _relation_also_right(card: QuizCard, deck: Deck, option: str) -> bool:
    relation = _relation_of(card, deck)
    kind = _SAME.get(relation.kind, relation.kind)
    other = deck.entity(option)
    if other is None:
        return False
    if card.kind == "relation":
        pair = (relation.subject_slug, kind, other.slug)
        # what it is part of at one more remove is right too (the unit is in the UN)
        part = other.slug in deck.wholes(relation.subject_slug)
    else:
        pair = (other.slug, kind, relation.object_slug)
        part = relation.object_slug in deck.wholes(other.slug)
    return pair in deck.truths or (kind in _PART_KINDS and part)


def _same_event_of(card: QuizCard, deck: Deck, option: str) -> bool:
    """Whether the entity ``option`` names had an event of the same kind at an overlapping
    time as the card's (a date_reverse card's second right answer)."""
    facts = [deck.facts[i] for i in card.fact_ids]
    other = deck.entity(option)
    if not facts or not isinstance(facts[0], Event) or other is None:
        return False
    mine = facts[0]
    return any(
        isinstance(fact, Event)
        and fact.entity_slug == other.slug
        and fact.kind == mine.kind
        and fact.date_start <= mine.date_end
        and mine.date_start <= fact.date_end
        for fact in deck.facts.values()
    )


def _texts(card: QuizCard) -> list[str]:
    return [card.prompt, card.answer_text, *card.details, *card.choices, *card.items]


def lint(card: QuizCard, deck: Deck) -> list[tuple[str, str]]:
    """(class, message) for every problem of the card (before its reader's waivers: see
    :func:`deck_problems`)."""
    problems: list[tuple[str, str]] = []
    if card.choices and "choice" in card.modes:
        problems += _choice_problems(card, deck)
    problems += [("no single answer", m) for m in _several_answers(card, deck)]
    for pattern in _TEMPLATE_RESIDUE:
        if pattern.search(card.prompt):
            problems.append(("template residue", card.prompt))
    if not card.prompt.endswith(("?", ".")):
        problems.append(("template residue", card.prompt))
    if _WORDING.search(card.prompt):
        problems.append(("template residue", f"not a lecturer's word: {card.prompt}"))
    problems += [("template residue", p) for p in _agreement_problems(card, deck)]
    problems += [
        ("template residue", item)
        for item in (*card.items, *card.choices)
        if card.kind.startswith("chronology") and re.match(r"[^:]+: [a-z]", item)
    ]
    if card.kind in RELATION_KINDS:
        relation = _relation_of(card, deck)
        ends = (deck.entities[relation.subject_slug], deck.entities[relation.object_slug])
        if any(deck.past(e) for e in ends) and _PRESENT.search(card.prompt):
            problems.append(("template residue", f"present tense of the past: {card.prompt}"))
        if relation.kind == "covers":  # "Which body covers the Protocol?"
            problems.append(("template residue", f"a report 'covers' a body: {card.prompt}"))
    for text in _texts(card):
        words = set(re.findall(r"[\w/-]+", text))
        if _FACT_ID.search(text) or words & deck.codes:
            problems.append(("entity codes", text))
        if _HTML_ENTITY.search(text):
            problems.append(("template residue", f"HTML entity: {text}"))
    problems += [("marker on the wrong field", m) for m in _marker_problems(card, deck)]
    return problems


def _choice_problems(card: QuizCard, deck: Deck) -> list[tuple[str, str]]:
    """A choice card's problems: not one right option, options twice, a giveaway."""
    problems: list[tuple[str, str]] = []
    right = right_options(card, deck)
    if len(right) != 1:
        problems.append(("second right answer", f"{right}"))
    keys = [normalize_name(o) for o in card.choices]
    named = [deck.entity(o) for o in card.choices] if card.kind in ENTITY_CHOICE_KINDS else []
    slugs = [e.slug for e in named if e is not None]
    if len(set(keys)) != len(keys) or len(set(slugs)) != len(slugs):
        problems.append(("duplicate options", f"{card.choices}"))
    if card.kind in ENTITY_CHOICE_KINDS | ABBREVIATION_KINDS and single_kind(card, deck):
        problems.append(("giveaway: kind", f"{card.choices}"))
    problems += giveaways(card)
    close = _close_counts(card)
    if close:
        problems.append(("no single answer", close))
    return problems


def _words(text: str) -> set[str]:
    """The distinctive capitalised words of ``text`` (places, names), and its years."""
    words = {w for w in re.findall(r"\b[A-Z][a-z]{3,}\b", text)}
    return (words - _COMMON_WORDS - _MONTHS) | set(_YEAR.findall(text))


def giveaways(card: QuizCard) -> list[tuple[str, str]]:
    """What answers a choice card without knowing: a year or a name of the question found in
    the right option alone (either way: '1925' in the question and in one date; 'Shanghai'
    in the question and in one name); wrong options whose names carry a year after the date
    asked; an option of another form or length than the rest."""
    right = card.answer_text
    wrong = [o for o in card.choices if o != right]
    found: list[tuple[str, str]] = []
    for word in sorted(_words(card.prompt)):
        if word in right and not any(word in o for o in wrong):
            found.append(("giveaway: name", f"“{word}” is in the question and the answer alone"))
    if card.kind == "date_reverse":
        asked = [int(y) for y in _YEAR.findall(card.prompt)]
        later = [o for o in wrong if asked and any(int(y) > max(asked) for y in _YEAR.findall(o))]
        if later:
            found.append(("giveaway: later year", f"{later} are named after {max(asked)}"))
    shapes = [_shape(o) for o in card.choices]
    mine = _shape(right)
    if shapes.count(mine) == 1 and len({_shape(o) for o in wrong}) == 1:
        found.append(("giveaway: form", f"{right!r} alone is written {mine!r}"))
    numbers = [find_number(o) for o in card.choices]
    if card.kind == "count" and all(n is not None and n >= 50 for n in numbers):
        round_ones = [n for n in numbers if n is not None and n % 10 == 0]
        if len(round_ones) == 3 and find_number(right) not in round_ones:
            found.append(("giveaway: form", f"{right!r} alone is not a round number"))
    lengths = [len(o) for o in wrong]
    if lengths and (
        (len(right) > 1.7 * max(lengths) and len(right) - max(lengths) >= 12)
        or (len(right) < 0.5 * min(lengths) and min(lengths) - len(right) >= 12)
    ):
        found.append(("giveaway: form", f"{right!r} is far longer or shorter than {wrong}"))
    return found


def _shape(option: str) -> str:
    """How an option is written: a date's shape ('9 M 9', a range '9-9 M 9'), or 'name'."""
    if find_date(option) is None or re.search(r"[A-Za-z]{3,}", re.sub(_MONTH_NAMES, "", option)):
        return "name"
    return re.sub(r"\d+", "9", re.sub(_MONTH_NAMES, "M", option))


_MONTH_NAMES: Final = re.compile(r"\b(" + "|".join(sorted(_MONTHS)) + r")\b")


def _close_counts(card: QuizCard) -> str | None:
    """Counts whose options are too close to tell apart ('about how many' needs a margin)."""
    if card.kind != "count" or not isinstance(card.answer, NumberAnswer):
        return None
    numbers = [find_number(o) for o in card.choices]
    value = card.answer.value
    margin = 0.15 if re.search(r"\babout\b", card.prompt, re.IGNORECASE) else 0.05
    close = [
        n for n in numbers if n is not None and n != value and abs(n - value) <= margin * value
    ]
    return f"{close} within {margin:.0%} of {value}" if close else None


def _several_answers(card: QuizCard, deck: Deck) -> list[str]:
    """Questions that do not determine one answer: a relation with several true ends, a date
    shared by several events of the kind asked, an event that happened more than once."""
    if card.kind in RELATION_KINDS:
        relation = _relation_of(card, deck)
        reverse = card.kind == "relation_reverse"
        given = relation.object_slug if reverse else relation.subject_slug
        ends = true_ends(deck.truths, relation.kind, given, reverse=reverse)
        asked = _asked_noun(card, deck)
        fitting = {e for e in ends if asked is None or deck.is_a(deck.entities[e], asked)}
        # the General Assembly adopted it, and so the UN did: the most specific is the answer
        specific = {e for e in fitting if not any(e in deck.wholes(o) for o in fitting)}
        return [f"{sorted(specific)} all answer it"] if len(specific) > 1 else []
    facts = [deck.facts[i] for i in card.fact_ids]
    if card.kind not in ("date", "date_reverse") or not facts or not isinstance(facts[0], Event):
        return []
    mine = facts[0]
    same = [
        fact
        for fact in deck.facts.values()
        if isinstance(fact, Event) and fact.kind == mine.kind and fact.id != mine.id
    ]
    if card.kind == "date":
        again = [f.id for f in same if f.entity_slug == mine.entity_slug and f.label == mine.label]
        return [f"{mine.entity_slug} has more than one {mine.kind}: {again}"] if again else []
    shared = sorted(
        {
            f.entity_slug
            for f in same
            if f.entity_slug != mine.entity_slug
            and f.date_start <= mine.date_end
            and mine.date_start <= f.date_end
        }
    )
    return [f"{shared} too, on that date"] if shared else []


def _agreement_problems(card: QuizCard, deck: Deck) -> list[str]:
    """'does the E-learning modules …' (a singular verb before a plural name), and 'how many
    modules … the E-learning modules' (the counted noun again in the name)."""
    problems = []
    for entity in deck.entities.values():
        if not is_plural(entity.short_name):
            continue
        singular = re.compile(rf"\b(does|is|has|was) (the )?{re.escape(entity.short_name)}\b")
        if singular.search(card.prompt):
            problems.append(f"number agreement: {card.prompt}")
    counted = re.match(r"(?:According to the paper, )?how many (\w+)", card.prompt, re.I)
    if counted and len(re.findall(rf"\b{counted.group(1)}\b", card.prompt, re.I)) > 1:
        problems.append(f"the counted noun twice: {card.prompt}")
    return problems


def _marker_problems(card: QuizCard, deck: Deck) -> list[str]:
    """A 'the paper differs' marker only where the asked value differs, and always there."""
    differs = card.marker == MARKERS[FactStatus.DIFFERS]
    said = [_quoted(note) for note in card.paper_notes]
    answer = card.answer
    if isinstance(answer, DateAnswer | NumberAnswer) and card.kind in {"date", "count"}:
        asked_differs = answer.paper is not None
    elif card.kind == "document":
        asked_differs = any(
            f" {normalize_name(card.answer_text)} " not in f" {normalize_name(s)} " for s in said
        )
    elif card.kind == "place":
        parts = {normalize_name(p) for p in card.answer_text.split(",")}
        mentioned = {
            normalize_name(w) for s in said for w in _CAPITALIZED.findall(s) if w not in _MONTHS
        }
        asked_differs = bool((mentioned & deck.places) - parts)
    else:
        return []
    if differs and not asked_differs:
        return [f"marked as differing, but the asked value agrees: {card.id}"]
    if asked_differs and not differs:
        return [f"the asked value differs, but the card is not marked: {card.id}"]
    if isinstance(answer, TextAnswer) and answer.paper is not None and not differs:
        return [f"a paper value without a marker: {card.id}"]
    return []


def waivers(content: ContentRepository) -> dict[str, tuple[str, ...]]:
    """The classes each card's reader waived (``waive`` in its review), by card id."""
    waived = {card_id: r.waive for card_id, r in content.card_reviews().items() if r.waive}
    waived.update((w.card_id, w.waive) for w in content.written_cards() if w.waive)
    return waived


def deck_problems(
    cards: Iterable[QuizCard], deck: Deck, waived: dict[str, tuple[str, ...]]
) -> list[tuple[str, str, str]]:
    """(card id, class, message) for every problem of ``cards`` no reader waived."""
    return [
        (card.id, kind, message)
        for card in cards
        for kind, message in lint(card, deck)
        if kind not in waived.get(card.id, ())
    ]


def report(show: set[str] | None = None) -> str:
    """How many cards of the draft and of the deck each class finds, and (for the classes in
    ``show``) which: ``python -m tests.quiz.card_lint [CLASS ...]`` from the checkout."""
    from ocstudy import paths
    from ocstudy.quiz.cards import generate_cards
    from ocstudy.services.review.deck import content_deck

    content = ContentRepository.open(paths.content_db_path())
    deck = Deck.of(content)
    details = (content.detail(e.slug) for e in content.entities())
    draft = generate_cards(d for d in details if d is not None)
    lines: list[str] = []
    for name, cards, waived in (
        ("draft", draft, {}),
        ("deck", content_deck(content), waivers(content)),
    ):
        found: dict[str, set[str]] = {kind: set() for kind in CLASSES}
        for card_id, kind, message in deck_problems(cards, deck, waived):
            found[kind].add(card_id)
            if show and kind in show and name == "deck":
                lines.append(f"  [{kind}] {card_id}: {message}")
        choice = sum("choice" in card.modes for card in cards)
        waived_here = sum(len(w) for w in waived.values())
        given = set().union(*(ids for kind, ids in found.items() if kind.startswith("give")))
        counts = ", ".join(f"{kind} {len(ids)}" for kind, ids in found.items())
        lines.append(
            f"{name}: {len(cards)} cards, {choice} by choice; {counts}; "
            f"giveaways {len(given)} ({len(given) / max(choice, 1):.1%} of choice cards); "
            f"{waived_here} waived by a reader"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(report(set(sys.argv[1:])))
