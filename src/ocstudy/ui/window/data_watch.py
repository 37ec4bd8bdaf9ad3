"""What the window shows of the learner's data as it changes: the counts in the status bar, what
could not be read (kept in view beside them, a later message must not hide it), and writes by
another process (``ocstudy import notes``, a restore), looked for every second and announced on
the window's change notice as ``Changes.all()``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from ocstudy.phrasing import counted
from ocstudy.services.errors import UserDatabaseError
from ocstudy.services.operations import Changes
from ocstudy.ui.window.parts import WindowParts

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from ocstudy.ui.window.own_cards import OwnCardWindow

#: How often the window looks whether another process (an import, a restore) wrote the data.
OUTSIDE_CHANGES_MS = 1000


class WatchedWindow(WindowParts, Protocol):
    @property
    def unreadableData(self) -> SignalInstance: ...
    @property
    def own_cards(self) -> OwnCardWindow: ...

    def operation_running(self) -> bool: ...


class DataWatch(QObject):
    def __init__(self, window: WatchedWindow) -> None:
        """Made before the views: it hears of every change first (the quiz's cached states go
        before the views read them); :meth:`start` once the views are registered."""
        assert isinstance(window, QWidget)
        super().__init__(window)
        self.window = window
        self._service = window.services.study
        window.changes.changed.connect(self.data_changed)
        self._version: int | None = None
        self.counts_label = QLabel(window)
        self.counts_label.setObjectName("statusCounts")
        self.unreadable_label = QLabel(window)
        self.unreadable_label.setObjectName("unreadableWarning")
        self.unreadable_label.setAccessibleName("Problems in your data")
        self.unreadable_label.hide()
        #: What could not be read, oldest first (the label's tooltip lists them all).
        self.unreadable_messages: list[str] = []
        self._timer = QTimer(window)
        self._timer.setObjectName("outsideChangesTimer")
        self._timer.setInterval(OUTSIDE_CHANGES_MS)
        self._timer.timeout.connect(self.check_outside_changes)

    def start(self) -> None:
        """Show the counts and listen for unreadable rows (said from any thread), and look for
        outside writes from the data as it is now."""
        self._version = self._service.data_version()
        self.window.unreadableData.connect(self._tell_unreadable)  # queued from another thread
        self._service.on_unreadable(self.window.unreadableData.emit)
        self._timer.start()
        self.window.statusBar().addPermanentWidget(self.unreadable_label)
        self.window.statusBar().addPermanentWidget(self.counts_label)
        self._update_counts()

    def stop(self) -> None:
        """The window closes: no more looks for outside writes."""
        self._timer.stop()

    def _update_counts(self) -> None:
        entities = len(self._service.entities())
        notes = len(self._service.noted_slugs())
        self.counts_label.setText(
            f"{entities} instruments and bodies \u00b7 {notes} note{'s' if notes != 1 else ''}"
        )

    def _tell_unreadable(self, message: str) -> None:
        """Say in the status bar what could not be read (the newest; all of them in its
        tooltip): the view shows the rest of the data without it."""
        self.unreadable_messages.append(message)
        count = len(self.unreadable_messages)
        more = f" ({count} problems: point here for all)" if count > 1 else ""
        status = self.window.statusBar()
        status.showMessage(f"Your data{more}: {message}", 60_000)
        status.setToolTip("\n".join(self.unreadable_messages))
        self.unreadable_label.setText(f"\u26a0 {counted(count, 'problem')} in your data")
        self.unreadable_label.setToolTip("\n".join(self.unreadable_messages))
        self.unreadable_label.show()

    def reload_user_data(self) -> None:
        """Show the user database afresh: everything may have changed, and the views hear so."""
        self.window.changes.announce(Changes.all())
        self._version = self._service.data_version()

    def data_changed(self, changes: Changes) -> None:
        """What the window itself shows of the data: the counts; and the quiz's cached
        states, read again before the views read them."""
        window = self.window
        if changes.everything and (
            window.quiz is not None
            or window.stats is not None
            or window.cards is not None
            or window.own_cards.used
        ):
            # the restored reviews, marks, own cards
            window.quiz_service().schedule.forget_cached_state()
        if changes.touches_notes:
            self._update_counts()

    def check_outside_changes(self) -> None:
        """Announce ``Changes.all()`` if another process wrote the data. Not while an
        operation runs: it writes on a connection of its own, and shows what it wrote when it
        ends (:meth:`data_shown`)."""
        if self.window.operation_running():
            return
        try:
            version = self._service.data_version()
        except UserDatabaseError:  # it cannot be read now: look again later
            return
        if version != self._version:
            try:
                self.reload_user_data()
            except UserDatabaseError:  # it cannot be read now: the next look tries again
                return

    def data_shown(self) -> None:
        """The data as it is now is what the window shows: the next look for outside changes
        starts from here."""
        try:
            self._version = self._service.data_version()
        except UserDatabaseError:
            return
