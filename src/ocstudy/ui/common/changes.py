"""The one change notice: a change to the learner's data is announced here, once, with what
it changed (:class:`~ocstudy.services.operations.Changes`); the views listen to ``changed``
and read again only that. What can be undone is recorded in the one history here, whichever
view made it; the window's Edit > Undo takes back its newest step.

Where a change is made (an answer, a mark, an own card, a note deleted) it calls
:meth:`ChangeNotice.done`; a restore, an import and another process's write announce
``Changes.all()``. The window owns the notice and hands it to the views.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ocstudy.services.operations import Changes, UndoHistory, UndoStep


class ChangeNotice(QObject):
    #: What changed (a :class:`Changes`, never empty).
    changed = Signal(object)
    #: The history's newest step changed (the Edit menu names it).
    undoChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeNotice")
        self.history = UndoHistory()

    def announce(self, changes: Changes) -> None:
        """Tell the views what changed."""
        if changes:
            self.changed.emit(changes)

    def done(self, changes: Changes, step: UndoStep | None = None) -> None:
        """A change was made: ``step`` (if any) can take it back; the views hear of it."""
        if step is not None:
            self.history.record(step)
            self.undoChanged.emit()
        self.announce(changes)

    def forget(self, step: UndoStep) -> None:
        """``step`` was undone another way (a long undo that ran as an operation)."""
        self.history.forget(step)
        self.undoChanged.emit()

    def undo(self, kind: str | None = None) -> UndoStep | None:
        """Take back the newest step (of ``kind``), and announce what that changed; the step
        (None: nothing to undo, or it could not be undone now and said why)."""
        undone = self.history.undo(kind)
        if undone is None:
            self.undoChanged.emit()  # a step no longer available may have left
            return None
        step, changes = undone
        self.undoChanged.emit()
        self.announce(changes)
        return step

    def undo_text(self) -> str:
        """The Edit menu's words for what Undo would take back."""
        step = self.history.newest()
        return f"&Undo {step.title}" if step is not None else "&Undo"
