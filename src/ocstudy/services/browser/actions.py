"""What the cards browser and the quiz do to cards, as Anki does: suspend, bury until
tomorrow, flag, tag, forget, set a due date; each undoable, and leeches.

Every action takes a list of card ids and returns a :class:`CardChange`: the edits it made
(each card's mark and schedule before and after) and a sentence saying what it did. Undo
applies the reversed edits in one transaction; a card changed since (answered in the quiz,
flagged again...) keeps its later change, and the sentence says so. Other changes the same
undo takes back (an own card deleted or edited in the browser) join the one list as an
:class:`OtherChange`, so undo always goes back from the newest. No Qt.
"""

from __future__ import annotations

import random
import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Final

from ocstudy.phrasing import counted
from ocstudy.quiz.scheduling import CardScheduler
from ocstudy.services.progress import OperationCancelledError, Progress
from ocstudy.userdata.card_tags import parse_tags as parse_tags
from ocstudy.userdata.card_tags import with_tags, without_tags
from ocstudy.userdata.marks import NO_MARK, CardEdit, CardMark, MarkStore
from ocstudy.userdata.review_rows import StoredState

if TYPE_CHECKING:
    from ocstudy.services.review.schedule import Schedule

#: Anki's flag names, by number.
FLAG_NAMES: Final = ("", "Red", "Orange", "Green", "Blue", "Pink", "Turquoise", "Purple")
MAX_DUE_DAYS: Final = 36500
UNDO_STEPS: Final = 100
#: How many cards a bulk action writes between two looks at its progress.
STEP: Final = 100
_DUE = re.compile(r"^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$")


class DueDateError(ValueError):
    """The due-date text cannot be read; the message says how to write it."""


@dataclass(frozen=True, slots=True)
class CardChange:
    """What one action did: the edits made and a sentence for the learner."""

    edits: tuple[CardEdit, ...]
    message: str


@dataclass(frozen=True, slots=True)
class OtherChange:
    """A change made outside these actions, undone in turn with them: ``undo`` puts it back
    and says what it did (raising ``UserDatabaseError`` if it cannot: it stays to undo)."""

    undo: Callable[[], str]
    #: The card to show once it is undone (None: the selection stays).
    card_id: str | None = None


def cards_text(count: int) -> str:
    return f"{count} card{'s' if count != 1 else ''}"


def parse_due_days(text: str) -> tuple[int, int]:
    """ "0" (today), "3" (in 3 days) or "3-7" (a random day in that range): the range."""
    match = _DUE.match(text)
    if match is None:
        raise DueDateError(
            f"\u201c{text.strip()}\u201d is not a due date: write days from today, as in 0 "
            "(today), 3 (in 3 days) or 3-7 (a random day from 3 to 7)"
        )
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) else low
    if low > high:
        raise DueDateError(f"\u201c{text.strip()}\u201d: the first number must not be larger")
    if high > MAX_DUE_DAYS:
        raise DueDateError(f"\u201c{text.strip()}\u201d: at most {MAX_DUE_DAYS} days ahead")
    return low, high


