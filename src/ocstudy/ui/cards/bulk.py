"""Actions on many cards at once (a suspend of 5,000 selected cards, and its undo), run as
operations: written on a worker thread, on a quiz service of its own, in one transaction a
hundred cards at a time, with a progress dialog that can cancel it (see ``CardActions``);
then the table is read again. Actions on fewer than :data:`BULK` cards are done at once.

The window hands the means to start an operation (``start``); without it (a browser shown on
its own) every action is done at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from ocstudy.services.browser.actions import CardActions, CardChange, cards_text
from ocstudy.services.operations import Changes, UndoStep
from ocstudy.services.progress import OperationCancelledError

if TYPE_CHECKING:
    from ocstudy.services.review.quiz import QuizService
    from ocstudy.ui.cards.host import CardsHost
    from ocstudy.ui.common.changes import ChangeNotice
    from ocstudy.ui.common.operations import Operation, Progress

#: From how many cards an action runs as an operation.
BULK: Final = 500
#: An action, given the actions to use (the browser's, or a worker's) and the cards.
Action = Callable[[CardActions, list[str]], CardChange]
#: ``start(title, work, then)``: ``work(service, progress)`` on a worker thread, with a quiz
#: service on connections of its own; ``then(result)`` on the GUI thread. None if it cannot
#: start now (another operation runs: the learner is told).
StartOperation = Callable[
    [str, Callable[["QuizService", "Progress"], Any], Callable[[Any], None]],
    "Operation[Any] | None",
]


def done_text(change: CardChange) -> str:
    """What an action did, and that Ctrl+Z undoes it (when it changed something)."""
    return f"{change.message} \u2014 Ctrl+Z undoes it." if change.edits else f"{change.message}."


class BulkActions:
    def __init__(self, view: CardsHost, actions: CardActions) -> None:
        self.view = view
        self.actions = actions
        self.start: StartOperation | None = None
        #: The window's change notice and undo history (None: the browser's own list).
        self.notice: ChangeNotice | None = None
        #: ``record_step(change, title)``: a change made here joins the window's history
        #: (the browser's actions set it when they join the window's notice).
        self.record_step: Callable[[CardChange, str], None] | None = None

    def takes(self, count: int) -> bool:
        """Whether an action on ``count`` cards runs here, as an operation."""
        return self.start is not None and count >= BULK

    def apply(self, action: Action, chosen: list[str], title: str) -> Operation[Any] | None:
        """``action`` on ``chosen``; then its change joins the undo list (``title``)."""
        rng = self.actions.rng

        def work(service: QuizService, progress: Progress) -> CardChange | None:
            try:
                return action(service.card_actions_reporting(progress, rng), chosen)
            except OperationCancelledError:
                return None

        def done(change: CardChange | None) -> None:
            if change is None:
                self.view.tell("Cancelled. Nothing changed.")
                return
            if self.record_step is None:
                self.actions.record(change)
                if change.edits:
                    self.view.undo_recorded()
                self._show()
            else:
                self.view.service.schedule.forget_cached_state()
                self.record_step(change, title)
            self.view.tell(done_text(change))

        assert self.start is not None
        return self.start(f"Changing {cards_text(len(chosen))}", work, done)

    def undo(self, change: CardChange, step: UndoStep | None = None) -> Operation[Any] | None:
        """Undo ``change``, the newest; then it (its ``step`` in the window's history)
        leaves the undo list."""

        def work(service: QuizService, progress: Progress) -> str | None:
            try:
                return service.card_actions_reporting(progress).undo(change)
            except OperationCancelledError:
                return None

        def done(message: str | None) -> None:
            if message is None:
                self.view.tell("Cancelled. Nothing was undone.")
                return
            if self.notice is not None and step is not None:
                self.view.service.schedule.forget_cached_state()
                self.notice.forget(step)
                self.notice.announce(Changes.of_cards(edit.card_id for edit in change.edits))
            else:
                self.actions.drop_last()
                self._show()
            self.view.tell(message)

        assert self.start is not None
        return self.start(f"Undoing on {cards_text(len(change.edits))}", work, done)

    def _show(self) -> None:
        self.view.service.schedule.forget_cached_state()
        self.view.refresh()
