"""The names an entry's page shows for the Single Convention (its title, then "Also: ...") are
each distinct: no two differ only in case, punctuation, small words or word order (it listed
"1961 Single Convention" and "Single Convention of 1961", and its title again as the paper
writes it, "single convention on Narcotic Drugs 1961")."""

from __future__ import annotations

import re

from ocstudy.content.repository import ContentRepository

SMALL_WORDS = {"the", "of", "on", "and", "for", "in", "a", "an"}


def words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"\w+", name.casefold()) if w not in SMALL_WORDS)


def test_the_single_conventions_names_are_each_distinct(repository: ContentRepository) -> None:
    entity = repository.entity("single-convention")
    assert entity is not None
    shown = [
        entity.title,
        *dict.fromkeys((entity.short_name, *entity.abbreviations, *entity.names)),
    ]
    same: dict[frozenset[str], list[str]] = {}
    for name in shown:
        same.setdefault(words(name), []).append(name)
    assert [names for names in same.values() if len(names) > 1] == []
    assert "Single Convention on Narcotic Drugs" in entity.names  # as it is cited without its year
    assert repository.search("single convention on narcotic drugs 1961")[:1] == [
        "single-convention"
    ]
