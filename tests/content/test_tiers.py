"""The cards' tiers are one vocabulary, said in one set of words: the builder checks the cards'
sources against it, the quiz, the search, the statistics and the views name tiers by it."""

from __future__ import annotations

import pytest

from ocstudy.content.vocabulary import (
    TIER_CHOICE_WORDS,
    TIER_CHOICES,
    TIER_WORDS,
    TIERS,
    tier_label,
)
from ocstudy.services.browser.search import SearchSyntaxError, parse_search


def test_every_tier_and_choice_has_its_words() -> None:
    assert set(TIER_WORDS) == set(TIERS) and set(TIER_CHOICE_WORDS) == set(TIER_CHOICES)
    assert TIER_CHOICES["all"] == TIERS
    assert [tier_label(tier) for tier in TIERS] == [
        "Core: what an examiner asks",
        "Detail: in the paper, less often asked",
        "Extra: from the record only",
    ]


def test_the_search_knows_the_tiers() -> None:
    for tier in TIERS:
        parse_search(f"tier:{tier}")
    with pytest.raises(SearchSyntaxError, match="use tier:core, tier:detail, tier:extra"):
        parse_search("tier:bonus")
