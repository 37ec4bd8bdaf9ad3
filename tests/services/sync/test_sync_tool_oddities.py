"""What real sync tools do is normal, not damage (``docs/sync.md``): files late, out of
order, twice, under conflict-copy names, half-copied, or deleted from the folder."""

from __future__ import annotations

import json

from ocstudy.services.sync.change_files import encode

from .devices import Computer, SyncTool
from .test_sync_pair import settle


def three_files(a: Computer) -> None:
    for number in range(3):
        a.save_note(f"note-{number}", f"text {number}")
        a.answer(f"card-{number}", 3)
        a.sync()


def test_files_out_of_order_late_and_twice_fold_into_the_same(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    three_files(a)
    first, second, third = tool.pending(0)
    tool.copy(0, third, "twice")
    b.sync()
    assert b.note_texts("note-2") == {"text 2"}
    tool.copy(0, first, "renamed")
    tool.copy(0, first)
    b.sync()
    tool.copy(0, second)
    b.sync()
    settle(a, b, tool)
    assert a.snapshot() == b.snapshot()
    assert len(b.snapshot()["reviews"]) == 3


def test_a_half_copied_file_is_skipped_until_whole(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    three_files(a)
    first, *_ = tool.pending(0)
    tool.copy(0, first, "cut")
    report = b.sync()
    assert report.waiting == 1
    assert b.notes.get("note-0") is None
    tool.copy(0, first)
    assert b.sync().waiting == 0
    assert b.note_texts("note-0") == {"text 0"}


def test_a_file_deleted_from_the_folder_is_written_again_by_its_writer(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    three_files(a)
    lost = sorted((a.view).glob("*/00000002.json"))[0]
    lost.unlink()
    assert a.sync().rewritten == 1
    assert lost.exists()
    settle(a, b, tool)
    assert b.note_texts("note-1") == {"text 1"}
    assert a.snapshot() == b.snapshot()


def test_a_file_cut_in_its_writers_own_view_is_written_again(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, _, _ = pair
    three_files(a)
    cut = sorted(a.view.glob("*/00000001.json"))[0]
    whole = cut.read_bytes()
    cut.write_bytes(whole[:10])
    a.sync()
    assert cut.read_bytes() == whole


def test_a_copied_data_folder_takes_a_new_device_id_and_loses_nothing(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    """The learner copied their data folder to the desktop: both start with one id."""
    a, b, tool = pair
    a.save_note("shared", "before the copy")
    a.sync()
    b.close()
    (b.data_dir / "user.db").unlink()
    a.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    clone_db = (a.data_dir / "user.db").read_bytes()
    (b.data_dir / "user.db").write_bytes(clone_db)
    b.__init__(b.data_dir, b.view)  # type: ignore[misc]
    tool.in_step()
    a.save_note("laptop", "after the copy, on the laptop")
    a.sync()
    tool.in_step()
    b.save_note("desktop", "after the copy, on the desktop")
    b.sync()
    settle(a, b, tool)
    assert len({path.parent.name for path in a.view.glob("*/*.json")}) == 2
    assert a.snapshot() == b.snapshot()
    assert {slug for slug, _ in a.snapshot()["notes"]} == {"shared", "laptop", "desktop"}


def test_a_file_of_a_newer_ocstudy_is_left_unread(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    a, b, tool = pair
    a.save_note("n", "text")
    a.sync()
    (path,) = tool.pending(0)
    path.write_bytes(path.read_bytes().replace(b'"format_version":1', b'"format_version":9'))
    tool.copy(0, path)
    assert b.sync().newer == 1
    assert b.notes.get("n") is None


def test_a_record_written_wrong_elsewhere_is_left_out_and_the_rest_folds(
    pair: tuple[Computer, Computer, SyncTool],
) -> None:
    """A whole, checksummed file holding a mark with ``suspended: null`` made the fold fail
    on the store's NOT NULL (a traceback, and every later sync the same); it is counted as
    unreadable and left out, and the file's other records fold (found by the second reader)."""
    a, b, tool = pair
    a.save_note("n", "text")
    a.sync()
    (path,) = tool.pending(0)
    document = json.loads(path.read_bytes())
    bad = {"kind": "mark", "key": "card-1", "stamp": document["records"][0]["stamp"]}
    bad |= {"supersedes": [], "value": json.dumps({"suspended": None, "flag": 1, "leech": 0})}
    document["records"].append(bad)
    path.write_bytes(encode(document["device"], document["seq"], document["records"], "now"))
    tool.copy(0, path)
    report = b.sync()
    assert report.unreadable == 1
    assert b.notes.get("n") is not None
    assert b.db.execute("SELECT count(*) FROM card_marks").fetchone()[0] == 0
    assert b.sync().unreadable == 0  # folded once: not read again
