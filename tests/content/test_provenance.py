"""Issue 22 §4: a place or a date is credited to the paper only where the paper gives it.

A place the paper never names for an event (Dakar, San Francisco, UN Headquarters) is the
record's and says so, with the record's source; a date the paper gives for an event (the
Firearms Protocol's 31 May 2001 in footnote 9) is not shown as "the paper does not give it".
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SHARED
from ocstudy import paths
from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Citation, Entity, Event
from ocstudy.content.repository import ContentRepository

_FOOTNOTE_MARKS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]")

#: Record-only dates that the paper does write beside the entity's name, for another event.
ALLOWED_RECORD_DATES = {
    "convention-1988:event:concluded": (
        "the paper's 25 November to 20 December 1988 are the conference's days; that the "
        "Convention was concluded (opened for signature) on its last day is the record's"
    ),
    "cnd:event:meeting": (
        "the paper dates the Declaration's adoption (12 March 2009); the high-level segment's "
        "two days, 11 to 12 March, are the record's"
    ),
}


def loose(text: str) -> str:
    """Case, accents, punctuation, footnote marks and a leading 'the' do not count."""
    text = unicodedata.normalize("NFKD", _FOOTNOTE_MARKS.sub("", text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", r"\1", text)
    words = re.sub(r"[^\w]+", " ", text).split()
    return " " + " ".join(w for w in words if w != "the") + " "


def _paper_file() -> Path:
    meta = tomllib.loads((paths.content_sources_dir() / "paper.toml").read_text())
    return SHARED / "source" / meta["source_file"]


needs_paper = pytest.mark.skipif(not _paper_file().is_file(), reason="shared/source not beside")


@pytest.fixture(scope="module")
def sections(repository: ContentRepository) -> dict[str, str]:
    """The paper's text under each heading, by section id."""
    lines = _paper_file().read_text(encoding="utf-8").splitlines()
    headings = {s.title.strip(): s.id for s in repository.sections.values()}
    texts: dict[str, list[str]] = {}
    current = "title"
    for line in lines:
        current = headings.get(line.strip(), current)
        texts.setdefault(current, []).append(line)
    assert set(texts) >= set(headings.values()), "a heading of paper.toml is not in the paper"
    return {key: loose(" ".join(text)) for key, text in texts.items()}


def _events(repository: ContentRepository) -> Iterator[tuple[Entity, Event]]:
    for entity in repository.entities():
        detail = repository.detail(entity.slug)
        assert detail is not None
        for event in detail.events:
            yield entity, event


def _cited_text(citation: Citation, sections: dict[str, str]) -> str:
    footnote = loose(citation.reference.text) if citation.reference else ""
    return sections[citation.section.id] + footnote + loose(citation.quote or "")


@needs_paper
def test_every_place_credited_to_the_paper_is_where_the_paper_says_it(
    repository: ContentRepository, sections: dict[str, str]
) -> None:
    """The place of an event the paper is cited for is in the section or footnote cited."""
    missing = []
    for _entity, event in _events(repository):
        if not event.place or event.place_origin == "record":
            continue
        cited = [c for c in event.citations if c.origin == "paper"]
        place = loose(event.place)
        if not cited or not any(place in _cited_text(c, sections) for c in cited):
            missing.append(f"{event.id}: {event.place}")
    assert missing == []


def test_a_place_from_the_record_says_where_it_comes_from(
    repository: ContentRepository,
) -> None:
    """Its own citation, from the record, with the record's source: the date's citations may
    be the paper's."""
    unsourced = []
    for _entity, event in _events(repository):
        if event.place_origin != "record":
            continue
        place_citations = [c for c in event.citations if c.about == "place"]
        whole_record = all(c.origin == "record" for c in event.citations)
        sourced = place_citations or (whole_record and event.citations)
        if not sourced or not all(c.origin == "record" and c.record_source for c in sourced):
            unsourced.append(event.id)
    assert unsourced == []


