"""The timeline's companions: its legend, the selected event's details, and filter menus
that stay open while the learner ticks."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QWidget,
)

from ocstudy.render.timeline import event_details_html
from ocstudy.services.timeline import TimelineItem
from ocstudy.ui.timeline.legend import LEGEND_ROW_H, legend_rows, paint_legend


class TimelineLegend(QWidget):
    """The key to the marks and colours, the same glyphs as on the timeline; as many rows as
    the width needs."""

    def __init__(self, themes: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timelineLegend")
        self.setAccessibleName("Legend of the timeline's marks and theme colours")
        self._themes = themes

    def rows(self, width: float) -> int:
        return legend_rows(width - 8, self._themes, self.fontMetrics().horizontalAdvance)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(self.rows(width) * LEGEND_ROW_H) + 4

    def sizeHint(self) -> QSize:
        width = max(self.width(), 600)
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event: object) -> None:
        if self.height() != self.heightForWidth(self.width()):
            self.setFixedHeight(self.heightForWidth(self.width()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_legend(
            painter, QRectF(4, 2, self.width() - 8, self.height() - 4), self.palette(), self._themes
        )
        painter.end()


class EventDetails(QFrame):
    """The selected event: its date with precision, place, entry, sources and, where the paper
    differs, both values; "Open entry" reads it in the study view."""

    entityOpened = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timelineEvent")
        self.setAccessibleName("The selected event")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(self)
        self.text.setObjectName("timelineEventText")
        self.text.setWordWrap(False)  # a line each; the whole text is also the tooltip
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._room_for_three_lines()
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.open_button = QPushButton("Open entry", self)
        self.open_button.setObjectName("timelineOpenEntry")
        self.open_button.setAccessibleName("Open the selected event's entry in the study view")
        self.open_button.setToolTip("Open the entry in the study view (Enter)")
        self.open_button.clicked.connect(self._open)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        self._slug: str | None = None
        self.show_item(None)

    def _room_for_three_lines(self) -> None:
        """Room for three lines whatever is selected, so that the timeline does not jump as
        the learner steps from event to event."""
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 4)

    def changeEvent(self, event: QEvent) -> None:
        """Larger or smaller text (View > Text size): still three lines."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._room_for_three_lines()

    def show_item(self, item: TimelineItem | None) -> None:
        self._slug = item.entity_slug if item else None
        self.open_button.setEnabled(item is not None)
        if item is None:
            self.text.setToolTip("")
            self.text.setText(
                "<span>Select an event (click it, or step with \u2190 \u2192) to see its "
                "date, place and source here.</span>"
            )
        else:
            self.text.setText(event_details_html(item))
            self.text.setToolTip(f"<i>{escape(item.entity_title)}</i><br>{self.text.text()}")
        self.setAccessibleDescription(self.text.text())
        self.text.updateGeometry()

    def _open(self) -> None:
        if self._slug:
            self.entityOpened.emit(self._slug)


class StayOpenMenu(QMenu):
    """A menu of check boxes that stays open while they are ticked, by mouse or keyboard."""

    def _trigger_stays_open(self) -> bool:
        action = self.activeAction()
        if action is None or not action.isEnabled() or action.menu() is not None:
            return False
        if not action.isCheckable() and not action.property("staysOpen"):
            return False
        action.trigger()
        return True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._trigger_stays_open():
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() in keys and self._trigger_stays_open():
            event.accept()
        else:
            super().keyPressEvent(event)
