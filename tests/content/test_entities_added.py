"""Issue 16: what the paper names is in the content, cited to where the paper says it."""

from __future__ import annotations

import pytest

from ocstudy.content.repository import ContentRepository


@pytest.mark.parametrize(
    ("slug", "section", "words"),
    [
        (
            "security-council",
            "gpml",
            "authority to combine all member countries through Resolution",
        ),
        ("trafficking-trends-database", "literature", "from 127 countries to be exploited in 137"),
        ("united-nations", "conclusion", "specialized agencies, programs, commissions"),
        ("united-nations", "introduction", "foremost focal point for conflict resolution"),
        ("un-charter", "firearms-protocol", "consistent with the Charter of the United Nations"),
        ("untoc", "introduction", "perceived by the global group starting in the mid-1990s"),
    ],
)
def test_what_the_paper_names_is_taught_with_its_words(
    repository: ContentRepository, slug: str, section: str, words: str
) -> None:
    detail = repository.detail(slug)
    assert detail is not None
    assert [
        c
        for fact in detail.facts
        for c in fact.citations
        if c.section.id == section and words in (c.quote or "")
    ]


def test_the_trafficking_database_is_the_source_of_the_127_and_137_figures(
    repository: ContentRepository,
) -> None:
    detail = repository.detail("trafficking-trends-database")
    assert detail is not None
    (figures,) = detail.statements
    assert figures.status == "agrees"
    assert set(figures.citations[0].claim_ids) == {"F017", "F018"}
    assert any(r.object_slug == "unodc" and r.kind == "part_of" for r in detail.relations)


def test_the_un_system_holds_its_organs(repository: ContentRepository) -> None:
    detail = repository.detail("united-nations")
    assert detail is not None
    parts = {r.subject_slug for r in detail.relations if r.kind == "part_of"}
    assert {"unga", "security-council"} <= parts
    assert any(r.subject_slug == "un-charter" and r.kind == "created" for r in detail.relations)
