"""The content errors the deck's first readers reported (issue 22): each fact says what
happened on which day, where it comes from, and where the paper is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.content.test_quotes import _paper

from ocstudy.content.model import EntityDetail
from ocstudy.content.repository import ContentRepository


def _detail(repository: ContentRepository, slug: str) -> EntityDetail:
    detail = repository.detail(slug)
    assert detail is not None
    return detail


def _claim(claims_path: Path, claim_id: str) -> dict[str, object]:
    (claim,) = [c for c in json.loads(claims_path.read_text()) if c["id"] == claim_id]
    return dict(claim)


def test_single_convention_was_adopted_on_25_march_and_signed_on_30_march(
    repository: ContentRepository, claims_path: Path
) -> None:
    """The conference adopted it on its last day; the Final Act and the Convention were both
    done at New York on 30 March 1961 (UNTS vol. 520, No. 7515), the day it opened for
    signature. The paper gives neither day."""
    detail = _detail(repository, "single-convention")
    events = {e.id: e for e in detail.events}
    adopted = events["single-convention:event:adopted"]
    assert (adopted.kind, adopted.date, adopted.status) == ("adopted", "1961-03-25", "record")
    assert adopted.place_origin == "record"
    signed = events["single-convention:event:signed"]  # the id learners' history refers to
    assert (signed.kind, signed.date, signed.status) == (
        "opened_for_signature",
        "1961-03-30",
        "record",
    )
    assert not [e.id for e in detail.events if "adopted and signed" in (e.label or "").lower()]
    assert "adopted there on 25 March 1961" in detail.entity.summary
    assert "opened for signature on 30 March 1961" in detail.entity.summary
    record = str(_claim(claims_path, "F064")["authoritative_value"])
    assert "adopted 25 March 1961" in record and "adopted and signed" not in record


def test_first_session_of_the_conference_of_the_parties_closed_on_8_july_2004(
    repository: ContentRepository,
) -> None:
    """Its report (CTOC/COP/2004/6) is of the session 'held in Vienna from 28 June to 8 July
    2004'; 9 July was the planned last day that press releases announced."""
    (first,) = [e for e in _detail(repository, "cop-untoc").events if e.kind == "first_meeting"]
    assert first.date == "2004-06-28/2004-07-08"
    assert first.place == "Vienna"
    assert [c.record_source for c in first.citations] == ["https://undocs.org/en/CTOC/COP/2004/6"]


def test_the_1988_convention_says_intentionally_where_the_paper_says_internationally(
    repository: ContentRepository,
) -> None:
    statements = _detail(repository, "convention-1988").statements
    (offences,) = [s for s in statements if s.id == "convention-1988:statement:criminal_offences"]
    assert offences.status == "differs"
    (citation,) = offences.differences
    assert citation.says == "when committed internationally"
    assert "when committed intentionally" in offences.value and "Art. 3" in offences.value
    assert citation.record_source == "https://www.unodc.org/pdf/convention_1988_en.pdf"
    assert "internationally" in (citation.quote or "")


def test_resolution_5_4_notes_say_why_it_cannot_be_the_assemblys(
    repository: ContentRepository, claims_path: Path
) -> None:
    """55/25 is written session/number too: the point is that a General Assembly '5/4'
    would belong to its fifth session (1950), which numbered its resolutions otherwise."""
    comment = str(_claim(claims_path, "F162")["comment"])
    statements = _detail(repository, "cop-resolution-5-4").statements
    (issuing,) = [s for s in statements if s.kind == "issuing_body"]
    (note,) = [c.note for c in issuing.differences]
    for text in (comment, note or ""):
        assert "does not number its resolutions this way" not in text
        assert "fifth session (1950)" in text and "55/25" in text


def test_the_trafficking_protocol_came_out_of_the_crime_commission_s_work(
    repository: ContentRepository, claims_path: Path
) -> None:
    """A fair simplification: the General Assembly set up the Ad Hoc Committee that
    negotiated it on the recommendation of the Commission on Crime Prevention and Criminal
    Justice (A/55/383, para. 1)."""
    statements = _detail(repository, "tip-protocol").statements
    (negotiated,) = [s for s in statements if s.kind == "negotiated_by"]
    assert negotiated.status == "agrees"
    assert "Ad Hoc Committee" in negotiated.value and "53/111" in negotiated.value
    assert "on the recommendation of the Commission on Crime Prevention" in negotiated.value
    assert _claim(claims_path, "F040")["source_url"] == "https://undocs.org/en/A/55/383"


def test_the_firearms_protocol_provides_for_marking_not_marketing(
    repository: ContentRepository,
) -> None:
    statements = _detail(repository, "firearms-protocol").statements
    (content,) = [s for s in statements if s.id == "firearms-protocol:statement:content"]
    assert content.status == "differs"
    (citation,) = content.differences
    assert citation.says == "marketing"
    assert "marking" in content.value and "marketing" not in content.value
    assert citation.record_source == "https://undocs.org/en/A/RES/55/255"


@pytest.mark.skipif(not _paper().is_file(), reason="shared/source not beside")
def test_the_paper_never_names_ecosoc_so_its_names_are_the_records(
    repository: ContentRepository,
) -> None:
    """Its name cards were credited to the paper's Introduction; they come from the record."""
    from ocstudy.quiz.cards import generate_cards

    paper = _paper().read_text(encoding="utf-8")
    assert "ECOSOC" not in paper and "Economic and Social" not in paper
    details = [repository.detail(e.slug) for e in repository.entities()]
    cards = [c for c in generate_cards([d for d in details if d is not None])]
    names = [c for c in cards if c.id.startswith("ecosoc:abbreviation:")]
    assert len(names) == 2
    assert all(c.origin == "record" and c.status == "record" for c in names)
    assert all(s.startswith("the record") for c in names for s in c.sources)


def test_a_card_on_an_entry_the_paper_never_names_is_never_the_papers(
    repository: ContentRepository,
) -> None:
    """An entry whose every citation is the record's has no card that credits the paper."""
    from ocstudy.quiz.cards import generate_cards

    details = [d for d in (repository.detail(e.slug) for e in repository.entities()) if d]
    record_only = {
        d.entity.slug
        for d in details
        if {c.origin for f in d.facts for c in f.citations} == {"record"}
    }
    assert "ecosoc" in record_only
    credited = [
        card.id
        for card in generate_cards(details)
        if set(card.entity_slugs) <= record_only and card.origin == "paper"
    ]
    assert credited == []


def test_the_drug_reports_symbol_and_date_stay_unchecked_and_say_why_they_clash(
    repository: ContentRepository,
) -> None:
    """Footnote 13's A/65/93 of 27 June 2011: the document was not seen, so neither value is
    corrected; the summary says why an A/65 symbol and a June 2011 date do not fit."""
    detail = _detail(repository, "sg-report-drugs")
    (published,) = detail.events
    (symbol,) = detail.documents
    assert (published.date, published.status) == ("2011-06-27", "unverified")
    assert (symbol.value, symbol.status) == ("A/65/93", "unverified")
    assert "around June 2010" in detail.entity.summary and "A/66" in detail.entity.summary
