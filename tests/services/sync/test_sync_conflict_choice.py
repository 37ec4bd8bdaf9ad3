"""The learner's choice on a note changed on both computers (keep this, that or both),
through the sync service, reaches the other computer."""

from __future__ import annotations

import pytest

from ocstudy.services.sync.conflicts import BOTH_MARK, Keep

from .devices import Computer, SyncTool
from .test_sync_pair import settle

CHOSEN = {
    Keep.THIS: "{front}",
    Keep.THAT: "{other}",
    Keep.BOTH: "{front}" + BOTH_MARK + "{other}",
}


@pytest.mark.parametrize("keep", list(Keep))
def test_the_learners_choice_on_a_conflict_ends_on_both_computers(
    pair: tuple[Computer, Computer, SyncTool], keep: Keep
) -> None:
    a, b, tool = pair
    a.save_note("unodc", "laptop")
    b.save_note("unodc", "desktop")
    settle(a, b, tool)
    (conflict,) = a.service.note_conflicts()
    assert {conflict.this, conflict.that} == {"laptop", "desktop"}
    assert a.service.resolve_note(conflict, keep)
    expected = CHOSEN[keep].format(front=conflict.this, other=conflict.that)
    assert a.note_texts("unodc") == {expected}
    assert not a.service.resolve_note(conflict, keep)  # already resolved: nothing changes
    settle(a, b, tool)
    assert b.note_texts("unodc") == {expected}
    assert b.service.note_conflicts() == []


def test_the_sync_folder_is_a_setting_of_this_computer_only(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    a.service.set_folder(a.view)
    settle(a, b, tool)
    assert a.service.folder() == a.view
    assert b.service.folder() is None
    a.service.set_folder(None)
    assert a.service.folder() is None
