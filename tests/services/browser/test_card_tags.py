"""The learner's own tags on cards (issue 23), below the window: what a tag may be, the
store (case aside, a union when merging, a row it cannot read left in place), the actions and
their undo with a later change kept, ``tag:`` in the search, and a sidebar item's search
joined to the one in the field."""

from __future__ import annotations

import pytest

from ocstudy.services.browser.actions import CardActions
from ocstudy.services.browser.search import SearchSyntaxError, combined, parse_search
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.card_tags import (
    TagError,
    TagStore,
    clean_tag,
    parse_tags,
    sorted_tags,
    tag_problem,
)

from .test_card_actions import found


@pytest.mark.parametrize(
    "name", ["exam", "Weak-dates", "2024", "ünodc", "résumé.1", "a_b", "x" * 60, "日本"]
)
def test_a_tag_is_a_word(name: str) -> None:
    assert tag_problem(name) is None
    assert clean_tag(name) == name


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "at least one character"),
        ("two words", "a space"),
        ('"x"', "a quote"),
        ("a:b", "a colon"),
        ("ex*", "a *"),
        ("(x)", "a ("),
        ("a\u0000b", "U+0000"),
        ("a\u200eb", "U+200E"),
        ("-x", "cannot start with"),
        ("NONE", "tag:none"),
        ("x" * 61, "longer than 60"),
    ],
)
def test_what_cannot_be_a_tag_says_why(name: str, why: str) -> None:
    problem = tag_problem(name)
    assert problem is not None and why in problem


def test_tags_are_read_from_text_once_each_case_aside() -> None:
    assert parse_tags(" exam,Weak  exam\tEXAM weak ") == ("exam", "Weak")
    with pytest.raises(TagError, match="no tag given"):
        parse_tags(" , ")
    with pytest.raises(TagError, match="a colon"):
        parse_tags("fine a:b")
    assert sorted_tags(["b", "A", "a", "C"]) == ("A", "b", "C")


@pytest.mark.parametrize(
    ("value", "made"),
    [(2024, "2024"), ("two words", "two-words"), ("-x", "x"), ("a:b*c", "a-b-c"), ("***", None)],
)
def test_a_value_that_is_no_tag_is_made_one_for_a_repair(value: object, made: str | None) -> None:
    assert clean_tag(value) == made
    assert clean_tag(b"bytes") is None and clean_tag(None) is None


def test_the_store_adds_removes_and_merges_without_ever_dropping_a_tag(
    service: QuizService,
) -> None:
    store: TagStore = service.schedule.marks.tags
    db = service.schedule.reviews.database
    with db.atomic():
        store.write("a", ("exam",))
        db.execute("INSERT INTO card_tags VALUES ('a', 'two words')")  # a hand edit
    said: list[str] = []
    db.unreadable_rows.listen(said.append)
    assert store.tags() == {"a": ("exam",)}
    assert len(said) == 1 and "'two words'" in said[0] and "left out" in said[0]
    with db.atomic():
        store.write("a", ("weak",))
    rows = sorted(db.execute("SELECT tag FROM card_tags WHERE card_id = 'a'").fetchall())
    assert rows == [("two words",), ("weak",)], "the unreadable row is left in place"
    merged = store.merge({"a": ("WEAK", "exam"), "b": ("exam",), "c": ()})
    assert (merged.added, merged.cards) == (2, 2)
    assert store.tags() == {"a": ("exam", "weak"), "b": ("exam",)}
    assert store.merge({"a": ("exam",)}).added == 0


def test_tag_actions_are_undone_and_keep_a_later_change(service: QuizService) -> None:
    actions = CardActions(service.schedule)
    ids = [card.id for card in service.catalogue.cards()[:3]]
    change = actions.add_tags(ids, ("exam",))
    assert change.message == "Added the tag \u201cexam\u201d to 3 cards"
    assert found(service, "tag:exam") == set(ids)
    assert found(service, "tag:EX*") == set(ids)
    assert ids[0] not in found(service, "tag:none")
    CardActions(service.schedule).remove_tags([ids[0]], ("exam",))  # a later change, elsewhere
    assert actions.undo_last() == (
        "Undone: added the tag \u201cexam\u201d to 3 cards; 1 card changed since and kept as "
        "they are now (undo them by hand if you want to)"
    )
    assert service.schedule.marks.tags.tags() == {}
    again = actions.add_tags(ids[:1], ("exam",))
    assert actions.add_tags(ids[:1], ("Exam",)).edits == ()  # it has it already
    assert again.edits and actions.remove_tags(ids, ("EXAM",)).message == (
        "Removed the tag \u201cEXAM\u201d from 1 card"
    )


def test_tag_searches_read_and_say_what_is_wrong() -> None:
    assert parse_search("tag:exam").text == "tag:exam"
    with pytest.raises(SearchSyntaxError, match="needs a value, as in tag:exam"):
        parse_search("tag:")


@pytest.mark.parametrize(
    ("current", "added", "join", "negate", "expected"),
    [
        ("", "theme:firearms", "and", False, "theme:firearms"),
        ("is:due", "theme:firearms", "replace", False, "theme:firearms"),
        ("is:due", "theme:firearms", "and", False, "is:due theme:firearms"),
        ("is:due or is:new", "tier:core", "and", False, "(is:due or is:new) tier:core"),
        ("is:due", "kind:date or kind:place", "and", False, "is:due (kind:date or kind:place)"),
        ("is:due", "flag:1", "or", False, "is:due or flag:1"),
        ("is:due", "flag:1", "and", True, "is:due -flag:1"),
        ("is:due", "a b", "and", True, "is:due -(a b)"),
        ("(bad", "flag:1", "and", False, "flag:1"),
    ],
)
def test_a_sidebar_item_joins_the_search_as_in_anki(
    current: str, added: str, join: str, negate: bool, expected: str
) -> None:
    assert combined(current, added, join, negate=negate) == expected  # type: ignore[arg-type]
    parse_search(expected)  # always a search that can be read
