"""Counts agree with their nouns and lengths of time read as a learner says them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ocstudy.counting import counted, duration


@pytest.mark.parametrize(
    ("count", "nouns", "text"),
    [
        (1, ("review",), "1 review"),
        (0, ("review",), "0 reviews"),
        (2, ("note",), "2 notes"),
        (1, ("entry", "entries"), "1 entry"),
        (3, ("entry", "entries"), "3 entries"),
        (1.0, ("year",), "1 year"),
        (1.5, ("year",), "1.5 years"),
        (12.0, ("year",), "12 years"),
    ],
)
def test_a_count_agrees_with_its_noun(count: float, nouns: tuple[str, ...], text: str) -> None:
    assert counted(count, *nouns) == text


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(seconds=39), "39 s"),
        (timedelta(seconds=0), "0 s"),
        (timedelta(seconds=59.6), "1 min"),
        (timedelta(seconds=125), "2 min 5 s"),
        (180, "3 min"),
        (3840, "1 h 4 min"),
        (7200, "2 h"),
    ],
)
def test_a_duration_has_no_zero_in_front(span: timedelta | float, text: str) -> None:
    assert duration(span) == text
