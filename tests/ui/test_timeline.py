"""The timeline view, driven through its real widgets."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ocstudy.timeline.scale import day_number
from ocstudy.ui.timeline.view import TimelineView
from ocstudy.ui.window.main_window import MainWindow

from .conftest import WindowFactory

PALERMO = [
    "untoc:event:adopted",
    "untoc:event:opened_for_signature",
    "untoc:event:entry_into_force",
    "tip-protocol:event:entry_into_force",
    "smuggling-protocol:event:entry_into_force",
    "firearms-protocol:event:adopted",
    "firearms-protocol:event:entry_into_force",
]


def open_timeline(qtbot: QtBot, window: MainWindow) -> TimelineView:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.current_view == "timeline"
    assert window.timeline is not None
    view = window.timeline.view
    qtbot.waitUntil(lambda: view.viewport().width() > 100)
    return view


def zoom_to_years(view: TimelineView, first: int, last: int) -> None:
    view.zoom_to_days(day_number(date(first, 1, 1)), day_number(date(last, 12, 31)))


def click_item(qtbot: QtBot, view: TimelineView, key: str) -> None:
    point = view.scene_point_of(key)
    assert point is not None, f"{key} is not drawn on its own"
    position = view.mapFromScene(point)
    assert view.viewport().rect().contains(position)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=position)


def assert_no_overlaps(view: TimelineView) -> None:
    rows: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for lane, row, rect, _glyph in view.glyph_rects():
        rows.setdefault((lane, row), []).append((rect.left(), rect.right()))
    for spans in rows.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start + 0.01


def test_every_event_in_theme_lanes(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    assert view.objectName() == "timelineView" and view.accessibleName()
    assert [lane.label for lane in view.lanes] == [
        "Drugs",
        "Organized crime",
        "Trafficking in persons",
        "Migrant smuggling",
        "Firearms",
        "Corruption",
        "Money laundering",
    ]
    assert date.fromordinal(int(view.first_day)).year == 1908  # Shanghai, 1909, with a margin
    items = view.visible_items()
    assert len({i.key for i in items}) == len(items) > 70
    shown = sum(len(lane.events) for lane in view.lanes)
    assert shown == len(items)  # each event once, in its main theme's lane
    multi = [i for i in items if i.other_themes]
    assert multi and all(i.theme not in i.other_themes for i in multi)


def test_clicking_an_event_selects_its_entity_everywhere(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    zoom_to_years(view, 2000, 2005)
    click_item(qtbot, view, "firearms-protocol:event:entry_into_force")
    assert window.study.current_slug == "firearms-protocol"
    assert window.study.tree.currentIndex().data() == "Firearms Protocol (2001)"
    assert window.study.detail.slug == "firearms-protocol"
    assert view.selected_key == "firearms-protocol:event:entry_into_force"


def test_double_click_opens_the_entity_in_the_study_view(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    zoom_to_years(view, 2003, 2006)
    point = view.mapFromScene(view.scene_point_of("uncac:event:adopted"))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current_view == "study" and window.study.current_slug == "uncac"


def test_tree_selection_highlights_and_scrolls_into_view(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    zoom_to_years(view, 1910, 1915)
    window.study.select("uncac")
    assert view.highlighted_slug == "uncac"
    first, last = view.visible_days()
    assert first <= day_number(date(2003, 10, 31)) <= last


def test_keys_zoom_and_fit(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    fit = view.time_scale.px_per_day
    assert fit == pytest.approx(view.min_zoom)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.time_scale.px_per_day == pytest.approx(fit * 1.5)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.time_scale.px_per_day == pytest.approx(fit * 1.5)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.time_scale.px_per_day == pytest.approx(fit)  # clamped: never beyond fit-all
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.time_scale.px_per_day == pytest.approx(fit)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.time_scale.px_per_day == pytest.approx(fit)


def test_zoom_to_the_selected_entity(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    window.study.select("single-convention")
    qtbot.keyClick(view, Qt.Key.Key_Z)
    first, last = view.visible_days()
    assert first <= day_number(date(1961, 1, 24)) and day_number(date(1964, 12, 13)) <= last
    assert last - first < 365 * 8


def test_ctrl_wheel_zooms_under_the_mouse(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    x = 300.0
    before = view.time_scale.day(view.horizontalScrollBar().value() + x - 40)
    zoom = view.time_scale.px_per_day
    event = QWheelEvent(
        QPointF(x, 200),
        QPointF(view.viewport().mapToGlobal(QPoint(300, 200))),
        QPoint(),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.time_scale.px_per_day == pytest.approx(zoom * 1.25**2)
    after = view.time_scale.day(view.horizontalScrollBar().value() + x - 40)
    assert abs(after - before) < 2 / view.time_scale.px_per_day + 1


def test_plain_wheel_and_shift_arrows_pan(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    zoom_to_years(view, 1960, 1970)
    bar = view.horizontalScrollBar()
    start = bar.value()
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() > start
    event = QWheelEvent(
        QPointF(100, 100),
        QPointF(100, 100),
        QPoint(),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    moved = bar.value()
    QApplication.sendEvent(view.viewport(), event)
    assert bar.value() > moved


def test_arrows_step_through_events_in_time(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    zoom_to_years(view, 2000, 2005)
    click_item(qtbot, view, "untoc:event:adopted")
    order = [i.key for i in view.visible_items() if i.kind != "span"]
    here = order.index("untoc:event:adopted")
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_key == order[here + 1]
    slug_after = next(i.entity_slug for i in view.visible_items() if i.key == order[here + 1])
    assert window.study.current_slug == slug_after
    assert view.highlighted_slug == slug_after
    qtbot.keyClick(view, Qt.Key.Key_BracketLeft)
    assert view.selected_key == "untoc:event:adopted"
    assert window.study.current_slug == "untoc"


@pytest.mark.parametrize("factor", [1, 2, 6, 30, 200, 2000])
def test_no_two_labels_overlap(qtbot: QtBot, window: MainWindow, factor: float) -> None:
    view = open_timeline(qtbot, window)
    view.zoom_by(factor)
    for offset in (0, 0.33, 0.66):
        bar = view.horizontalScrollBar()
        bar.setValue(int(bar.maximum() * offset))
        assert_no_overlaps(view)


def test_a_cluster_opens_when_clicked(qtbot: QtBot, window: MainWindow) -> None:
    view = open_timeline(qtbot, window)
    clusters = [(lane, rect) for lane, _row, rect, glyph in view.glyph_rects() if glyph.is_cluster]
    assert clusters, "at fit-all zoom, crowded decades fold into clusters"
    _lane, rect = clusters[0]
    zoom = view.time_scale.px_per_day
    position = view.mapFromScene(QPointF(rect.left() + 6, rect.center().y()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert view.time_scale.px_per_day > zoom


def test_tooltip_gives_date_instrument_source_and_difference(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_timeline(qtbot, window)
    zoom_to_years(view, 2004, 2006)
    for lane, _row, _rect, glyph in view.glyph_rects():
        lane_obj = view.lane(lane)
        assert lane_obj is not None
        if not glyph.is_cluster:
            item = view.item_of(lane_obj, glyph)
            if item.key == "firearms-protocol:event:entry_into_force":
                text = view.tooltip(lane_obj, glyph)
                assert "3 July 2005" in text and "footnote\u00a09" in text
                assert "The paper says" in text and "3 June 2005" in text
                assert "Protocol against the Illicit Manufacturing" in text
                return
    raise AssertionError("the Firearms Protocol's entry into force is not drawn")


def test_filters_are_applied_and_remembered(qtbot: QtBot, open_window: WindowFactory) -> None:
    first = open_window()
    view = open_timeline(qtbot, first)
    assert first.timeline is not None
    first.timeline.theme_actions["drugs"].setChecked(False)
    first.timeline.kind_actions["span"].setChecked(False)
    assert "drugs" not in [lane.key for lane in view.lanes]
    assert all(i.kind != "span" for i in view.visible_items())
    first.close()
    second = open_window()
    assert second.current_view == "timeline"  # the last view is restored
    assert second.timeline is not None
    assert not second.timeline.theme_actions["drugs"].isChecked()
    assert "drugs" not in [lane.key for lane in second.timeline.view.lanes]
    assert all(i.kind != "span" for i in second.timeline.view.visible_items())


@pytest.mark.parametrize("whole", [False, True])
def test_export_png_and_svg(qtbot: QtBot, window: MainWindow, tmp_path: Path, whole: bool) -> None:
    open_timeline(qtbot, window)
    assert window.timeline is not None
    [png] = window.timeline.export(tmp_path / "timeline.png", whole=whole)
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= (2300 if whole else 200)
    [svg] = window.timeline.export(tmp_path / "timeline.svg", whole=whole)
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text and "UNTOC" in text


def test_done_when_a_new_user_reads_the_palermo_dates(qtbot: QtBot, window: MainWindow) -> None:
    """Issue 4's 'Done when': open the timeline, see a century of events in readable lanes,
    zoom into 2000 to 2005 and read the Palermo Convention and its protocols' dates without
    overlaps, click one and land on it in the tree."""
    view = open_timeline(qtbot, window)
    first, last = view.visible_days()
    assert date.fromordinal(int(first)).year <= 1909 and date.fromordinal(int(last)).year >= 2019
    assert_no_overlaps(view)
    zoom_to_years(view, 2000, 2005)
    assert_no_overlaps(view)
    for key in PALERMO:
        point = view.scene_point_of(key)
        assert point is not None, f"{key} should be drawn on its own, not folded"
        assert view.viewport().rect().contains(view.mapFromScene(point))
    click_item(qtbot, view, "smuggling-protocol:event:entry_into_force")
    assert window.study.tree.currentIndex().data() == "Smuggling of Migrants Protocol (2000)"


def test_hovering_shows_the_tooltip(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    view = open_timeline(qtbot, window)
    zoom_to_years(view, 2004, 2006)
    point = view.mapFromScene(view.scene_point_of("firearms-protocol:event:entry_into_force"))
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert "3 July 2005" in QToolTip.text() and "footnote\u00a09" in QToolTip.text()


def test_a_pinch_zooms(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice

    view = open_timeline(qtbot, window)
    zoom = view.time_scale.px_per_day
    position = QPointF(300, 200)
    event = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture,
        QPointingDevice.primaryPointingDevice(),
        2,
        position,
        position,
        QPointF(view.viewport().mapToGlobal(position.toPoint())),
        0.5,
        QPointF(),
        0,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.time_scale.px_per_day == pytest.approx(zoom * 1.5)


def test_larger_text_lays_the_labels_out_again_at_their_new_width(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_timeline(qtbot, window)
    try:
        qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: view.font().pointSizeF() == window.menus.appearance.points)
        metrics = QFontMetricsF(view.font())
        for glyphs in view.glyphs.values():
            for glyph in glyphs:  # each label has room for itself: none runs into the next
                width = glyph.label_x1 - glyph.label_x0
                assert width >= metrics.horizontalAdvance(glyph.label) - 0.5, glyph.label
    finally:
        window.menus.reset_size()


def test_larger_text_keeps_three_lines_of_the_selected_event(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_timeline(qtbot, window)
    assert window.timeline is not None
    text = window.timeline.details.text
    try:
        for _ in range(4):
            qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: text.font().pointSizeF() == window.menus.appearance.points)
        assert text.height() >= 3 * QFontMetricsF(text.font()).lineSpacing()
    finally:
        window.menus.reset_size()
