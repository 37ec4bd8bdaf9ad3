"""File > Restore from backup: the backups, the one written last first (whatever the clock
said when each was made; one dated in the future says so), or another file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocstudy.content.dates import MONTHS
from ocstudy.ui.file_dialogs import open_file_path
from ocstudy.userdata.backups import Backup


def when(moment: datetime) -> str:
    """A backup's time on the local clock, with the month in English."""
    local = moment.astimezone()
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local:%H:%M}"


def backup_text(backup: Backup, now: datetime, newest: bool) -> str:
    text = f"{when(backup.taken_at)} \u2014 {backup.path.name}"
    if backup.dated_in_the_future(now):
        text += " \u2014 dated in the future"
    return text + (" (written last)" if newest else "")


class RestoreDialog(QDialog):
    """``chosen`` carries the file to restore; nothing is restored here."""

    chosen = Signal(object)

    def __init__(
        self,
        backups: list[Backup],
        now: datetime,
        parent: QWidget,
        *,
        settings: QSettings | None = None,
    ) -> None:
        """``settings`` keep the folder "Other file…" starts in (:mod:`ocstudy.ui.file_dialogs`)."""
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from backup")
        self.setAccessibleName("Restore from backup")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._settings = settings
        intro = QLabel(
            "Your backups, the one written last first. Restoring backs up what you have now "
            "first, so you can come back to it."
            if backups
            else "There is no backup in your data folder yet; choose a file to restore from.",
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("backupList")
        self.list.setAccessibleName("Backups")
        for index, backup in enumerate(backups):
            item = QListWidgetItem(backup_text(backup, now, newest=index == 0), self.list)
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            if backup.dated_in_the_future(now):
                item.setToolTip(
                    "Made while the computer's clock was ahead; it is placed by when it was "
                    "written, not by the date in its name."
                )
        self.list.setCurrentRow(0)
        ahead = QLabel(
            "\u201cDated in the future\u201d: made while the computer's clock was ahead. Backups "
            "are listed by when they were written, not by the dates in their names.",
            self,
        )
        ahead.setObjectName("backupsDatedAhead")
        ahead.setWordWrap(True)
        ahead.setVisible(any(backup.dated_in_the_future(now) for backup in backups))
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreChosen")
        self.restore_button.setEnabled(bool(backups))
        other = QPushButton("Other file\u2026", self)
        other.setObjectName("restoreOtherFile")
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        other.clicked.connect(self.choose_file)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(ahead)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        super().accept()
        self.chosen.emit(Path(item.data(Qt.ItemDataRole.UserRole)))

    def choose_file(self) -> None:
        path = open_file_path(self, "Restore from a file", self._settings, "ocstudy backups (*.db)")
        if path:
            super().accept()
            self.chosen.emit(path)
