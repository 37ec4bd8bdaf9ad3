"""A quiz card as Anki fields (HTML), tags and deck, shared by the Anki deck and the CSV.

The learner's own tags on a card (``tag:`` in the browser) go with it as
``ocstudy::my::NAME``, the name as they wrote it.

The learner's own cards are notes of the same note type (so the CSV and the deck agree and a
re-import updates them by GUID, ``genanki.guid_for`` of their stable id), tagged
``ocstudy::own``: Front and Back are their Markdown rendered to safe HTML, Source says "Your own
card", Entity names their entry (or "—").

The fields say what ocstudy's own answer side says: the answer, details that add to the
question and the answer (never a line restating them), the card's flag, and for each place
where the paper differs a ⚠ line with the paper's value, the record's value and the record's
source. The Source field names the paper's section ("Paper: § …, footnote …") and the record
("Record: …"); the learner's note is rendered from Markdown.

Everything here is a pure function of the card and the content, so an unchanged card gives
unchanged fields on every export (the deck's "nothing changed, nothing updated" rests on it).
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from ocstudy.content import citing
from ocstudy.content.model import Entity, Event, Fact, Relation, Theme
from ocstudy.content.repository import ContentRepository
from ocstudy.content.vocabulary import FactStatus
from ocstudy.quiz.model import OrderAnswer, QuizCard
from ocstudy.services.exchange.markdown import render_markdown

#: The note type, its fields and its one card template, as the first deck had them: Anki
#: matches a note type by these, and a changed field list, template name or sort field makes
#: it skip every note of an existing deck on the next import (conflicts), so they stay.
MODEL_NAME: Final = "ocstudy"
FIELDS: Final = ("Front", "Back", "Source", "Entity", "Notes")
TEMPLATE_NAME: Final = "Card"
PARENT_DECK: Final = "ocstudy"
TAG_ROOT: Final = "ocstudy"
#: The learner's own cards: notes of the same note type, told apart by this tag.
OWN_TAG: Final = "ocstudy::own"
OWN_SOURCE: Final = "Your own card"
#: The learner's own tags on a card, under this one: ``ocstudy::my::exam``.
MY_TAGS: Final = "ocstudy::my"

#: Tag words for a card's status (cards that agree with the record carry none).
STATUS_TAGS: Final[dict[FactStatus, str]] = {
    FactStatus.DIFFERS: "paper-differs",
    FactStatus.UNVERIFIED: "according-to-the-paper",
    FactStatus.UNCHECKED: "according-to-the-paper",
    FactStatus.RECORD: "from-the-record",
}


@dataclass(frozen=True, slots=True)
class CardFields:
    """A card as Anki fields (HTML), with its tags and deck."""

    front: str
    back: str
    source: str
    entity: str
    notes: str
    tags: tuple[str, ...]
    deck: str
    #: The card's main theme (its deck), or "" for a card without themes.
    theme: str


@dataclass(frozen=True)
class CardContent:
    """What the fields are made from besides the card: entities, theme labels (in the
    content's order) and the facts by id (for the citations behind ⚠ lines and sources)."""

    entities: Mapping[str, Entity]
    themes: Mapping[str, str]
    facts: Mapping[str, Fact] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        entities: Iterable[Entity],
        themes: Iterable[Theme] | Mapping[str, str] = (),
        facts: Iterable[Fact] = (),
    ) -> CardContent:
        labels = dict(themes) if isinstance(themes, Mapping) else {t.key: t.label for t in themes}
        return cls({e.slug: e for e in entities}, labels, {f.id: f for f in facts})

    def theme_label(self, key: str) -> str:
        """The theme's label, or one made from its key ("money-laundering": "Money laundering")."""
        return self.themes.get(key) or key.replace("-", " ").replace("_", " ").capitalize()

    def card_facts(self, card: QuizCard) -> tuple[Fact, ...]:
        return tuple(self.facts[i] for i in card.fact_ids if i in self.facts)


def content_facts(repository: ContentRepository) -> tuple[Fact, ...]:
    """Every fact of the content, each once (a relation is listed under both its ends)."""
    facts: dict[str, Fact] = {}
    for entity in repository.entities():
        detail = repository.detail(entity.slug)
        for fact in detail.facts if detail else ():
            facts.setdefault(fact.id, fact)
    return tuple(facts.values())


def paper_name(meta: Mapping[str, str]) -> str:
    """'Mandeep Kaur, “Efforts of United Nations …”' from the content's metadata, or ""."""
    title, author = meta.get("paper_title", ""), meta.get("paper_author", "")
    quoted = f"“{title}”" if title else ""
    return ", ".join(p for p in (author, quoted) if p)


def note_guid(card_id: str) -> str:
    """The card's stable Anki note GUID (the same in the .apkg and the CSV)."""
    import genanki  # type: ignore[import-untyped, unused-ignore]

    guid: str = genanki.guid_for(card_id)
    return guid


