"""Reading what a learner types: dates in any common format, numbers, and names.

Dates are read as day-first when the digits allow both orders ("03.07.2005" is 3 July), as
the UN and most of the world write them; month-first is tried only when day-first is
impossible ("11/15/2000"). Month names may be full or abbreviated, in any case, with or
without ordinals ("15th of November 2000") and commas ("November 15, 2000").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ocstudy.content.dates import DateError, DateSpan, PartialDate

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_FILLER = frozenset(
    {"the", "of", "on", "in", "from", "to", "until", "till", "and", "between", "about", "c", "ca"}
)
_ISO = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_TOKEN = re.compile(r"\d+|[a-z]+")
#: A day's ordinal ("15th"): one or two digits after a word boundary, so that a long run of
#: digits is scanned once (``\d+`` here would backtrack quadratically over it).
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
#: Longer digit runs are no date part or count anyone types (and ``int`` refuses > 4300).
MAX_DIGITS = 12
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_SMALL_NUMBERS = {word: value for value, word in enumerate(_NUMBER_WORDS.split())}


def fold(text: str) -> str:
    """Lower case, accents dropped, dashes unified, spaces collapsed ('Médellín' → 'medellin')."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"[\u2010-\u2015\u2212]", "-", plain)
    return " ".join(plain.casefold().split())


def normalize_name(text: str) -> str:
    """A name reduced for comparison: folded, '&' read as 'and', punctuation (except '/')
    dropped, no leading 'the'."""
    folded = fold(text).replace("'", "").replace("&", " and ")
    folded = re.sub(r"[^\w/ ]+", " ", folded)
    words = folded.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class _Group:
    day: int | None = None
    month: int | None = None
    year: int | None = None


def parse_date(text: str) -> DateSpan | None:
    """The date or date range in ``text``, at the precision given; None if it reads as none."""
    folded = _ORDINAL.sub(r"\1", fold(text)).strip(" .")
    compact = folded.replace(" ", "")
    try:
        if match := _ISO.match(compact):
            year, month, day = (int(part) if part else None for part in match.groups())
            assert year is not None
            return DateSpan(_partial(year, month, day))
        if match := _NUMERIC.match(compact):
            first, second, year = (int(part) for part in match.groups())
            if first > 12 or second <= 12:
                return DateSpan(_partial(year, second, first))
            return DateSpan(_partial(year, first, second))
        return _from_tokens(_TOKEN.findall(folded))
    except DateError:
        return None


def _partial(year: int, month: int | None, day: int | None) -> PartialDate:
    iso = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    if day and not month:
        raise DateError(iso)
    return PartialDate.parse(iso)


def _from_tokens(tokens: list[str]) -> DateSpan | None:
    groups: list[_Group] = []
    current = _Group()
    previous_was_month = False
    for token in tokens:
        if token in _FILLER:
            continue
        if token.isdigit():
            if len(token) > MAX_DIGITS:
                return None
            value = int(token)
            if len(token) == 4 or value > 31:
                if current.year is not None:
                    return None
                groups.append(_Group(current.day, current.month, value))
                current, previous_was_month = _Group(), False
                continue
            if current.day is None and (current.month is None or previous_was_month):
                current = _Group(value, current.month, None)
            else:  # "12-15 December", "24 January - 25 March": a second day starts a group
                groups.append(current)
                current = _Group(value)
            previous_was_month = False
        elif token in _MONTHS:
            if current.month is not None:
                groups.append(current)
                current = _Group()
            current = _Group(current.day, _MONTHS[token], None)
            previous_was_month = True
        else:
            return None
    if current != _Group():
        groups.append(current)
    return _span(groups)


def _span(groups: list[_Group]) -> DateSpan | None:
    if not 1 <= len(groups) <= 2 or groups[-1].year is None:
        return None
    last = groups[-1]
    assert last.year is not None
    end = _partial(last.year, last.month, last.day)
    if len(groups) == 1:
        return DateSpan(end)
    first = groups[0]
    month = first.month if first.month is not None else last.month
    year = first.year if first.year is not None else last.year
    start = _partial(year, month if first.day or first.month else None, first.day)
    if start.precision != end.precision:
        return None
    if start == end:
        return DateSpan(start)
    return DateSpan.parse(f"{start.iso()}/{end.iso()}")


def find_date(text: str) -> DateSpan | None:
    """A date somewhere in a sentence ("in force 3 June 2005"), the longest readable run."""
    words = fold(text).replace(",", " ").split()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            found = parse_date(" ".join(words[start : start + size]))
            if found is not None:
                return found
    return None


def parse_number(text: str) -> int | None:
    """An integer typed as digits ("1,000", "1 000"), or a small number in words."""
    folded = fold(text).strip(" .")
    words = [word for word in folded.split() if word not in {"about", "around", "some", "c"}]
    if not words:
        return None
    joined = " ".join(words)
    if re.fullmatch(r"\d{1,3}(?:[ ,]\d{3})+|\d+", joined):
        digits = re.sub(r"[ ,]", "", joined)
        return int(digits) if len(digits) <= MAX_DIGITS else None
    if re.fullmatch(r"\d+ [a-z ]+", joined):  # "184 parties"
        digits = joined.split()[0]
        return int(digits) if len(digits) <= MAX_DIGITS else None
    return _SMALL_NUMBERS.get(words[0]) if len(words) <= 2 else None


def find_number(text: str) -> int | None:
    """The first number in a sentence ("around 400 staff members" → 400)."""
    match = re.search(r"\d[\d,]*", text)
    digits = match.group().replace(",", "") if match else ""
    return int(digits) if digits and len(digits) <= MAX_DIGITS else None
