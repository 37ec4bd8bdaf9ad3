"""Where a fact comes from reads one way wherever it is shown: the quiz's cards, the timeline,
the revision sheet, the detail page and the Anki deck cite the paper's place and the record by
the one formatter (``content/citing.py``)."""

from __future__ import annotations

from datetime import date
from html import escape

from ocstudy.content import citing
from ocstudy.content.model import Citation, Event
from ocstudy.content.repository import ContentRepository
from ocstudy.phrasing import keep_together
from ocstudy.render.colors import Colors
from ocstudy.render.detail import DetailRenderer
from ocstudy.services.exchange.anki_cards import CardContent, content_facts, source_html
from ocstudy.services.review.deck import content_deck
from ocstudy.services.sheet import SheetAssembler, SheetRequest
from ocstudy.services.sheet.model import Table
from ocstudy.services.timeline import timeline_items

COLORS = Colors("#000000", "#666666", "#0000ee", "#b3261e", "#fbe9e7", "#1e7b34", "#cccccc")


def _adopted(repository: ContentRepository) -> tuple[Event, Citation, Citation]:
    """The Firearms Protocol's adoption: dated by the paper's footnote 9, its place the
    record's (cited apart)."""
    event = next(e for e in repository.events() if e.id == "firearms-protocol:event:adopted")
    paper = next(c for c in event.citations if c.origin == "paper")
    place = next(c for c in event.citations if c.about == "place")
    return event, paper, place


def test_the_words_of_a_citation(repository: ContentRepository) -> None:
    _event, paper, place = _adopted(repository)
    assert citing.where(paper) == "\u00a7 References, footnote 9"
    assert citing.where(paper, short=True) == "\u00a7 References, fn 9"
    assert citing.source(place) == "the record (undocs.org)"
    secondary = place._replace(
        record_source="https://docslib.org/doc/1", record_source_kind="secondary: a copy"
    )
    assert citing.source(secondary) == "the record (docslib.org; secondary: a copy)"
    assert citing.source(secondary, short=True) == "record (docslib.org)"
    assert citing.on_record("Verified reference, table (a), row CPS") == "the record"
    assert citing.sources([paper, place]) == (
        "\u00a7 References, footnote 9",
        "place: the record (undocs.org)",
    )


def test_the_paper_differs_in_one_wording(repository: ContentRepository) -> None:
    wrong = next(
        c
        for e in repository.events()
        if e.id == "firearms-protocol:event:entry_into_force"
        for c in e.differences
    )
    says = "The paper says \u201cin force 3 June 2005\u201d (\u00a7 References, footnote 9)"
    assert citing.paper_says(wrong) == says
    assert citing.paper_note(wrong).startswith(f"{says}. ")
    assert citing.difference(wrong, "3 July 2005").startswith(
        f"{says}; the record says 3 July 2005 ("
    )


def test_every_view_cites_by_the_formatter(repository: ContentRepository) -> None:
    event, paper, place = _adopted(repository)
    full, short = citing.sources(event.citations), citing.sources(event.citations, short=True)

    item = next(i for i in timeline_items(repository) if i.key == event.id)
    assert item.sources == full

    sheet = SheetAssembler(repository).assemble(SheetRequest("all"), date(2026, 12, 1))
    chronology = next(b for b in sheet.sections[0].blocks if isinstance(b, Table))
    rows = dict(zip((e.id for e in repository.events()), chronology.rows, strict=True))
    assert rows[event.id][4].text == "; ".join(keep_together(s) for s in short)

    cards = [c for c in content_deck(repository) if event.id in c.fact_ids]
    assert cards and all(set(c.sources) <= {*full, citing.source(place)} for c in cards)
    assert any(citing.where(paper) in c.sources for c in cards)

    content = CardContent.of(repository.entities(), repository.themes, content_facts(repository))
    assert escape(citing.where(paper), quote=False) in source_html(cards[0], content)

    detail = repository.detail("firearms-protocol")
    assert detail is not None
    compact = DetailRenderer(COLORS, str).render(detail, {}, has_note=False)
    assert escape(keep_together(citing.where(paper, short=True))) in compact
    long = DetailRenderer(COLORS, str, frozenset({event.id})).render(detail, {}, has_note=False)
    assert escape(keep_together(citing.section_mark("References"))) + ", <a href" in long
    assert f'<a href="#fn9">{keep_together(citing.footnote_words(9))}</a>' in long
