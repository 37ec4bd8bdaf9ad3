"""Inline code in a note's preview (`A/RES/55/25`) is set apart: a monospaced font on a
subtle background of the page's own shade, in the light look and in the dark, and after a
switch between them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontInfo, QPalette, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.main_window import MainWindow


def format_of(document: QTextDocument, text: str) -> QTextCharFormat:
    """The character format of the first fragment holding ``text``."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if text in fragment.text():
                return fragment.charFormat()
            it += 1
        block = block.next()
    raise AssertionError(f"{text!r} is not in the preview")


def contrast(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio of two colours."""

    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(color.redF())
            + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF())
        )

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_inline_code_is_monospaced_on_a_subtle_background_in_both_looks(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.study.select("firearms-protocol")
    editor = window.study.notes.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Adopted by `A/RES/55/255` in 2001, with plain words around.")
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    preview = window.study.notes.preview
    assert window.study.notes.stack.currentWidget() is preview
    for look in ("light", "dark", "light"):
        window.menus.set_theme(look)
        QApplication.processEvents()
        page = preview.palette().color(QPalette.ColorRole.Base)
        ink = preview.palette().color(QPalette.ColorRole.Text)
        code = format_of(preview.document(), "A/RES/55/255")
        plain = format_of(preview.document(), "plain words")
        assert QFontInfo(code.font()).fixedPitch() and not QFontInfo(plain.font()).fixedPitch()
        assert code.hasProperty(QTextCharFormat.Property.BackgroundBrush)
        background = code.background().color()
        assert not plain.hasProperty(QTextCharFormat.Property.BackgroundBrush)
        assert 1.05 < contrast(background, page) < 1.6, (look, background.name(), page.name())
        assert contrast(ink, background) >= 7, (look, background.name(), ink.name())
        assert (background.lightness() < 128) == (page.lightness() < 128)
