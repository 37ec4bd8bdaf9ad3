"""File > Restore lists the backups by when they were written (on the local clock, in words),
their size and what they hold (notes, reviews, own cards), not by their files' timestamp
names; the list reads whole in a window on a 1024x640 screen."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTreeWidget
from pytestqt.qtbot import QtBot

from ocstudy.services.safety import DataSafety
from ocstudy.ui.window import geometry
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.ui.window.restore_dialog import READING, RestoreDialog
from ocstudy.userdata.backup_contents import BackupContents
from ocstudy.userdata.backups import create_backup
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.own_cards import OwnCardStore

from .conftest import WindowFactory, open_window

__all__ = ["open_window"]

SIZE = re.compile(r"^\d+(\.\d)? (kB|MB)$")


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The time File > Restore takes as now: 09:00 UTC on 29 November 2026."""
    moment = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(DataSafety, "now", lambda _self: moment)
    return moment


@pytest.fixture
def india() -> Iterator[None]:
    """The local clock 5 h 30 ahead of UTC (a POSIX zone: no time zone data needed)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "IST-5:30"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def review(connection: sqlite3.Connection, count: int) -> None:
    connection.executemany(
        "INSERT INTO review_log (card_id, rating, mode, reviewed_at, after_json) "
        "VALUES ('untoc:date:0', 3, 'flashcard', '2026-11-01T09:00:00+00:00', '{}')",
        [()] * count,
    )
    connection.commit()


def make_backups(data_dir: Path) -> list[Path]:
    """Three backups written one after the other, each holding more."""
    db = open_user_database(data_dir)
    folder = data_dir / "backups"
    notes = NoteStore(db)
    notes.save("untoc", "Palermo")
    written = [create_backup(db.conn, folder, datetime(2026, 11, 2, 8, 0, tzinfo=UTC))]
    notes.save("cnd", "Vienna")
    OwnCardStore(db).add("Which city?", "Vienna", "cnd")
    review(db.conn, 1)
    written.append(create_backup(db.conn, folder, datetime(2026, 11, 28, 12, 0, tzinfo=UTC)))
    review(db.conn, 2)
    written.append(create_backup(db.conn, folder, datetime(2026, 11, 28, 20, 0, tzinfo=UTC)))
    db.close()
    return written


def open_restore(qtbot: QtBot, window: MainWindow) -> RestoreDialog:
    action = window.findChild(QAction, "restoreAction")
    assert isinstance(action, QAction)
    action.trigger()
    dialog = window.findChild(RestoreDialog, "restoreDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.all_read)
    return dialog


def rows(tree: QTreeWidget) -> list[list[str]]:
    items = [tree.topLevelItem(row) for row in range(tree.topLevelItemCount())]
    return [[item.text(column) for column in range(3)] for item in items if item is not None]


def test_each_backup_shows_when_it_was_written_its_size_and_what_it_holds(
    qtbot: QtBot, open_window: WindowFactory, data_dir: Path, now: datetime, india: None
) -> None:
    written = make_backups(data_dir)  # now is 14:30 on the local clock
    dialog = open_restore(qtbot, open_window())
    shown = rows(dialog.list)
    assert [row[0] for row in shown] == [
        "Today, 01:30 (written last)",  # 20:00 UTC the day before
        "Yesterday, 17:30",
        "Monday 2 November 2026, 13:30",
    ]
    assert [row[2] for row in shown] == [
        "2 notes, 3 reviews, 1 own card",
        "2 notes, 1 review, 1 own card",
        "1 note, 0 reviews, 0 own cards",
    ]
    for row in shown:
        assert SIZE.match(row[1]), row
    newest = dialog.list.topLevelItem(0)
    assert newest is not None and written[-1].name in newest.toolTip(0)
    assert all(path.name not in " ".join(row) for path in written for row in shown)


def test_what_a_backup_holds_is_filled_in_after_the_list_is_shown(
    qtbot: QtBot, open_window: WindowFactory, data_dir: Path
) -> None:
    make_backups(data_dir)
    window = open_window()
    safety = window.services.safety()
    read: list[Path] = []

    def contents(path: Path) -> BackupContents | None:
        read.append(path)
        return safety.contents(path)

    dialog = RestoreDialog(safety.backups(), safety.now(), window, contents=contents)
    assert read == [] and {row[2] for row in rows(dialog.list)} == {READING}
    dialog.show()
    qtbot.waitUntil(lambda: dialog.all_read)
    assert len(read) == 3 and READING not in {row[2] for row in rows(dialog.list)}
    dialog.reject()


def test_the_list_reads_whole_on_a_1024x640_screen(
    qtbot: QtBot,
    open_window: WindowFactory,
    data_dir: Path,
    now: datetime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(geometry, "available_geometry", lambda _window: QRect(room))
    db = open_user_database(data_dir)
    NoteStore(db).save("untoc", "Palermo")
    review(db.conn, 12_345)
    for days in range(360, 0, -12):  # a year of them, which the ladder thins
        create_backup(db.conn, data_dir / "backups", now - timedelta(days=days, hours=1))
    db.close()
    dialog = open_restore(qtbot, open_window())
    tree = dialog.list
    assert tree.topLevelItemCount() > 15
    assert room.contains(dialog.frameGeometry()), dialog.frameGeometry()
    assert not tree.horizontalScrollBar().isVisible()
    header = tree.header()
    for column in range(3):
        assert header.sectionSize(column) >= tree.sizeHintForColumn(column), column
    assert header.sectionPosition(2) + header.sectionSize(2) <= tree.viewport().width()
    dialog.reject()
