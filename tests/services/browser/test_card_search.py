"""The cards browser's search parser: Anki's syntax in, a clear one-line error or a matcher
out; arbitrary text never raises anything else."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocstudy.services.browser.query import (
    AllOf,
    AnyOf,
    Field,
    Flag,
    Is,
    Not,
    Prop,
    Rated,
    SearchContext,
    Text,
)
from ocstudy.services.browser.rows import CardRow
from ocstudy.services.browser.search import SearchSyntaxError, parse_search


def row(**values: object) -> CardRow:
    base: dict[str, object] = dict(
        id="c1", question="When did UNTOC enter into force?", answer="29 September 2003",
        entity="UNTOC", entity_slugs=("untoc",), theme="Organized crime",
        themes=("organized-crime",), kind="date", state="review",
        due=datetime(2026, 12, 1, tzinfo=UTC), due_days=1, is_due=False, interval=31.0,
        stability=30.0, difficulty=5.0, retrievability=0.93, reps=4, lapses=1, flag=0,
        own=False, suspended=False, buried=False, leech=False, haystack="", tier="core",
        origin="paper",
    )  # fmt: skip
    base.update(values)
    card = CardRow(**base)  # type: ignore[arg-type]
    text = f"{card.question}\n{card.answer}\n{card.entity}".casefold()
    return card._replace(haystack=text)


CONTEXT = SearchContext(lambda days, rating: frozenset({"c1"} if rating in (None, 3) else ()))


def matches(query: str, card: CardRow | None = None) -> bool:
    return parse_search(query).matcher(CONTEXT)(card or row())


def test_the_tree_of_each_construct() -> None:
    assert parse_search("").term == AllOf(())
    assert parse_search('"Entered into" -date').term == AllOf(
        (Text("entered into"), Not(Text("date")))
    )
    assert parse_search("a or b c").term == AnyOf((Text("a"), AllOf((Text("b"), Text("c")))))
    assert parse_search("(a or b) c").term == AllOf((AnyOf((Text("a"), Text("b"))), Text("c")))
    assert parse_search("a AND b").term == AllOf((Text("a"), Text("b")))
    assert parse_search("entity:UNTOC").term == Field("entity", "untoc")
    assert parse_search('theme:"money-laundering"').term == Field("theme", "money-laundering")
    assert parse_search("is:due").term == Is("due")
    assert parse_search("flag:3").term == Flag(3)
    assert parse_search("prop:r<0.8").term == Prop("r", "<", 0.8)
    assert parse_search("rated:7:1").term == Rated(7, 1)
    assert parse_search("co-operation").term == Text("co-operation")
    assert parse_search('"kind:date"').term == Text("kind:date")  # quoted: plain text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("untoc", True),
        ("UNTOC septem*2003", True),
        ('"enter into force"', True),
        ('"force enter"', False),
        ("-untoc", False),
        ("palermo or untoc", True),
        ("-(palermo or untoc)", False),
        ("entity:untoc", True),
        ("entity:unt*", True),
        ("entity:unto", False),
        ("theme:organized-crime", True),
        ("kind:date", True),
        ("kind:date_reverse", False),
        ("is:review", True),
        ("is:new", False),
        ("is:learn", False),
        ("is:due", False),
        ("is:suspended or is:buried or is:leech or is:own", False),
        ("flag:0", True),
        ("flag:1", False),
        ("prop:due<=1", True),
        ("prop:due<1", False),
        ("prop:ivl>=30", True),
        ("prop:r<0.8", False),
        ("prop:lapses>0", True),
        ("prop:reps!=4", False),
        ("prop:s>=30 prop:d=5", True),
        ("rated:7", True),
        ("rated:7:3", True),
        ("rated:7:1", False),
        ("tier:core", True),
        ("tier:c*", True),
        ("tier:extra", False),
        ("is:paper", True),
        ("is:record", False),
        ("is:paper -tier:detail", True),
    ],
)
def test_matching(query: str, expected: bool) -> None:
    assert matches(query) is expected


def test_a_new_card_has_no_due_interval_or_memory() -> None:
    new = row(state="new", due=None, due_days=None, interval=None, stability=None,
              difficulty=None, retrievability=None, reps=0, lapses=0)  # fmt: skip
    assert matches("is:new", new)
    assert not matches("prop:due<=100", new)
    assert not matches("prop:ivl>=0", new)
    assert not matches("prop:r<1", new)
    assert matches("prop:reps=0", new)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("(a", "not closed"),
        ("a)", "has no"),
        ("()", "nothing inside"),
        ("a or", "each side"),
        ("or a", "each side"),
        ("a and", "each side"),
        ('"open', "not closed"),
        ("-", "followed by"),
        ("colour:red", "not a search field"),
        ("theme:", "needs a value"),
        ("is:asleep", "is:asleep"),
        ("flag:9", "0 to 7"),
        ("prop:ivl", "comparison"),
        ("prop:size>1", "prop:size"),
        ("prop:ivl>=x", "not a number"),
        ("prop:r<nan", "not a number"),
        ("rated:0", "1 to 365"),
        ("rated:400", "1 to 365"),
        ("rated:7:5", "rating"),
        ('""', "empty phrase"),
        ("tier:gold", "tier:core, tier:detail, tier:extra"),
    ],
)
def test_bad_queries_say_what_is_wrong(query: str, message: str) -> None:
    with pytest.raises(SearchSyntaxError) as raised:
        parse_search(query)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


ALPHABET = st.sampled_from([*'ab:-()" *<>=!.01:isprop', " or ", " and ", "is:", "prop:"])


@given(st.text() | st.lists(ALPHABET, max_size=20).map("".join))
def test_arbitrary_text_never_raises_anything_but_a_clear_error(query: str) -> None:
    try:
        search = parse_search(query)
    except SearchSyntaxError as problem:  # one of the two outcomes, not an expected error
        assert str(problem)  # noqa: PT017
        return
    search.matcher(CONTEXT)(row())  # and matching what it read never raises either
