"""Issue 22 §4: every card says truly where its value comes from.

A place the paper does not name is the record's on its card, though the paper gives the date;
a date the paper gives is not marked the record's because the place is; an ordering holds dates
of one origin, so that its "From the record" or "According to the paper" is true of each; what
the relations imply is sound (a body created by a body does not monitor it)."""

from __future__ import annotations

from ocstudy.content.model import Event, Relation
from ocstudy.content.repository import ContentRepository
from ocstudy.content.vocabulary import FactStatus
from ocstudy.quiz.building import ContentIndex
from ocstudy.quiz.cards import generate_cards
from ocstudy.quiz.chronology import date_origin, event_sets
from ocstudy.quiz.implied import implied_truths
from ocstudy.quiz.model import QuizCard

from .builders import citation, detail, entity, event, relation


def by_id(cards: tuple[QuizCard, ...]) -> dict[str, QuizCard]:
    return {card.id: card for card in cards}


def _place_apart(the_event: Event) -> Event:
    place = citation("record")._replace(about="place")
    return the_event._replace(citations=(*the_event.citations, place), place_origin="record")


def test_a_place_cited_apart_is_the_records_and_the_date_the_papers() -> None:
    adopted = _place_apart(event("fp", "adopted", "2001-05-31", place="New York"))
    others = [
        detail(entity(slug), event(slug, "adopted", day, place=town))
        for slug, day, town in (
            ("a", "1961-03-30", "Geneva"),
            ("b", "1988-12-20", "Vienna"),
            ("c", "2000-11-15", "Palermo"),
        )
    ]
    cards = by_id(generate_cards([detail(entity("fp"), adopted), *others]))
    date = cards["fp:event:adopted:forward"]
    assert (date.status, date.marker, date.sources) == ("agrees", None, ("\u00a7 Test section",))
    assert date.details[0] == "31 May 2001, New York (place from the record)"
    place = cards["fp:event:adopted:place"]
    assert place.status == "record" and place.marker and "record" in place.marker
    assert place.sources == ("the record (treaties.un.org)",)


def test_the_contents_places_and_dates_on_cards(all_cards: tuple[QuizCard, ...]) -> None:
    cards = by_id(all_cards)
    dakar = cards["west-central-africa-strategy:event:launched:place"]
    assert dakar.answer_text == "Dakar" and dakar.status == "record"
    assert dakar.sources == ("the record (www.unodc.org)",)
    for card_id in (
        "firearms-protocol:event:adopted:forward",
        "political-declaration-2009:event:adopted:forward",
        "ungass-1998:event:session:forward",
    ):
        assert (cards[card_id].status, cards[card_id].marker) == ("agrees", None), card_id
        assert not any(s.startswith("the record") for s in cards[card_id].sources), card_id
    # the paper puts the 1961 conference in Geneva: the place card keeps the difference and
    # names the record's source for New York
    conference = cards["single-convention:event:conference:place"]
    assert conference.status == "differs" and conference.paper_notes
    assert "the record (conferences2.unite.un.org)" in conference.sources


def _mixed() -> list[object]:
    """Four record-only dates and four of the paper's, interleaved, in one theme."""
    details = []
    for number, year in enumerate(range(1950, 1958)):
        slug = f"e{number}"
        status = "record" if number % 2 else "agrees"
        details.append(detail(entity(slug), event(slug, "adopted", str(year), status=status)))
    return details


def test_an_ordering_holds_dates_of_one_origin() -> None:
    cards = generate_cards(_mixed())  # type: ignore[arg-type]
    orderings = [c for c in cards if c.kind.startswith("chronology")]
    assert len(orderings) == 2
    assert sorted(c.status for c in orderings) == ["agrees", "record"]
    record = next(c for c in orderings if c.status == "record")
    assert record.marker and "record" in record.marker
    assert all(s.startswith("the record") for s in record.sources)


def test_every_ordering_of_the_content_is_true_of_each_event(
    content: ContentRepository, all_cards: tuple[QuizCard, ...]
) -> None:
    index = ContentIndex.build(d for e in content.entities() if (d := content.detail(e.slug)))
    sets = list(event_sets(index))
    assert sets
    for _theme, events in sets:
        assert len({date_origin(e) for e in events}) == 1, [e.id for e in events]
    for card in all_cards:
        if card.kind.startswith("chronology"):
            facts = [index_event(index, fact_id) for fact_id in card.fact_ids]
            record = {date_origin(e) == "record" for e in facts}
            assert record == {card.status == "record"}, card.id


def index_event(index: ContentIndex, fact_id: str) -> Event:
    return next(e for e in index.events if e.id == fact_id)


