from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocstudy.content.dates import DateError, DateSpan, PartialDate, days_in_month


@pytest.mark.parametrize(
    ("text", "precision", "label"),
    [
        ("1909", "year", "1909"),
        ("2015-01", "month", "January 2015"),
        ("2000-11-15", "day", "15 November 2000"),
        ("2000-12-12/2000-12-15", "day", "12\u201315 December 2000"),
        ("1961-01-24/1961-03-25", "day", "24 January \u2013 25 March 1961"),
        ("1924-11/1925-02", "month", "November 1924 \u2013 February 1925"),
    ],
)
def test_parse_and_label(text: str, precision: str, label: str) -> None:
    span = DateSpan.parse(text)
    assert span.precision == precision
    assert span.label() == label
    assert span.iso() == text


@pytest.mark.parametrize(
    "text", ["2001-02-29", "2000-13", "2000-00-10", "19", "2000/1999", "2000-01/2000-02-03", "x"]
)
def test_impossible_dates_are_rejected(text: str) -> None:
    with pytest.raises(DateError):
        DateSpan.parse(text)


def test_precision_bounds() -> None:
    assert PartialDate.parse("2015-02").last_day() == date(2015, 2, 28)
    assert PartialDate.parse("1909").first_day() == date(1909, 1, 1)
    assert DateSpan.parse("1924-11/1925-02").last_day() == date(1925, 2, 28)


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)))
def test_iso_round_trip(day: date) -> None:
    parsed = PartialDate.parse(day.isoformat())
    assert parsed.first_day() == parsed.last_day() == day
    assert PartialDate.parse(parsed.iso()) == parsed


def test_days_in_month_agree_with_the_calendar() -> None:
    import calendar

    for year in (*range(1896, 1905), *range(1996, 2005), 2100, 2400):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


def test_labels_are_english_whatever_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt sets the C library's locale from the desktop's; month names must not follow it."""
    import calendar

    monkeypatch.setattr(calendar, "month_name", ["", *(f"Monat{m}" for m in range(1, 13))])
    assert PartialDate.parse("2000-03-15").label() == "15 March 2000"
    assert DateSpan.parse("2015-01").label() == "January 2015"
