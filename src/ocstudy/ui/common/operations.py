"""Long work (a restore, an export, an import, a revision sheet, a bulk card action) on a
worker thread, with a modal progress dialog that can cancel it.

The work gets ``progress(done, total)``, which returns False once the learner cancelled; each
call becomes a signal to the dialog, so the GUI thread's event loop is never entered from
inside the work (a ``processEvents`` there let the window's timers use a database connection
in the middle of SQLite's backup into it, which damaged the data). The work must use
connections of its own, never the window's (``AppServices.on_worker``). Its result, or its
error, is handed to a callback on the GUI thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

T = TypeVar("T")
#: ``progress(done, total)``: how far the work is; False once the learner cancelled.
Progress = Callable[[int, int], bool]
#: A dialog for work that ends sooner would only flash.
SHOW_AFTER_MS = 300


class ProgressDialog(QDialog):
    """What the work has done, and Cancel; closing it (Escape, the title bar) cancels too,
    and it stays until the work has stopped."""

    cancelRequested = Signal()

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setAccessibleName(title)
        self.setWindowTitle("ocstudy")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel(title, self)
        self.label.setObjectName("progressLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progressBar")
        self.bar.setAccessibleName("Progress")
        self.bar.setRange(0, 0)  # busy until the work says how far it is
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("progressCancel")
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, alignment=Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(360)

    def show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(max(0, min(done, total)))

    def reject(self) -> None:
        """Cancel: the work stops at its next step; the dialog closes when it has."""
        if self.cancel_button.isEnabled():
            self.cancel_button.setEnabled(False)
            self.label.setText(f"{self.label.text()}\nCancelling\u2026")
            self.cancelRequested.emit()


class _Worker(QThread):
    """Runs ``work(progress)`` once; ``ended`` carries its result or its error."""

    ended = Signal(object, object)

    def __init__(self, work: Callable[[Progress], object], progress: Progress) -> None:
        super().__init__()
        self._work = work
        self._progress = progress

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Exception as error:  # handed to the GUI thread, which says it or raises it
            self.ended.emit(None, error)
            return
        self.ended.emit(result, None)


class Operation(QObject, Generic[T]):
    """One piece of work running on a worker thread.

    ``then(result)`` or ``failed(error)`` runs on the GUI thread when it ends; ``finished``
    is emitted after that. ``done`` says whether it has ended, ``result`` and ``error`` what
    it ended with."""

    progressed = Signal(int, int)
    finished = Signal()

    def __init__(
        self,
        title: str,
        work: Callable[[Progress], T],
        parent: QWidget,
        then: Callable[[T], None],
        failed: Callable[[Exception], None],
        *,
        show_dialog: bool = True,
    ) -> None:
        """``show_dialog=False``: work the learner did not ask for now (a sync on a timer)
        runs without the progress dialog, which would take the window from them."""
        super().__init__(parent)
        self.title = title
        self.result: T | None = None
        self.error: Exception | None = None
        self.done = False
        self._then, self._failed = then, failed
        import threading  # read by Qt for Python once imported after it: when first used

        self._cancelled = threading.Event()
        self._abandoned = False
        self._last = (-1, -1)
        self._focus = QApplication.focusWidget()  # given back when the dialog goes
        self.dialog = ProgressDialog(title, parent)
        self.dialog.cancelRequested.connect(self.cancel)
        self.progressed.connect(self.dialog.show_progress)
        self._worker = _Worker(work, self.report)
        self._worker.ended.connect(self._end)
        if show_dialog:
            QTimer.singleShot(SHOW_AFTER_MS, self._show_dialog)
        self._worker.start()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def report(self, done: int, total: int) -> bool:
        """The work's ``progress``, on the worker thread: a signal when it moved; False once
        the learner cancelled."""
        if (done, total) != self._last:
            self._last = (done, total)
            self.progressed.emit(done, total)
        return not self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def wait(self) -> None:
        """Cancel, and block until the work has stopped; no callback runs after (the window
        is closing)."""
        self._abandoned = True
        self.cancel()
        self._worker.wait()
        self.done = True

    def _give_focus_back(self) -> None:
        """To the window and the widget that had it (keys go on working there: not every
        window system activates the window a modal dialog leaves)."""
        parent = self.parent()
        if isinstance(parent, QWidget) and QApplication.activeWindow() is None:
            parent.window().activateWindow()
        if self._focus is not None:
            with contextlib.suppress(RuntimeError):  # deleted meanwhile
                self._focus.setFocus()

    def _show_dialog(self) -> None:
        if not self.done:
            self.dialog.show()

    def _end(self, result: T | None, error: Exception | None) -> None:
        self._worker.wait()
        self.done = True
        self.result, self.error = result, error
        self.dialog.hide()
        self.dialog.deleteLater()
        self._give_focus_back()
        self._worker.deleteLater()
        try:
            if not self._abandoned:
                if error is not None:
                    self._failed(error)
                else:
                    self._then(result)  # type: ignore[arg-type]
        finally:
            self.finished.emit()
