"""The cards as Anki renders them: the deck imported into a fresh collection with Anki's own
code, and the question and answer HTML of every card kind checked."""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import NamedTuple

import pytest

from ocstudy.content.model import Fact
from ocstudy.content.repository import ContentRepository
from ocstudy.content.vocabulary import WRITTEN_KINDS
from ocstudy.quiz.model import CARD_KINDS, QuizCard
from ocstudy.services.exchange.anki_cards import CardContent, new_positions, shuffled_choices
from ocstudy.services.exchange.anki_export import export_anki_deck

from .conftest import import_package, note_of

pytest.importorskip("anki.collection")

NOTE = """# Palermo

**Signed** in *December* 2000, see [the UN](https://www.un.org).

- point one
- point two <script>alert(1)</script>
"""
#: What Markdown looks like when it was not rendered.
MARKDOWN_LEFT = re.compile(r"(^|>)\s*(#+ |- |\* )|\*\*|\]\(|<script", re.MULTILINE)


class Rendered(NamedTuple):
    question: str
    answer: str
    tags: list[str]
    sort_field: str
    due: int
    type: int


@pytest.fixture(scope="module")
def rendered(
    repository: ContentRepository,
    cards: tuple[QuizCard, ...],
    facts: tuple[Fact, ...],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Rendered]:
    """The Anki card of each quiz card, as Anki renders it; every entry has a note."""
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("anki")
    package = folder / "deck.apkg"
    notes = {entity.slug: NOTE for entity in repository.entities()}
    export_anki_deck(
        cards,
        repository.entities(),
        notes,
        package,
        include_notes=True,
        themes=repository.themes,
        facts=facts,
    )
    col = Collection(str(folder / "collection.anki2"))
    try:
        import_package(col, package)
        out = {}
        for card in cards:
            note = note_of(col, card.id)
            (c,) = note.cards()
            out[card.id] = Rendered(
                c.question(), c.answer(), note.tags, note.fields[0], c.due, c.type
            )
        return out
    finally:
        col.close()


def test_every_card_kind_renders_its_question_and_answer(
    rendered: dict[str, Rendered], cards: tuple[QuizCard, ...]
) -> None:
    kinds = {c.kind for c in cards}  # every kind the reviewed deck asks, written ones too
    assert set(WRITTEN_KINDS) <= kinds <= set(CARD_KINDS) | set(WRITTEN_KINDS)
    assert len(kinds) >= 15
    for card in cards:
        question, answer = rendered[card.id][:2]
        assert card.prompt.split(",")[0] in question, card.id
        if card.entity_slug:  # a card on the paper as a whole has no entry, and no note
            assert answer.count("My note") == 1 and "<h1>Palermo</h1>" in answer, card.id
            assert "<strong>Signed</strong>" in answer and '<a href="https://www.un.org">' in answer
            assert "&lt;script&gt;" in answer, card.id
        assert not MARKDOWN_LEFT.search(answer), card.id
        assert "Entry: " in answer and ("Paper: § " in answer or "Record: " in answer), card.id


def test_the_record_and_its_source_are_on_every_paper_differs_card(
    rendered: dict[str, Rendered], cards: tuple[QuizCard, ...], facts: tuple[Fact, ...]
) -> None:
    by_id = {f.id: f for f in facts}
    differs = [c for c in cards if c.paper_notes]
    assert len(differs) >= 20  # 24 since the content's corrections and the markers' fix
    for card in differs:
        answer = rendered[card.id].answer
        blocks = re.findall(r"<p>⚠ (.*?)</p>", answer)
        citations = [c for i in card.fact_ids for c in by_id[i].differences]
        assert len(blocks) == len({(c.says, c.note) for c in citations}) > 0, card.id
        for block in blocks:
            assert "The paper says" in block and "The record says" in block, card.id
            assert re.search(r'\(<a href="https?://[^"]+">[^<]+</a>', block), card.id
        for kind in {c.record_source_kind for c in citations if c.record_source_kind}:
            assert html.escape(kind, quote=False) in answer, (card.id, kind)  # secondary: said
        assert "ocstudy::status::paper-differs" in rendered[card.id].tags


def test_details_never_repeat_the_question_or_the_answer(
    rendered: dict[str, Rendered], cards: tuple[QuizCard, ...]
) -> None:
    abbreviation = next(c for c in cards if c.id == "untoc:abbreviation:UNTOC:forward")
    assert "<li>UNTOC</li>" not in rendered[abbreviation.id][1]
    relation = next(c for c in cards if c.kind == "relation")
    assert ": " not in "".join(
        re.findall(r'<ul class="details">.*?</ul>', rendered[relation.id][1])
    )


def test_ordering_answers_are_a_numbered_list_of_dates_and_events(
    rendered: dict[str, Rendered], cards: tuple[QuizCard, ...]
) -> None:
    for card in cards:
        if not card.kind.startswith("chronology"):
            continue
        answer = rendered[card.id][1]
        items = re.findall(r'<ol class="order">(.*?)</ol>', answer)[0].split("</li>")[:-1]
        assert len(items) == 4 and all(" — " in item for item in items), card.id
        assert "→" not in answer


def test_which_came_first_choices_are_shuffled(cards: tuple[QuizCard, ...]) -> None:
    first = [c for c in cards if c.kind == "chronology_first"]
    places = Counter(shuffled_choices(c).index(c.answer_text) for c in first)
    assert len(places) > 1 and all(sorted(shuffled_choices(c)) == sorted(c.choices) for c in first)
    assert [shuffled_choices(c) for c in first] == [shuffled_choices(c) for c in first]


def test_tags_are_under_ocstudy_and_new_positions_distinct(
    rendered: dict[str, Rendered],
    cards: tuple[QuizCard, ...],
    repository: ContentRepository,
    facts: tuple[Fact, ...],
) -> None:
    assert all(t.startswith("ocstudy::") for r in rendered.values() for t in r.tags)
    dues = [r.due for r in rendered.values()]
    assert len(set(dues)) == len(cards) and {r.type for r in rendered.values()} == {0}  # new
    positions = new_positions(
        cards, CardContent.of(repository.entities(), repository.themes, facts)
    )
    first_theme = repository.themes[0].key
    theme_of = {c.id: c.themes[0] for c in cards}
    ordered = sorted(positions, key=positions.__getitem__)
    themes_seen = list(dict.fromkeys(theme_of[i] for i in ordered))
    assert themes_seen[0] == first_theme and len(themes_seen) == len(set(theme_of.values()))


def test_the_sort_field_starts_with_a_hidden_key_by_entry(
    rendered: dict[str, Rendered],
) -> None:
    card = rendered["untoc:event:entry_into_force:forward"]
    key = '<span class="sort-key" hidden>Organized crime · 2000 · UNTOC · </span>'
    assert card.sort_field.startswith(key) and key in card.question
