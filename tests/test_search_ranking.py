"""Searching the content ranks an entry whose name is exactly the text first: an
abbreviation, a short name, a title, another name, or the paper's spelling of one."""

from __future__ import annotations

import pytest

from ocstudy.content.model import Entity
from ocstudy.content.repository import ContentRepository
from ocstudy.content.search import words


def every_name(entity: Entity) -> list[str]:
    return [
        entity.short_name,
        entity.title,
        *entity.abbreviations,
        *entity.names,
        *entity.paper_spellings,
    ]


@pytest.mark.parametrize("limit", [500, 1])
def test_every_name_of_every_entry_finds_that_entry_first(
    repository: ContentRepository, limit: int
) -> None:
    """Also when fewer hits are asked for than bm25 ranks above the entry ("UNODC": its
    regional office's title says UNODC twice)."""
    wrong = []
    for entity in repository.entities():
        for name in every_name(entity):
            first = repository.search(name, limit)[:1]
            holders = {
                e.slug
                for e in repository.entities()
                if any(words(n) == words(name) for n in every_name(e))
            }
            if not set(first) & holders:
                wrong.append((name, first, sorted(holders)))
    assert not wrong


def test_a_name_outranks_a_mention(repository: ContentRepository) -> None:
    """Entries with UNODC in a name come before those that only mention it in their facts."""
    hits = repository.search("UNODC")
    assert hits[0] == "unodc"
    names = {e.slug: " ".join(every_name(e)).lower() for e in repository.entities()}
    named = [slug for slug in hits if "unodc" in names[slug]]
    assert len(hits) > len(named) > 1
    assert hits[: len(named)] == named
