"""The card lint (``card_lint.py``) catches each class of problem, and the deck a learner meets
passes it within the targets."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.building import MARKERS
from ocstudy.quiz.model import QuizCard
from ocstudy.services.review.deck import content_deck

from .card_lint import CLASSES, GIVEAWAY_TARGET, Deck, deck_problems, lint, single_kind, waivers


@pytest.fixture(scope="module")
def deck(content: ContentRepository) -> Deck:
    return Deck.of(content)


@pytest.fixture(scope="module")
def reviewed(content: ContentRepository) -> tuple[QuizCard, ...]:
    return content_deck(content)


def test_every_card_of_the_deck_passes_the_lint(
    content: ContentRepository, reviewed: tuple[QuizCard, ...], deck: Deck
) -> None:
    """No card with a second right answer, without a single answer, with template residue,
    codes, duplicate options or a misplaced marker, but where its reader waived the class
    with the reason (``waive``); giveaways within their target (below)."""
    problems = deck_problems(reviewed, deck, waivers(content))
    assert [p for p in problems if not p[1].startswith("giveaway")] == []


def test_giveaways_are_within_the_target(
    content: ContentRepository, reviewed: tuple[QuizCard, ...], deck: Deck
) -> None:
    """At most 2 % of the choice cards can be answered from a name, a year, a place, the
    kind or the form of an option."""
    choice = tuple(card for card in reviewed if "choice" in card.modes)
    problems = deck_problems(choice, deck, waivers(content))
    given_away = sorted({card_id for card_id, kind, _ in problems if kind.startswith("give")})
    assert len(given_away) <= GIVEAWAY_TARGET * len(choice), given_away


def test_every_waiver_is_one_the_lint_still_needs(
    content: ContentRepository, reviewed: tuple[QuizCard, ...], deck: Deck
) -> None:
    """A waiver names a class the lint finds on the card: one left over when the card or
    the lint changed is said, so a waiver never hides a later problem unread."""
    found = {(card_id, kind) for card_id, kind, _ in deck_problems(reviewed, deck, {})}
    waived = {(card_id, kind) for card_id, kinds in waivers(content).items() for kind in kinds}
    assert sorted(waived - found) == []
    assert {kind for _, kind in waived} <= set(CLASSES)


def test_the_issues_examples_have_one_right_answer(
    all_cards: tuple[QuizCard, ...], deck: Deck
) -> None:
    """ECOSOC created CND as well as CCPCJ; INCB supervises the Single Convention it was
    created by; the General Assembly adopted what its special session adopted."""
    assert ("ecosoc", "created", "cnd") in deck.truths
    assert ("incb", "monitors", "single-convention") in deck.truths
    assert ("political-declaration-1998", "adopted_by", "unga") in deck.truths
    cards = {card.id: card for card in all_cards}
    assert "CND" not in cards["ecosoc:relation:created:ccpcj:forward"].choices
    assert (
        "Single Convention" not in cards["incb:relation:monitors:convention-1971:forward"].choices
    )


# -- the lint catches each class ---------------------------------------------------------------


def _card(all_cards: tuple[QuizCard, ...], card_id: str) -> QuizCard:
    return next(card for card in all_cards if card.id == card_id)


def _classes(card: QuizCard, deck: Deck) -> set[str]:
    return {kind for kind, _ in lint(card, deck)}


def _offering(card: QuizCard, *options: str) -> QuizCard:
    """``card`` asked by choice among ``options``."""
    modes = card.modes if "choice" in card.modes else (*card.modes, "choice")
    return replace(card, choices=options, modes=modes)


def test_the_lint_catches_a_second_right_answer(
    all_cards: tuple[QuizCard, ...], deck: Deck
) -> None:
    card = _card(all_cards, "ecosoc:relation:created:ccpcj:forward")
    wrong = [o for o in card.choices if o != card.answer_text]
    broken = replace(card, choices=(card.answer_text, "CND", *wrong[:2]))
    assert "second right answer" in _classes(broken, deck)
    unit = _card(all_cards, "aml-unit:relation:part_of:unodc:forward")
    parent = _offering(unit, "UNODC", "United Nations", "INCB", "ICAT")
    assert "second right answer" in _classes(parent, deck)  # the unit's office is in the UN


def test_the_lint_catches_a_question_without_a_single_answer(
    all_cards: tuple[QuizCard, ...], deck: Deck
) -> None:
    created = _card(all_cards, "ecosoc:relation:created:ccpcj:forward")
    assert "no single answer" in _classes(created, deck), created.prompt  # CND too
    adopted = _card(all_cards, "untoc:relation:adopted_by:unga:forward")
    assert "no single answer" not in _classes(adopted, deck)  # the UN too, but less exactly
    count = next(c for c in all_cards if c.kind == "count" and c.choices)
    answer = count.answer.value  # type: ignore[union-attr]
    close = (count.answer_text, str(answer + 1), str(answer * 2), str(answer * 3))
    assert "no single answer" in _classes(replace(count, choices=close), deck)


def test_the_lint_catches_giveaways(all_cards: tuple[QuizCard, ...], deck: Deck) -> None:
    signed = _card(all_cards, "geneva-convention:event:signed:forward")
    years = ("19 February 1925", "28 June 1919", "15 December 1920", "19 October 1924")
    assert "giveaway: name" in _classes(_offering(signed, *years), deck)
    shanghai = _card(all_cards, "shanghai-commission:event:conference:reverse")
    named = ("Shanghai Opium Commission", "Fifth UN Crime Congress", "UNGASS 1998",
             "Twelfth UN Crime Congress")  # fmt: skip
    assert "giveaway: name" in _classes(_offering(shanghai, *named), deck)
    force = _card(all_cards, "single-convention:event:entry_into_force:reverse")
    later = ("Single Convention", "1971 Convention", "1988 Vienna Convention", "UN Charter")
    assert "giveaway: later year" in _classes(_offering(force, *later), deck)
    first = _card(all_cards, "opium-advisory-committee:event:first_meeting:forward")
    shaped = ("2\u20135 May 1921", "13 May 1921", "2 June 1921", "5 March 1921")
    assert "giveaway: form" in _classes(_offering(first, *shaped), deck)
    parties = _card(all_cards, "untoc:count:parties:forward")
    rounded = ("185", "170", "200", "220")
    assert "giveaway: form" in _classes(_offering(parties, *rounded), deck)


def test_the_lint_catches_single_kind_options(all_cards: tuple[QuizCard, ...], deck: Deck) -> None:
    card = _card(all_cards, "untoc:relation:created:cop-untoc:reverse")
    broken = replace(card, choices=("UNTOC", "GPML", "ICAT", "League of Nations"))
    assert "giveaway: kind" in _classes(broken, deck)
    assert single_kind(broken, deck)
    abbreviation = _card(all_cards, "icat:abbreviation:ICAT:forward")
    lone = (abbreviation.answer_text, "Commission on Narcotic Drugs", "Drug Supervisory Body",
            "Economic and Social Council")  # fmt: skip
    assert "giveaway: kind" in _classes(replace(abbreviation, choices=lone), deck)


def test_the_lint_catches_template_residue(all_cards: tuple[QuizCard, ...], deck: Deck) -> None:
    card = _card(all_cards, "untoc:relation:created:cop-untoc:reverse")
    for prompt in (
        "The World Day against Trafficking, first observance: when?",
        "CND, session that adopted the 2009 Political Declaration: which number?",
        "ICAT&#x27;s principals?",
        "Which {s} created None?",
        "How many modules does the E-learning modules on migrant smuggling have?",
        "Which body does the E-learning modules on migrant smuggling advise?",
        "Which report covers UNODC?",
        "Which resolution goes with the Firearms Protocol?",
    ):
        assert "template residue" in _classes(replace(card, prompt=prompt), deck), prompt
    chronology = next(c for c in all_cards if c.kind == "chronology_first")
    stub = "ICAT: first joint video statement of its principals"
    stubbed = replace(chronology, choices=(stub, *chronology.choices[1:]))
    assert "template residue" in _classes(stubbed, deck)
    league = _card(all_cards, "league-of-nations:relation:monitors:hague-convention:forward")
    present = replace(league, prompt="Which instrument does the League of Nations monitor?")
    assert "template residue" in _classes(present, deck)


def test_the_lint_catches_entity_codes(all_cards: tuple[QuizCard, ...], deck: Deck) -> None:
    card = _card(all_cards, "untoc:relation:created:cop-untoc:reverse")
    assert "entity codes" in _classes(replace(card, prompt="Which body created cop-untoc?"), deck)
    abbreviation = _card(all_cards, "icat:abbreviation:ICAT:forward")
    coded = replace(abbreviation, prompt="What does C88 stand for?")  # the reference's row key
    assert "C88" in deck.codes and "entity codes" in _classes(coded, deck)


def test_the_lint_catches_a_marker_on_the_wrong_field(
    all_cards: tuple[QuizCard, ...], deck: Deck
) -> None:
    place = _card(all_cards, "west-central-africa-strategy:event:launched:place")
    assert place.marker != MARKERS["differs"]
    broken = replace(
        place,
        marker=MARKERS["differs"],
        paper_notes=("The paper says “September 2015” (Section, footnote 3).",),
    )
    assert "marker on the wrong field" in _classes(broken, deck)
    date = _card(all_cards, "firearms-protocol:event:entry_into_force:forward")
    assert "marker on the wrong field" in _classes(replace(date, marker=None), deck)


def test_the_lint_catches_duplicate_options(all_cards: tuple[QuizCard, ...], deck: Deck) -> None:
    card = _card(all_cards, "untoc:relation:created:cop-untoc:reverse")
    wrong = [o for o in card.choices if o != card.answer_text]
    broken = replace(card, choices=(card.answer_text, wrong[0], wrong[0], wrong[1]))
    assert "duplicate options" in _classes(broken, deck)
    synonym = replace(card, choices=(card.answer_text, "Palermo Convention", *wrong[:2]))
    assert "duplicate options" in _classes(synonym, deck)


def test_cards_by_kind(all_cards: tuple[QuizCard, ...]) -> None:
    """Every kind the generator makes is linted (the figures for the issue's closing note)."""
    counts = Counter(card.kind for card in all_cards)
    assert counts["statement"] and counts["provision"], counts


# -- shown text -------------------------------------------------------------------------------


def _shown(label: object) -> str:
    """What a QLabel puts on screen: its text, read as rich text where Qt takes it for that."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QLabel

    assert isinstance(label, QLabel)
    text, kind = label.text(), label.textFormat()
    rich = kind == Qt.TextFormat.RichText or (
        kind == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)  # type: ignore[attr-defined]
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def test_prompts_are_shown_escaped_exactly_once(
    qtbot: object, all_cards: tuple[QuizCard, ...]
) -> None:
    """'ICAT&#x27;s principals' was on screen: the prompt was escaped for rich text and then
    shown as plain text."""
    from ocstudy.quiz.session import Progress
    from ocstudy.ui.quiz.card_page import CardPage

    page = CardPage()
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    card = next(c for c in all_cards if c.kind == "date")
    for prompt in ("When did ICAT's principals meet?", "Is 1 < 2 & 3 > 2?"):
        progress = Progress(done=0, new=1, learning=0, review=0, left=1, minutes_left=1)
        page.show_card(replace(card, prompt=prompt), "flashcard", progress, {}, "")
        assert _shown(page.prompt) == prompt
