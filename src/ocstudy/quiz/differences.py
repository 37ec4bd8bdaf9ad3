"""Which of the paper's differences concern the value a card asks.

A fact's citation can differ from the record on one field and agree on another: the paper
gives the West and Central Africa Strategy's launch as September 2015 (the month is wrong, the
place is right); it puts UNTOC's adoption "in Palermo in 2000" (the place is wrong, the year
holds the date). Each function returns the test ``build_card`` takes as ``concerns``.
"""

from __future__ import annotations

from collections.abc import Callable

from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Citation
from ocstudy.quiz.parsing import find_date, find_number, normalize_name


def paper_date(citation: Citation) -> DateSpan | None:
    return find_date(citation.says) if citation.says else None


def date_differs(span: DateSpan) -> Callable[[Citation], bool]:
    """The paper's date differs when it does not hold the answer ('2000' holds 15 November
    2000; 'was signed' gives no date at all)."""

    def concerns(citation: Citation) -> bool:
        if not citation.says:
            return True
        paper = paper_date(citation)
        return paper is not None and not (
            paper.first_day() <= span.first_day() and span.last_day() <= paper.last_day()
        )

    return concerns


def place_differs(place: str, known: set[str]) -> Callable[[Citation], bool]:
    """The paper's place differs when it names a known place that is not part of the answer."""
    parts = {normalize_name(part) for part in place.split(",")}

    def concerns(citation: Citation) -> bool:
        if not citation.says:
            return True
        said = f" {normalize_name(citation.says)} "
        return any(f" {p} " in said for p in known - parts)

    return concerns


def number_differs(number: int) -> Callable[[Citation], bool]:
    """The paper's figure differs when it gives another number (400 staff for 500)."""

    def concerns(citation: Citation) -> bool:
        return not citation.says or find_number(citation.says) not in {number, None}

    return concerns


def mentions(value: str) -> Callable[[Citation], bool]:
    """The paper's value differs when it does not contain the answer (55/225 for 55/255)."""
    needle = f" {normalize_name(value)} "

    def concerns(citation: Citation) -> bool:
        return not citation.says or needle not in f" {normalize_name(citation.says)} "

    return concerns
