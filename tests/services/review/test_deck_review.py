"""The deck is reviewed: every generated card was read and decided, on the draft it has now;
cards written by hand cite the paper truly; tiers agree with where a card comes from; every
error of the paper is asked; new cards come core first, in an order that makes sense."""

from __future__ import annotations

import pytest
from tests.content.test_quotes import _paper, normalised

from ocstudy.content.model import CardReview
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.cards import generate_cards
from ocstudy.quiz.deck import ReviewError, apply_review
from ocstudy.quiz.model import QuizCard, TextAnswer
from ocstudy.services.review.deck import content_deck


@pytest.fixture(scope="module")
def deck(content: ContentRepository) -> tuple[QuizCard, ...]:
    return content_deck(content, strict=True)


def test_every_generated_card_is_reviewed_on_its_current_draft(content: ContentRepository) -> None:
    """A change to the content cannot slip an unread card into the deck: the strict build
    fails on a card with no review, a review of a card that is gone, or a card whose prompt
    or answer changed since it was read (the message lists them all)."""
    try:
        content_deck(content, strict=True)
    except ReviewError as error:
        pytest.fail(f"the deck's review is not complete:\n{error}")


def test_a_review_applies_only_to_the_draft_it_was_made_on(all_cards: tuple[QuizCard, ...]) -> None:
    card = next(c for c in all_cards if isinstance(c.answer, TextAnswer) and c.choices)
    review = CardReview(card.id, "keep", "core", card.prompt, card.answer_text)
    assert apply_review(card, review) is not None
    with pytest.raises(ReviewError, match="changed since it was read"):
        apply_review(card, review._replace(asked=card.prompt + " (older draft)"))
    assert apply_review(card, review._replace(decision="drop", reason="x")) is None


def test_a_rewording_changes_prompt_answer_and_options(all_cards: tuple[QuizCard, ...]) -> None:
    card = next(c for c in all_cards if isinstance(c.answer, TextAnswer) and c.choices)
    others = [c for c in card.choices if c != card.answer_text]
    review = CardReview(
        card.id,
        "reword",
        "detail",
        card.prompt,
        card.answer_text,
        prompt="A better question?",
        answer="A better answer",
        options=("A better answer", *others),
        modes=("flashcard", "choice"),
        reason="clearer",
    )
    reworded = apply_review(card, review)
    assert reworded is not None
    assert (reworded.prompt, reworded.answer_text, reworded.tier) == (
        "A better question?",
        "A better answer",
        "detail",
    )
    assert reworded.choices == ("A better answer", *others)
    assert reworded.modes == ("flashcard", "choice")
    assert isinstance(reworded.answer, TextAnswer)
    assert reworded.answer.accepted[0] == "A better answer"
    with pytest.raises(ReviewError, match="not once among the options"):
        apply_review(card, review._replace(options=("x", "y", "z", "w")))
    with pytest.raises(ReviewError, match="modes"):
        apply_review(card, review._replace(modes=("order",)))


def test_a_date_answer_is_the_facts_and_is_never_reworded(all_cards: tuple[QuizCard, ...]) -> None:
    card = next(c for c in all_cards if c.kind == "date")
    review = CardReview(
        card.id, "reword", "core", card.prompt, card.answer_text, answer="1 May 1999", reason="x"
    )
    with pytest.raises(ReviewError, match="fix the fact"):
        apply_review(card, review)


def test_tiers_agree_with_where_a_card_comes_from(deck: tuple[QuizCard, ...]) -> None:
    """``extra`` is the record's alone; a card the paper gives is ``core`` or ``detail``."""
    wrong = [
        f"{card.id}: {card.origin}, {card.tier}"
        for card in deck
        if (card.origin == "record") != (card.tier == "extra")
    ]
    assert wrong == []


def test_every_choice_card_has_four_options_and_the_answer_once(
    deck: tuple[QuizCard, ...],
) -> None:
    wrong = [
        card.id
        for card in deck
        if "choice" in card.modes
        and (
            len(card.choices) != 4
            or len(set(card.choices)) != 4
            or card.choices.count(card.answer_text) != 1
        )
    ]
    assert wrong == []


@pytest.mark.skipif(not _paper().is_file(), reason="shared/source not beside")
def test_written_cards_quote_the_paper_verbatim(content: ContentRepository) -> None:
    paper = normalised(_paper().read_text(encoding="utf-8"))
    missing = [
        f"{card.card_id}: {card.quote!r}"
        for card in content.written_cards()
        if card.quote is not None and normalised(card.quote) not in paper
    ]
    assert missing == []


def test_every_error_of_the_paper_is_asked(
    content: ContentRepository, deck: tuple[QuizCard, ...]
) -> None:
    """Each fact on which the paper is wrong has a card that gives the paper's value and asks
    the record's ("The paper gives X; what does the record say?")."""
    asked = {fact for card in deck if card.kind == "paper_error" for fact in card.fact_ids}
    wrong: set[str] = set()
    for entity in content.entities():
        detail = content.detail(entity.slug)
        assert detail is not None
        wrong.update(fact.id for fact, _ in detail.differences)
    assert sorted(wrong - asked) == []


def test_a_fresh_learner_meets_the_core_first_in_reading_order(
    deck: tuple[QuizCard, ...],
) -> None:
    tiers = [card.tier for card in deck]
    assert tiers == sorted(tiers, key=["core", "detail", "extra"].index)
    first = {}
    for position, card in enumerate(deck):
        first.setdefault(card.entity_slug, position)
    assert first["untoc"] < first["tip-protocol"] < first["firearms-protocol"]


def test_generation_is_the_draft_and_the_deck_a_reading_of_it(
    content: ContentRepository, deck: tuple[QuizCard, ...]
) -> None:
    details = [content.detail(e.slug) for e in content.entities()]
    draft = {card.id for card in generate_cards(d for d in details if d is not None)}
    reviews = content.card_reviews()
    kept = {card_id for card_id, review in reviews.items() if review.decision != "drop"}
    written = {card.card_id for card in content.written_cards()}
    assert {card.id for card in deck} == (draft & kept) | written


def _entries() -> list[tuple[str, str, dict[str, object]]]:
    """(file, card id, entry) for every review and written card in the sources."""
    import tomllib

    from ocstudy import paths

    found = []
    for path in sorted((paths.content_sources_dir() / "cards").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for card_id, review in data.get("review", {}).items():
            found.append((path.name, card_id, review))
        for written in data.get("written", []):
            found.append((path.name, written["id"], written))
    return found


def test_every_card_the_first_reading_changed_or_doubted_was_read_again() -> None:
    """A second, independent reading of every rewording, drop, written card and doubt, its
    finding kept beside the first's reason (``checked``)."""
    unread = [
        f"{file}: {card_id}"
        for file, card_id, entry in _entries()
        if (entry.get("decision", "written") != "keep" or "[doubt]" in str(entry.get("reason", "")))
        and not str(entry.get("checked", "")).strip()
    ]
    assert unread == []


def test_the_options_of_every_choice_card_were_read(
    content: ContentRepository, deck: tuple[QuizCard, ...]
) -> None:
    """A card asked by choice shows what was read: its reader's options, or the generated
    ones as they were read (``offered``; a change to them fails the strict build)."""
    reviews = content.card_reviews()
    unread = [
        card.id
        for card in deck
        if "choice" in card.modes
        and card.id in reviews
        and reviews[card.id].options is None
        and reviews[card.id].offered is None
    ]
    assert unread == []
