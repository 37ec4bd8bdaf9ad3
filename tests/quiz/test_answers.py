"""Typed answers are tolerant of format, case, accents and spaces, and explain differences;
choices and orderings are checked; automatic results map to ratings."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fsrs import Rating

from ocstudy.content.dates import DateSpan
from ocstudy.content.vocabulary import FactStatus
from ocstudy.quiz.answers import (
    SLOW_MS,
    CheckResult,
    auto_rating,
    check_choice,
    check_order,
    check_typed,
    not_answered,
    supported_modes,
    typed_hint,
)
from ocstudy.quiz.model import DateAnswer, NumberAnswer, OrderAnswer, QuizCard, TextAnswer
from ocstudy.quiz.parsing import find_date, normalize_name, parse_date, parse_number


def card(answer: DateAnswer | NumberAnswer | TextAnswer | OrderAnswer, text: str) -> QuizCard:
    return QuizCard(
        id="test:card",
        kind="date",
        prompt="?",
        answer=answer,
        answer_text=text,
        details=(),
        choices=(),
        items=(),
        modes=("flashcard", "typed"),
        status=FactStatus.AGREES,
        marker=None,
        paper_notes=(),
        sources=(),
        entity_slugs=("x",),
        themes=("drugs",),
        topics=frozenset(),
        fact_ids=(),
        sibling_key="test",
    )


NOV_15 = card(DateAnswer(DateSpan.parse("2000-11-15")), "15 November 2000")


@pytest.mark.parametrize(
    "typed",
    [
        "15 November 2000",
        "15 Nov 2000",
        "15 nov. 2000",
        "2000-11-15",
        "2000/11/15",
        "November 15, 2000",
        "nov 15 2000",
        "15.11.2000",
        "15/11/2000",
        "11/15/2000",
        "15th of November 2000",
        "  15   NOVEMBER   2000 ",
        "15 Novémber 2000",
    ],
)
def test_typed_dates_tolerate_formats_case_accents_and_spaces(typed: str) -> None:
    result = check_typed(NOV_15, typed)
    assert result.verdict == "correct", (typed, result)


@pytest.mark.parametrize(
    ("typed", "verdict", "words"),
    [
        ("13 November 2000", "wrong", "right year and month, wrong day"),
        ("15 October 2000", "wrong", "right year and day, wrong month"),
        ("15 November 2001", "wrong", "1 year too late"),
        ("15 November 1997", "wrong", "3 years too early"),
        ("3 June 1999", "wrong", "wrong date"),
        ("2000", "partial", "day and month missing"),
        ("November 2000", "partial", "day missing"),
        ("someday", "wrong", "not a date"),
    ],
)
def test_typed_dates_explain_the_difference(typed: str, verdict: str, words: str) -> None:
    result = check_typed(NOV_15, typed)
    assert result.verdict == verdict
    assert result.difference is not None and words in result.difference.lower()
    assert "15 November 2000" not in result.difference  # the answer is said once, not here


def test_more_precise_than_the_content_knows_is_right() -> None:
    year_only = card(DateAnswer(DateSpan.parse("1992")), "1992")
    assert check_typed(year_only, "1992").verdict == "correct"
    result = check_typed(year_only, "12 March 1992")
    assert result.verdict == "correct" and "only to the year" in (result.difference or "")
    assert check_typed(year_only, "1993").verdict == "wrong"


def test_ranges() -> None:
    palermo = card(DateAnswer(DateSpan.parse("2000-12-12/2000-12-15")), "12\u201315 December 2000")
    for typed in ("12-15 December 2000", "12\u201315 Dec 2000", "12 to 15 december 2000",
                  "12 December 2000 - 15 December 2000"):  # fmt: skip
        assert check_typed(palermo, typed).verdict == "correct", typed
    inside = check_typed(palermo, "13 December 2000")
    assert inside.verdict == "partial" and "within" in (inside.difference or "")
    assert check_typed(palermo, "12-16 November 2000").verdict == "wrong"


def test_the_papers_wrong_value_is_named() -> None:
    firearms = card(
        DateAnswer(DateSpan.parse("2005-07-03"), paper=DateSpan.parse("2005-06-03")), "3 July 2005"
    )
    result = check_typed(firearms, "3 June 2005")
    assert result.verdict == "wrong" and "what the paper says" in (result.difference or "")
    staff = card(NumberAnswer(500, paper=400), "500")
    assert "paper's figure" in (check_typed(staff, "400").difference or "")


@pytest.mark.parametrize("typed", ["184", " 184 ", "184 parties", "about 184", "184."])
def test_typed_numbers(typed: str) -> None:
    assert check_typed(card(NumberAnswer(184), "184"), typed).verdict == "correct"


def test_typed_number_difference_and_words() -> None:
    parties = card(NumberAnswer(184), "184")
    assert check_typed(parties, "190").difference == "Too high by 6."
    assert check_typed(parties, "180").difference == "Too low by 4."
    assert check_typed(card(NumberAnswer(3), "3"), "three").verdict == "correct"
    assert check_typed(card(NumberAnswer(1000), "1000"), "1,000").verdict == "correct"


def test_typed_names_and_symbols() -> None:
    unodc = card(TextAnswer(("UNODC", "United Nations Office on Drugs and Crime")), "UNODC")
    assert check_typed(unodc, "unodc").verdict == "correct"
    assert check_typed(unodc, "the United Nations office on drugs & crime").verdict == "correct"
    near = check_typed(unodc, "United Nations Office on Drugs and Crimes")
    assert near.verdict == "partial" and "Nearly" in (near.difference or "")
    assert check_typed(unodc, "INCB").verdict == "wrong"
    resolution = card(TextAnswer(("55/255", "A/RES/55/255"), paper="55/225"), "55/255")
    for typed in ("55/255", "A/RES/55/255", "a/res/55/255", "resolution 55/255"):
        assert check_typed(resolution, typed).verdict == "correct", typed
    misprint = check_typed(resolution, "55/225")
    assert misprint.verdict == "wrong" and "paper" in (misprint.difference or "")
    place = card(TextAnswer(("Salvador, Brazil", "Salvador", "Brazil")), "Salvador, Brazil")
    assert check_typed(place, "salvador").verdict == "correct"


def test_choice() -> None:
    options = ("3 June 2005", "3 July 2005", "3 July 2004", "14 December 2005")
    firearms = replace(
        card(DateAnswer(DateSpan.parse("2005-07-03"), DateSpan.parse("2005-06-03")), "3 July 2005"),
        choices=options,
    )
    assert check_choice(firearms, 1).verdict == "correct"
    paper = check_choice(firearms, 0)
    assert paper.verdict == "wrong" and "what the paper says" in (paper.difference or "")
    other = check_choice(firearms, 2)
    assert other.verdict == "wrong" and other.given == "3 July 2004" and other.difference is None
    with pytest.raises(IndexError):
        check_choice(firearms, 4)


def test_order() -> None:
    items = ("c", "a", "d", "b")
    ordering = replace(
        card(OrderAnswer((1, 3, 0, 2), ("1990", "1980", "2000", "1985")), "a → b → c → d"),
        items=items,
        modes=("order",),
    )
    assert check_order(ordering, [1, 3, 0, 2]).verdict == "correct"
    right = check_order(ordering, [1, 3, 0, 2])
    assert (right.score, auto_rating(right, 1000)) == (1.0, Rating.Good)
    swapped = check_order(ordering, [3, 1, 0, 2])  # one pair of six out of order
    assert swapped.verdict == "partial" and swapped.difference == "5 of 6 pairs in the right order."
    assert swapped.score == pytest.approx(5 / 6) and auto_rating(swapped, 1000) == Rating.Hard
    two_off = check_order(ordering, [3, 0, 1, 2])  # 4 of 6 pairs: credit shown, still Again
    assert two_off.score == pytest.approx(4 / 6) and auto_rating(two_off, 1000) == Rating.Again
    reversed_ = check_order(ordering, [2, 0, 3, 1])
    assert reversed_.verdict == "wrong" and reversed_.score == 0
    assert reversed_.difference == "0 of 6 pairs in the right order."
    assert reversed_.order == (2, 0, 3, 1)
    with pytest.raises(ValueError, match="must use each item once"):
        check_order(ordering, [1, 1, 0, 2])


def test_automatic_results_map_to_ratings() -> None:
    def result(verdict: str, mode: str = "typed") -> CheckResult:
        return CheckResult(verdict, mode, "x", "y")  # type: ignore[arg-type]

    assert auto_rating(result("wrong")) == Rating.Again
    assert auto_rating(result("partial")) == Rating.Hard
    assert auto_rating(result("correct"), 2_000) == Rating.Good
    assert auto_rating(result("correct"), SLOW_MS["typed"] + 1) == Rating.Hard
    assert auto_rating(result("correct", "choice"), SLOW_MS["choice"] + 1) == Rating.Hard
    assert auto_rating(result("wrong"), 1) == Rating.Again


def test_parsing_helpers() -> None:
    assert parse_date("1924-1925") == DateSpan.parse("1924/1925")
    assert parse_date("November 1924 \u2013 February 1925") == DateSpan.parse("1924-11/1925-02")
    assert parse_date("31 February 2000") is None
    assert parse_date("15 2000") is None
    assert find_date("in force 3 June 2005") == DateSpan.parse("2005-06-03")
    assert find_date("was signed") is None
    assert parse_number("twelve") == 12 and parse_number("12 000") == 12000
    assert parse_number("many") is None
    assert normalize_name("  The  Médellín-Convention ") == "medellin convention"


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_typed_answer_is_i_dont_know(typed: str) -> None:
    result = check_typed(NOV_15, typed)
    assert (result.verdict, result.given, result.difference) == ("unanswered", typed, None)
    assert not result.correct and auto_rating(result, 1000) == Rating.Again


def test_showing_a_choice_card_without_a_pick_suggests_again() -> None:
    result = not_answered(replace(NOV_15, choices=("a", "b", "c", "15 November 2000")), "choice")
    assert result.verdict == "unanswered" and auto_rating(result, 500) == Rating.Again


def test_supported_modes_keep_names_out_of_typing(all_cards: tuple[QuizCard, ...]) -> None:
    by_kind: dict[str, set[str]] = {}
    for one in all_cards:
        by_kind.setdefault(one.kind, set()).update(supported_modes(one))
    for kind in ("place", "relation", "relation_reverse", "date_reverse", "abbreviation"):
        assert "typed" not in by_kind.get(kind, set()), kind
    for kind in ("date", "count", "document", "abbreviation_reverse"):
        assert "typed" in by_kind[kind], kind
    for one in all_cards:
        modes = supported_modes(one)
        assert set(modes) <= set(one.modes) and ("choice" not in modes or one.choices)


def test_the_typed_hint_fits_the_answer() -> None:
    assert "the date" in typed_hint(NOV_15)
    assert "the year" in typed_hint(card(DateAnswer(DateSpan.parse("1961")), "1961"))
    palermo = card(DateAnswer(DateSpan.parse("2000-12-12/2000-12-15")), "12\u201315 Dec 2000")
    assert "the dates" in typed_hint(palermo)
    assert "the number" in typed_hint(card(NumberAnswer(184), "184"))
    symbol = replace(card(TextAnswer(("55/25",)), "55/25"), kind="document")
    assert "symbol" in typed_hint(symbol)
    short = replace(card(TextAnswer(("CND",)), "CND"), kind="abbreviation_reverse")
    assert "abbreviation" in typed_hint(short) and "CND" not in typed_hint(short)
