"""The paper's misspellings and the reference's row keys are never names to learn."""

from __future__ import annotations

import pytest

from ocstudy.content.repository import ContentRepository

PAPER_SPELLINGS = {
    "ccpcj": "UNCCPCJ",
    "untoc": "United National Convention against Transnational Organized Crime",
    "unodc": "United Nations Office on Drugs and Crimes",
    "cnd": "commission on Narcotics Drugs",
    "drug-supervisory-body": "Drug supervisory Board",
    "smuggling-protocol": "Protocol against the Smuggling of Migrants by Land, Seas and Air",
}


@pytest.mark.parametrize(("slug", "spelling"), sorted(PAPER_SPELLINGS.items()))
def test_a_paper_spelling_is_shown_as_such_not_as_a_name(
    repository: ContentRepository, slug: str, spelling: str
) -> None:
    entity = repository.entity(slug)
    assert entity is not None
    assert spelling in entity.paper_spellings
    assert spelling not in (*entity.abbreviations, *entity.names, entity.short_name, entity.title)
    assert slug in repository.search(spelling)[:5]


def test_no_name_or_abbreviation_is_one_of_the_papers_misspellings(
    repository: ContentRepository,
) -> None:
    slips = {s.casefold() for e in repository.entities() for s in e.paper_spellings}
    taught = {n.casefold() for e in repository.entities() for n in (*e.abbreviations, *e.names)}
    assert slips and not slips & taught
    assert not [n for n in taught if "crimes" in n or "united national" in n]


@pytest.mark.parametrize("key", ["FP", "SOM", "TIP", "CPS"])
def test_reference_row_keys_are_not_abbreviations(repository: ContentRepository, key: str) -> None:
    assert not [e.slug for e in repository.entities() if key in e.abbreviations]
    assert [e for e in repository.entities() if e.ref_key == key]


def test_no_quiz_card_asks_or_accepts_a_paper_spelling_or_a_row_key(
    repository: ContentRepository,
) -> None:
    from ocstudy.quiz.cards import generate_cards

    details = [repository.detail(e.slug) for e in repository.entities()]
    cards = generate_cards([d for d in details if d is not None])
    banned = {s.casefold() for e in repository.entities() for s in e.paper_spellings}
    banned |= {"fp", "som", "tip", "cps"}
    offending = [
        card.id
        for card in cards
        for text in (card.answer_text, *card.choices, *getattr(card.answer, "accepted", ()))
        if text.casefold() in banned
    ]
    assert cards and offending == []


def test_the_json_export_keeps_spellings_and_paraphrases_apart(
    repository: ContentRepository,
) -> None:
    from ocstudy.services.exchange.content_json import export_document

    document = export_document(repository)
    ccpcj = document["bodies"]["ccpcj"]
    assert ccpcj["paper_spellings"] == ["UNCCPCJ"]
    assert "UNCCPCJ" not in ccpcj["abbreviations"] + ccpcj["names"]
    (auspices,) = [
        s
        for s in document["instruments"]["single-convention"]["statements"]
        if s["kind"] == "auspices"
    ]
    (citation,) = auspices["citations"]
    assert citation["quote"] == "under the conservancy of United Nations"
    assert "auspices" in citation["paraphrase"]