def test_the_papers_places_and_the_records(repository: ContentRepository) -> None:
    places = {e.id: (e.place, e.place_origin) for _, e in _events(repository) if e.place}
    assert places["west-central-africa-strategy:event:launched"] == ("Dakar", "record")
    assert places["un-charter:event:signed"] == ("San Francisco", "record")
    assert places["single-convention:event:conference"][1] == "record"
    assert places["untoc:event:adopted"] == ("New York", "record")
    assert places["smuggling-protocol:event:adopted"] == ("New York", "paper")
    assert places["untoc:event:opened_for_signature"] == ("Palermo, Italy", "paper")
    assert places["versailles-meeting:event:meeting"] == ("Versailles", "paper")


def _written(span: DateSpan) -> list[str]:
    """How the paper would write the date's last day: '12 march 2009' (a day) or 'june
    1953' (a month); a bare year says too little to decide, and gives nothing."""
    last = span.last_day()
    month = last.strftime("%B").casefold()
    if span.precision == "day":
        return [f" {last.day} {month} {last.year} "]
    if span.precision == "month":
        return [f" {month} {last.year} "]
    return []


def _names(entity: Entity) -> list[str]:
    names = (entity.short_name, entity.title, *entity.names, *entity.abbreviations)
    return [loose(n) for n in (*names, *entity.paper_spellings) if len(n) > 2]


def _near(text: str, needle: str, names: list[str], reach: int = 400) -> bool:
    for found in re.finditer(re.escape(needle), text):
        window = text[max(0, found.start() - reach) : found.end() + reach]
        if any(name in window for name in names):
            return True
    return False


@pytest.fixture(scope="module")
def claims(claims_path: Path) -> dict[str, dict[str, object]]:
    return {c["id"]: c for c in json.loads(claims_path.read_text())}


@needs_paper
def test_no_date_the_paper_gives_is_shown_as_the_records(
    repository: ContentRepository, claims: dict[str, dict[str, object]]
) -> None:
    """An event marked "from the record; the paper does not give it": no claim of the
    paper about that entity holds its date, and the paper does not write the date beside
    the entity's name (or the allow-list above says why it is the record's all the same)."""
    paper = loose(_paper_file().read_text(encoding="utf-8"))
    flagged: dict[str, str] = {}
    for entity, event in _events(repository):
        if event.status != "record":
            continue
        own = {
            cid
            for cid, claim in claims.items()
            if entity.ref_key and claim["subject_key"] == entity.ref_key
        }
        cited = {cid for c in event.citations for cid in c.claim_ids}
        given = [
            cid
            for cid in sorted(own | cited)
            if (claims[cid]["paper_value"] or {}).get("normalized") == event.date  # type: ignore[union-attr]
        ]
        if given:
            flagged[event.id] = f"claim {given[0]} gives {event.date}"
            continue
        for needle in _written(DateSpan.parse(event.date)):
            if _near(paper, needle, _names(entity)):
                flagged[event.id] = f"the paper writes{needle}beside {entity.short_name}"
    unexplained = {k: v for k, v in flagged.items() if k not in ALLOWED_RECORD_DATES}
    assert unexplained == {}
    stale = sorted(set(ALLOWED_RECORD_DATES) - set(flagged))
    assert stale == [], "an allowed date is no longer flagged: drop it from the list"


def test_the_dates_the_paper_gives_are_the_papers(repository: ContentRepository) -> None:
    """Footnote 9's 31 May 2001, the 2009 Declaration's 12 March, UNGASS's 8 to 10 June."""
    events = {e.id: e for _, e in _events(repository)}
    for fact_id, day in (
        ("firearms-protocol:event:adopted", "2001-05-31"),
        ("political-declaration-2009:event:adopted", "2009-03-12"),
        ("ungass-1998:event:session", "1998-06-08/1998-06-10"),
    ):
        event = events[fact_id]
        assert (event.date, event.status) == (day, "agrees"), fact_id
        assert event.place_origin == "record"


def test_a_written_date_is_found_however_the_paper_writes_it() -> None:
    assert _written(DateSpan.parse("2009-03-12")) == [" 12 march 2009 "]
    assert _written(DateSpan.parse("1998-06-08/1998-06-10")) == [" 10 june 1998 "]
    assert _written(DateSpan.parse("1997")) == []
    assert " 12 march 2009 " in loose("the CND 12th March, 2009.")
    assert loose("The Hague") == loose("Hague") and loose("Palermo (Italy)") == loose(
        "Palermo, Italy"
    )
