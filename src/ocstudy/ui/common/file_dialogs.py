"""Where a file dialog starts: in the folder the learner last chose a file in (to save or to
open), else their Documents folder (else their home folder), never the folder the app happened
to be started from. The folder is kept in the window's settings (``files/lastFolder``), so it
is the same for every dialog that uses it and is still there after a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "files/lastFolder"


def documents_folder() -> Path:
    """The learner's Documents folder if there is one, else their home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location and Path(location).is_dir() else Path.home()


def start_folder(settings: QSettings | None, fallback: Path | None = None) -> Path:
    """The folder last chosen (if it still exists), else ``fallback`` (if it exists), else
    :func:`documents_folder`."""
    remembered = str(settings.value(LAST_FOLDER_KEY, "") or "") if settings else ""
    for folder in (Path(remembered) if remembered else None, fallback):
        if folder is not None and folder.is_absolute() and folder.is_dir():
            return folder
    return documents_folder()


def remember_folder(settings: QSettings | None, saved: Path) -> None:
    """Remember the folder of the file just chosen, for the next dialog."""
    if settings is not None:
        settings.setValue(LAST_FOLDER_KEY, str(Path(saved).absolute().parent))


def save_file_path(
    parent: QWidget, caption: str, settings: QSettings | None, name: str, filters: str
) -> Path | None:
    """Ask where to save ``name`` (the dialog opens in :func:`start_folder`); remember the
    folder chosen. None when the learner cancels."""
    start = start_folder(settings) / name
    path, _filter = QFileDialog.getSaveFileName(parent, caption, str(start), filters)
    if not path:
        return None
    chosen = Path(path)
    if not chosen.is_absolute():
        chosen = start.parent / chosen
    remember_folder(settings, chosen)
    return chosen


def open_file_path(
    parent: QWidget, caption: str, settings: QSettings | None, filters: str
) -> Path | None:
    """Ask for a file to open (the dialog opens in :func:`start_folder`); remember its
    folder. None when the learner cancels."""
    start = start_folder(settings)
    path, _filter = QFileDialog.getOpenFileName(parent, caption, str(start), filters)
    if not path:
        return None
    chosen = Path(path)
    if not chosen.is_absolute():
        chosen = start / chosen
    remember_folder(settings, chosen)
    return chosen


def open_folder_path(
    parent: QWidget, caption: str, settings: QSettings | None, current: Path | None = None
) -> Path | None:
    """Ask for a folder (the dialog opens in ``current`` if it exists, else in
    :func:`start_folder`). None when the learner cancels."""
    start = start_folder(settings, current) if current is None else current
    if not start.is_dir():
        start = start_folder(settings)
    path = QFileDialog.getExistingDirectory(parent, caption, str(start))
    return Path(path) if path else None
