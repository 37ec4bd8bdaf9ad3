"""Issue 22 §4: every card says truly where its value comes from.

A place the paper does not name is the record's on its card, though the paper gives the date;
a date the paper gives is not marked the record's because the place is."""

from __future__ import annotations

from dataclasses import replace

from ocstudy.content.model import Event
from ocstudy.quiz.cards import generate_cards
from ocstudy.quiz.model import QuizCard

from .builders import citation, detail, entity, event


def by_id(cards: tuple[QuizCard, ...]) -> dict[str, QuizCard]:
    return {card.id: card for card in cards}


def _place_apart(the_event: Event) -> Event:
    place = citation("record")._replace(about="place")
    return replace(the_event, citations=(*the_event.citations, place), place_origin="record")


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
    assert (date.status, date.marker, date.sources) == ("agrees", None, ("Test section",))
    assert date.details[0] == "31 May 2001, New York (place from the record)"
    place = cards["fp:event:adopted:place"]
    assert place.status == "record" and place.marker and "record" in place.marker
    assert place.sources == ("The record (treaties.un.org)",)


def test_the_contents_places_and_dates_on_cards(all_cards: tuple[QuizCard, ...]) -> None:
    cards = by_id(all_cards)
    dakar = cards["west-central-africa-strategy:event:launched:place"]
    assert dakar.answer_text == "Dakar" and dakar.status == "record"
    assert dakar.sources == ("The record (www.unodc.org)",)
    for card_id in (
        "firearms-protocol:event:adopted:forward",
        "political-declaration-2009:event:adopted:forward",
        "ungass-1998:event:session:forward",
    ):
        assert (cards[card_id].status, cards[card_id].marker) == ("agrees", None), card_id
        assert not any(s.startswith("The record") for s in cards[card_id].sources), card_id
    # the paper puts the 1961 conference in Geneva: the place card keeps the difference and
    # names the record's source for New York
    conference = cards["single-convention:event:conference:place"]
    assert conference.status == "differs" and conference.paper_notes
    assert "The record (conferences2.unite.un.org)" in conference.sources
