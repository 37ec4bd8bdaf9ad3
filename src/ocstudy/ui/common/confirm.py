"""The question asked before something of the learner's is deleted, the same in every view."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def confirm_deletion(parent: QWidget, title: str, text: str, *, name: str) -> bool:
    """Ask ``text``, with "<title>" (the deletion) and "Keep it" (the default, and Escape);
    ``name`` is the dialog's objectName. True when the learner chose to delete."""
    from PySide6.QtWidgets import QMessageBox  # a dialog: imported when first used

    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName(name)
    delete = box.addButton(title, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is delete
