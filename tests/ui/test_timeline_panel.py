"""The timeline's legend, selected-event panel, filters, fitting and exports, driven through
the real widgets."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QToolButton
from pytestqt.qtbot import QtBot

from ocstudy.timeline.scale import day_number
from ocstudy.ui.common.timeline_marks import THEME_COLORS
from ocstudy.ui.timeline import export as timeline_export
from ocstudy.ui.timeline.paint import axis_labels
from ocstudy.ui.timeline.panel import TimelinePanel
from ocstudy.ui.timeline.widgets import TimelineLegend
from ocstudy.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .test_timeline import click_item, open_timeline, zoom_to_years

FIREARMS_IN_FORCE = "firearms-protocol:event:entry_into_force"


def panel_of(window: MainWindow) -> TimelinePanel:
    assert window.timeline is not None
    return window.timeline


def tool_button(window: MainWindow, name: str) -> QToolButton:
    button = panel_of(window).findChild(QToolButton, name)
    assert isinstance(button, QToolButton), name
    return button


def test_the_legend_explains_every_mark_and_is_remembered(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    open_timeline(qtbot, window)
    panel = panel_of(window)
    legend = window.findChild(TimelineLegend, "timelineLegend")
    assert legend is panel.legend and legend.isVisible() and legend.accessibleName()
    image = legend.grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(0, image.height(), 2)
    }
    assert {c.lower() for c in THEME_COLORS.values()} <= colours  # every theme's colour is keyed
    qtbot.mouseClick(panel.legend_button, Qt.MouseButton.LeftButton)
    assert not legend.isVisible()
    window.close()
    again = open_window()
    assert not panel_of(again).legend.isVisible() and not panel_of(again).legend_button.isChecked()


def test_the_selected_event_is_shown_with_its_source_and_opens(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_timeline(qtbot, window)
    details = panel_of(window).details
    assert not details.open_button.isEnabled() and "Select an event" in details.text.text()
    zoom_to_years(view, 2000, 2006)
    click_item(qtbot, view, FIREARMS_IN_FORCE)
    text = details.text.text()
    assert "3 July 2005" in text and "footnote\u00a09" in text and "3 June 2005" in text
    assert "Firearms Protocol" in text and details.open_button.isEnabled()
    qtbot.mouseClick(details.open_button, Qt.MouseButton.LeftButton)
    assert window.current_view == "study" and window.study.current_slug == "firearms-protocol"


def test_a_date_known_only_to_the_year_says_so(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    item = next(i for i in view.visible_items() if i.precision == "year" and i.kind != "span")
    view.select_item(item.key)
    assert "known only to the year" in panel_of(window).details.text.text()


def test_fit_after_a_cluster_shows_every_lane(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    cluster = next(rect for _l, _r, rect, glyph in view.glyph_rects() if glyph.is_cluster)
    position = view.mapFromScene(QPointF(cluster.left() + 6, cluster.center().y()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert not view.is_fitted
    qtbot.mouseClick(tool_button(window, "zoomFit"), Qt.MouseButton.LeftButton)
    # the scroll bars follow the scene at the next turn of the event loop
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)
    assert view.is_fitted
    assert view.horizontalScrollBar().maximum() == 0  # no sideways scrolling when fitted
    last = view.lanes[-1].key
    bottom = view.lane_top(last) + view.lane_height(last)
    assert view.verticalScrollBar().maximum() + view.viewport().height() >= bottom


def test_resizing_keeps_a_fitted_view_fitted(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    window.resize(1400, 860)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: view.time_scale.px_per_day == pytest.approx(view.min_zoom))
    assert view.horizontalScrollBar().maximum() == 0
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    zoom = view.time_scale.px_per_day
    window.resize(1200, 700)
    QApplication.processEvents()
    assert view.time_scale.px_per_day == pytest.approx(zoom)  # a zoomed view keeps its zoom


def test_axis_labels_are_never_cut_at_the_edges(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    for years in ((1900, 2020), (1995, 2001), (1961, 1962)):
        zoom_to_years(view, *years)
        for offset in range(0, view.horizontalScrollBar().maximum() + 1, 97):
            view.horizontalScrollBar().setValue(offset)
            labels = axis_labels(view)
            width = view.viewport().width()
            metrics = view.fontMetrics()
            assert all(x >= 0 and x + metrics.horizontalAdvance(t) <= width for x, t in labels)


def test_plus_zooms_around_the_selection_when_the_mouse_is_elsewhere(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_timeline(qtbot, window)
    zoom_to_years(view, 1995, 2010)
    view.select_item(FIREARMS_IN_FORCE)
    QCursor.setPos(QPoint(-500, -500))
    before = view.mapFromScene(view.scene_point_of(FIREARMS_IN_FORCE)).x()
    qtbot.mouseClick(tool_button(window, "zoomIn"), Qt.MouseButton.LeftButton)
    point = view.scene_point_of(FIREARMS_IN_FORCE)
    assert point is not None
    assert abs(view.mapFromScene(point).x() - before) <= 2


def test_hover_text_names_themes_not_keys(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    zoom_to_years(view, 2000, 2005)
    for lane_key, _row, _rect, glyph in view.glyph_rects():
        lane = view.lane(lane_key)
        assert lane is not None
        if not glyph.is_cluster and view.item_of(lane, glyph).other_themes:
            text = view.tooltip(lane, glyph)
            assert "Also: " in text
            also = text.split("Also: ")[1]
            assert "-" not in also and also[0].isupper()
            return
    raise AssertionError("no event with other themes is drawn")


def _open_menu(qtbot: QtBot, window: MainWindow, name: str) -> QMenu:
    button = tool_button(window, name)
    menu = button.menu()
    menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
    qtbot.waitUntil(menu.isVisible)
    return menu


def _click_action(qtbot: QtBot, menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text() == text)
    rect = menu.actionGeometry(action)
    qtbot.mouseMove(menu, rect.center())
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=rect.center())


def test_filter_menus_stay_open_with_all_and_none(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    menu = _open_menu(qtbot, window, "timelineThemes")
    _click_action(qtbot, menu, "Drugs")
    assert menu.isVisible()  # still open for the next tick
    assert "drugs" not in [lane.key for lane in view.lanes]
    _click_action(qtbot, menu, "Firearms")
    assert menu.isVisible() and "firearms" not in [lane.key for lane in view.lanes]
    _click_action(qtbot, menu, "None")
    assert menu.isVisible() and view.lanes == []
    _click_action(qtbot, menu, "All")
    assert len(view.lanes) == 7
    menu.close()


def test_the_axis_refits_to_what_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    assert date.fromordinal(int(view.first_day)).year == 1908
    for key, action in panel_of(window).theme_actions.items():
        action.setChecked(key == "corruption")
    assert date.fromordinal(int(view.first_day)).year >= 2002  # UNCAC, 2003, with a margin
    assert view.horizontalScrollBar().maximum() == 0
    first, last = view.visible_days()
    assert first <= day_number(date(2003, 10, 31)) <= last


def test_whole_export_draws_every_event_with_title_and_legend(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    view = open_timeline(qtbot, window)
    [svg] = panel_of(window).export(tmp_path / "all.svg", whole=True)
    text = svg.read_text(encoding="utf-8")
    assert "ocstudy \u2014 timeline" in text and "adoption \u2192 in force" in text
    assert " events<" not in text  # no cluster
    for item in view.visible_items():
        assert item.entity_name.replace("&", "&amp;") in text
    [png] = panel_of(window).export(tmp_path / "all.png", whole=True)
    image = QImage(str(png))
    assert image.height() > view.viewport().height()  # as tall as every event needs


def test_a_tall_whole_timeline_goes_on_pages(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_timeline(qtbot, window)
    monkeypatch.setattr(timeline_export, "MAX_PAGE_HEIGHT", 700)
    pages = panel_of(window).export(tmp_path / "all.png", whole=True)
    assert len(pages) >= 2 and [p.name for p in pages[:2]] == ["all-1.png", "all-2.png"]
    assert all(QImage(str(p)).height() <= 700 for p in pages)


def _dot_centres(image: QImage, colour: str) -> list[tuple[int, int]]:
    """Every pixel of exactly ``colour`` in ``image`` (the inside of theme dots and markers),
    found in the raw bytes, which is fast enough for a whole export."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    target = QColor(colour)
    pattern = bytes([target.blue(), target.green(), target.red(), 0xFF])
    data, line = bytes(image.constBits()), image.bytesPerLine()
    return [
        (offset % line // 4, offset // line)
        for offset in (m.start() for m in re.finditer(re.escape(pattern), data))
        if offset % 4 == 0
    ]


def test_svg_theme_dots_sit_before_their_labels(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """The other themes' dots are drawn between the marker and the label, where the width of
    the text cannot move them, and a second SVG renderer (rsvg-convert, Debian's
    librsvg2-bin) puts them where Qt does."""
    view = open_timeline(qtbot, window)
    zoom_to_years(view, 2000, 2005)
    for lane_key, _row, _rect, glyph in view.glyph_rects():
        lane = view.lane(lane_key)
        assert lane is not None
        if not glyph.is_cluster and view.item_of(lane, glyph).other_themes:
            assert glyph.x0 < glyph.label_x0 - 8 * len(view.item_of(lane, glyph).other_themes)
    path = tmp_path / "view.svg"
    panel_of(window).export(path, whole=False)
    rsvg = shutil.which("rsvg-convert")
    if rsvg is None:
        pytest.skip("rsvg-convert (librsvg2-bin) is not installed")
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(path))
    size = renderer.defaultSize()
    theirs = tmp_path / "rsvg.png"
    command = [rsvg, "-b", "white", "-w", str(size.width()), "-h", str(size.height())]
    subprocess.run([*command, "-o", str(theirs), str(path)], check=True)
    ours = QImage(size, QImage.Format.Format_ARGB32)
    ours.fill(QColor("white"))
    painter = QPainter(ours)
    renderer.render(painter)
    painter.end()
    other = QImage(str(theirs))
    assert other.size() == ours.size()
    for colour in ("#56B4E9", "#0072B2"):  # corruption's and organized crime's dots
        mine, yours = _dot_centres(ours, colour), set(_dot_centres(other, colour))
        assert mine and yours
        matched = sum(
            any((x + dx, y + dy) in yours for dx in range(-2, 3) for dy in range(-2, 3))
            for x, y in mine
        )
        assert matched >= 0.95 * len(mine), colour  # the same dots, in the same places


def test_export_starts_in_documents_and_says_where_it_went(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_timeline(qtbot, window)
    asked: list[str] = []

    def answer(parent: object, caption: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(tmp_path / "mine"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    menu = tool_button(window, "timelineExport").menu()
    next(a for a in menu.actions() if a.text().startswith("Current view as PNG")).trigger()
    from ocstudy.ui.common.file_dialogs import documents_folder

    assert asked and Path(asked[0]).parent == documents_folder()
    assert (tmp_path / "mine.png").exists()  # the suffix is added when left out
    assert str(tmp_path / "mine.png") in window.statusBar().currentMessage()
