"""Closing the window: first the learner's unsaved work is settled (:func:`settle_unsaved_work`),
then what the window remembers for the next start is saved (:func:`save_state`; the window
reads it back when it opens).

Closing the window with notes that could not be saved (a full or read-only disk, data from a
newer ocstudy), or with a card being written in the Add or Edit card dialog: neither is dropped
without the learner's word.

An open card dialog with unsaved text asks first (Save or Add card / Discard / Keep editing,
see :mod:`ocstudy.ui.cards.add_dialog`); a quit nobody can answer keeps the card in a recovery
file that the next start offers.

First a recovery file (a notes export, which File > Import notes brings back) is written
beside the data, or in the temporary folder if the data folder cannot take it. Then, if the
learner can be asked, they choose: save the notes elsewhere, keep waiting (the window stays
open and goes on trying), or discard them. A quit nobody can answer (SIGTERM, a logout)
keeps the recovery file and closes.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ocstudy.services.exchange.recovery_files import claim_path
from ocstudy.ui.window.geometry import frame_of, stored_frame
from ocstudy.ui.window.parts import WindowParts

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray

    from ocstudy.ui.timeline.panel import TimelinePanel


RECOVERY_PREFIX = "unsaved-notes-"
SAVE_ELSEWHERE = "Save elsewhere\u2026"
KEEP_WAITING = "Keep waiting"
DISCARD = "Discard"


class StateWindow(WindowParts, Protocol):
    """The window whose state :func:`save_state` saves."""

    @property
    def timeline(self) -> TimelinePanel | None: ...

    def saveGeometry(self) -> QByteArray: ...
    def saveState(self, version: int = ...) -> QByteArray: ...


def recovery_folders(data_dir: Path) -> list[Path]:
    """Where a recovery file may go, best first."""
    return [data_dir, Path(tempfile.gettempdir())]


def write_recovery_file(window: WindowParts, texts: dict[str, str]) -> Path | None:
    """Write ``texts`` to a recovery file, this window's own from an earlier attempt or a new
    one (never over another's); None if nowhere could take it."""
    earlier = window.recovery_file
    for folder in [None, *recovery_folders(window.data_dir)]:
        if folder is None and earlier is None:
            continue
        path: Path | None = earlier if folder is None else None
        try:
            path = path or claim_path(folder or window.data_dir, RECOVERY_PREFIX)
            window.services.study.write_notes_file(texts, path)
        except OSError:
            if path is not None and path != earlier:
                path.unlink(missing_ok=True)
            continue
        window.recovery_file = path
        return path
    return None


def remove_recovery_file(window: WindowParts) -> None:
    """Every note it held is saved (or was discarded): the window's recovery file goes."""
    if window.recovery_file is not None:
        with contextlib.suppress(OSError):
            window.recovery_file.unlink()
        window.recovery_file = None


def settle_unsaved_work(window: WindowParts, interactive: bool) -> bool:
    """Whether the window may close: the card dialogs' unsaved text settled
    (:func:`settle_card_dialogs`), then the notes saved now (a recovery file of an earlier
    try goes), else kept or discarded as the learner chose (:func:`settle_unsaved_notes`)."""
    if not settle_card_dialogs(window, interactive):
        return False
    if window.study.flush():
        remove_recovery_file(window)
        return True
    return settle_unsaved_notes(window, interactive)


def save_state(window: StateWindow) -> None:
    """Remember the window's place, size and frame, its toolbars, the view shown, and the
    study view's and the timeline's own state."""
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    settings = window.settings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/frame", stored_frame(frame_of(window)))
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/view", window.current_view)
    window.study.save_state(settings)
    if window.timeline is not None:
        window.timeline.save_state(settings)
    settings.sync()


def settle_card_dialogs(window: WindowParts, interactive: bool) -> bool:
    """Whether the window may close as far as the open card dialogs go: each asks about its
    unsaved text (``interactive``), or keeps it in a recovery file and closes."""
    from ocstudy.ui.cards.add_dialog import AddCardDialog

    for dialog in window.findChildren(AddCardDialog):
        if not dialog.isVisible():
            continue
        if interactive:
            if not dialog.close():
                return False  # keep editing
            continue
        kept = dialog.keep_and_close(window.data_dir, recovery_folders(window.data_dir))
        if kept is not None:
            window.statusBar().showMessage(f"The card you were writing is kept in {kept}", 30_000)
    return True


def settle_unsaved_notes(window: WindowParts, interactive: bool) -> bool:
    """Whether the window may close, its unsaved notes kept (a recovery file, or elsewhere) or
    discarded as the learner chose."""
    notes = window.study.notes
    texts = notes.unsaved_notes()
    recovery = write_recovery_file(window, texts)
    if recovery is not None:
        window.statusBar().showMessage(f"Your unsaved notes are kept in {recovery}", 30_000)
    if not interactive:
        return True
    from PySide6.QtWidgets import QMessageBox, QWidget

    assert isinstance(window, QWidget)
    titles = ", ".join(_short_name(window, slug) for slug in sorted(texts))
    kept = (
        f"A copy is kept in {recovery} (File \u203a Import notes brings it back)."
        if recovery
        else "No copy could be written beside your data."
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Notes not saved",
        f"Your notes on {titles} are not saved ({notes.last_error}).\n\n{kept}",
        parent=window,
    )
    box.setObjectName("unsavedNotesDialog")
    box.setAccessibleName("Notes not saved")
    elsewhere = box.addButton(SAVE_ELSEWHERE, QMessageBox.ButtonRole.AcceptRole)
    waiting = box.addButton(KEEP_WAITING, QMessageBox.ButtonRole.RejectRole)
    discard = box.addButton(DISCARD, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(waiting)
    box.setEscapeButton(waiting)
    box.exec()
    clicked = box.clickedButton()
    if not (clicked is discard or (clicked is elsewhere and _save_elsewhere(window, texts))):
        return False  # keep waiting: the window stays, and goes on trying to save
    notes.discard_unsaved()
    remove_recovery_file(window)
    return True


def _save_elsewhere(window: WindowParts, texts: dict[str, str]) -> bool:
    from PySide6.QtWidgets import QWidget

    from ocstudy.ui.common.file_dialogs import save_file_path

    assert isinstance(window, QWidget)
    path = save_file_path(
        window,
        "Save your unsaved notes",
        window.settings,
        "ocstudy-unsaved-notes.json",
        "ocstudy notes (*.json)",
    )
    if not path:
        return False
    try:
        window.services.study.write_notes_file(texts, path)
    except OSError as error:
        window.tell(f"Your notes could not be saved to {path} either: {error.strerror or error}")
        return False
    return True


def _short_name(window: WindowParts, slug: str) -> str:
    entity = window.services.study.entity(slug)
    return entity.short_name if entity else slug
