"""``ocstudy sheet`` writes a PDF that holds what it should: the theme's entries and no others,
their dates and symbols, the paper's wrong values beside the record's, a contents list whose
page numbers are right, page numbers that increase, fonts embedded, print colours."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from ocstudy.content.repository import ContentRepository
from ocstudy.services.sheet import SheetAssembler, SheetRequest
from ocstudy.ui.sheet.pdf import write_sheet_pdf

from .conftest import flat, footer_pages, needs_poppler, pdf_info, pdf_pages, run_cli


@pytest.fixture(scope="module")
def firearms_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sheet") / "firearms.pdf"
    result = run_cli("sheet", "--theme", "firearms", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: ")
    return out


@needs_poppler
def test_theme_sheet_holds_its_facts_with_the_paper_beside_the_record(firearms_pdf: Path) -> None:
    text = flat("\n".join(pdf_pages(firearms_pdf)))
    assert "Protocol against the Illicit Manufacturing of and Trafficking in Firearms" in text
    for fact in ("31 May 2001", "3 July 2005", "2326 UNTS 208", "55/255", "8\u201310 May 2017"):
        assert fact in text
    # the paper's wrong resolution number, then the record's, in one sentence
    assert re.search(r"The paper says “55/225” \([^)]*\) — the record says 55/255", text)
    assert re.search(r"The paper says “in force 3 June 2005” .{0,40}the record says 3 July", text)
    assert "⚠ 3 July 2005" in text  # marked as on screen


@needs_poppler
def test_theme_sheet_holds_its_entries_and_not_others(
    firearms_pdf: Path, repository: ContentRepository
) -> None:
    text = flat("\n".join(pdf_pages(firearms_pdf)))
    absent = []
    for entity in repository.entities():
        heading = entity.title
        if "firearms" in entity.themes:
            assert heading in text, entity.slug
        elif not any(heading in other.title for other in repository.entities() if other != entity):
            assert heading not in text, entity.slug
            absent.append(entity.slug)
    assert len(absent) > 30 and "hague-convention" in absent


@needs_poppler
def test_pages_are_numbered_and_the_contents_point_at_them(firearms_pdf: Path) -> None:
    pages = pdf_pages(firearms_pdf)
    count = int(pdf_info(firearms_pdf)["Pages"])
    assert footer_pages(pages) == [(n, count) for n in range(1, count + 1)]
    contents = pdf_pages(firearms_pdf, layout=True)[0]
    line = next(li for li in contents.splitlines() if "United Nations General Assembly" in li)
    page = int(line.split()[-1])
    assert 1 < page <= count
    assert "United Nations General Assembly" in pages[page - 1]
    assert "Mandeep Kaur" in pages[0] and "Efforts of United Nations" in pages[-1]
    assert f"printed {date.today().isoformat()}" in pages[-1]
    assert re.search(r"content [0-9a-f]{12}", pages[-1])


@needs_poppler
def test_fonts_are_embedded_and_the_metadata_names_the_sheet(firearms_pdf: Path) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(firearms_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    info = pdf_info(firearms_pdf)
    assert info["Title"] == "Revision sheet: Firearms"
    assert info["Author"] == "Mandeep Kaur"


@needs_poppler
def test_an_entry_sheet_holds_the_entry_and_what_it_includes(tmp_path: Path) -> None:
    out = tmp_path / "untoc.pdf"
    result = run_cli("sheet", "--entity", "untoc", "-o", str(out), "--page", "letter")
    assert result.returncode == 0, result.stderr
    text = flat("\n".join(pdf_pages(out)))
    assert "United Nations Convention against Transnational Organized Crime" in text
    assert "Protocol against the Smuggling of Migrants by Land, Sea and Air" in text
    assert "Single Convention on Narcotic Drugs" not in text
    assert "15 November 2000" in text and "55/25" in text
    assert "612 x 792 pts (letter)" in pdf_info(out)["Page size"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--theme", "nope"), "no theme 'nope'"),
        (("--entity", "nope"), "no entry 'nope'"),
        (("--theme", ""), "no theme ''"),
        (("--entity", ""), "no entry ''"),
        (("--all", "--weak", "-1"), "--weak -1"),
    ],
)
def test_bad_requests_are_one_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_cli("sheet", *args, "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_path_is_one_line_exit_2_and_leaves_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "missing" / "sheet.pdf"
    result = run_cli("sheet", "--theme", "firearms", "-o", str(missing))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"ocstudy: cannot write {missing}: No such file or directory"
    ]
    folder = tmp_path / "folder.pdf"  # a folder where the file should go
    folder.mkdir()
    result = run_cli("sheet", "--theme", "firearms", "-o", str(folder))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.pdf"]
    assert list(folder.iterdir()) == []


def test_cancelling_leaves_no_file_and_keeps_the_old_one(
    tmp_path: Path, repository: ContentRepository, qapp: object
) -> None:
    sheet = SheetAssembler(repository).assemble(SheetRequest("all"), date(2026, 12, 1))
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"the sheet printed yesterday")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 3

    result = write_sheet_pdf(sheet, target, progress)
    assert result.cancelled
    assert target.read_bytes() == b"the sheet printed yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
    assert seen[-1][0] == 3 and seen[-1][1] > 10


@needs_poppler
def test_dark_mode_never_reaches_the_page(
    tmp_path: Path, repository: ContentRepository, qapp: object
) -> None:
    from PySide6.QtGui import QColor, QImage, QPalette
    from PySide6.QtWidgets import QApplication

    before = QPalette(QApplication.palette())
    dark = QPalette(QColor("#202020"), QColor("#202020"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#121212"))
    QApplication.setPalette(dark)
    try:
        sheet = SheetAssembler(repository).assemble(
            SheetRequest("theme", "firearms"), date(2026, 12, 1)
        )
        out = tmp_path / "dark.pdf"
        write_sheet_pdf(sheet, out)
    finally:
        QApplication.setPalette(before)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "2", "-l", "2", str(out), str(tmp_path / "p")],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    pixels = [
        QColor(image.pixel(x, y)).lightness()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    ]
    light = sum(1 for value in pixels if value > 200) / len(pixels)
    dark_ink = sum(1 for value in pixels if value < 90) / len(pixels)
    assert light > 0.8  # a white page
    assert dark_ink > 0.005  # with dark text on it


@needs_poppler
def test_no_entry_heading_is_left_alone_at_the_foot_of_a_page(
    tmp_path: Path, repository: ContentRepository
) -> None:
    """A heading goes with the text it heads: the drugs sheet's Single Convention heading used
    to end page 5 with its text on page 6."""
    sheet = SheetAssembler(repository).assemble(SheetRequest("theme", "drugs"), date(2026, 12, 1))
    titles = {s.title for s in sheet.walk()}
    out = tmp_path / "drugs.pdf"
    write_sheet_pdf(sheet, out)
    for number, page in enumerate(pdf_pages(out), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not re.search(r"page \d+ of \d+", line)]
        body = [line for line in body if sheet.footer not in line]
        assert body and body[-1] not in titles, f"page {number} ends with the heading {body[-1]!r}"