def tag(*words: str) -> str:
    """A hierarchical Anki tag under ``ocstudy::``, each word without spaces or quotes."""
    parts = (re.sub(r"[\s\"'_]+", "-", w.strip()).strip("-").lower() or "-" for w in words)
    return "::".join((TAG_ROOT, *parts))


def _html(text: str) -> str:
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")


def _list(items: Iterable[str], css: str, tag_name: str = "ul") -> str:
    lines = "".join(f"<li>{item}</li>" for item in items)
    return f'<{tag_name} class="{css}">{lines}</{tag_name}>' if lines else ""


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w/]+", text.casefold()))


# -- the pieces -------------------------------------------------------------------------------


def _record_link(url: str, kind: str | None = None) -> str:
    """A link to the record's source named by its site (the source as written where it is
    no web address), and what kind of source it is where it is not the official one."""
    name = citing.record_name(url)
    linked = name and name != url  # a web address, named by its site
    link = f'<a href="{html.escape(url, quote=True)}">{_html(name)}</a>' if linked else _html(url)
    return f"{link} ({_html(kind)})" if kind else link


def source_html(card: QuizCard, content: CardContent) -> str:
    """ "Paper: § Introduction, footnote 5 · Record: treaties.un.org" from the card's citations
    (from the card's own source lines where its facts are not known)."""
    citations = [c for fact in content.card_facts(card) for c in fact.citations]
    if citations:
        paper = [_html(citing.where(c)) for c in citations if c.origin != "record"]
        record = [
            _record_link(c.record_source, c.record_source_kind)
            for c in citations
            if c.record_source
        ]
    else:
        on_record = [s for s in card.sources if s.startswith(citing.RECORD)]
        paper = [_html(s) for s in card.sources if s not in on_record]
        record = [_html(s.removeprefix(citing.RECORD).strip(" ()") or "—") for s in on_record]
    parts = (("Paper", paper), ("Record", record))
    return " · ".join(f"{name}: {'; '.join(dict.fromkeys(p))}" for name, p in parts if p)


def _record_value(fact: Fact, content: CardContent) -> str:
    if isinstance(fact, Relation):
        subject = content.entities.get(fact.subject_slug)
        obj = content.entities.get(fact.object_slug)
        if subject and obj:
            return f"{subject.short_name} {fact.label.lower()} {obj.short_name}"
    return fact.value


def paper_differs_lines(card: QuizCard, content: CardContent) -> tuple[str, ...]:
    """One ⚠ line (HTML) per place where the paper differs: the paper's value and where it
    says it, the record's value and source, and why the paper is wrong."""
    lines = []
    for fact in content.card_facts(card):
        for c in fact.differences:
            record = f" The record says “{_html(_record_value(fact, content))}”"
            source = (
                f" ({_record_link(c.record_source, c.record_source_kind)})"
                if c.record_source
                else ""
            )
            note = f" {_html(c.note)}" if c.note else ""
            lines.append(f"{_html(citing.paper_says(c))}.{record}{source}.{note}")
    if not lines:  # facts not given: the card's own lines
        lines = [_html(note) for note in card.paper_notes]
    return tuple(dict.fromkeys(lines))


def _adds_something(detail: str, card: QuizCard, entry: Entity | None) -> bool:
    """Whether a detail line says more than the question, the answer and the entry line."""
    if entry and detail in (entry.title, entry.short_name):
        return False
    if card.kind in ("relation", "relation_reverse") and ": " in detail:
        return False  # "UNTOC: guardian UNODC", the question and its answer in one line
    return not _words(detail) <= _words(card.prompt) | _words(card.answer_text)


def _events_in_order(card: QuizCard) -> list[tuple[str, str]]:
    """(date, event) of a chronology card, earliest first."""
    if isinstance(card.answer, OrderAnswer):
        return [(card.answer.dates[i], card.items[i]) for i in card.answer.order]
    pairs = []
    for detail in card.details:  # "The Hague Convention was signed: 23 January 1912"
        event = next((c for c in card.choices if detail.startswith(f"{c}: ")), None)
        if event is not None:
            pairs.append((detail.removeprefix(f"{event}: "), event))
    return pairs


def shuffled_choices(card: QuizCard) -> tuple[str, ...]:
    """The options of a "Which came first?" card, in an order drawn from the card's id."""
    choices = list(card.choices)
    random.Random(f"anki:{card.id}").shuffle(choices)
    return tuple(choices)


def _front(card: QuizCard, sort_key: str) -> str:
    front = f'<span class="sort-key" hidden>{_html(sort_key)} · </span>' if sort_key else ""
    if card.is_own:
        return front + f'<div class="prompt own">{render_markdown(card.prompt)}</div>'
    front += f'<div class="prompt">{_html(card.prompt)}</div>'
    if card.kind == "chronology_order":
        front += _list((_html(i) for i in card.items), "items")
    elif card.kind == "chronology_first":
        front += _list((_html(c) for c in shuffled_choices(card)), "items")
    return front


