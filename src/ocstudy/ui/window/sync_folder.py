"""File > Sync folder...: the folder two computers keep in step through (``docs/sync.md``).

The app syncs after its first paint, every few minutes while open, and on quit (once the note
is saved), on a worker thread with connections of its own; when something came in, the views
hear ``Changes.all()``. The status bar's ``syncStatus`` says when it last synced and what came
in, lists the notes changed on two computers at once and opens the first on a click; the notes
panel shows such a note's two texts (:class:`~ocstudy.ui.study.conflict_bar.ConflictBar`)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QWidget

from ocstudy.phrasing import counted
from ocstudy.services.errors import UserDatabaseError
from ocstudy.services.operations import Changes
from ocstudy.services.sync.conflicts import Keep, NoteConflict
from ocstudy.services.sync.service import (
    SyncFolderError,
    SyncReport,
    check_apart,
    check_folder,
)
from ocstudy.ui.common.file_dialogs import open_folder_path
from ocstudy.ui.common.operations import Operation, Progress
from ocstudy.ui.study.conflict_bar import ConflictBar
from ocstudy.ui.window.parts import WindowParts

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

#: How often the open app syncs.
SYNC_MINUTES = 5
#: What a sync cannot reach says so; the app carries on.
SYNC_FAULTS = (SyncFolderError, UserDatabaseError, OSError)


class SyncWindow(WindowParts, Protocol):
    def show_view(self, key: str) -> None: ...


class SyncFolder(QObject):
    """The window's syncing: its actions, its timer, its status label, its conflict bar."""

    def __init__(self, window: SyncWindow) -> None:
        assert isinstance(window, QWidget)
        super().__init__(window)
        self.window = window
        self._service = window.services.sync()
        self.operation: Operation[SyncReport] | None = None
        self._again = False
        self.conflicts: list[NoteConflict] = []
        self.last_line = ""
        self.choose_action = QAction("S&ync folder\u2026", window)
        self.choose_action.setObjectName("syncFolderAction")
        self.choose_action.triggered.connect(self.choose)
        self.stop_action = QAction("S&top syncing", window)
        self.stop_action.setObjectName("stopSyncAction")
        self.stop_action.triggered.connect(self.stop)
        self.status = QPushButton(window)
        self.status.setObjectName("syncStatus")
        self.status.setAccessibleName("Sync")
        self.status.setFlat(True)
        self.status.clicked.connect(self.open_first_conflict)
        self.status_bar.addPermanentWidget(self.status)
        self.bar = ConflictBar(window.study.notes)
        self.bar.chosen.connect(self.resolve)
        window.study.notes.add_bar(self.bar)
        window.study.entitySelected.connect(lambda _slug: self.show_conflicts())
        window.changes.changed.connect(self._data_changed)
        self.timer = QTimer(self)
        self.timer.setObjectName("syncTimer")
        self.timer.setInterval(SYNC_MINUTES * 60_000)
        self.timer.timeout.connect(self.sync_now)
        self.timer.start()
        self.show_conflicts()
        self.sync_now()

    @property
    def status_bar(self) -> QStatusBar:
        return self.window.statusBar()

    @property
    def running(self) -> bool:
        return self.operation is not None and not self.operation.done

    # -- the folder -------------------------------------------------------------------------

    def choose(self) -> None:
        """Ask for the folder; one that cannot be read or written, or that meets the data
        folder, is one line, nothing kept."""
        assert isinstance(self.window, QWidget)
        folder = open_folder_path(
            self.window, "Sync through this folder", self.window.settings, self._service.folder()
        )
        if folder is None:
            return
        try:
            check_folder(folder)
            check_apart(folder, self.window.data_dir)
            self._service.set_folder(folder)
        except SYNC_FAULTS as error:
            self._say(f"Not synced: {error}")
            return
        self.stop_action.setEnabled(True)
        self.sync_now()

    def stop(self) -> None:
        try:
            self._service.set_folder(None)
        except UserDatabaseError as error:
            self._say(f"Still syncing: {error}")
            return
        self.last_line = "Not syncing"
        self.stop_action.setEnabled(False)
        self._show_status()

    # -- syncing ----------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Sync on a worker thread (once the running one ends, if one runs)."""
        if self.running:
            self._again = True
            return
        try:
            folder = self._service.folder()
        except UserDatabaseError:
            return
        self.stop_action.setEnabled(folder is not None)
        if folder is None:
            self._show_status()
            return
        services = self.window.services

        def work(_progress: Progress) -> SyncReport:
            with services.on_worker() as own:
                return own.sync().sync_once(folder)

        assert isinstance(self.window, QWidget)
        self.operation = Operation(
            "Syncing", work, self.window, self._synced, self._failed, show_dialog=False
        )
        self.operation.finished.connect(self._after)

    def _synced(self, report: SyncReport) -> None:
        came = _came_in(report)
        self.last_line = f"Synced {_now()}: {came}"
        self.status.setToolTip(report.message)
        if report.came_in:
            self.window.changes.announce(Changes.all())
        self.window.data_shown()
        self.show_conflicts()

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, SYNC_FAULTS):
            raise error
        self._say(f"Not synced: {error}")

    def _after(self) -> None:
        if self._again:
            self._again = False
            self.sync_now()

    def sync_on_quit(self) -> None:
        """The last sync, as the window closes (its note saved): what a running one had not
        done is done here; a fault is one line and the window closes anyway."""
        self.timer.stop()
        if self.operation is not None and not self.operation.done:
            self.operation.wait()
        try:
            folder = self._service.folder()
            if folder is not None:
                self._service.sync_once(folder)
        except SYNC_FAULTS as error:
            self.status_bar.showMessage(f"Not synced: {error}", 30_000)

    # -- conflicts --------------------------------------------------------------------------

    def show_conflicts(self) -> None:
        """The conflicts as stored now: the bar over the open note if it has one, the list."""
        try:
            self.conflicts = self._service.note_conflicts()
        except UserDatabaseError:
            return
        slug = self.window.study.notes.slug
        self.bar.show_conflict(next((c for c in self.conflicts if c.slug == slug), None))
        self._show_status()

    def open_first_conflict(self) -> None:
        if self.conflicts:
            self.window.show_view("study")
            self.window.study.select(self.conflicts[0].slug)
            self.show_conflicts()

    def resolve(self, keep: str) -> None:
        """The learner's choice for the conflict on screen, the note's typing saved first."""
        conflict = self.bar.conflict
        if conflict is None:
            return
        if not self.window.study.flush():
            self.status_bar.showMessage("Your note is not saved yet: choose once it is", 8000)
            return
        try:
            done = self._service.resolve_note(conflict, Keep(keep))
        except UserDatabaseError as error:
            self.status_bar.showMessage(f"Not resolved: {error}", 30_000)
            return
        if not done:
            self.status_bar.showMessage("That conflict was resolved meanwhile", 8000)
        self.window.changes.announce(Changes.of_notes([conflict.slug]))
        self.show_conflicts()

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches_notes:
            self.show_conflicts()

    # -- the status -------------------------------------------------------------------------

    def _say(self, line: str) -> None:
        self.last_line = line
        self.status.setToolTip(line)
        self._show_status()

    def _show_status(self) -> None:
        """When it last synced and what came in, and the conflicts (click: the first)."""
        text = self.last_line
        if self.conflicts:
            names = [self._short_name(conflict.slug) for conflict in self.conflicts]
            listed = f"{counted(len(names), 'conflict')} to resolve: {', '.join(names)}"
            text = f"{text} \u00b7 {listed}" if text else listed
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _short_name(self, slug: str) -> str:
        entity = self.window.services.study.entity(slug)
        return entity.short_name if entity else slug


def _came_in(report: SyncReport) -> str:
    """What came in, only what did: "3 reviews and 1 change came in", then what the sync did
    with it where the learner should know ("1 answer undone on another computer taken out")."""
    counts = (
        (report.reviews_in, "review"),
        (report.items_in, "change"),
        (report.conflicts, "conflict"),
    )
    parts = [counted(number, what) for number, what in counts if number]
    said = [f"{' and '.join(parts)} came in"] if parts else []
    if report.reviews_undone:
        undone = counted(report.reviews_undone, "answer")
        said.append(f"{undone} undone on another computer taken out")
    if report.kept_apart:
        kept = counted(report.kept_apart, "own card")
        said.append(f"{kept} changed on both computers, kept as two cards")
    return " \u00b7 ".join(said) or "nothing new came in"


def _now() -> str:
    return datetime.now().astimezone().strftime("%H:%M")
