"""The timeline's exports read as the screen does: each lane's name inside its own band, the
first lane's too, and the axis with its years above the lanes, in the PNG (read pixel by
pixel) and in the SVG (read as XML), of the current view and of the whole timeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPalette
from pytestqt.qtbot import QtBot

from ocstudy.ui.timeline.paint import AXIS_H, LANE_HEADER_H, axis_labels, theme_color
from ocstudy.ui.timeline.panel import TimelinePanel
from ocstudy.ui.timeline.view import TimelineView
from ocstudy.ui.window.main_window import MainWindow
from ui.conftest import WindowFactory, open_window, window

from .reading import Band, Pixels, groups, lane_bands, read_svg

__all__ = ["open_window", "window"]

#: The lane names start here in every export: left of the first event's marker (PAD - 6).
NAME_COLUMNS = (17, 33)


def show_timeline(qtbot: QtBot, window: MainWindow, size: tuple[int, int]) -> TimelinePanel:
    window.resize(*size)
    window.show_view("timeline")
    panel = window.timeline
    assert panel is not None
    qtbot.waitUntil(lambda: panel.view.viewport().width() > 100)
    return panel


def check_png(path: Path, view: TimelineView, lane_keys: list[str]) -> tuple[Band, list[Band]]:
    return check_image(Pixels(QImage(str(path))), view, lane_keys)


def check_image(
    pixels: Pixels, view: TimelineView, lane_keys: list[str]
) -> tuple[Band, list[Band]]:
    """Every lane's name (its theme's dot and its text) lies in its own band, and the axis
    above the lanes holds a line and years."""
    palette = view.palette()
    axis, bands = lane_bands(
        pixels,
        palette.color(QPalette.ColorRole.Window),
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.AlternateBase),
    )
    assert axis.bottom - axis.top == pytest.approx(AXIS_H, abs=2), "no axis band above the lanes"
    assert len(bands) == len(lane_keys), f"{len(bands)} lane bands for {len(lane_keys)} lanes"
    assert bands[0].top == axis.bottom
    names = groups(pixels.ink_rows(*NAME_COLUMNS, axis.bottom), gap=2)
    assert len(names) == len(lane_keys), f"lane names at rows {names}"
    for key, band, (first, last) in zip(lane_keys, bands, names, strict=True):
        assert band.holds(first, last), f"{key}'s name at {first}-{last}, its band {band}"
        assert last < band.top + LANE_HEADER_H + 2, f"{key}'s name is not at its band's top"
        dots = pixels.rows_with(theme_color(key), 4, 16, axis.bottom)
        assert dots and band.holds(min(dots), max(dots)), f"{key}'s dot is not in its band"
    line = [
        y
        for y in range(axis.top, axis.bottom)
        if pixels.backgrounds[y] != pixels.backgrounds[axis.top]
    ]
    assert line, "no axis line"
    years = groups(pixels.ink_columns(axis.top, axis.bottom - 3), gap=12)
    assert len(years) >= 3, f"axis labels at {years}"
    return axis, bands


def test_the_png_of_the_view_has_each_lane_name_in_its_band_and_the_axis(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = show_timeline(qtbot, window, (1280, 820))
    view = panel.view
    [png] = panel.export(tmp_path / "view.png", whole=False)
    axis, bands = check_png(png, view, [lane.key for lane in view.lanes])
    for lane, band in zip(view.lanes, bands, strict=True):  # the bands are where the view has them
        assert band.top - axis.top == pytest.approx(view.lane_top(lane.key), abs=1)
    assert len(axis_labels(view)) >= 3


def test_the_png_of_the_whole_timeline_has_each_lane_name_in_its_band_and_the_axis(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = show_timeline(qtbot, window, (1280, 820))
    [png] = panel.export(tmp_path / "whole.png", whole=True)
    pixels = Pixels(QImage(str(png)))
    _axis, bands = check_image(pixels, panel.view, [lane.key for lane in panel.view.lanes])
    foot = bands[-1].bottom  # and the axis again under the lanes, to the foot of the page
    assert pixels.height - foot == AXIS_H
    assert pixels.backgrounds[-1] == panel.view.palette().color(QPalette.ColorRole.Window).rgb()
    assert len(groups(pixels.ink_columns(foot + 3, pixels.height), gap=12)) >= 3


@pytest.mark.parametrize("whole", [False, True])
def test_the_svg_has_each_lane_name_in_its_band_and_the_axis(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, whole: bool
) -> None:
    panel = show_timeline(qtbot, window, (1280, 820))
    view = panel.view
    [svg] = panel.export(tmp_path / "timeline.svg", whole=whole)
    texts, rects = read_svg(svg)
    palette = view.palette()
    window_fill = palette.color(QPalette.ColorRole.Window).name()
    band_fill = palette.color(QPalette.ColorRole.AlternateBase).name()
    axes = sorted(r.rect[1:4:2] for r in rects if r.fill == window_fill and r.rect[3] == AXIS_H)
    assert len(axes) == (2 if whole else 1), f"axis bands at {axes}"  # the whole: above and below
    axis_top, axis_bottom = axes[0][0], axes[0][0] + AXIS_H
    odd = sorted(r.rect[1:4:2] for r in rects if r.fill == band_fill)  # (top, height)
    assert len(odd) == len(view.lanes) // 2
    tops = [axis_bottom]
    for top, height in odd:
        tops += [top, top + height]
    for lane, top in zip(view.lanes, tops, strict=False):
        name = f"{lane.label} ({len(lane.events)})"
        [label] = [t for t in texts if t.text == name]
        assert top < label.y <= top + LANE_HEADER_H, f"{name} at {label.y}, its band at {top}"
    years = [t for t in texts if t.text.isdigit() and len(t.text) == 4]
    for top, _height in axes:
        assert len([t for t in years if top < t.y < top + AXIS_H]) >= 3
    assert all(any(top < t.y < top + AXIS_H for top, _h in axes) for t in years)
    title = next(t for t in texts if t.text.startswith("ocstudy"))
    assert title.y < axis_top  # the axis is under the title, not over it


def test_the_exports_are_the_users_only(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    panel = show_timeline(qtbot, window, (1280, 820))
    folder = tmp_path / "exports"
    folder.mkdir()
    for name, whole in (("view.png", False), ("view.svg", False), ("whole.png", True)):
        for path in panel.export(folder / name, whole=whole):
            assert path.stat().st_mode & 0o777 == 0o600, path
    assert sorted(p.name for p in folder.iterdir()) == ["view.png", "view.svg", "whole.png"]


def test_dark_export_reads_the_same(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    window.menus.set_theme("dark")
    panel = show_timeline(qtbot, window, (1024, 640))
    [png] = panel.export(tmp_path / "dark.png", whole=False)
    check_png(png, panel.view, [lane.key for lane in panel.view.lanes])
