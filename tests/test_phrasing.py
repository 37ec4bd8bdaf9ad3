"""Counts agree with their nouns, lengths of time read as a learner says them, and a citation's
parts stay on one line."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ocstudy.phrasing import NBSP, counted, duration, keep_together


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


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("(§ References, footnote 9)", "(§_References, footnote_9)"),
        ("§ UNTOC (2000), fn 12", "§_UNTOC (2000), fn_12"),
        ("Art. 23 and Arts. 3-5", "Art._23 and Arts._3-5"),
        ("paragraph para. 29, resolution 55/255", "paragraph para._29, resolution_55/255"),
        ("Footnote 9 contradicts it", "Footnote_9 contradicts it"),
        ("a footnote that says", "a footnote that says"),
        ("fnord 3", "fnord 3"),
    ],
)
def test_a_citation_keeps_its_parts_together(text: str, kept: str) -> None:
    assert keep_together(text) == kept.replace("_", NBSP)
