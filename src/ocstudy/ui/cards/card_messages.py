"""What the card dialogs ask and tell: before what the learner wrote would be dropped (Escape,
Close, closing the window), and after an edit met a card another program had changed."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ocstudy.services.own_cards import OwnCardEdit

KEEP_EDITING = "Keep editing"
DISCARD = "Discard"


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    KEEP_EDITING = "keep editing"


def ask_about_unsaved(parent: QWidget, *, editing: bool, first_line: str) -> Unsaved:
    """Save (or Add) / Discard / Keep editing (the default, and Escape) for a card whose text
    would be lost; ``first_line`` names it."""
    named = f" \u201c{first_line[:60]}\u201d" if first_line else ""
    if editing:
        title, save_text = "Unsaved changes", "Save"
        text = f"Your changes to the card{named} are not saved. Save them, or discard them?"
    else:
        title, save_text = "Card not added", "Add card"
        text = f"The card you are writing{named} is not added yet. Add it, or discard it?"
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("unsavedCardQuestion")
    box.setAccessibleName(title)
    save = box.addButton(save_text, QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(DISCARD, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(KEEP_EDITING, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Unsaved.SAVE
    return Unsaved.DISCARD if clicked is discard else Unsaved.KEEP_EDITING


def kept_apart_text(saved: OwnCardEdit) -> str:
    """What happened when an edit met a card changed or deleted by another program."""
    if saved.before is None:
        return (
            "While you were editing this card, another program deleted it (an import or a "
            "restore). Your version is saved as a new card (with no review history yet)."
        )
    return (
        "While you were editing this card, another program changed it (an import of your own "
        "cards, or a restore). Nothing was overwritten: it stays as that program left it, and "
        "your version is saved beside it as a new card (with no review history yet). In the "
        "cards browser, is:own shows both; delete the one you do not want."
    )


def tell_kept_apart(parent: QWidget, saved: OwnCardEdit) -> None:
    """Say it in a message that does not block (``cardKeptApartMessage``)."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Card changed elsewhere",
        kept_apart_text(saved),
        parent=parent,
    )
    box.setObjectName("cardKeptApartMessage")
    box.setAccessibleName("Card changed elsewhere")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
