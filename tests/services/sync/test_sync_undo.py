"""An answer undone after the sync sent it out is taken out on every computer (a review's
tombstone), its card's schedule following its log, and a copy of it sent back never returns."""

from __future__ import annotations

from .devices import Computer, SyncTool
from .test_sync_pair import settle


def log(computer: Computer, card_id: str) -> list[int]:
    rows = computer.db.execute(
        "SELECT rating FROM review_log WHERE card_id = ? ORDER BY reviewed_at", [card_id]
    )
    return [row[0] for row in rows]


def last_id(computer: Computer) -> int:
    return int(computer.db.execute("SELECT max(id) FROM review_log").fetchone()[0])


def test_an_answer_undone_after_it_went_out_is_taken_out_on_the_other_computer(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    a.answer("card-1", 3)
    a.answer("card-1", 1)
    a.answer("card-2", 4)
    settle(a, b, tool)
    assert log(b, "card-1") == [3, 1] and log(b, "card-2") == [4]
    a.reviews.undo(last_id(a))  # card-2's only answer
    a.reviews.undo(last_id(a))  # card-1's second
    a.tick()
    report = a.sync()
    assert report.records_out == 2
    tool.in_step()
    report = b.sync()
    assert report.reviews_undone == 2
    assert "2 reviews undone on another computer taken out" in report.message
    assert log(b, "card-1") == [3] and log(b, "card-2") == []
    settle(a, b, tool)
    assert a.snapshot() == b.snapshot()
    assert [row[0] for row in b.snapshot()["states"]] == ["card-1"]  # card-2 is new again


def test_an_undone_answer_sent_back_by_the_other_computer_never_returns(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    """The other computer, with answers of its own not yet sent, sends the review back with
    them; the computer that undid it does not take it in again."""
    a, b, tool = pair
    a.answer("card-1", 3)
    a.sync()
    tool.in_step()
    b.answer("card-2", 2)  # not yet sent when a's review comes in
    b.sync()
    a.reviews.undo(last_id(a))
    tool.in_step()
    a.sync()  # takes in b's file, which holds a's review too
    assert log(a, "card-1") == []
    settle(a, b, tool)
    assert log(a, "card-1") == [] == log(b, "card-1")
    assert a.snapshot() == b.snapshot()


def test_an_answer_undone_before_any_sync_leaves_nothing_to_send(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, _b, _tool = pair
    a.answer("card-1", 3)
    a.reviews.undo(last_id(a))  # this computer has never synced: no tombstone
    assert a.db.execute("SELECT count(*) FROM sync_versions").fetchone()[0] == 0
