"""Keys that mean the same in every view: Ctrl+1...7 flag a card as in Anki (Ctrl+0: no flag),
in the quiz and in the cards browser alike."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent


def flag_key(event: QEvent) -> int | None:
    """The flag Ctrl+0...7 asks for (None: another key)."""
    if not isinstance(event, QKeyEvent):
        return None
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers != Qt.KeyboardModifier.ControlModifier:
        return None
    number = event.key() - Qt.Key.Key_0
    return number if 0 <= number <= 7 else None
