"""Every citation's ``quote`` is the paper's own words, found verbatim in the paper."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from conftest import SHARED
from ocstudy import paths
from ocstudy.content.repository import ContentRepository

_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_FOOTNOTE_MARKS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]")


def normalised(text: str) -> str:
    """Whitespace collapsed, typographic quotes made plain, footnote marks dropped, case folded."""
    return " ".join(_FOOTNOTE_MARKS.sub("", text.translate(_TYPOGRAPHIC)).split()).casefold()


def _paper() -> Path:
    meta = tomllib.loads((paths.content_sources_dir() / "paper.toml").read_text())
    return SHARED / "source" / meta["source_file"]


@pytest.mark.skipif(not _paper().is_file(), reason="shared/source not beside")
def test_every_quote_is_found_in_the_paper(repository: ContentRepository) -> None:
    paper = normalised(_paper().read_text(encoding="utf-8"))
    missing = []
    quotes = 0
    for entity in repository.entities():
        detail = repository.detail(entity.slug)
        assert detail is not None
        for fact in detail.facts:
            for citation in fact.citations:
                if citation.quote is not None:
                    quotes += 1
                    if normalised(citation.quote) not in paper:
                        missing.append(f"{fact.id}: {citation.quote!r}")
    assert quotes > 250
    assert missing == []


def test_normalisation_is_only_of_whitespace_quotes_and_footnote_marks() -> None:
    assert (
        normalised("the \u201cSalvador\u201d\n  Declaration\u00b9") == 'the "salvador" declaration'
    )
    assert normalised("UNODC") != normalised("United Nations Office on Drugs and Crime")


def test_a_paraphrase_is_kept_apart_from_the_quote(repository: ContentRepository) -> None:
    detail = repository.detail("single-convention")
    assert detail is not None
    (auspices,) = [s for s in detail.statements if s.kind == "auspices"]
    (citation,) = auspices.citations
    assert citation.quote == "under the conservancy of United Nations"
    assert citation.paraphrase and "auspices" in citation.paraphrase
