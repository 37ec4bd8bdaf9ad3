"""How the timeline answers the keyboard, the wheel, gestures and the mouse: zoom, pan,
step, select, open. A mixin of :class:`ocstudy.ui.timeline.view.TimelineView`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QNativeGestureEvent, QWheelEvent
from PySide6.QtWidgets import QGestureEvent, QGraphicsView, QPinchGesture, QToolTip

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from ocstudy.services.timeline import TimelineItem
    from ocstudy.timeline.layout import Glyph, Lane

ZOOM_STEP = 1.5
PAN_STEP_PX = 120


class TimelineInput(QGraphicsView):
    """Input handlers only; every action they take is a method of the view, declared here."""

    _press: QPointF | None = None

    if TYPE_CHECKING:
        entityOpened: SignalInstance
        selected_key: str | None
        _by_key: dict[str, TimelineItem]

        def zoom_by(self, factor: float, anchor_x: float | None = None) -> None: ...
        def zoom_step(self, factor: float) -> None: ...
        def zoom_to_days(self, first: float, last: float) -> None: ...
        def zoom_to_entity(self, slug: str | None = None) -> None: ...
        def fit_all(self) -> None: ...
        def step(self, direction: int) -> None: ...
        def select_item(self, key: str, emit: bool = True) -> None: ...
        def hit(self, view_pos: QPointF) -> tuple[Lane, Glyph] | None: ...
        def item_of(self, lane: Lane, glyph: Glyph) -> TimelineItem: ...
        def tooltip(self, lane: Lane, glyph: Glyph) -> str: ...

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, shift = event.key(), event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        scroll = self.horizontalScrollBar()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_step(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_step(1 / ZOOM_STEP)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit_all()
        elif key == Qt.Key.Key_Z:
            self.zoom_to_entity()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and shift:
            scroll.setValue(
                scroll.value() + (PAN_STEP_PX if key == Qt.Key.Key_Right else -PAN_STEP_PX)
            )
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_BracketLeft):
            self.step(-1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_BracketRight):
            self.step(+1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_key:
            self.entityOpened.emit(self._by_key[self.selected_key].entity_slug)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.25 ** (delta / 120), event.position().x())
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - delta)
        else:
            pixels = event.pixelDelta()
            move = pixels.x() or pixels.y() or delta
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - move)
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            position = event.pos()  # type: ignore[attr-defined]
            hit = self.hit(QPointF(position))
            if hit is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip(*hit), self)  # type: ignore[attr-defined]
            return True
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                center = self.mapFromGlobal(pinch.centerPoint().toPoint())
                self.zoom_by(pinch.scaleFactor(), center.x())
                return True
        if (
            isinstance(event, QNativeGestureEvent)
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.zoom_by(1 + event.value(), event.position().x())
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._press = self._press, None
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return
        if (event.position() - pressed).manhattanLength() > 4:
            return  # a drag, not a click
        hit = self.hit(event.position())
        if hit is None:
            return
        lane, glyph = hit
        if glyph.is_cluster:
            first = lane.events[glyph.indices[0]].start
            last = max(lane.events[i].end for i in glyph.indices)
            self.zoom_to_days(first - 5, last + 5)
        else:
            self.select_item(self.item_of(lane, glyph).key)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.hit(event.position())
        if hit is not None and not hit[1].is_cluster:
            self.entityOpened.emit(self.item_of(*hit).entity_slug)
        else:
            super().mouseDoubleClickEvent(event)
