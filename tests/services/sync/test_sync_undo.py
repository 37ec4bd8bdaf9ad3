"""An answer undone after the sync sent it out is taken out on every computer (a review's
tombstone), its card's schedule following its log, and a copy of it sent back never returns."""

from __future__ import annotations

from datetime import datetime

from ocstudy.userdata.review_merge import ForeignReview
from ocstudy.userdata.undone_reviews import tombstone_stamp

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


def test_an_answer_given_after_an_undo_came_in_still_goes_out(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    """Taking an undone review out frees its row id, which SQLite gives the next answer: the
    sync must still send that answer (found by the second reader)."""
    a, b, tool = pair
    a.answer("card-1", 3)
    settle(a, b, tool)  # b's last log row is a's review, counted as sent
    a.reviews.undo(last_id(a))
    settle(a, b, tool)  # b takes it out: its id is free again
    b.answer("card-2", 4)
    settle(a, b, tool)
    assert log(a, "card-2") == [4] == log(b, "card-2")


def test_a_review_stored_in_another_time_form_is_taken_out_too(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    """A time an older ocstudy or a hand stored with an offset is the same review."""
    a, b, tool = pair
    a.answer("card-1", 3)
    a.db.execute("UPDATE review_log SET reviewed_at = '2026-12-01T11:01:00.000000+02:00'")
    settle(a, b, tool)
    assert log(b, "card-1") == [3]
    a.reviews.undo(last_id(a))
    settle(a, b, tool)
    assert log(a, "card-1") == [] == log(b, "card-1")


def test_an_undone_answer_imported_again_from_an_older_export_stays_out(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    a.answer("card-1", 3)
    settle(a, b, tool)
    (row,) = a.db.execute("SELECT reviewed_at FROM review_log").fetchall()
    old = ForeignReview("card-1", 3, datetime.fromisoformat(row[0]), 1500, "ocstudy")
    a.reviews.undo(last_id(a))
    settle(a, b, tool)
    merged = a.merge([old])  # what importing an older reviews export does
    assert merged.added == 0 and merged.present == 1
    settle(a, b, tool)
    assert log(a, "card-1") == [] == log(b, "card-1")


def test_a_reset_made_on_the_other_computer_after_the_answer_is_kept(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    """The other computer forgot the card after the answer came in (its schedule reset);
    taking the undone answer out leaves that reset, as a merge would."""
    a, b, tool = pair
    a.answer("card-1", 3)
    a.answer("card-1", 4)
    settle(a, b, tool)
    b.db.execute("UPDATE card_states SET due = '2030-01-01T00:00:00+00:00', reps = 0")
    reset = b.db.execute("SELECT due, reps FROM card_states").fetchone()
    a.reviews.undo(last_id(a))
    a.sync()
    tool.in_step()
    assert b.sync().reviews_undone == 1
    assert log(b, "card-1") == [3]
    assert b.db.execute("SELECT due, reps FROM card_states").fetchone() == reset


def test_a_tombstone_written_wrong_elsewhere_takes_nothing_out(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    a.answer("card-1", 3)
    settle(a, b, tool)
    (identity,) = a.db.execute("SELECT substr(reviewed_at, 1, 23) FROM review_log").fetchone()
    a.db.execute(
        "INSERT INTO sync_versions (stamp, kind, key, value, supersedes, published) "
        "VALUES (?, 'review_undone', ?, 'false', '[]', NULL)",
        [tombstone_stamp(f"card-1\n{identity}"), f"card-1\n{identity}"],
    )
    a.sync()
    tool.in_step()
    report = b.sync()
    assert report.unreadable == 1 and report.reviews_undone == 0
    assert log(b, "card-1") == [3]
