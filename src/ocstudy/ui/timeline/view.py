"""The timeline: one lane per theme, events as markers and bars, zoomable, linked to the tree.

All the layout math is in :mod:`ocstudy.timeline`; this view only draws the glyphs it gets
and turns mouse, wheel, gesture and key input into zooms, pans and selections.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFontMetricsF,
    QPainter,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ocstudy.render.timeline import cluster_tooltip, item_tooltip
from ocstudy.services.timeline import SPAN_KIND, TimelineItem
from ocstudy.timeline.layout import (
    Glyph,
    Lane,
    LaneEvent,
    glyph_at,
    layout_lane,
    layout_lane_unclustered,
    share_rows,
)
from ocstudy.timeline.scale import TimeScale, clamp_zoom, day_number
from ocstudy.ui.common.timeline_marks import DOT_PX, event_label
from ocstudy.ui.timeline import paint as timeline_paint
from ocstudy.ui.timeline.input import TimelineInput
from ocstudy.ui.timeline.paint import AXIS_H, LANE_GAP, LANE_HEADER_H, PAD, ROW_H

LABEL_ROOM = 320.0


def _rows(glyphs: list[Glyph]) -> int:
    return max((g.row for g in glyphs), default=0) + 1


class LaneItem(QGraphicsObject):
    """Paints one lane's glyphs; the view decides which glyphs there are.

    A QGraphicsObject rather than a plain QGraphicsItem, so that Qt for Python learns when the
    scene deletes it (a plain item's wrapper would outlive it and crash at interpreter exit),
    and it holds its view weakly, so that no reference cycle keeps either alive.
    """

    def __init__(self, view: TimelineView, key: str):
        super().__init__()
        self._view = weakref.ref(view)
        self.key = key
        self.height = LANE_HEADER_H + ROW_H + LANE_GAP

    def boundingRect(self) -> QRectF:
        view = self._view()
        return QRectF(0, 0, view.scene_width if view else 0.0, self.height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        view = self._view()
        lane = view.lane(self.key) if view else None
        if view is not None and lane is not None:
            timeline_paint.paint_lane(view, painter, lane, option.exposedRect)


class TimelineView(TimelineInput):
    entityActivated = Signal(str)  # a click or a step chose one
    entityOpened = Signal(str)  # a double click or Enter asks to read it
    eventSelected = Signal(str)  # the selected event's key, "" when none is

    def __init__(
        self,
        items: list[TimelineItem],
        themes: list[tuple[str, str]],
        parent: QWidget | None = None,
        clusters: bool = True,
    ):
        super().__init__(parent)
        #: False for exports: every event drawn on its own, in as many rows as it takes
        self.clusters = clusters
        self.setObjectName("timelineView")
        self.setAccessibleName("Timeline of every dated event, one lane per theme")
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.viewport().setAccessibleName("Timeline events: click one, or step with \u2190 \u2192")
        self._all_items = items
        self._by_key = {item.key: item for item in items}
        self._themes = themes
        self._shown_themes = {key for key, _ in themes}
        self._shown_kinds: set[str] | None = None
        #: every item as the layout sees it, made once (filters only choose among them)
        self._events = {
            i.key: LaneEvent(
                start=day_number(i.start),
                end=day_number(i.end),
                key=i.key,
                label=event_label(i),
                extra_px=DOT_PX * len(i.other_themes),
            )
            for i in items
        }
        self.first_day, self.last_day = self._day_range(items)
        self.time_scale = TimeScale(self.first_day, 0.05)
        self._measure_cache: dict[str, float] = {}
        self.lanes: list[Lane] = []
        self.glyphs: dict[str, list[Glyph]] = {}
        self._lane_items: dict[str, LaneItem] = {}
        self._laid_out: tuple[float, float, float] | None = None
        #: Fit shows everything and stays so as the window is resized or filtered; a zoom ends it
        self.is_fitted = True
        self.highlighted_slug: str | None = None
        self.selected_key: str | None = None
        self._press: QPointF | None = None
        self._rebuild_lanes()

    # -- data and filters -------------------------------------------------------------------

    @property
    def scene_width(self) -> float:
        """The dated range, padding, and room for the last labels."""
        return self.time_scale.x(self.last_day) + 2 * PAD + LABEL_ROOM

    def visible_items(self) -> list[TimelineItem]:
        """The items the filters let through, in date order."""
        return [
            item
            for item in self._all_items
            if item.theme in self._shown_themes
            and (self._shown_kinds is None or item.kind in self._shown_kinds)
        ]

    def set_filters(self, themes: set[str], kinds: set[str] | None) -> None:
        """Show only these themes and kinds; the axis spans what is left, refitted if fitted."""
        left_day = self.visible_days()[0]
        self._shown_themes, self._shown_kinds = set(themes), kinds
        self.first_day, self.last_day = self._day_range(self.visible_items())
        self._rebuild_lanes()
        if self.is_fitted:
            self.fit_all()
        else:
            self._set_scale(self.time_scale.px_per_day, 0, max(left_day, self.first_day))

    def _day_range(self, items: list[TimelineItem]) -> tuple[float, float]:
        """The days the axis spans: the items', with a margin of four months either side."""
        events = [self._events[item.key] for item in items]
        if not events:
            return 700_000.0 - 120, 700_400.0 + 120
        return min(e.start for e in events) - 120, max(e.end for e in events) + 120

    def _rebuild_lanes(self) -> None:
        scene = self.scene()
        for lane_item in self._lane_items.values():
            scene.removeItem(lane_item)
        self._lane_items.clear()
        by_theme: dict[str, list[LaneEvent]] = {key: [] for key, _ in self._themes}
        for item in self.visible_items():
            by_theme[item.theme].append(self._events[item.key])
        self.lanes = []
        for key, label in self._themes:
            if key not in self._shown_themes:
                continue
            self.lanes.append(Lane(key, label, by_theme[key]))
            self._lane_items[key] = LaneItem(self, key)
            scene.addItem(self._lane_items[key])
        self._laid_out = None
        self.relayout()

    # -- layout -----------------------------------------------------------------------------

    def _measure(self, text: str) -> float:
        width = self._measure_cache.get(text)
        if width is None:
            width = QFontMetricsF(self.font()).horizontalAdvance(text)
            self._measure_cache[text] = width
        return width

    def visible_days(self) -> tuple[float, float]:
        left = self.horizontalScrollBar().value() - PAD
        width = self.viewport().width()
        return self.time_scale.day(left), self.time_scale.day(left + width)

    def relayout(self, force: bool = False) -> None:
        """Lay out the visible range (and one screen either side) if not done already."""
        first, last = self.visible_days()
        span = last - first
        laid = self._laid_out
        same_zoom = laid is not None and laid[2] == self.time_scale.px_per_day
        if not force and laid is not None and same_zoom and laid[0] <= first and last <= laid[1]:
            return
        first, last = max(self.first_day, first - span), min(self.last_day, last + span)
        self._laid_out = (first, last, self.time_scale.px_per_day)
        for lane in self.lanes:
            if self.clusters:
                glyphs = layout_lane(lane, self.time_scale, first, last, self._measure)
            else:
                glyphs = layout_lane_unclustered(lane, self.time_scale, self._measure)
            self.glyphs[lane.key] = glyphs
        if self.clusters and self.is_fitted:
            self._fit_lanes(first, last)
        y = AXIS_H
        for lane in self.lanes:
            lane_item = self._lane_items[lane.key]
            lane_item.prepareGeometryChange()
            lane_item.height = LANE_HEADER_H + _rows(self.glyphs[lane.key]) * ROW_H + LANE_GAP
            lane_item.setPos(0, y)
            y += lane_item.height
        self.scene().setSceneRect(0, 0, self.scene_width, y)
        self.viewport().update()

    def _fit_lanes(self, first: float, last: float) -> None:
        """Fitted, every lane must show: lanes that need more rows than the height holds get
        fewer, their crowded events folded into clusters that open as the learner zooms."""
        lanes_h = len(self.lanes) * (LANE_HEADER_H + LANE_GAP)
        budget = int((self.viewport().height() - AXIS_H - lanes_h) // ROW_H)
        needs = [_rows(self.glyphs[lane.key]) for lane in self.lanes]
        for lane, need, share in zip(self.lanes, needs, share_rows(needs, budget), strict=True):
            if share < need:
                self.glyphs[lane.key] = layout_lane(
                    lane, self.time_scale, first, last, self._measure, max_rows=share
                )

    @property
    def min_zoom(self) -> float:
        """Fit all: the whole dated range, with room for the last labels, fills the width."""
        width = max(200.0, self.viewport().width() - 2 * PAD - LABEL_ROOM)
        return width / max(1.0, self.last_day - self.first_day)

    def fit_all(self) -> None:
        """Show the whole range across the width and every lane in the height (lanes share
        the rows there are; see :meth:`_fit_lanes`).

        Fitting can change the lanes' heights (clusters open or close), which can show or hide
        the vertical scroll bar and so change the width: fit again until the width holds."""
        self.is_fitted = True
        for _ in range(3):
            width = self.viewport().width()
            self._set_scale(self.min_zoom, anchor_x=0, anchor_day=self.first_day)
            if self.viewport().width() == width:
                break

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom keeping the day under ``anchor_x`` (viewport px; default the centre) in place."""
        anchor_x = self.viewport().width() / 2 if anchor_x is None else anchor_x
        anchor_day = self.time_scale.day(self.horizontalScrollBar().value() + anchor_x - PAD)
        self.is_fitted = False
        self._set_scale(self.time_scale.px_per_day * factor, anchor_x, anchor_day)

    def zoom_step(self, factor: float) -> None:
        """+ and - (keys and buttons): zoom under the mouse when it is over the timeline,
        else around the selected event when it is in view, else around the middle."""
        from PySide6.QtGui import QCursor

        mouse = self.viewport().mapFromGlobal(QCursor.pos())
        if self.viewport().rect().contains(mouse):
            self.zoom_by(factor, mouse.x())
            return
        point = self.scene_point_of(self.selected_key) if self.selected_key else None
        if point is not None:
            x = self.mapFromScene(point).x()
            if 0 <= x <= self.viewport().width():
                self.zoom_by(factor, x)
                return
        self.zoom_by(factor)

    def zoom_to_days(self, first: float, last: float) -> None:
        width = max(200, self.viewport().width() - 2 * PAD - 200)
        self.is_fitted = False
        self._set_scale(width / max(1.0, last - first), PAD + 20, first)

    def _set_scale(self, px_per_day: float, anchor_x: float, anchor_day: float) -> None:
        self.time_scale = TimeScale(self.first_day, clamp_zoom(px_per_day, self.min_zoom))
        self._laid_out = None
        self.scene().setSceneRect(0, 0, self.scene_width, self.scene().sceneRect().height())
        self.horizontalScrollBar().setValue(round(self.time_scale.x(anchor_day) + PAD - anchor_x))
        self.relayout(force=True)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dx:
            self.relayout()

    def changeEvent(self, event: QEvent) -> None:
        """Larger or smaller text (View > Text size): the labels are measured again and the
        lanes laid out for them, so that none runs into the next."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._measure_cache.clear()
            if self.is_fitted and self.viewport().width() > 0:
                self.fit_all()
            else:
                self.relayout(force=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.is_fitted and self.viewport().width() > 0:
            self.fit_all()
        else:
            self.relayout(force=True)

    # -- geometry queries ------------------------------------------------------------------

    def lane(self, key: str) -> Lane | None:
        return next((lane for lane in self.lanes if lane.key == key), None)

    def lane_top(self, key: str) -> float:
        return self._lane_items[key].y()

    def lane_height(self, key: str) -> float:
        return self._lane_items[key].height

    def glyph_rects(self) -> list[tuple[str, int, QRectF, Glyph]]:
        """Scene rectangles of everything drawn, per lane and row (for tests and hit tests)."""
        result = []
        for lane in self.lanes:
            top = self.lane_top(lane.key) + LANE_HEADER_H
            for glyph in self.glyphs.get(lane.key, []):
                start, end = glyph.extent
                rect = QRectF(PAD + start, top + glyph.row * ROW_H, end - start, ROW_H)
                result.append((lane.key, glyph.row, rect, glyph))
        return result

    def scene_point_of(self, key: str) -> QPointF | None:
        """Where the marker of item ``key`` is drawn, in scene coordinates."""
        for lane in self.lanes:
            top = self.lane_top(lane.key) + LANE_HEADER_H
            for glyph in self.glyphs.get(lane.key, []):
                if not glyph.is_cluster and lane.events[glyph.indices[0]].key == key:
                    return QPointF(PAD + glyph.x0, top + glyph.row * ROW_H + ROW_H / 2)
        return None

    def hit(self, view_pos: QPointF) -> tuple[Lane, Glyph] | None:
        scene_pos = self.mapToScene(view_pos.toPoint())
        for lane in self.lanes:
            top = self.lane_top(lane.key) + LANE_HEADER_H
            row = int((scene_pos.y() - top) // ROW_H)
            if row >= 0 and scene_pos.y() < self.lane_top(lane.key) + self.lane_height(lane.key):
                glyph = glyph_at(self.glyphs.get(lane.key, []), scene_pos.x() - PAD, row)
                if glyph is not None:
                    return lane, glyph
        return None

    def item(self, key: str) -> TimelineItem:
        return self._by_key[key]

    def item_of(self, lane: Lane, glyph: Glyph) -> TimelineItem:
        return self._by_key[lane.events[glyph.indices[0]].key]

    # -- drawing ----------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        timeline_paint.paint_grid(self, painter, QRectF(rect))

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        timeline_paint.paint_axis_and_labels(self, painter)

    # -- selection --------------------------------------------------------------------------

    def highlight(self, slug: str | None) -> None:
        """Mark ``slug``'s events and bring the first of them into view (no signal)."""
        self.highlighted_slug = slug
        keys = [i for i in self.visible_items() if i.entity_slug == slug and i.kind != SPAN_KIND]
        if self.selected_key and self._by_key[self.selected_key].entity_slug != slug:
            self.selected_key = None
            self.eventSelected.emit("")
        if keys:
            first, last = self.visible_days()
            if not any(first <= day_number(i.start) <= last for i in keys):
                self.center_on_day(day_number(keys[0].start))
        self.viewport().update()

    def center_on_day(self, day: float) -> None:
        self.horizontalScrollBar().setValue(
            round(PAD + self.time_scale.x(day) - self.viewport().width() / 2)
        )

    def zoom_to_entity(self, slug: str | None = None) -> None:
        slug = slug or self.highlighted_slug
        items = [i for i in self.visible_items() if i.entity_slug == slug]
        if items:
            first = min(day_number(i.start) for i in items)
            last = max(day_number(i.end) for i in items)
            margin = max(30.0, (last - first) * 0.15)
            self.zoom_to_days(first - margin, last + margin)

    def select_item(self, key: str, emit: bool = True) -> None:
        item = self._by_key[key]
        self.selected_key = key
        self.highlighted_slug = item.entity_slug
        first, last = self.visible_days()
        if not first <= day_number(item.start) <= last:
            self.center_on_day(day_number(item.start))
        self.viewport().update()
        self.eventSelected.emit(key)
        if emit:
            self.entityActivated.emit(item.entity_slug)

    def step(self, direction: int) -> None:
        """Select the previous (-1) or next (+1) event in time."""
        order = [i for i in self.visible_items() if i.kind != SPAN_KIND]
        if not order:
            return
        keys = [i.key for i in order]
        if self.selected_key in keys:
            index = keys.index(self.selected_key) + direction
        else:
            middle = sum(self.visible_days()) / 2
            index = next((n for n, i in enumerate(order) if day_number(i.start) >= middle), 0)
            index = index if direction > 0 else index - 1
        self.select_item(keys[max(0, min(len(keys) - 1, index))])

    def tooltip(self, lane: Lane, glyph: Glyph) -> str:
        items = [self._by_key[lane.events[i].key] for i in glyph.indices]
        return cluster_tooltip(items) if glyph.is_cluster else item_tooltip(items[0])
