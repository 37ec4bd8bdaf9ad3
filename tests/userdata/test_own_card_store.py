"""The own cards' store: one transaction per write, undo by restore (never over a newer
version), clear errors."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ocstudy.userdata import database
from ocstudy.userdata.database import (
    ReadOnlyError,
    UserDatabase,
    UserDatabaseError,
    open_user_database,
)
from ocstudy.userdata.own_cards import OwnCard, OwnCardError, OwnCardStore, is_own_id


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(data_dir: Path) -> OwnCardStore:
    return OwnCardStore(open_user_database(data_dir), Clock())


def test_the_migration_is_named_and_makes_the_table(data_dir: Path) -> None:
    db = open_user_database(data_dir)
    names = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert "0004_own_cards" in names
    columns = {row[1] for row in db.execute("PRAGMA table_info(own_cards)")}
    assert columns == {
        "id", "front", "back", "entity_slug", "themes", "created_at", "updated_at"
    }  # fmt: skip


def test_add_stores_a_card_with_a_stable_own_id(store: OwnCardStore, data_dir: Path) -> None:
    card = store.add("Who is the guardian of **UNTOC**?", "UNODC", "untoc", ["organized-crime"])
    assert is_own_id(card.id) and len(card.id) == len("own:") + 32
    again = OwnCardStore(open_user_database(data_dir)).get(card.id)  # read back, reopened
    assert again == card
    assert again.themes == ("organized-crime",) and again.entity_slug == "untoc"


def test_a_card_may_belong_to_no_entry(store: OwnCardStore) -> None:
    card = store.add("front", "back", None)
    assert store.all() == [card] and card.entity_slug is None and card.themes == ()


def test_edit_keeps_the_id_and_creation_time_and_returns_both_versions(
    store: OwnCardStore,
) -> None:
    card = store.add("front", "back", "untoc", ["drugs"])
    before, after = store.edit(
        card.id, front="new front", back="new back", entity_slug=None, themes=["firearms"]
    )
    assert before == card
    assert (after.id, after.created_at) == (card.id, card.created_at)
    assert after.updated_at > card.updated_at
    assert store.get(card.id) == after
    assert (after.front, after.back, after.entity_slug, after.themes) == (
        "new front", "new back", None, ("firearms",)
    )  # fmt: skip


def test_editing_a_card_that_is_gone_says_so(store: OwnCardStore) -> None:
    with pytest.raises(UserDatabaseError, match="no longer there"):
        store.edit("own:" + "0" * 32, front="f", back="b", entity_slug=None, themes=[])


def other_process(data_dir: Path) -> OwnCardStore:
    """The same data through another connection, as ``ocstudy import own-cards`` has it."""
    return OwnCardStore(open_user_database(data_dir), Clock())


def test_an_edit_is_saved_only_while_the_card_is_as_the_editor_found_it(
    store: OwnCardStore, data_dir: Path
) -> None:
    found = store.add("front", "back", "untoc", ["drugs"])
    saved = store.edit_as_found(found, front="mine", back="back", entity_slug="untoc", themes=[])
    assert saved.before == found and not saved.kept_apart
    assert saved.after.id == found.id and store.all() == [saved.after]
    assert saved.after.front == "mine" and saved.after.themes == ()


def test_an_edit_of_a_card_changed_meanwhile_keeps_both(
    store: OwnCardStore, data_dir: Path
) -> None:
    found = store.add("front", "back", "untoc", ["drugs"])
    other_process(data_dir).edit(
        found.id, front="imported", back="back", entity_slug="untoc", themes=["drugs"]
    )
    changed = store.get(found.id)
    saved = store.edit_as_found(
        found, front="mine", back="my back", entity_slug=None, themes=["firearms"]
    )
    assert saved.kept_apart and saved.before == changed
    assert store.get(found.id) == changed, "the other version is not overwritten"
    assert saved.after.id != found.id and store.get(saved.after.id) == saved.after
    assert (saved.after.front, saved.after.back, saved.after.entity_slug) == (
        "mine", "my back", None
    )  # fmt: skip
    assert saved.after.themes == ("firearms",) and len(store.all()) == 2


def test_an_edit_of_a_card_deleted_meanwhile_keeps_the_learners_version(
    store: OwnCardStore, data_dir: Path
) -> None:
    found = store.add("front", "back", None)
    other_process(data_dir).delete(found.id)
    saved = store.edit_as_found(found, front="mine", back="back", entity_slug=None, themes=[])
    assert saved.kept_apart and saved.before is None
    assert [(c.id, c.front) for c in store.all()] == [(saved.after.id, "mine")]


def test_an_edit_another_process_made_too_is_not_kept_twice(
    store: OwnCardStore, data_dir: Path
) -> None:
    found = store.add("front", "back", None)
    other_process(data_dir).edit(found.id, front="same", back="back", entity_slug=None, themes=[])
    saved = store.edit_as_found(found, front="same", back="back", entity_slug=None, themes=[])
    assert not saved.kept_apart and saved.after == saved.before == store.get(found.id)
    assert len(store.all()) == 1


def test_delete_returns_the_card_and_restore_puts_it_back_exactly(store: OwnCardStore) -> None:
    kept = store.add("kept", "card", None)
    card = store.add("front", "back", "untoc", ["drugs"])
    deleted = store.delete(card.id)
    assert deleted == card and store.all() == [kept]
    assert store.delete(card.id) is None
    store.restore(deleted)
    assert store.all() == [kept, card]


def test_delete_keeps_the_cards_schedule_and_review_log(data_dir: Path) -> None:
    db = open_user_database(data_dir)
    store = OwnCardStore(db, Clock())
    card = store.add("front", "back", None)
    db.execute(
        "INSERT INTO card_states (card_id, state, due, reps, lapses) VALUES (?, 2, ?, 1, 0)",
        [card.id, "2026-03-05T09:00:00+00:00"],
    )
    store.delete(card.id)
    assert db.execute("SELECT count(*) FROM card_states WHERE card_id = ?", [card.id]).fetchone()
    assert db.execute("SELECT count(*) FROM own_cards").fetchone()[0] == 0


def _read_only(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> UserDatabase:
    open_user_database(data_dir).close()
    path = data_dir / database.USER_DB_NAME
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)

    def cannot_open(_folder: Path) -> UserDatabase:
        raise UserDatabaseError("the folder is read-only")

    monkeypatch.setattr(database, "open_user_database", cannot_open)
    return UserDatabase(connection, path, read_only=True)


@pytest.mark.parametrize("write", ["add", "edit", "edit as found", "delete", "restore"])
def test_a_read_only_database_gives_one_clear_error_and_changes_nothing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, write: str
) -> None:
    card = OwnCardStore(open_user_database(data_dir)).add("front", "back", None)
    store = OwnCardStore(_read_only(data_dir, monkeypatch))
    other = OwnCard("own:" + "1" * 32, "f", "b", None, (), card.created_at, card.updated_at)
    calls = {
        "add": lambda: store.add("f", "b", None),
        "edit": lambda: store.edit(card.id, front="x", back="y", entity_slug=None, themes=[]),
        "edit as found": lambda: store.edit_as_found(
            card, front="x", back="y", entity_slug=None, themes=[]
        ),
        "delete": lambda: store.delete(card.id),
        "restore": lambda: store.restore(other),
    }
    with pytest.raises(UserDatabaseError, match="cannot be written"):
        calls[write]()
    assert store.all() == [card]


def test_a_failed_write_rolls_back_the_whole_import(store: OwnCardStore) -> None:
    card = store.add("front", "back", None)
    good = OwnCard("own:" + "2" * 32, "f", "b", None, (), card.created_at, card.updated_at)
    bad = OwnCard("own:" + "3" * 32, None, "b", None, (), card.created_at, card.updated_at)  # type: ignore[arg-type]
    with pytest.raises(UserDatabaseError, match="nothing was changed"):
        store.put_all([good, bad])  # the second breaks NOT NULL
    assert store.all() == [card]


def test_restore_puts_an_edit_back_only_while_the_card_is_as_the_edit_left_it(
    store: OwnCardStore,
) -> None:
    card = store.add("front", "back", None)
    before, after = store.edit(card.id, front="edited", back="back", entity_slug=None, themes=[])
    assert store.restore(before, after) is True
    assert store.get(card.id) == before
    before, after = store.edit(card.id, front="edited", back="back", entity_slug=None, themes=[])
    newer = replace(after, front="imported", updated_at=after.updated_at + timedelta(hours=1))
    store.put_all([newer])  # an import updates it since
    assert store.restore(before, after) is False
    assert store.get(card.id) == newer, "the newer version is kept"


def test_restore_brings_a_deleted_card_back_only_while_it_is_still_gone(
    store: OwnCardStore,
) -> None:
    card = store.add("front", "back", None)
    deleted = store.delete(card.id)
    assert deleted is not None
    newer = replace(deleted, back="imported", updated_at=deleted.updated_at + timedelta(hours=1))
    store.put_all([newer])  # an import brings it back, newer
    assert store.restore(deleted) is False
    assert store.all() == [newer]


def test_a_failed_write_says_what_could_not_be_done_and_keeps_the_cause(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    OwnCardStore(open_user_database(data_dir)).add("front", "back", None)
    store = OwnCardStore(_read_only(data_dir, monkeypatch))
    with pytest.raises(OwnCardError, match=r"^could not save your card: ") as raised:
        store.add("f", "b", None)
    assert isinstance(raised.value.__cause__, ReadOnlyError)
    assert str(raised.value.__cause__) in str(raised.value)
