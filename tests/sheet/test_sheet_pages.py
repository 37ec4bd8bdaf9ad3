"""How a revision sheet falls into pages, read from the PDF: no table row is cut in two by a
page's foot, and every footer reads as one line, its parts separated ("content 25e52600059a ·
page 14 of 17"), the page number whole however long the paper's title."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ocstudy.services.sheet.model import Cell, Paragraph, Section, Sheet, Table
from ocstudy.ui.sheet.pdf import write_sheet_pdf

from .conftest import needs_poppler, pdf_pages

VERSION = "25e52600059a"


def _words(row: int, column: int, count: int) -> str:
    return " ".join(f"r{row}c{column}w{n}" for n in range(count))


def _tables() -> tuple[Section, list[list[str]]]:
    """Tables of rows one to five lines tall, every word unique to its row, in tables of
    different lengths, so that page feet fall in every kind of place."""
    blocks: list[Paragraph | Table] = []
    rows_words: list[list[str]] = []
    row = 0
    for table in range(30):
        rows = []
        for _ in range(2 + table % 5):
            lines = 1 + (row * 7) % 5
            cells = (_words(row, 0, 1), _words(row, 1, 3 * lines), _words(row, 2, lines))
            rows.append(tuple(Cell(text) for text in cells))
            rows_words.append(" ".join(cells).split())
            row += 1
        blocks.append(Paragraph(f"Table {table} has {len(rows)} rows."))
        blocks.append(Table(("Key", "Words", "More"), tuple(rows), (20, 50, 30)))
    return Section("Tables", "tables", 1, tuple(blocks)), rows_words


def _sheet(paper_title: str = "A paper", sections: tuple[Section, ...] = ()) -> Sheet:
    return Sheet(
        title="Revision sheet: tables",
        subtitle="Rows and pages",
        paper_title=paper_title,
        paper_author="An Author",
        printed=date(2026, 12, 1),
        content_version=VERSION,
        sections=sections or (Section("Part", "part", 1, (Paragraph("Text."),)),),
    )


@needs_poppler
def test_no_table_row_is_split_across_pages(tmp_path: Path) -> None:
    section, rows = _tables()
    out = tmp_path / "tables.pdf"
    pages = write_sheet_pdf(_sheet(sections=(section,)), out).pages
    assert pages >= 4
    on_page: dict[str, set[int]] = {}
    for number, text in enumerate(pdf_pages(out), start=1):
        for word in text.split():
            on_page.setdefault(word, set()).add(number)
    for words in rows:
        found = set().union(*(on_page.get(word, set()) for word in words))
        missing = [word for word in words if word not in on_page]
        assert not missing, f"{missing} not printed"
        assert len(found) == 1, f"row {words[0]} is cut across pages {sorted(found)}"


@needs_poppler
def test_the_footer_reads_as_one_line_with_its_parts_separated(tmp_path: Path) -> None:
    out = tmp_path / "short.pdf"
    count = write_sheet_pdf(_sheet(), out).pages
    long_title = "An extremely long paper title " * 8
    long = tmp_path / "long.pdf"
    write_sheet_pdf(_sheet(long_title.strip()), long)
    for path in (out, long):
        for layout in (False, True):
            pages = pdf_pages(path, layout=layout)
            for number, text in enumerate(pages, start=1):
                footer = f"content {VERSION} \u00b7 page {number} of {count}"
                lines = [" ".join(line.split()) for line in text.splitlines()]
                assert any(line.endswith(footer) for line in lines), (path.name, text[-300:])
    last = [" ".join(line.split()) for line in pdf_pages(long)[-1].splitlines()]
    footer = next(line for line in last if line.endswith(f"page {count} of {count}"))
    assert footer.startswith("An extremely long paper title")
    assert "\u2026" in footer and re.search(r"printed 2026-12-01", footer)
