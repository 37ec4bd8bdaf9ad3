"""What a change to the learner's data changed, and the one list of what can be undone.

Every change (an answer, a mark on cards, an own card added, edited or deleted, a note
deleted, an import, a restore, another process's write) says what it changed as a
:class:`Changes`: the views read again only that. What can be taken back goes into the one
:class:`UndoHistory` as an :class:`UndoStep`, newest first, whichever view made it; the
window's Edit > Undo takes back its newest step. No Qt (the window announces the changes,
``ui/common/operations.py``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Final, NamedTuple

#: How many steps the history keeps (as each view's list did).
UNDO_STEPS: Final = 100

#: The settings a change names (``Changes.settings``), as the learner's database keys them.
RETENTION_SETTING: Final = "quiz.desired_retention"
NEW_PER_DAY_SETTING: Final = "quiz.new_cards_per_day"
TIERS_SETTING: Final = "quiz.tiers"
PARAMETERS_SETTING: Final = "fsrs.parameters"
CUSTOM_STUDY_SETTING: Final = "quiz.custom_study"


class Changes(NamedTuple):
    """What a change touched. ``everything``: anything may have (a restore, an import,
    another process's write), so a view reads all again.

    This and :class:`UndoStep` are NamedTuples, not dataclasses: the window imports them
    before its first paint, and ``dataclasses`` costs about 3 ms there (issue 28)."""

    card_ids: frozenset[str] = frozenset()
    note_slugs: frozenset[str] = frozenset()
    #: The learner's own cards were added, edited or deleted (the deck itself changed).
    own_cards: bool = False
    settings: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def of_cards(cls, card_ids: Iterable[str], *, own_cards: bool = False) -> Changes:
        return cls(card_ids=frozenset(card_ids), own_cards=own_cards)

    @classmethod
    def of_notes(cls, slugs: Iterable[str]) -> Changes:
        return cls(note_slugs=frozenset(slugs))

    @classmethod
    def of_settings(cls, *keys: str) -> Changes:
        return cls(settings=frozenset(keys))

    @classmethod
    def all(cls) -> Changes:
        return cls(everything=True)

    def __or__(self, other: Changes) -> Changes:
        """Both changes together."""
        return Changes(
            self.card_ids | other.card_ids,
            self.note_slugs | other.note_slugs,
            self.own_cards or other.own_cards,
            self.settings | other.settings,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return bool(
            self.everything or self.own_cards or self.card_ids or self.note_slugs or self.settings
        )

    @property
    def touches_cards(self) -> bool:
        """Whether a view of cards (their schedules, marks, the deck) must read again."""
        return self.everything or self.own_cards or bool(self.card_ids)

    @property
    def touches_schedules(self) -> bool:
        """Whether every card's retrievability may have moved (the FSRS parameters)."""
        return self.everything or PARAMETERS_SETTING in self.settings

    @property
    def touches_notes(self) -> bool:
        return self.everything or bool(self.note_slugs)


def _always() -> bool:
    return True


class UndoStep(NamedTuple):
    """One change that can be taken back.

    ``undo()`` takes it back and returns what that changed; None when it could not now (it
    said why, and the step stays); it may raise (a write that failed: the step stays too).
    ``available()`` says whether it can still be undone at all (an answer's session ended):
    a step no longer available leaves the history unseen."""

    #: What it did, as the Edit menu names it: "Flag red", "Answer", "Delete note".
    title: str
    undo: Callable[[], Changes | None]
    available: Callable[[], bool] = _always
    #: What kind of change it is ("answer", "cards", "own card", "note"), for a key that
    #: undoes only its own kind (Ctrl+Alt+Z: a deleted note).
    kind: str = ""

    def __eq__(self, other: object) -> bool:
        """A step is itself only (two "Delete note" steps are two), where tuples of equal
        values are equal."""
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other

    def __hash__(self) -> int:
        return id(self)


class UndoHistory:
    """The one list of steps to undo, bounded, newest first."""

    def __init__(self, limit: int = UNDO_STEPS) -> None:
        self._steps: deque[UndoStep] = deque(maxlen=limit)

    def record(self, step: UndoStep) -> None:
        self._steps.append(step)

    def newest(self, kind: str | None = None) -> UndoStep | None:
        """The step ``undo`` would take back (of ``kind`` if given); steps no longer
        available are dropped on the way."""
        for step in reversed(list(self._steps)):
            if not step.available():
                self._steps.remove(step)
            elif kind is None or step.kind == kind:
                return step
        return None

    @property
    def can_undo(self) -> bool:
        return self.newest() is not None

    def undo(self, kind: str | None = None) -> tuple[UndoStep, Changes] | None:
        """Take back the newest step (of ``kind``): the step and what its undo changed.
        None when there is none, or it could not be undone now (it stays)."""
        step = self.newest(kind)
        if step is None:
            return None
        changes = step.undo()
        if changes is None:
            return None
        self._steps.remove(step)
        return step, changes

    def forget(self, step: UndoStep) -> None:
        """Drop ``step`` (it was undone another way)."""
        if step in self._steps:
            self._steps.remove(step)

    def __len__(self) -> int:
        return len(self._steps)
