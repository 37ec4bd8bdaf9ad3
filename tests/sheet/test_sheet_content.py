"""What the sheet's document model holds, before any drawing: the reading order, the
differences worded as on screen, and a timeline figure with every event in its own glyph."""

from __future__ import annotations

from datetime import date

from ocstudy.content.repository import ContentRepository
from ocstudy.services.sheet import SheetAssembler, SheetRequest
from ocstudy.services.sheet.entries import short_summary
from ocstudy.services.sheet.model import Difference, Table, TimelineFigure


def test_conventions_come_first_with_their_protocols_under_them(
    repository: ContentRepository,
) -> None:
    sheet = SheetAssembler(repository).assemble(SheetRequest("all"), date(2026, 12, 1))
    groups = [s.anchor for s in sheet.sections[1:]]
    assert groups[:3] == ["group-conventions", "group-declarations", "group-programmes"]
    assert groups[-1] == "group-bodies"
    entries = sheet.sections[1].sections
    conventions = [s.slug for s in entries]
    assert conventions.index("hague-convention") < conventions.index("single-convention")
    after_untoc = entries[conventions.index("untoc") + 1 :][:4]
    assert [(s.slug, s.level) for s in after_untoc[:3]] == [
        ("smuggling-protocol", 3),
        ("tip-protocol", 3),
        ("firearms-protocol", 3),
    ]
    assert after_untoc[3].level == 2
    assert sorted(sheet.entry_slugs) == sorted(e.slug for e in repository.entities())


def test_every_difference_of_an_entry_is_on_its_sheet(repository: ContentRepository) -> None:
    sheet = SheetAssembler(repository).assemble(
        SheetRequest("entity", "firearms-protocol"), date(2026, 12, 1)
    )
    entry = next(s for s in sheet.walk() if s.slug == "firearms-protocol")
    differences = [b for b in entry.blocks if isinstance(b, Difference)]
    detail = repository.detail("firearms-protocol")
    assert detail is not None
    assert len(differences) == len(detail.differences) == 3
    assert {(d.paper, d.record) for d in differences} == {
        ("in force 3 June 2005", "3 July 2005"),
        ("55/225", "55/255"),
        (
            "marketing",
            "Provisions on the manufacturing, marking, tracing, record-keeping and international "
            "transfers of firearms.",
        ),
    }
    assert all(d.source and d.source.startswith("http") for d in differences)


def test_a_summary_is_cut_at_a_sentence() -> None:
    text = "First sentence here. " + "Second one is much longer " * 20 + "end."
    assert short_summary(text) == "First sentence here."
    assert short_summary("word " * 100).endswith("\u2026")
    assert len(short_summary("word " * 100)) <= 231


def test_the_figure_labels_every_event_inside_the_page(
    repository: ContentRepository, qapp: object
) -> None:
    from PySide6.QtGui import QFont

    from ocstudy.ui.sheet.figure import FigureLayout

    sheet = SheetAssembler(repository).assemble(SheetRequest("all"), date(2026, 12, 1))
    figure = next(b for b in sheet.sections[0].blocks if isinstance(b, TimelineFigure))
    assert len(figure.items) == len(repository.events())
    font = QFont()
    font.setPixelSize(9)
    layout = FigureLayout(figure, 680.0, font)
    glyphs = [g for lane in layout.lanes for g in lane.glyphs]
    assert len(glyphs) == len(figure.items)
    assert not any(g.is_cluster for g in glyphs)
    assert all(g.x0 >= 0 and g.label_x1 <= 680.0 for g in glyphs)
    labels = {lane.label for lane in layout.lanes}
    assert labels == {label for key, label in figure.lanes}


def test_a_note_keeps_its_markdown_but_not_its_sizes_or_colours(qapp: object) -> None:
    from ocstudy.ui.sheet.pdf import markdown_html

    html = markdown_html("# Heading\n\n**Bold** and a [link](https://www.unodc.org)\n\n- item")
    assert "Heading" in html and "font-weight:700" in html and "<li" in html
    assert "<h1" not in html and "font-size" not in html and "color:" not in html


def test_a_record_seen_in_a_secondary_copy_is_labelled_on_the_sheet(
    repository: ContentRepository,
) -> None:
    """The sheet says what kind of source the record is where it is not the official one, as
    the detail pane, the quiz and the Anki deck do (GPML's 1997: a US State Department report)."""
    from ocstudy.render.sheet import SheetHtml

    sheet = SheetAssembler(repository).assemble(SheetRequest("entity", "gpml"), date(2026, 12, 1))
    entry = next(s for s in sheet.walk() if s.slug == "gpml")
    kinds = {b.source_kind for b in entry.blocks if isinstance(b, Difference)}
    assert any(kind and "not a UN source" in kind for kind in kinds), kinds
    html = SheetHtml(lambda text: text, 500).body(sheet)
    assert "State Department report (International Narcotics Control Strategy Report" in html


def test_the_chronology_cites_the_record_where_a_value_is_the_records(
    repository: ContentRepository,
) -> None:
    """Issue 22 §4: a date the paper does not give cites the record and is marked ◇; a date the
    paper gives cites its section and footnote; a place cited apart cites the record."""
    sheet = SheetAssembler(repository).assemble(SheetRequest("all"), date(2026, 12, 1))
    table = next(b for b in sheet.sections[0].blocks if isinstance(b, Table))
    events = repository.events()
    assert len(table.rows) == len(events)
    rows = {event.id: row for event, row in zip(events, table.rows, strict=True)}
    for event in events:
        when, _entry, _what, _where, source = rows[event.id]
        if event.status == "record":
            assert when.status == "record", event.id
            assert source.text.startswith("record") and "\u00a7" not in source.text, event.id
        else:
            assert "\u00a7" in source.text, event.id
    hague = rows["hague-convention:event:signed"]
    assert hague[4].text == "record (treaties.un.org)"
    firearms = rows["firearms-protocol:event:adopted"]
    assert firearms[0].status is None and firearms[3].status == "record"
    assert firearms[4].text == "\u00a7\u00a0References, fn\u00a09; place: record (undocs.org)"
    # the paper's "adopted in Palermo" is wrong about the place, not the date
    untoc = rows["untoc:event:adopted"]
    assert (untoc[0].status, untoc[3].status) == (None, "differs")
    dakar = rows["west-central-africa-strategy:event:launched"]
    assert (dakar[0].status, dakar[3].text, dakar[3].status) == ("differs", "Dakar", "record")


def test_an_entrys_facts_cite_the_record_where_their_value_is_the_records(
    repository: ContentRepository,
) -> None:
    sheet = SheetAssembler(repository).assemble(
        SheetRequest("entity", "convention-1988"), date(2026, 12, 1)
    )
    entry = next(s for s in sheet.walk() if s.slug == "convention-1988")
    tables = [b for b in entry.blocks if isinstance(b, Table)]
    dates = next(t for t in tables if t.columns[0] == "Date")
    concluded = next(r for r in dates.rows if r[1].text == "Concluded")
    assert concluded[0].status == "record" and concluded[3].text.startswith("record")
    documents = next(t for t in tables if t.columns[0] == "Document")
    registration = next(r for r in documents.rows if r[0].text.startswith("UN registration"))
    assert registration[2].text.startswith("record")