class CardActions:
    """The actions, and the list of what to undo.

    With ``progress`` (``progress(done, total)``, False to stop) a change is written
    :data:`STEP` cards at a time, still in one transaction, saying how far it is; stopped, it
    is rolled back whole (:class:`OperationCancelledError`). Bulk actions run so on a worker
    thread, on a service of their own: their change then joins this list by :meth:`record`.
    """

    def __init__(
        self,
        schedule: Schedule,
        rng: random.Random | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.schedule = schedule
        self.marks: MarkStore = schedule.marks
        self.rng = rng or random.Random()
        self._progress = progress
        self._done: deque[CardChange | OtherChange] = deque(maxlen=UNDO_STEPS)

    # -- marks ------------------------------------------------------------------------------

    def toggle_suspend(self, card_ids: Sequence[str], on: bool | None = None) -> CardChange:
        """Suspend the cards; if every one is suspended already, unsuspend them (as Anki).
        ``on`` True or False: suspend or unsuspend, whatever they are."""
        found = self._marks(card_ids)
        if on is None:
            on = not all(mark.suspended for mark in found.values())
        changes = {i: replace(m, suspended=on) for i, m in found.items()}
        verb = "Suspended" if on else "Unsuspended"
        return self._mark_change(found, changes, f"{verb} {cards_text(len(changes))}")

    def bury(self, card_ids: Sequence[str]) -> CardChange:
        """Bury the cards until the study day ends (they come back tomorrow)."""
        day = self.schedule.day
        until = day.end(day.day_of(self.schedule.now()))
        found = self._marks(card_ids)
        changes = {i: replace(m, buried_until=until) for i, m in found.items()}
        return self._mark_change(
            found, changes, f"Buried {cards_text(len(changes))} until tomorrow"
        )

    def flag(self, card_ids: Sequence[str], number: int) -> CardChange:
        """Flag ``number`` (0: none); on cards that all have it already, it comes off."""
        if not 0 <= number < len(FLAG_NAMES):
            raise ValueError(f"flag {number} is not 0-7")
        found = self._marks(card_ids)
        if number and all(mark.flag == number for mark in found.values()):
            number = 0
        changes = {i: replace(m, flag=number) for i, m in found.items()}
        count = cards_text(len(changes))
        message = (
            f"Flag {FLAG_NAMES[number].lower()} on {count}" if number else f"No flag on {count}"
        )
        return self._mark_change(found, changes, message)

    def add_tags(self, card_ids: Sequence[str], names: Sequence[str]) -> CardChange:
        """Put the tags ``names`` on the cards (a card that has one keeps it as it is)."""
        return self._tag_change(card_ids, names, with_tags, "Added", "to")

    def remove_tags(self, card_ids: Sequence[str], names: Sequence[str]) -> CardChange:
        """Take the tags ``names`` off the cards (case aside)."""
        return self._tag_change(card_ids, names, without_tags, "Removed", "from")

    def _tag_change(
        self,
        card_ids: Sequence[str],
        names: Sequence[str],
        change: Callable[[Sequence[str], Sequence[str]], tuple[str, ...]],
        verb: str,
        preposition: str,
    ) -> CardChange:
        known = self.marks.tags.tags()
        edits = []
        for card_id in dict.fromkeys(card_ids):
            before = known.get(card_id, ())
            after = change(before, names)
            if after != before:
                edits.append(CardEdit(card_id, tags=(before, after)))
        quoted = ", ".join(f"\u201c{name}\u201d" for name in names)
        what = f"the tag{'s' if len(names) != 1 else ''} {quoted}"
        message = f"{verb} {what} {preposition} {cards_text(len(edits))}"
        return self._apply(edits, message, "tag the cards")

    # -- schedules --------------------------------------------------------------------------

    def forget(self, card_ids: Sequence[str]) -> CardChange:
        """Make the cards new again: their schedule goes, their review log stays (as Anki's
        Forget). A leech mark goes too; suspension and flag stay."""
        edits = []
        for card_id in dict.fromkeys(card_ids):
            state = self.schedule.stored_state(card_id)
            mark = self.marks.mark(card_id)
            if state is None and not mark.leech:
                continue
            edits.append(
                CardEdit(
                    card_id,
                    mark=(mark, replace(mark, leech=False)) if mark.leech else None,
                    state=(state, None) if state is not None else None,
                )
            )
        return self._apply(edits, f"Forgot {cards_text(len(edits))}: new again", "forget")

    def set_due(self, card_ids: Sequence[str], text: str) -> CardChange:
        """Due on a day ``text`` says (see ``parse_due_days``), at its start; nothing changes
        if it cannot be read. A new card becomes a card in learning due then."""
        low, high = parse_due_days(text)
        day = self.schedule.day
        today = day.day_of(self.schedule.now())
        edits = []
        for card_id in dict.fromkeys(card_ids):
            target = day.start(today + timedelta(days=self.rng.randint(low, high)))
            state = self.schedule.stored_state(card_id)
            if state is None:
                fresh = CardScheduler.new_state(target)
                after = StoredState(int(fresh.state), fresh.step, None, None, fresh.due, None, 0, 0)
            else:
                after = replace(state, due=target)
            edits.append(CardEdit(card_id, state=(state, after)))
        when = f"in {counted(low, 'day')}" if low == high else f"in {low} to {high} days"
        when = "today" if high == 0 else ("tomorrow" if (low, high) == (1, 1) else when)
        return self._apply(edits, f"{cards_text(len(edits))} due {when}", "set the due date")

    # -- undo -------------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def last(self) -> CardChange | OtherChange | None:
        """What ``undo_last`` would undo."""
        return self._done[-1] if self._done else None

    def remember(self, change: OtherChange) -> None:
        """Keep ``change`` to undo in turn with the actions here."""
        self._done.append(change)

    def undo_last(self) -> str | None:
        """Undo the last action still undone; what it says (None: nothing to undo)."""
        if not self._done:
            return None
        change = self._done[-1]
        message = change.undo() if isinstance(change, OtherChange) else self.undo(change)
        self._done.pop()
        return message

    def record(self, change: CardChange) -> None:
        """Keep ``change``, made by another :class:`CardActions` (a bulk action's), to undo."""
        if change.edits:
            self._done.append(change)

    def drop_last(self) -> None:
        """Forget the newest change: it was undone elsewhere (a bulk undo's)."""
        self._done.pop()

    def undo(self, change: CardChange) -> str:
        """Put back what ``change`` changed; cards changed since keep their later change."""
        edits = [edit.reversed() for edit in reversed(change.edits)]
        kept = self._write(edits, "undo")
        self.schedule.forget_cached_state()
        text = f"Undone: {change.message[0].lower()}{change.message[1:]}"
        if kept:
            text += (
                f"; {cards_text(len(kept))} changed since and kept as they are now "
                "(undo them by hand if you want to)"
            )
        return text

    # -- helpers ----------------------------------------------------------------------------

    def _marks(self, card_ids: Sequence[str]) -> dict[str, CardMark]:
        known = self.marks.marks()
        return {i: known.get(i, NO_MARK) for i in dict.fromkeys(card_ids)}

    def _mark_change(
        self, found: dict[str, CardMark], changes: dict[str, CardMark], message: str
    ) -> CardChange:
        edits = [
            CardEdit(i, mark=(found[i], mark)) for i, mark in changes.items() if mark != found[i]
        ]
        return self._apply(edits, message, "change the cards")

    def _write(self, edits: Sequence[CardEdit], doing: str) -> list[str]:
        """Apply ``edits`` in one transaction (see the class's docstring for ``progress``);
        the cards changed since, which are kept as they are."""
        if self._progress is None:
            return self.marks.apply(edits, doing)
        kept: list[str] = []
        with self.schedule.atomic():
            for start in range(0, len(edits), STEP):
                if not self._progress(start, len(edits)):
                    raise OperationCancelledError
                kept += self.marks.apply(edits[start : start + STEP], doing)
            self._progress(len(edits), len(edits))
        return kept

    def _apply(self, edits: Sequence[CardEdit], message: str, doing: str) -> CardChange:
        kept = self._write(edits, doing)
        self.schedule.forget_cached_state()
        done = tuple(edit for edit in edits if edit.card_id not in kept)
        change = CardChange(done, message)
        if done:
            self._done.append(change)
        return change
