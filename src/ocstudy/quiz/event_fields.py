"""An event's date and its place, each with the citations that give it.

The paper can give an event's date and name no place for it: footnote 9 dates the Firearms
Protocol's adoption, 31 May 2001, and says nothing of New York. The content then cites the
record for the place apart (a citation ``about`` the place). A card on the date is sourced and
marked by the date's citations; a card on the place by the place's, so that neither says the
paper gives what it does not.
"""

from __future__ import annotations

from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Event
from ocstudy.content.vocabulary import FactStatus
from ocstudy.quiz.building import Concerns


def as_date(event: Event) -> Event:
    """The event as a card on its date sees it: without the citations of its place."""
    if not event.place_citations:
        return event
    return event._replace(citations=event.date_citations)


def as_place(event: Event, concerns: Concerns) -> Event:
    """The event as a card on its place sees it: a place cited apart is the record's, sourced
    by its own citation (Dakar, for a launch the paper dates); the paper's differences about
    the place stay (Palermo, for UNTOC's adoption in New York)."""
    if not event.place_citations:
        return event
    differing = tuple(c for c in event.differences if concerns(c))
    return event._replace(
        citations=(*event.place_citations, *differing),
        status=FactStatus.DIFFERS if differing else FactStatus.RECORD,
    )


def dated_value(event: Event) -> str:
    """The event's date and place in a line, saying so where the place is the record's and
    the date is not: '31 May 2001, New York (place from the record)'."""
    if not event.place_citations:
        return event.value
    return f"{DateSpan.parse(event.date).label()}, {event.place} (place from the record)"
