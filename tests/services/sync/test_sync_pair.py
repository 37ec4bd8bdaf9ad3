"""Two computers through a synced folder (``docs/sync.md``): everything of either reaches
the other, a note changed on both keeps both texts, and both end identical."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from ocstudy.userdata.own_cards import OwnCardStore

from .devices import Computer, SyncTool


def settle(a: Computer, b: Computer, tool: SyncTool) -> None:
    """Sync both ways until the folders are in step."""
    for _ in range(2):
        a.sync()
        b.sync()
        tool.in_step()
    a.sync()
    b.sync()


def test_reviews_notes_and_own_cards_of_each_reach_the_other(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    a.save_note("unodc", "laptop's note")
    a.answer("card-1", 3)
    b.answer("card-1", 1)
    b.answer("card-2", 4)
    card = OwnCardStore(b.db, b.clock).add("front", "back", None, ["firearms"])
    b.save_note("palermo", "desktop's note")
    settle(a, b, tool)
    assert a.snapshot() == b.snapshot()
    assert len(a.snapshot()["reviews"]) == 3
    assert a.notes.get("palermo") is not None
    assert OwnCardStore(a.db).get(card.id) is not None
    assert a.snapshot()["states"] == b.snapshot()["states"]


def test_a_note_changed_on_both_computers_holds_both_texts(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    a.save_note("unodc", "first")
    settle(a, b, tool)
    a.save_note("unodc", "the laptop's words")
    b.save_note("unodc", "the desktop's words")
    settle(a, b, tool)
    both = {"the laptop's words", "the desktop's words"}
    assert a.note_texts("unodc") == both == b.note_texts("unodc")
    assert a.snapshot() == b.snapshot()


def test_a_conflict_resolved_on_one_computer_is_resolved_on_both(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    a.save_note("unodc", "laptop")
    b.save_note("unodc", "desktop")
    settle(a, b, tool)
    assert a.note_texts("unodc") == {"laptop", "desktop"}
    a.db.execute("DELETE FROM sync_conflicts")
    a.save_note("unodc", "laptop and desktop")
    settle(a, b, tool)
    assert a.note_texts("unodc") == {"laptop and desktop"} == b.note_texts("unodc")


def test_a_deleted_note_is_deleted_on_the_other_and_an_edit_made_meanwhile_survives(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    a.save_note("gone", "to delete")
    a.save_note("kept", "to delete here, edited there")
    settle(a, b, tool)
    a.notes.delete("gone")
    a.notes.delete("kept")
    b.save_note("kept", "edited on the desktop")
    settle(a, b, tool)
    assert a.notes.get("gone") is None
    assert b.notes.get("gone") is None
    assert a.note_texts("kept") == {"edited on the desktop"} == b.note_texts("kept")


def test_the_latest_flag_wins_though_its_computer_is_three_hours_slow(
    tmp_path: Path,
) -> None:
    views = (tmp_path / "view-a", tmp_path / "view-b")
    a = Computer(tmp_path / "a", views[0], offset=timedelta(hours=3))
    b = Computer(tmp_path / "b", views[1], offset=timedelta(hours=-3))
    tool = SyncTool(views)
    a.db.execute("INSERT INTO card_marks (card_id, flag) VALUES ('c', 1)")
    a.db.execute("INSERT INTO settings (key, value) VALUES ('quiz.retention', '0.9')")
    settle(a, b, tool)
    assert b.snapshot()["marks"] == a.snapshot()["marks"]
    b.db.execute("UPDATE card_marks SET flag = 4 WHERE card_id = 'c'")
    b.db.execute("UPDATE settings SET value = '0.85' WHERE key = 'quiz.retention'")
    settle(a, b, tool)
    assert a.snapshot() == b.snapshot()
    assert a.db.execute("SELECT flag FROM card_marks").fetchone()[0] == 4
    assert a.db.execute("SELECT value FROM settings").fetchone()[0] == "0.85"
    a.close()
    b.close()


def test_tags_removed_and_added_travel(pair: tuple[Computer, Computer, SyncTool]) -> None:
    a, b, tool = pair
    a.db.execute("INSERT INTO card_tags (card_id, tag) VALUES ('c', 'hard'), ('c', 'later')")
    settle(a, b, tool)
    b.db.execute("DELETE FROM card_tags WHERE tag = 'later'")
    settle(a, b, tool)
    assert a.snapshot()["tags"] == [("c", "hard")] == b.snapshot()["tags"]


def test_an_idle_sync_writes_nothing(pair: tuple[Computer, Computer, SyncTool]) -> None:
    a, b, tool = pair
    a.save_note("unodc", "text")
    settle(a, b, tool)
    files = sorted(p.name for p in a.view.rglob("*"))
    report = a.sync()
    assert (report.records_out, report.reviews_in, report.items_in) == (0, 0, 0)
    assert sorted(p.name for p in a.view.rglob("*")) == files
    assert a.db.execute("SELECT count(*) FROM sync_published").fetchone()[0] == 1


def test_a_card_answered_on_two_computers_hours_apart_in_clock_has_one_schedule(
    tmp_path: Path,
) -> None:
    """The desktop's clock is three hours behind: its answer, given after the laptop's, is
    older in the log; both computers hold the card's state as its whole log replays."""
    views = (tmp_path / "view-a", tmp_path / "view-b")
    a = Computer(tmp_path / "a", views[0], offset=timedelta(hours=3))
    b = Computer(tmp_path / "b", views[1], offset=timedelta(hours=-3))
    tool = SyncTool(views)
    a.answer("card", 3)
    a.answer("card", 3)
    settle(a, b, tool)
    b.answer("card", 1)
    settle(a, b, tool)
    assert a.snapshot()["states"] == b.snapshot()["states"]
    assert len(a.snapshot()["reviews"]) == 3
    a.close()
    b.close()


def test_an_answer_given_after_an_undo_reaches_the_other_computer(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    """Undo deletes the newest log row and SQLite gives the next answer its id again: the
    sync must still publish that answer (found by the second reader: '0 changes went out')."""
    a, b, tool = pair
    a.answer("card-1", 3)
    a.answer("card-2", 3)
    a.sync()
    last = a.db.execute("SELECT max(id) FROM review_log").fetchone()[0]
    a.reviews.undo(last)
    a.answer("card-3", 4)
    assert a.db.execute("SELECT max(id) FROM review_log").fetchone()[0] == last  # reused
    settle(a, b, tool)
    cards = {row[0] for row in b.snapshot()["reviews"]}
    assert "card-3" in cards


def test_an_answer_older_than_a_review_brought_in_can_still_be_undone(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    """The answer last by time is the one undo takes back, though a review brought in from
    the other computer (older) has a higher row id."""
    a, b, tool = pair
    b.answer("card-1", 3)  # earlier in true time
    b.tick(60)
    a.tick(120)
    a.answer("card-1", 4)  # later: the card's last answer by time
    mine = a.db.execute("SELECT max(id) FROM review_log").fetchone()[0]
    settle(a, b, tool)
    ids = [row[0] for row in a.db.execute("SELECT id FROM review_log WHERE card_id = 'card-1'")]
    assert len(ids) == 2 and max(ids) != mine  # the other's came in with a higher id
    a.reviews.undo(mine)
    assert [row[0] for row in a.db.execute("SELECT id FROM review_log")] == [max(ids)]
