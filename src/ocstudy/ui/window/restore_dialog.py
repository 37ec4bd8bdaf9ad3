"""File > Restore from backup: the backups, the one written last first (whatever the clock
said when each was made; one dated in the future says so), each with when it was written on
the local clock in words ("Today, 14:05"), its size and what it holds (notes, reviews, own
cards, counted in the backup after the dialog is shown, one row at a time, so that it opens at
once however many there are); or another file. The file's name is in the row's tooltip."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocstudy.content.dates import MONTHS
from ocstudy.phrasing import counted
from ocstudy.services.safety import Backup, BackupContents
from ocstudy.ui.common.file_dialogs import open_file_path

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WRITTEN, SIZE, HOLDS = range(3)
#: What a row's "holds" says until its backup has been read.
READING = "\u2026"

#: How many notes, reviews and own cards the backup at a path holds (None: unreadable).
ContentsReader = Callable[[Path], BackupContents | None]


def written_when(moment: datetime, now: datetime) -> str:
    """A backup's time on the local clock, in words: "Today, 14:05", "Yesterday, 09:30",
    "Monday 2 November 2026, 18:00"."""
    local, today = moment.astimezone(), now.astimezone().date()
    clock = f"{local:%H:%M}"
    if local.date() == today:
        return f"Today, {clock}"
    if local.date() == today - timedelta(days=1):
        return f"Yesterday, {clock}"
    day = f"{WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]} {local.year}"
    return f"{day}, {clock}"


def size_text(size: int) -> str:
    """A file's size as a person says it: "88.2 kB", "1.2 MB"."""
    return QLocale.c().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def holds_text(contents: BackupContents | None) -> str:
    if contents is None:
        return "cannot be read"
    return (
        f"{counted(contents.notes, 'note')}, {counted(contents.reviews, 'review')}, "
        f"{counted(contents.own_cards, 'own card')}"
    )


def written_text(backup: Backup, now: datetime, newest: bool) -> str:
    text = written_when(backup.taken_at, now)
    if backup.dated_in_the_future(now):
        text += " \u2014 dated in the future"
    return text + (" (written last)" if newest else "")


def _size_of(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:  # removed meanwhile (pruned by another ocstudy's backup)
        return None


class RestoreDialog(QDialog):
    """``chosen`` carries the file to restore; nothing is restored here."""

    chosen = Signal(object)

    def __init__(
        self,
        backups: list[Backup],
        now: datetime,
        parent: QWidget,
        *,
        contents: ContentsReader,
        settings: QSettings | None = None,
    ) -> None:
        """``contents`` reads what a backup holds; ``settings`` keep the folder "Other file…"
        starts in (:mod:`ocstudy.ui.common.file_dialogs`)."""
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from backup")
        self.setAccessibleName("Restore from backup")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._settings = settings
        self._contents = contents
        intro = QLabel(
            "Your backups, the one written last first. Restoring backs up what you have now "
            "first, so you can come back to it."
            if backups
            else "There is no backup in your data folder yet; choose a file to restore from.",
            self,
        )
        intro.setWordWrap(True)
        self.list = self._backup_list(backups, now)
        ahead = QLabel(
            "\u201cDated in the future\u201d: made while the computer's clock was ahead. Backups "
            "are listed by when they were written, not by the dates in their names.",
            self,
        )
        ahead.setObjectName("backupsDatedAhead")
        ahead.setWordWrap(True)
        ahead.setVisible(any(backup.dated_in_the_future(now) for backup in backups))
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
        self.resize(760, 400)
        self._unread = [self.list.topLevelItem(row) for row in range(self.list.topLevelItemCount())]
        QTimer.singleShot(0, self, self._read_next)

    def _backup_list(self, backups: list[Backup], now: datetime) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("backupList")
        tree.setAccessibleName("Backups")
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setHeaderLabels(["Written", "Size", "Holds"])
        header = tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(WRITTEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SIZE, QHeaderView.ResizeMode.ResizeToContents)
        for index, backup in enumerate(backups):
            size = _size_of(backup.path)
            item = QTreeWidgetItem(
                tree,
                [
                    written_text(backup, now, newest=index == 0),
                    size_text(size) if size is not None else "gone",
                    READING,
                ],
            )
            item.setTextAlignment(SIZE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(WRITTEN, Qt.ItemDataRole.UserRole, str(backup.path))
            tip = str(backup.path)
            if backup.dated_in_the_future(now):
                tip += (
                    "\nMade while the computer's clock was ahead; it is placed by when it was "
                    "written, not by the date in its name."
                )
            for column in (WRITTEN, SIZE, HOLDS):
                item.setToolTip(column, tip)
        first = tree.topLevelItem(0)
        if first is not None:
            tree.setCurrentItem(first)
        tree.itemActivated.connect(lambda _item, _column: self.accept())
        return tree

    def _read_next(self) -> None:
        """Say what the next backup holds; then the one after it, once the dialog has drawn."""
        if not self._unread:
            return
        item = self._unread.pop(0)
        if item is not None:
            path = Path(str(item.data(WRITTEN, Qt.ItemDataRole.UserRole)))
            item.setText(HOLDS, holds_text(self._contents(path)))
        QTimer.singleShot(0, self, self._read_next)

    @property
    def all_read(self) -> bool:
        """Whether every row says what its backup holds."""
        return not self._unread

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        super().accept()
        self.chosen.emit(Path(str(item.data(WRITTEN, Qt.ItemDataRole.UserRole))))

    def choose_file(self) -> None:
        path = open_file_path(self, "Restore from a file", self._settings, "ocstudy backups (*.db)")
        if path:
            super().accept()
            self.chosen.emit(path)
