"""The generation rules on synthetic content: ambiguity filtering, honesty marks, and a
hypothesis property over random events."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ocstudy.content import citing
from ocstudy.content.dates import DateSpan
from ocstudy.content.model import EntityDetail, Event
from ocstudy.content.vocabulary import FactStatus
from ocstudy.quiz.cards import generate_cards
from ocstudy.quiz.model import DateAnswer, QuizCard

from .builders import citation, detail, entity, event, relation


def ids(cards: tuple[QuizCard, ...]) -> set[str]:
    return {card.id for card in cards}


def test_same_date_and_kind_makes_no_reverse_card() -> None:
    cards = generate_cards(
        [
            detail(entity("a"), event("a", "adopted", "2000-11-15")),
            detail(entity("b"), event("b", "adopted", "2000-11-15")),
            detail(entity("c"), event("c", "adopted", "2001-05-31")),
        ]
    )
    assert {"a:event:adopted:forward", "b:event:adopted:forward"} <= ids(cards)
    assert "a:event:adopted:reverse" not in ids(cards)
    assert "b:event:adopted:reverse" not in ids(cards)
    reverse = {c.id: c for c in cards}["c:event:adopted:reverse"]
    assert reverse.prompt == "Which instrument was adopted on 31 May 2001?"
    assert reverse.answer_text == "C Accord"


def test_a_year_only_date_clashes_with_any_date_in_that_year() -> None:
    cards = generate_cards(
        [
            detail(entity("a", "office", body=True), event("a", "established", "1991")),
            detail(entity("b", "office", body=True), event("b", "established", "1991-11-21")),
            detail(entity("c", "office", body=True), event("c", "launched", "1991")),
        ]
    )
    assert "a:event:established:reverse" not in ids(cards)
    assert "b:event:established:reverse" not in ids(cards)
    assert "c:event:launched:reverse" in ids(cards)  # another kind: no clash


def test_two_events_of_a_kind_need_labels_to_be_asked_and_worded() -> None:
    """Labels tell two observances apart; one no template can put into English is not
    asked ("The Day Accord, joint statement: when?" was)."""
    day = entity("day", "observance")
    plain = generate_cards(
        [
            detail(
                day,
                event("day", "observed", "2014-07-30"),
                event("day", "observed", "2015-07-30", suffix=":2"),
            )
        ]
    )
    assert not [c for c in plain if c.kind == "date"]
    labelled = generate_cards(
        [
            detail(
                day,
                event("day", "observed", "2014-07-30", label="First observance"),
                event("day", "observed", "2015-07-30", suffix=":2", label="Joint statement"),
            )
        ]
    )
    prompts = sorted(c.prompt for c in labelled if c.kind == "date")
    assert prompts == ["When was the Day Accord first observed?"]


def test_a_relation_is_asked_only_from_the_side_where_it_is_unique() -> None:
    convention = entity("conv")
    board, office = entity("board", "board", body=True), entity("office", "office", body=True)
    cards = generate_cards(
        [
            detail(
                convention,
                relation("conv", "created", "board"),
                relation("conv", "created", "office"),
            ),
            detail(board),
            detail(office),
        ]
    )
    assert ids(cards) >= {
        "conv:relation:created:board:reverse",
        "conv:relation:created:office:reverse",
    }
    assert not any(c.id.endswith(":forward") and ":relation:" in c.id for c in cards)
    reverse = {c.id: c for c in cards}["conv:relation:created:board:reverse"]
    assert reverse.prompt == "Which instrument created the Board Accord?"
    assert reverse.topics == {"bodies"}


def test_statuses_mark_the_card() -> None:
    cards = {
        c.id: c
        for c in generate_cards(
            [
                detail(entity("a"), event("a", "adopted", "2001-05-31", status="unverified")),
                detail(entity("b"), event("b", "adopted", "1990-01-02", status="record")),
                detail(
                    entity("c"),
                    event(
                        "c",
                        "entry_into_force",
                        "2005-07-03",
                        status="differs",
                        says="in force 3 June 2005",
                    ),
                ),
            ]
        )
    }
    unverified = cards["a:event:adopted:forward"]
    assert unverified.prompt == "According to the paper, when was the A Accord adopted?"
    assert unverified.marker is not None and unverified.paper_notes == ()
    recorded = cards["b:event:adopted:forward"]
    assert recorded.marker is not None and "record" in recorded.marker
    assert recorded.sources == ("the record (treaties.un.org)",)
    differs = cards["c:event:entry_into_force:forward"]
    assert differs.answer_text == "3 July 2005"
    assert isinstance(differs.answer, DateAnswer) and differs.answer.paper == DateSpan.parse(
        "2005-06-03"
    )
    assert differs.paper_notes == (
        "The paper says “in force 3 June 2005” (\u00a7 Test section, footnote 9). Why the paper is "
        "wrong.",
    )
    assert "3 June 2005" in differs.choices


KINDS = ("adopted", "signed", "entry_into_force", "established")


@st.composite
def random_content(draw: st.DrawFn) -> list[EntityDetail]:
    count = draw(st.integers(2, 6))
    details = []
    for n in range(count):
        slug = f"e{n}"
        events: list[Event] = []
        for k, kind in enumerate(draw(st.lists(st.sampled_from(KINDS), max_size=3))):
            day = draw(st.dates(date(1995, 1, 1), date(2000, 12, 31)))
            precision = draw(st.sampled_from([10, 7, 4]))
            events.append(event(slug, kind, day.isoformat()[:precision], suffix=f":{k}"))
        details.append(detail(entity(slug), *events))
    return details


@settings(max_examples=60, deadline=None)
@given(random_content())
def test_property_answers_come_from_the_facts_and_reverse_cards_are_unambiguous(
    details: list[EntityDetail],
) -> None:
    events = {e.id: e for d in details for e in d.events}
    cards = generate_cards(details, seed=3)
    assert len(ids(cards)) == len(cards)
    for card in cards:
        if card.kind == "date":
            (fact_id,) = card.fact_ids
            assert isinstance(card.answer, DateAnswer)
            assert card.answer.span == DateSpan.parse(events[fact_id].date)
        if card.kind == "date_reverse":
            (fact_id,) = card.fact_ids
            mine = events[fact_id]
            assert card.answer_text == f"{mine.entity_slug.capitalize()} Accord"
            span = DateSpan.parse(mine.date)
            for other in events.values():
                if other.id != mine.id and other.kind == mine.kind:
                    theirs = DateSpan.parse(other.date)
                    assert (
                        theirs.last_day() < span.first_day() or span.last_day() < theirs.first_day()
                    )
        if card.choices:
            assert len(set(card.choices)) == 4 and card.answer_text in card.choices


def test_what_the_content_implies_is_never_a_wrong_option() -> None:
    """The council created one commission and is the parent of another: asked which body it
    created, the other is no wrong option, and the answer side says it is also true."""
    council = entity("council", "organ", body=True)
    bodies = [entity(slug, "commission", body=True) for slug in ("one", "two", "three", "four")]
    cards = generate_cards(
        [
            detail(council, relation("council", "created", "one")),
            detail(bodies[0]),
            detail(bodies[1], relation("two", "subsidiary_of", "council")),
            *(detail(b) for b in bodies[2:]),
            detail(entity("office", "office", body=True)),
        ]
    )
    card = {c.id: c for c in cards}["council:relation:created:one:forward"]
    assert card.answer_text == "One Accord"
    assert "Two Accord" not in card.choices and len(card.choices) == 4
    assert "Also true: Two Accord" in card.details


def test_what_no_longer_acts_is_asked_in_the_past() -> None:
    old, new = entity("old"), entity("new")
    league = entity("league", "organization", body=True)
    cards = generate_cards(
        [
            detail(league, relation("league", "monitors", "old")),
            detail(old),
            detail(new, relation("new", "replaces", "old")),
        ]
    )
    prompts = {c.id: c.prompt for c in cards}
    assert prompts["league:relation:monitors:old:forward"] == (
        "Which instrument did the League Accord monitor?"
    )


def test_odd_content_makes_worded_cards_or_none() -> None:
    """An event kind no template knows, a list label in brackets only, a key statement:
    no 'X, label: when?' stub, no crash, and the cloze cards read as questions."""
    from ocstudy.content.model import Provision, Statement

    from .builders import citation

    plan = entity("plan", "plan_of_action", provisions_label="(as the paper lists them)")
    items = [
        Provision(id=f"plan:provision:{n}", entity_slug="plan", fact_type="provision",
                  kind="provision", label=n, value=text, status=FactStatus.AGREES,
                  citations=(citation(),), number=n, text=text)
        for n, text in (("1", "Prevent it."), ("2", "Punish it."))
    ]  # fmt: skip
    purpose = Statement(id="plan:statement:purpose", entity_slug="plan", fact_type="statement",
                        kind="purpose", label="Purpose", value="To end it.",
                        status=FactStatus.AGREES, citations=(citation(),),
                        text="To end it.")  # fmt: skip
    plan_detail = detail(
        plan, event("plan", "celebrated", "2001-05-31", label="Big party")
    )._replace(
        provisions=tuple(items),
        statements=(purpose,),
    )
    cards = {c.id: c for c in generate_cards([plan_detail, detail(entity("other"))])}
    assert "plan:event:celebrated:forward" not in cards
    assert cards["plan:provision:2:cloze"].prompt == (
        "Which item is missing from the provisions of the Plan Accord: (1) Prevent it; (2) _____?"
    )
    assert cards["plan:statement:purpose:cloze"].prompt == (
        "Which instrument fills the gap? The purpose of _____: to end it."
    )


def test_a_record_seen_in_a_secondary_copy_says_so_in_the_source_line() -> None:
    """A card's Source line names the record's host and, where it is not the official source,
    what kind of source it is, as the detail pane does."""
    official = citation("record")
    secondary = official._replace(
        record_source="https://docslib.org/doc/1", record_source_kind="secondary: a copy"
    )
    assert citing.source(official) == "the record (treaties.un.org)"
    assert citing.source(secondary) == "the record (docslib.org; secondary: a copy)"
