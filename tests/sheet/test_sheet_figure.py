"""The revision sheet's timeline figure, read off the printed page as the timeline's exports are
read: the years above the lanes, each lane's name in its own band, and an axis that ends near
the last event (not decades later, at the edge of the page)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from ocstudy.content.repository import ContentRepository
from ocstudy.services.sheet import SheetAssembler, SheetRequest
from ocstudy.services.sheet.model import TimelineFigure
from ocstudy.ui.common.timeline_marks import theme_color
from ocstudy.ui.sheet.figure import AXIS_H, BAND, LANE_HEADER_H, UNITS_PER_INCH
from ocstudy.ui.sheet.pdf import write_sheet_pdf
from timeline.reading import Pixels, distance, groups, runs

from .conftest import needs_poppler, pdf_pages

DPI = 150
PX = DPI / UNITS_PER_INCH  # image pixels per figure unit


@pytest.fixture(scope="module")
def all_sheet(
    tmp_path_factory: pytest.TempPathFactory, repository: ContentRepository
) -> tuple[Path, TimelineFigure, int]:
    """The whole content's sheet, its figure and the page the figure is on (from 1)."""
    sheet = SheetAssembler(repository).assemble(SheetRequest("all"), date(2026, 12, 1))
    figure = next(b for b in sheet.sections[0].blocks if isinstance(b, TimelineFigure))
    out = tmp_path_factory.mktemp("figure") / "all.pdf"
    write_sheet_pdf(sheet, out)
    pages = pdf_pages(out)
    page = next(
        n for n, text in enumerate(pages, start=1) if figure.caption in " ".join(text.split())
    )
    return out, figure, page


def _render(pdf: Path, page: int, folder: Path) -> Pixels:
    prefix = folder / "figure"
    args = ["pdftoppm", "-r", str(DPI), "-png", "-f", str(page), "-l", str(page)]
    subprocess.run([*args, str(pdf), str(prefix)], check=True)
    return Pixels(QImage(str(next(folder.glob("figure*.png")))))


@needs_poppler
def test_each_lane_name_is_in_its_band_under_the_years(
    all_sheet: tuple[Path, TimelineFigure, int], tmp_path: Path
) -> None:
    pdf, figure, page = all_sheet
    pixels = _render(pdf, page, tmp_path)
    band = QColor(BAND).rgb() & 0xFFFFFFFF
    odd = [(first, end) for value, first, end in runs(pixels.backgrounds) if value == band]
    lanes = [key for key, _label in figure.lanes]
    assert len(odd) == len(lanes) // 2, f"bands at rows {odd}"
    left = next(x for x, p in enumerate(pixels.rows[odd[0][0]]) if p == band)  # the figure's
    # the axis: the row above the first band with the most ink, a line across the figure
    dark = [
        sum(1 for p in pixels.rows[y] if QColor(p).lightness() < 100)
        for y in range(odd[0][0] - 600, odd[0][0])
    ]
    axis = odd[0][0] - 600 + dark.index(max(dark))
    tops = [axis + 1]
    for first, end in odd:
        tops += [first, end]
    header = LANE_HEADER_H * PX
    strip = (int(left + 16 * PX), int(left + 30 * PX))  # the start of the lanes' names
    for key, top in zip(lanes, tops, strict=False):
        head = (int(top), int(top + header))  # the lane's first row is its name's
        names = groups(pixels.ink_rows(*strip, *head), gap=2)
        assert len(names) == 1, f"{key}'s name: ink at rows {names} of its head {head}"
        colour = theme_color(key).rgb()
        dots = [
            y
            for y in range(*head)
            if any(distance(p, colour) < 40 for p in pixels.rows[y][int(left) : strip[0]])
        ]
        assert dots, f"{key}'s dot is not at the head of its lane"
    years = groups(pixels.ink_columns(int(axis - AXIS_H * PX), axis - 2), gap=int(6 * PX))
    assert len(years) >= 4, f"axis labels at columns {years}"


@needs_poppler
def test_the_axis_ends_near_the_last_event(all_sheet: tuple[Path, TimelineFigure, int]) -> None:
    pdf, figure, page = all_sheet
    [text] = pdf_pages(pdf, layout=True)[page - 1 : page]
    axis = next(
        line for line in text.splitlines() if re.fullmatch(r"(\s*\d{4})+\s*", line)
    )  # the first line of the figure: its years
    years = [int(year) for year in axis.split()]
    last_event = max(item.end for item in figure.items).year
    assert years[-1] <= last_event + 1, f"the axis runs on to {years[-1]} ({last_event})"
    assert years[-1] >= last_event - 20