def test_an_ordering_is_not_marked_by_a_wrong_place() -> None:
    """UNTOC 'adopted in Palermo in 2000': the date holds, so an ordering of it agrees."""
    untoc = event("u", "adopted", "2000-11-15", place="New York")
    palermo = citation("differs", says="adopted in Palermo in 2000")
    untoc = untoc._replace(citations=(*untoc.citations, palermo), status=FactStatus.DIFFERS)
    details = [detail(entity("u"), untoc)] + [
        detail(entity(s), event(s, "adopted", y)) for s, y in (("v", "1990"), ("w", "1980"))
    ]
    details.append(detail(entity("x"), event("x", "adopted", "1970")))
    (ordering,) = [c for c in generate_cards(details) if c.kind.startswith("chronology")]
    assert (ordering.status, ordering.paper_notes) == ("agrees", ())


def test_a_body_created_by_a_body_does_not_monitor_it() -> None:
    """ECOSOC created CND (its subsidiary body): CND does not monitor ECOSOC; the Single
    Convention created INCB: INCB monitors it."""
    truths = implied_truths(
        [
            relation("cnd", "subsidiary_of", "ecosoc", kinds=("commission", "organ")),
            relation("league", "created", "oac", kinds=("organization", "committee")),
            relation("sc", "created", "incb", kinds=("convention", "board")),
        ]
    )
    assert ("ecosoc", "created", "cnd") in truths
    assert ("cnd", "monitors", "ecosoc") not in truths
    assert ("oac", "monitors", "league") not in truths
    assert ("incb", "monitors", "sc") in truths


def test_no_card_says_cnd_monitors_ecosoc(
    content: ContentRepository, all_cards: tuple[QuizCard, ...]
) -> None:
    index = ContentIndex.build(d for e in content.entities() if (d := content.detail(e.slug)))
    monitors = {(s, o) for s, k, o in index.truths if k == "monitors"}
    assert ("cnd", "monitors") not in {(s, "monitors") for s, o in monitors if o == "ecosoc"}
    treaties = {"convention", "protocol"}
    stated = {(r.subject_slug, r.object_slug) for r in index.relations if r.kind == "monitors"}
    for subject, obj in monitors - stated:  # implied: a treaty body, or through "follows"
        assert index.entities[obj].kind in treaties, (subject, obj)
    card = by_id(all_cards)["cnd:relation:monitors:drug-abuse-control-strategy-1981:forward"]
    assert not any("ECOSOC" in line for line in card.details)


def test_the_elearning_card_asks_what_the_paper_says(all_cards: tuple[QuizCard, ...]) -> None:
    """UNODC 'added three modules dedicated to the smuggling of migrants to its e-learning
    programme': the programme does not have three modules."""
    card = by_id(all_cards)["elearning-smuggling:count:modules:forward"]
    assert card.prompt == (
        "According to the paper, how many modules on the smuggling of migrants did UNODC add "
        "to its e-learning programme?"
    )
    for other in all_cards:
        assert "the UNODC e-learning programme" not in other.prompt, other.id


def test_untoc_is_adopted_by_the_general_assembly_without_a_false_difference(
    content: ContentRepository,
) -> None:
    """Resolution 55/25 adopted UNTOC with two of the protocols: the paper's 'along with three
    protocols' is a difference about the protocols, not about who adopted it."""
    detail_ = content.detail("untoc")
    assert detail_ is not None
    (adopted_by,) = [r for r in detail_.relations if r.kind == "adopted_by"]
    assert adopted_by.status == "agrees" and adopted_by.citations[0].footnote == 5
    (adopted_with,) = [s for s in detail_.statements if s.kind == "adopted_with"]
    assert adopted_with.status == "differs" and "55/255" in adopted_with.text
    assert "two of its three protocols" in adopted_with.text.casefold()


def test_no_relation_differs_where_the_paper_names_its_other_end(
    content: ContentRepository,
) -> None:
    """A relation marked as differing must be one the paper gets wrong: the paper's words do
    not name the very body or instrument the record gives as its object (the adopter)."""
    false = []
    for entity_ in content.entities():
        detail_ = content.detail(entity_.slug)
        assert detail_ is not None
        for fact in detail_.relations:
            assert isinstance(fact, Relation)
            other = content.entity(fact.object_slug)
            assert other is not None
            names = {other.short_name, other.title, *other.names, *other.abbreviations}
            for c in fact.differences:
                if any(n.casefold() in (c.says or "").casefold() for n in names if len(n) > 3):
                    false.append(fact.id)
    assert false == []
