"""Cards generated from the real content: every answer is the content's value, every card
cites its source, ambiguous facts make no card, and generation is deterministic."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Count, Document, Event, Fact, Provision, Relation, Statement
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.answers import check_choice, check_order, check_typed
from ocstudy.quiz.cards import generate_cards
from ocstudy.quiz.chronology import chronology_id
from ocstudy.quiz.model import CARD_KINDS, DateAnswer, OrderAnswer, QuizCard, TextAnswer
from ocstudy.quiz.parsing import parse_date


@pytest.fixture(scope="module")
def facts(content: ContentRepository) -> dict[str, Fact]:
    found: dict[str, Fact] = {}
    for entity in content.entities():
        detail = content.detail(entity.slug)
        assert detail is not None
        found.update((fact.id, fact) for fact in detail.facts)
    return found


def by_id(cards: tuple[QuizCard, ...]) -> dict[str, QuizCard]:
    return {card.id: card for card in cards}


def test_every_kind_is_generated_and_ids_are_unique(all_cards: tuple[QuizCard, ...]) -> None:
    counts = Counter(card.kind for card in all_cards)
    assert set(counts) == set(CARD_KINDS), counts  # every kind, and no other
    assert len({card.id for card in all_cards}) == len(all_cards)


def test_generation_is_deterministic(
    content: ContentRepository, all_cards: tuple[QuizCard, ...]
) -> None:
    details = [content.detail(e.slug) for e in content.entities()]
    again = generate_cards([d for d in details if d is not None])
    assert again == all_cards
    reseeded = generate_cards([d for d in details if d is not None], seed=99)
    assert [c.id for c in reseeded] == [c.id for c in all_cards]


def test_card_ids_derive_from_fact_ids(all_cards: tuple[QuizCard, ...]) -> None:
    for card in all_cards:
        if card.kind.startswith("chronology"):
            assert re.fullmatch(r"chronology:(order|first):[0-9a-f]{16}", card.id)
        elif card.kind.startswith("abbreviation"):
            assert card.id.startswith(f"{card.entity_slug}:abbreviation:")
        else:
            (fact_id,) = card.fact_ids
            assert re.fullmatch(rf"{re.escape(fact_id)}:(forward|reverse|place|cloze)", card.id)


def test_chronology_ids_ignore_the_order_of_their_facts(facts: dict[str, Fact]) -> None:
    events = [f for f in facts.values() if isinstance(f, Event)][:4]
    assert chronology_id("order", events) == chronology_id("order", events[::-1])
    assert chronology_id("order", events) != chronology_id("first", events)


def _entity_names(content: ContentRepository, slug: str) -> set[str]:
    entity = content.entity(slug)
    assert entity is not None
    return {entity.short_name, entity.title, *entity.names, *entity.abbreviations}


def test_every_answer_appears_in_the_content(
    all_cards: tuple[QuizCard, ...], facts: dict[str, Fact], content: ContentRepository
) -> None:
    """The property behind 'you never learn a wrong date': each answer is its fact's value
    (the record's, where the paper differs)."""
    for card in all_cards:
        used = [facts[fact_id] for fact_id in card.fact_ids]
        fact = used[0] if used else None
        if card.kind == "date":
            assert isinstance(fact, Event) and isinstance(card.answer, DateAnswer)
            assert card.answer.span.iso() == fact.date
            assert card.answer_text == DateSpan.parse(fact.date).label()
            assert card.answer_text in fact.value
        elif card.kind == "place":
            assert isinstance(fact, Event) and card.answer_text == fact.place
        elif card.kind == "count":
            assert isinstance(fact, Count) and card.answer_text == str(fact.number)
        elif card.kind == "document":
            assert isinstance(fact, Document) and card.answer_text == fact.symbol
        elif card.kind in {"date_reverse", "document_reverse"}:
            assert fact is not None and card.answer_text in _entity_names(content, fact.entity_slug)
        elif card.kind in {"relation", "relation_reverse"}:
            assert isinstance(fact, Relation)
            asked = fact.subject_slug if card.kind == "relation_reverse" else fact.object_slug
            assert card.answer_text == content.entity(asked).short_name  # type: ignore[union-attr]
        elif card.kind == "abbreviation":
            abbreviation = card.prompt.removeprefix("What does ").removesuffix(" stand for?")
            entity = content.entity(card.entity_slug)
            assert entity is not None and abbreviation in entity.abbreviations
            assert card.answer_text in _entity_names(content, card.entity_slug)
        elif card.kind == "abbreviation_reverse":
            entity = content.entity(card.entity_slug)
            assert entity is not None and card.answer_text in entity.abbreviations
        elif card.kind == "provision":
            assert isinstance(fact, Provision) and card.answer_text == fact.text
            assert "_____" in card.prompt or fact.number in card.prompt
        elif card.kind == "statement":
            assert isinstance(fact, Statement) and fact.text.rstrip(".")[1:] in card.prompt
            assert card.answer_text in _entity_names(content, fact.entity_slug)
        else:
            events = [f for f in used if isinstance(f, Event)]
            assert len(events) == 4 == len(used)
            spans = [DateSpan.parse(e.date) for e in events]
            ordered = sorted(range(4), key=lambda i: spans[i].first_day())
            assert ordered == [0, 1, 2, 3]  # the facts are listed in date order
            assert all(spans[i].last_day() < spans[i + 1].first_day() for i in range(3))
            if isinstance(card.answer, OrderAnswer):
                dates = [card.answer.dates[i] for i in card.answer.order]
                assert dates == [span.label() for span in spans]
            else:
                assert card.details[0].endswith(spans[0].label())


def test_every_card_cites_its_source(all_cards: tuple[QuizCard, ...]) -> None:
    for card in all_cards:
        assert card.sources, card.id
        assert all(source.strip() for source in card.sources)


def test_where_the_paper_differs_the_answer_is_the_records(all_cards: tuple[QuizCard, ...]) -> None:
    cards = by_id(all_cards)
    firearms = cards["firearms-protocol:event:entry_into_force:forward"]
    assert firearms.prompt == "When did the Firearms Protocol enter into force?"
    assert firearms.answer_text == "3 July 2005"
    assert firearms.status == "differs" and firearms.marker is not None
    assert any("3 June 2005" in n and "footnote 9" in n for n in firearms.paper_notes)
    assert "3 June 2005" in firearms.choices  # the paper's slip is the first distractor
    resolution = cards["firearms-protocol:document:ga_resolution:forward"]
    assert resolution.answer_text == "55/255" and "55/225" in resolution.choices
    for card in all_cards:
        assert (card.status == "differs") == bool(card.paper_notes), card.id
    # the paper's month for the strategy's launch is wrong; it names no place: Dakar is the
    # record's, not a place the paper differs on
    place = cards["west-central-africa-strategy:event:launched:place"]
    assert place.status == "record" and place.paper_notes == ()
    assert cards["west-central-africa-strategy:event:launched:forward"].status == "differs"
    # the paper puts UNTOC's adoption in Palermo in 2000: the place differs, the date does not
    assert cards["untoc:event:adopted:place"].status == "differs"
    untoc_date = cards["untoc:event:adopted:forward"]
    assert untoc_date.marker is None and isinstance(untoc_date.answer, DateAnswer)
    assert untoc_date.answer.paper is None


def test_statuses_are_marked(all_cards: tuple[QuizCard, ...]) -> None:
    for card in all_cards:
        hearsay = card.status in {"unverified", "unchecked"}
        assert card.prompt.startswith("According to the paper, ") == hearsay, card.id
        if card.status == "record":
            assert card.marker is not None and "record" in card.marker.lower()
        if card.status == "agrees":
            assert card.marker is None


def test_the_issues_examples_are_asked(all_cards: tuple[QuizCard, ...]) -> None:
    prompts = {card.prompt: card for card in all_cards}
    expected = {
        "When did the Smuggling of Migrants Protocol enter into force?": "28 January 2004",
        "Which instrument entered into force on 28 January 2004?": "Smuggling of Migrants Protocol",
        # one office, one board: the question asks for the wider kind its options share
        "Which body is the guardian of UNTOC?": "UNODC",
        "Which body did the Single Convention create?": "INCB",
        "Which body monitors the 1981 Drug Abuse Control Strategy?": "CND",
        "When was the World Day against Trafficking first observed?": "30 July 2014",
        "What was the number of the CND session that adopted the 2009 Political Declaration?": (
            "52"
        ),
        (
            "According to the paper, how many modules on the smuggling of migrants did UNODC add "
            "to its e-learning programme?"
        ): "3",
        # bodies and instruments that no longer act are asked in the past
        "Which instrument did the League of Nations monitor?": "Hague Opium Convention",
        "Which body monitored the Hague Opium Convention?": "League of Nations",
        "What does CCPCJ stand for?": "Commission on Crime Prevention and Criminal Justice",
        "What is the abbreviation for the Commission on Crime Prevention and Criminal Justice?": (
            "CCPCJ"
        ),
        "Which instrument does the Firearms Protocol supplement?": "UNTOC",
    }
    for prompt, answer in expected.items():
        assert prompts[prompt].answer_text == answer


def test_ambiguous_facts_make_no_card(
    all_cards: tuple[QuizCard, ...], facts: dict[str, Fact]
) -> None:
    ids = set(by_id(all_cards))
    # UNTOC and two protocols were all adopted on 15 November 2000
    for slug in ("untoc", "tip-protocol", "smuggling-protocol"):
        assert f"{slug}:event:adopted:forward" in ids
        assert f"{slug}:event:adopted:reverse" not in ids
    # UNODC is the guardian of four instruments: asked only from each instrument's side
    assert "unodc:relation:guardian_of:untoc:forward" not in ids
    assert "unodc:relation:guardian_of:untoc:reverse" in ids

    events = [f for f in facts.values() if isinstance(f, Event)]
    relations = [f for f in facts.values() if isinstance(f, Relation)]
    for card in all_cards:
        if card.kind == "date_reverse":
            (mine,) = (facts[i] for i in card.fact_ids)
            assert isinstance(mine, Event)
            span = DateSpan.parse(mine.date)
            for other in events:
                if other.id != mine.id and other.kind == mine.kind:
                    theirs = DateSpan.parse(other.date)
                    overlap = (
                        theirs.first_day() <= span.last_day()
                        and span.first_day() <= theirs.last_day()
                    )
                    assert not overlap, (card.id, other.id)
        if card.kind in {"relation", "relation_reverse"}:
            (mine,) = (facts[i] for i in card.fact_ids)
            assert isinstance(mine, Relation)
            end = "object_slug" if card.kind == "relation_reverse" else "subject_slug"
            same = [
                r
                for r in relations
                if r.kind == mine.kind and getattr(r, end) == getattr(mine, end)
            ]
            assert len(same) == 1, card.id


def test_multiple_choice_options_are_plausible(
    all_cards: tuple[QuizCard, ...], facts: dict[str, Fact], content: ContentRepository
) -> None:
    entities = {e.short_name: e for e in content.entities()}
    for card in all_cards:
        if "choice" not in card.modes:
            assert not card.choices
            continue
        assert len(card.choices) == 4 and len(set(card.choices)) == 4, card.id
        assert card.choices.count(card.answer_text) == 1, card.id
        wrong = [option for option in card.choices if option != card.answer_text]
        if card.kind == "date":
            assert isinstance(card.answer, DateAnswer)
            right, paper = card.answer.span, card.answer.paper
            for option in wrong:
                span = DateSpan.parse(_iso(option))
                assert span.precision == right.precision and span.is_range == right.is_range
                near = abs(span.start.year - right.start.year) <= 6
                assert near or span == paper, (card.id, option)  # the paper's slip may be far
        elif card.kind == "count":
            value = int(card.answer_text)
            assert all(abs(int(o) - value) <= max(3, value * 0.5) for o in wrong), card.id
        elif card.kind in {"relation", "relation_reverse", "date_reverse", "document_reverse"}:
            answer = entities[card.answer_text]
            for option in wrong:
                other = entities[option]
                assert other.slug not in card.entity_slugs, (card.id, option)
                assert other.is_body == answer.is_body or other.group == answer.group, (
                    card.id,
                    option,
                )


def _iso(label: str) -> str:
    """'28 January 2004' → '2004-01-28' (and ranges), for comparing option dates."""
    span = parse_date(label)
    assert span is not None, label
    return span.iso()


def test_typed_answers_of_real_cards_check_as_right(all_cards: tuple[QuizCard, ...]) -> None:
    for card in all_cards:
        if "typed" in card.modes:
            assert check_typed(card, card.answer_text).verdict == "correct", card.id
            if isinstance(card.answer, TextAnswer):
                for accepted in card.answer.accepted:
                    assert check_typed(card, accepted).verdict == "correct", (card.id, accepted)
        if card.choices:
            right = card.choices.index(card.answer_text)
            assert check_choice(card, right).correct
            assert not check_choice(card, (right + 1) % 4).correct


def test_ordering_cards_are_shuffled_and_answerable(all_cards: tuple[QuizCard, ...]) -> None:
    for card in all_cards:
        if card.kind == "chronology_order":
            assert isinstance(card.answer, OrderAnswer)
            assert list(card.answer.order) != [0, 1, 2, 3]  # never shown already in order
            assert check_order(card, card.answer.order).verdict == "correct"
            assert card.modes[0] == "order"


def test_provisions_and_statements_are_asked_as_cloze(all_cards: tuple[QuizCard, ...]) -> None:
    """UNCAC's five areas, the Single Convention's poppy-straw rule and the Firearms
    Protocol's place in history, each with the fact's source and marker."""
    cards = by_id(all_cards)
    areas = cards["uncac:provision:3:cloze"]
    assert areas.prompt == (
        "Which item is missing from the main areas of UNCAC: (1) Prevention; (2) Law "
        "enforcement; (3) _____; (4) Asset recovery; (5) Technical assistance and information "
        "exchange?"
    )
    assert areas.answer_text == "International cooperation." and areas.sources
    poppy = cards["single-convention:provision:4:cloze"]
    assert "poppy straw" in poppy.answer_text and "(4) _____" in poppy.prompt
    assert poppy.modes == ("flashcard",)  # items of other lists are no safe wrong options
    league = cards["league-covenant:provision:Art. 23(c):cloze"]
    assert league.prompt == "What does Art. 23(c) of the League Covenant say?"
    small_arms = cards["firearms-protocol:statement:first_global_small_arms_instrument:cloze"]
    assert small_arms.prompt == (
        "Which instrument fills the gap? _____: the first legally binding instrument on small "
        "arms adopted at the global level."
    )
    assert small_arms.answer_text == "Firearms Protocol" and len(small_arms.choices) == 4
    # a statement that names its entity's subject would give the answer away
    assert "firearms-protocol:statement:purpose:cloze" not in cards
