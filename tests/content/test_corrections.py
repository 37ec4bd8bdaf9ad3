"""Issue 16: each corrected fact is taught from the record, with the record's source."""

from __future__ import annotations

from ocstudy.content.model import EntityDetail
from ocstudy.content.repository import ContentRepository


def test_1972_conference_met_6_to_24_march(repository: ContentRepository) -> None:
    """E/CONF.63/10 is titled 'Geneva, 6-24 March 1972'; 25 March is the signing."""
    detail = repository.detail("protocol-1972")
    assert detail is not None
    events = {e.kind: e for e in detail.events}
    assert events["conference"].date == "1972-03-06/1972-03-24"
    assert events["conference"].status == "agrees"
    assert events["signed"].date == "1972-03-25"
    assert "6 to 24 March 1972" in detail.entity.summary
    assert "6 to 25" not in detail.entity.summary


def test_no_text_says_the_1972_conference_closed_on_25_march(
    repository: ContentRepository,
) -> None:
    texts = [i.text for i in repository.inconsistencies()]
    for slug in ("single-convention", "protocol-1972"):
        detail = repository.detail(slug)
        assert detail is not None
        texts.append(detail.entity.summary)
        texts += [c.note or "" for f in detail.facts for c in f.citations]
    assert not [t for t in texts if "6\u201325" in t or "6 to 25" in t or "closed on 25" in t]
    assert not [t for t in texts if "(nearly)" in t]


def _detail(repository: ContentRepository, slug: str) -> EntityDetail:
    detail = repository.detail(slug)
    assert detail is not None
    return detail


def test_firearms_protocol_adoption_place_is_the_records(repository: ContentRepository) -> None:
    """Footnote 9 gives 31 May 2001 but no place: New York is shown as the record's."""
    (adopted,) = [e for e in _detail(repository, "firearms-protocol").events if e.kind == "adopted"]
    assert adopted.date == "2001-05-31" and adopted.place == "New York"
    assert adopted.place_origin == "record"
    (record,) = [c for c in adopted.citations if c.origin == "record"]
    assert record.record_source == "https://undocs.org/en/A/RES/55/255"
    assert adopted.citations[0].footnote == 9 and "New York" not in (
        adopted.citations[0].quote or ""
    )


def test_uncac_scope_is_cited_to_the_uncac_section(repository: ContentRepository) -> None:
    (scope,) = [s for s in _detail(repository, "uncac").statements if s.kind == "scope"]
    assert scope.citations[0].section.id == "uncac"
    assert "trading in influence" in (scope.citations[0].quote or "")


def test_trafficking_protocol_supplements_untoc_agrees(repository: ContentRepository) -> None:
    relations = _detail(repository, "tip-protocol").relations
    (supplements,) = [r for r in relations if r.id == "tip-protocol:relation:supplements:untoc"]
    assert supplements.status == "agrees"


def test_salvador_declaration_difference_says_adopted_not_signed(
    repository: ContentRepository,
) -> None:
    detail = _detail(repository, "salvador-declaration")
    ((fact, citation),) = detail.differences
    assert citation.says == "was signed"
    assert fact.value.startswith("Adopted, not signed")
    assert all(not e.differences for e in detail.events)


def test_cop_resolution_difference_says_whose_resolution_it_is(
    repository: ContentRepository,
) -> None:
    detail = _detail(repository, "cop-resolution-5-4")
    differences = {fact.id: (fact, c) for fact, c in detail.differences}
    fact, citation = differences["cop-resolution-5-4:statement:issuing_body"]
    assert "General Assembly" in (citation.says or "")
    assert "Conference of the Parties" in fact.value and "not of the General Assembly" in fact.value
    assert all(not d.differences for d in detail.documents)


def test_single_convention_coca_leaf_error_is_flagged(repository: ContentRepository) -> None:
    """The coca leaf and Indian hemp were controlled from 1925 (the paper's own Geneva section)."""
    detail = _detail(repository, "single-convention")
    (term,) = [p for p in detail.provisions if p.number == "3"]
    assert term.status == "differs"
    (citation,) = term.differences
    assert citation.says == "It extends the scope of control to coca leaf and cannabis."
    assert citation.record_source == "https://www.unodc.org/pdf/convention_1961_en.pdf"
    assert "1925" in term.value and "cultivation of the coca bush" in term.value
    (scope,) = [s for s in detail.statements if s.kind == "extended_scope"]
    assert scope.status == "differs"
    assert "already controlled under the 1925 Geneva Convention" in detail.entity.summary
    keys = {i.key for i in repository.inconsistencies()}
    assert "coca-leaf-control" in keys


def test_declarations_number_paragraphs_not_articles(repository: ContentRepository) -> None:
    for slug, numbers in (
        ("salvador-declaration", {22, 23, 24}),
        ("political-declaration-2009", {29, 50}),
    ):
        provisions = _detail(repository, slug).provisions
        assert {p.number for p in provisions} == {f"para. {n}" for n in numbers}
        # the fact ids, which review history refers to, are unchanged
        assert {p.id for p in provisions} == {f"{slug}:provision:Art. {n}" for n in numbers}
