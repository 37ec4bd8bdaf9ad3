"""Issue 16: every record value cites the official source, or says what kind of source it is."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from ocstudy.content.repository import ContentRepository

OFFICIAL_HOSTS = {
    "treaties.un.org",
    "undocs.org",
    "un.org",
    "www.un.org",
    "press.un.org",
    "legal.un.org",
    "conferences2.unite.un.org",
    "un.org.au",
    "unis.unvienna.org",
    "www.unvienna.org",
    "unodc.org",
    "www.unodc.org",
    "www.ungift.org",
}
MIRRORS = ("todayshistory.org", "test.history.state.gov", "old.radicali.it", "docslib.org")


def _citations(repository: ContentRepository) -> list[tuple[str, str, str | None]]:
    result = []
    for entity in repository.entities():
        detail = repository.detail(entity.slug)
        assert detail is not None
        for fact in detail.facts:
            for c in fact.citations:
                if c.record_source and c.record_source.startswith("http"):
                    result.append((fact.id, c.record_source, c.record_source_kind))
    return result


def test_every_record_source_is_official_or_says_what_it_is(
    repository: ContentRepository,
) -> None:
    citations = _citations(repository)
    assert len(citations) > 200
    unexplained = [
        (fact_id, url)
        for fact_id, url, kind in citations
        if urlparse(url).netloc not in OFFICIAL_HOSTS and not kind
    ]
    assert unexplained == []


def test_the_named_mirrors_are_replaced_where_an_official_source_exists(
    repository: ContentRepository,
) -> None:
    by_fact = {fact_id: (url, kind) for fact_id, url, kind in _citations(repository)}
    assert by_fact["drug-abuse-control-strategy-1981:event:adopted"][0] == (
        "https://undocs.org/en/A/RES/36/168"
    )
    assert by_fact["fifth-congress:event:conference"][0] == "https://undocs.org/en/A/CONF.56/10"
    assert by_fact["protocol-1972:relation:amends:single-convention"][0].startswith(
        "https://treaties.un.org/"
    )
    url, kind = by_fact["opium-advisory-committee:event:established"]
    assert url.startswith("https://history.state.gov/") and kind and "State Department" in kind
    assert by_fact["hague-convention:count:chapters"][0].startswith("https://en.wikisource.org/")
    left = [(f, u, k) for f, u, k in _citations(repository) if any(m in u for m in MIRRORS)]
    assert left and all(kind and kind.startswith("secondary:") for _, _, kind in left)


@pytest.mark.parametrize(
    ("fact_id", "source"),
    [
        ("single-convention:event:signed", "VI-15"),
        ("convention-1988:event:entry_into_force", "VI-19"),
        ("tip-protocol:event:adopted", "XVIII-12-a"),
        ("smuggling-protocol:event:entry_into_force", "XVIII-12-b"),
        ("untoc:document:unts", "XVIII-12&"),
        ("global-plan-of-action:event:adopted", "A/RES/64/293"),
    ],
)
def test_treaty_and_resolution_values_cite_the_un_record(
    repository: ContentRepository, fact_id: str, source: str
) -> None:
    urls = [url for f, url, _ in _citations(repository) if f == fact_id]
    assert urls and all(source in url for url in urls)