def _back(card: QuizCard, content: CardContent, entry: Entity | None) -> str:
    if card.is_own:
        return f'<div class="answer own">{render_markdown(card.answer_text)}</div>'
    if card.kind.startswith("chronology"):
        events = _events_in_order(card)
        answer = _html(card.answer_text) if card.kind == "chronology_first" else "In order:"
        dated = (f'<span class="date">{_html(d)}</span> — {_html(e)}' for d, e in events)
        back = f'<div class="answer">{answer}</div>' + _list(dated, "order", "ol")
    else:
        back = f'<div class="answer">{_html(card.answer_text)}</div>'
        details = (_html(d) for d in card.details if _adds_something(d, card, entry))
        back += _list(details, "details")
    if card.marker:
        back += f'<div class="marker">{_html(card.marker)}</div>'
    differs = paper_differs_lines(card, content)
    if differs:
        back += '<div class="paper">' + "".join(f"<p>⚠ {line}</p>" for line in differs) + "</div>"
    return back


def card_tags(
    card: QuizCard, entry: Entity | None, own_tags: Sequence[str] = ()
) -> tuple[str, ...]:
    """The note's tags: its themes, own or not, the entry's and the card's kinds, the tier,
    the paper's status, then the learner's ``own_tags`` (``ocstudy::my::NAME``)."""
    tags = [tag("theme", t) for t in card.themes]
    if card.is_own:
        tags.insert(0, OWN_TAG)
    if entry:
        tags.append(tag("kind", entry.kind))
    tags.append(tag("card", card.kind))
    if not card.is_own:
        tags.append(tag("tier", card.tier))
    if card.status in STATUS_TAGS:
        tags.append(tag("status", STATUS_TAGS[card.status]))
    tags.extend(f"{MY_TAGS}::{name}" for name in own_tags)
    return tuple(dict.fromkeys(tags))


def card_fields(
    card: QuizCard,
    content: CardContent,
    note: str = "",
    sort_key: str = "",
    own_tags: Sequence[str] = (),
) -> CardFields:
    """Front (a hidden ``sort_key``, the prompt, the events of a chronology card), Back (the
    answer, its details, the flag, the ⚠ lines), Source, Entity (title), Notes (``note`` as
    HTML); the tags with the learner's ``own_tags``."""
    entry = content.entities.get(card.entity_slug)
    theme = card.themes[0] if card.themes else ""
    return CardFields(
        front=_front(card, sort_key),
        back=_back(card, content, entry),
        source=OWN_SOURCE if card.is_own else source_html(card, content),
        entity=_html(entry.title if entry else card.entity_slug or "—"),
        notes=render_markdown(note),
        tags=card_tags(card, entry, own_tags),
        deck=f"{PARENT_DECK}::{content.theme_label(theme)}" if theme else PARENT_DECK,
        theme=theme,
    )


# -- order ------------------------------------------------------------------------------------


def _card_date(card: QuizCard, content: CardContent, entry: Entity | None) -> str:
    dates = [f.date_start for f in content.card_facts(card) if isinstance(f, Event)]
    if dates:
        return min(dates)
    return f"{entry.year:04d}" if entry and entry.year else "9999"


def sort_keys(cards: Sequence[QuizCard], content: CardContent) -> dict[str, str]:
    """A hidden sort key per card, so that Anki's browser sorts by entry: "Drugs · 1912 ·
    Hague Opium Convention". Stable as long as the card's theme and entry are."""
    keys = {}
    for card in cards:
        entry = content.entities.get(card.entity_slug)
        theme = content.theme_label(card.themes[0]) if card.themes else ""
        year = f"{entry.year}" if entry and entry.year else ""
        name = entry.short_name if entry else card.entity_slug
        keys[card.id] = " · ".join(p for p in (theme, year, name) if p)
    return keys


def new_positions(cards: Sequence[QuizCard], content: CardContent) -> dict[str, int]:
    """Distinct new-card positions, from 1: by theme (in the content's order), then
    chronologically, an entry's cards together, forward before reverse."""
    theme_order = {key: i for i, key in enumerate(content.themes)}

    def order(card: QuizCard) -> tuple[int, str, str, str, str]:
        entry = content.entities.get(card.entity_slug)
        theme = theme_order.get(card.themes[0], len(theme_order)) if card.themes else -1
        year = f"{entry.year:04d}" if entry and entry.year else _card_date(card, content, entry)
        return (theme, year, card.entity_slug, _card_date(card, content, entry), card.id)

    return {card.id: n for n, card in enumerate(sorted(cards, key=order), start=1)}
