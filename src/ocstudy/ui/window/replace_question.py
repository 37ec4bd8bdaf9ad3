"""The question File > Export asks before an export replaces a file that holds more notes or
cards than it: "The file holds 12 notes, this export 3: replace it?" (Keep the file is the
default). The export service refuses such a replacement unless told (see
:meth:`ocstudy.services.exchange.exports.Exports.shrink`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ocstudy.services.exchange.exports import Shrink


def agreed_to_replace(parent: QWidget, shrink: Shrink | None) -> bool:
    """Whether the export may go on: nothing to ask (``shrink`` None), or the learner chose
    Replace."""
    if shrink is None:
        return True
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "Replace the file?", shrink.question, parent=parent)
    box.setObjectName("replaceLargerFileQuestion")
    box.setAccessibleName("Replace a file that holds more?")
    box.setInformativeText(f"{shrink.path}")
    replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep the file", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is replace
