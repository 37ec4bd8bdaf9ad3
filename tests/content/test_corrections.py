"""Issue 16: each corrected fact is taught from the record, with the record's source."""

from __future__ import annotations

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
