"""Reading an exported timeline as a person would: where the lane bands are (the alternating
backgrounds), where the lane names' text is, whether there is an axis with years. PNGs are read
pixel by pixel, SVGs as XML with their transforms applied."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QTransform

#: How far (sum of |dR|+|dG|+|dB|) a pixel must be from its row's background to be ink.
INK_DISTANCE = 150


def distance(a: int, b: int) -> int:
    return sum(abs((a >> shift & 0xFF) - (b >> shift & 0xFF)) for shift in (0, 8, 16))


class Pixels:
    """An image's pixels as 0xAARRGGBB integers, row by row."""

    def __init__(self, image: QImage):
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        self.width, self.height = image.width(), image.height()
        data, line = bytes(image.constBits()), image.bytesPerLine()
        self.rows = [
            memoryview(data[y * line : y * line + 4 * self.width]).cast("I")
            for y in range(self.height)
        ]
        #: the most common colour of each row: its background
        self.backgrounds = [Counter(row).most_common(1)[0][0] for row in self.rows]

    def ink_rows(self, x0: int, x1: int, y0: int = 0, y1: int | None = None) -> list[int]:
        """The rows between ``y0`` and ``y1`` with a pixel between ``x0`` and ``x1`` that
        stands out from the row's background: text, lines, marks."""
        found = []
        for y in range(y0, self.height if y1 is None else y1):
            back = self.backgrounds[y]
            if any(distance(p, back) > INK_DISTANCE for p in self.rows[y][x0:x1]):
                found.append(y)
        return found

    def ink_columns(self, y0: int, y1: int) -> list[int]:
        """The columns with ink between rows ``y0`` and ``y1``."""
        columns = set()
        for y in range(y0, y1):
            back = self.backgrounds[y]
            columns.update(
                x for x, p in enumerate(self.rows[y]) if distance(p, back) > INK_DISTANCE
            )
        return sorted(columns)

    def rows_with(self, colour: QColor, x0: int, x1: int, y0: int = 0) -> list[int]:
        """The rows from ``y0`` with a pixel of exactly ``colour`` between ``x0`` and ``x1``."""
        value = colour.rgb() & 0xFFFFFFFF
        return [y for y in range(y0, self.height) if value in self.rows[y][x0:x1]]


def runs(values: list[int]) -> list[tuple[int, int, int]]:
    """``(value, first, end)`` for each run of equal values."""
    found: list[tuple[int, int, int]] = []
    for index, value in enumerate(values):
        if found and found[-1][0] == value and found[-1][2] == index:
            found[-1] = (value, found[-1][1], index + 1)
        else:
            found.append((value, index, index + 1))
    return found


def groups(numbers: list[int], gap: int = 1) -> list[tuple[int, int]]:
    """Consecutive runs of sorted numbers (at most ``gap`` apart) as ``(first, last)``."""
    found: list[tuple[int, int]] = []
    for number in numbers:
        if found and number - found[-1][1] <= gap:
            found[-1] = (found[-1][0], number)
        else:
            found.append((number, number))
    return found


@dataclass(frozen=True)
class Band:
    top: int
    bottom: int  # exclusive

    def holds(self, first: int, last: int) -> bool:
        return self.top <= first and last < self.bottom


def lane_bands(pixels: Pixels, axis: QColor, base: QColor, band: QColor) -> tuple[Band, list[Band]]:
    """The axis band (rows of the axis colour) and, below it, the lanes: runs of the page's
    colour and the alternate band colour, in turn, to the foot of the image or the next axis."""
    rows = runs(pixels.backgrounds)
    axis_value, base_value, band_value = (c.rgb() & 0xFFFFFFFF for c in (axis, base, band))
    index = next((i for i, (value, _first, _end) in enumerate(rows) if value == axis_value), None)
    assert index is not None, "no axis band"
    _, first, end = rows[index]
    while index + 1 < len(rows) and rows[index + 1][0] not in (base_value, band_value):
        index += 1  # the axis's line
        end = rows[index][2]
    lanes: list[Band] = []
    rest = rows[index + 1 :]
    for at, (value, top, bottom) in enumerate(rest):
        if value == axis_value:
            break
        if value not in (base_value, band_value):
            if at + 1 < len(rest) and rest[at + 1][0] == axis_value:
                break  # the line of the axis under the lanes
            if lanes:  # a line of ink across a lane (a long bar): still the same lane
                lanes[-1] = Band(lanes[-1].top, bottom)
            continue
        if lanes and (value == base_value) == (len(lanes) % 2 == 1):
            lanes[-1] = Band(lanes[-1].top, bottom)
        else:
            lanes.append(Band(top, bottom))
    return Band(first, end), lanes


# -- SVG ---------------------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"
_MATRIX = re.compile(r"matrix\(([^)]*)\)")


@dataclass(frozen=True)
class SvgText:
    text: str
    x: float
    y: float  # the baseline, in the page's coordinates


@dataclass(frozen=True)
class SvgRect:
    fill: str
    rect: tuple[float, float, float, float]  # x, y, width, height in the page's coordinates


def _transform(element: ET.Element, parent: QTransform) -> QTransform:
    match = _MATRIX.search(element.get("transform", ""))
    if not match:
        return parent
    a, b, c, d, e, f = (float(v) for v in re.split(r"[ ,]+", match.group(1).strip()))
    return QTransform(a, b, c, d, e, f) * parent


def read_svg(path: Path) -> tuple[list[SvgText], list[SvgRect]]:
    """Every text and every filled rectangle of an SVG, placed on the page."""
    texts: list[SvgText] = []
    rects: list[SvgRect] = []

    def walk(element: ET.Element, transform: QTransform, fill: str) -> None:
        transform = _transform(element, transform)
        fill = element.get("fill", fill)
        if element.tag == f"{SVG}text":
            x, y = transform.map(float(element.get("x", 0)), float(element.get("y", 0)))
            texts.append(SvgText("".join(element.itertext()), x, y))
        elif element.tag == f"{SVG}rect":
            left, top = (float(element.get(k, 0)) for k in ("x", "y"))
            width, height = (float(element.get(k, 0)) for k in ("width", "height"))
            mapped = transform.mapRect(QRectF(left, top, width, height))
            rects.append(
                SvgRect(fill.lower(), (mapped.x(), mapped.y(), mapped.width(), mapped.height()))
            )
        for child in element:
            walk(child, transform, fill)

    walk(ET.parse(path).getroot(), QTransform(), "black")
    return texts, rects
