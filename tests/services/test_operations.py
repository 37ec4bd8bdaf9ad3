"""The changes a change to the learner's data names, and the one undo history (no Qt)."""

from __future__ import annotations

from ocstudy.services.operations import Changes, UndoHistory, UndoStep


def test_changes_merge_and_what_they_touch() -> None:
    flagged = Changes.of_cards(["a", "b"])
    note = Changes.of_notes(["untoc"])
    both = flagged | note
    assert both.card_ids == {"a", "b"} and both.note_slugs == {"untoc"}
    assert both.touches_cards and both.touches_notes
    assert not note.touches_cards and not flagged.touches_notes
    assert not Changes() and both
    assert (Changes() | Changes.all()).everything
    assert Changes.all().touches_cards and Changes.all().touches_notes
    assert Changes.of_cards([], own_cards=True).touches_cards


def _step(title: str, log: list[str], kind: str = "", ok: bool = True) -> UndoStep:
    def undo() -> Changes | None:
        log.append(title)
        return Changes.of_cards([title]) if ok else None

    return UndoStep(title, undo, kind=kind)


def test_history_undoes_newest_first_and_names_it() -> None:
    log: list[str] = []
    history = UndoHistory()
    assert not history.can_undo and history.undo() is None
    history.record(_step("Answer", log, "answer"))
    history.record(_step("Flag red", log, "cards"))
    newest = history.newest()
    assert newest is not None and newest.title == "Flag red"
    undone = history.undo()
    assert undone is not None and undone[0].title == "Flag red"
    assert undone[1].card_ids == {"Flag red"}
    undone = history.undo()
    assert undone is not None and undone[0].title == "Answer"
    assert log == ["Flag red", "Answer"] and not history.can_undo


def test_a_step_not_undone_now_stays() -> None:
    log: list[str] = []
    history = UndoHistory()
    history.record(_step("Delete note", log, "note", ok=False))
    assert history.undo() is None
    assert len(history) == 1 and log == ["Delete note"]


def test_undo_of_one_kind_leaves_the_others() -> None:
    log: list[str] = []
    history = UndoHistory()
    history.record(_step("Delete note", log, "note"))
    history.record(_step("Flag red", log, "cards"))
    undone = history.undo("note")
    assert undone is not None and undone[0].title == "Delete note"
    newest = history.newest()
    assert newest is not None and newest.title == "Flag red"


def test_steps_no_longer_available_leave_unseen() -> None:
    history = UndoHistory()
    ended = [False]
    history.record(UndoStep("Answer", lambda: Changes(), available=lambda: not ended[0]))
    assert history.can_undo
    ended[0] = True
    assert not history.can_undo and len(history) == 0


def test_history_is_bounded() -> None:
    history = UndoHistory(limit=3)
    for number in range(5):
        history.record(UndoStep(str(number), lambda: Changes()))
    assert len(history) == 3
    newest = history.newest()
    assert newest is not None and newest.title == "4"
