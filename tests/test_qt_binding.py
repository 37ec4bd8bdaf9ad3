"""The Qt binding itself: Qt for Python 6.12.0 on Python 3.11 drops a reference to ``None``
each time a void C++ method returns, and the app then dies at a random moment once None's
reference count reaches zero (seen while painting the timeline). pyproject.toml keeps such a
version out; this test catches it if a new one comes back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter


def test_void_calls_keep_nones_reference_count(qapp: object) -> None:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    color = QColor("#336699")
    before = sys.getrefcount(None)
    for _ in range(500):
        painter.setPen(color)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(1, 1, 10, 10))
        painter.drawEllipse(QPointF(5, 5), 3, 3)
    after = sys.getrefcount(None)
    painter.end()
    assert after - before > -100, "this Qt binding leaks references to None: pin another version"
