"""The shared page colours stay readable whatever the system's palette."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from ocstudy.ui.common.palette import palette_colors


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two colours."""

    def luminance(name: str) -> float:
        def linear(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        color = QColor(name)
        r, g, b = (linear(v) for v in (color.redF(), color.greenF(), color.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("base", "text"), [("#ffffff", "#000000"), ("#1e1f22", "#e6e6e6"), ("#2b2b2b", "#d0d0d0")]
)
def test_muted_text_keeps_a_readable_contrast_with_the_page(
    qapp: object, base: str, text: str
) -> None:
    """Muted lines (a card's schedule, captions) keep a contrast of at least 4.5:1, even where
    the system's placeholder colour is too faint to read on the page (as in the dark look)."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(base).lighter(130))
    muted = palette_colors(palette).muted
    assert contrast(muted, base) >= 4.5, muted
    assert muted not in (text, base)
