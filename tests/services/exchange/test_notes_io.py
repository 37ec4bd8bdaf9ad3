"""Notes out as Markdown and JSON, and back in from JSON, merged without losing a text."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ocstudy.content.repository import ContentRepository
from ocstudy.services.exchange.formats import NOTES
from ocstudy.services.exchange.notes_io import (
    NotesImportError,
    export_notes,
    import_notes,
    read_notes_json,
)
from ocstudy.userdata.database import UserDatabaseError, open_user_database
from ocstudy.userdata.notes import Note, NoteStore

from .conftest import TickingClock, leftovers, stop_after

NOW = datetime(2026, 6, 1, 8, 30, tzinfo=UTC)
TEXTS = {
    "untoc": "Palermo, **12\u201315 December 2000**.\n\n- 3 protocols\n",
    "cnd": "  leading spaces, trailing newlines\n\n\n",
    "incb": "\U0001f600 emoji, \u05e9\u05dc\u05d5\u05dd, nul\0inside, crlf\r\nline",
    "gpml": "x" * 100_000,
    "retired-entity": "a note on an entity this content does not have",
}


def _fill(store: NoteStore, texts: dict[str, str] = TEXTS) -> None:
    for slug, text in texts.items():
        store.save(slug, text)


def _slugs(repository: ContentRepository) -> set[str]:
    return {e.slug for e in repository.entities()}


def test_json_round_trip_is_byte_exact(
    store: NoteStore, repository: ContentRepository, tmp_path: Path
) -> None:
    _fill(store)
    store.save("blank", "   ")
    path = tmp_path / "notes.json"
    result = export_notes(store.all(), repository, path, now=NOW)
    assert result.count == len(TEXTS) and leftovers(tmp_path) == []

    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["format"], document["format_version"]) == (NOTES.name, 1)
    assert document["exported_at"] == "2026-06-01T08:30:00+00:00"
    assert set(document["notes"]) == set(TEXTS)  # the blank note is not exported
    untoc = document["notes"]["untoc"]
    assert untoc["title"] == "United Nations Convention against Transnational Organized Crime"
    assert untoc["text"] == TEXTS["untoc"] and untoc["created_at"].endswith("+00:00")
    assert document["notes"]["retired-entity"]["title"] is None

    fresh = NoteStore(open_user_database(tmp_path / "other"))
    summary = import_notes(path, fresh, _slugs(repository))
    assert set(summary.added) == set(TEXTS) and summary.merged == () == summary.updated
    assert summary.unknown == ("retired-entity",)
    for note in store.all():
        if note.text.strip():
            assert fresh.get(note.slug) == note  # text byte-exact, times kept
    assert fresh.get("retired-entity") is not None  # unknown slugs are kept


def test_merge_keeps_both_texts_and_is_idempotent(
    store: NoteStore, repository: ContentRepository, tmp_path: Path
) -> None:
    _fill(store, {"untoc": "written here", "cnd": "same", "incb": "short"})
    theirs = NoteStore(open_user_database(tmp_path / "theirs"), clock=TickingClock())
    _fill(
        theirs,
        {"untoc": "written there", "cnd": "same", "incb": "short, then more", "unodc": "new"},
    )
    path = tmp_path / "their-notes.json"
    export_notes(theirs.all(), repository, path, now=NOW)

    summary = import_notes(path, store, _slugs(repository), now=NOW)
    assert summary.added == ("unodc",) and summary.merged == ("untoc",)
    assert summary.updated == ("incb",) and summary.unchanged == ("cnd",)
    assert summary.unknown == ()
    assert store.get("untoc").text == (  # type: ignore[union-attr]
        "written here\n\n--- imported from their-notes.json on 2026-06-01 ---\n\nwritten there"
    )
    assert store.get("incb").text == "short, then more"  # type: ignore[union-attr]
    assert store.get("unodc").text == "new"  # type: ignore[union-attr]

    before = store.all()
    again = import_notes(path, store, _slugs(repository), now=NOW)
    assert again.added == again.merged == again.updated == ()
    assert store.all() == before

    # the other side imports the merged notes back: its texts are kept, nothing doubles
    back = tmp_path / "merged.json"
    export_notes(store.all(), repository, back, now=NOW)
    summary = import_notes(back, theirs, _slugs(repository), now=NOW)
    assert summary.updated == ("untoc",) and summary.merged == ()
    assert theirs.get("untoc").text == store.get("untoc").text  # type: ignore[union-attr]


GARBAGE = {
    "empty": b"",
    "text": b"my notes, not JSON",
    "binary": b"\xff\xfe\x00\x81garbage",
    "list": b"[1, 2, 3]",
    "other format": json.dumps({"format": "ocstudy-content", "format_version": 1}).encode(),
    "newer version": json.dumps({"format": NOTES.name, "format_version": 99, "notes": {}}).encode(),
    "notes a list": json.dumps({"format": NOTES.name, "format_version": 1, "notes": []}).encode(),
    "no text": json.dumps(
        {"format": NOTES.name, "format_version": 1, "notes": {"untoc": {"text": "ok"}, "cnd": {}}}
    ).encode(),
    "bad date": json.dumps(
        {
            "format": NOTES.name,
            "format_version": 1,
            "notes": {"untoc": {"text": "ok", "created_at": "yesterday"}},
        }
    ).encode(),
    "lone surrogate": b'{"format": "ocstudy-notes", "format_version": 1, '
    b'"notes": {"a": {"text": "fine"}, "b": {"text": "\\ud800"}}}',
    "huge number": b'{"format": "ocstudy-notes", "format_version": ' + b"9" * 5000 + b"}",
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "bad slug": json.dumps(
        {"format": NOTES.name, "format_version": 1, "notes": {"../etc": {"text": "x"}}}
    ).encode(),
}


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_garbage_files_raise_and_change_nothing(
    name: str, store: NoteStore, repository: ContentRepository, tmp_path: Path
) -> None:
    _fill(store, {"untoc": "mine"})
    before = store.all()
    path = tmp_path / "garbage.json"
    path.write_bytes(GARBAGE[name])
    with pytest.raises(NotesImportError, match=r"garbage\.json"):
        import_notes(path, store, _slugs(repository))
    assert store.all() == before


def test_missing_file_raises(store: NoteStore, tmp_path: Path) -> None:
    with pytest.raises(NotesImportError, match="cannot read"):
        read_notes_json(tmp_path / "nothing.json")


DUPLICATES = {
    "the same entry twice": (
        b'{"format": "ocstudy-notes", "format_version": 1, "notes": '
        b'{"untoc": {"text": "first"}, "untoc": {"text": "second"}}}',
        "'untoc'",
    ),
    "a field twice": (
        b'{"format": "ocstudy-notes", "format_version": 1, "notes": '
        b'{"untoc": {"text": "first", "text": "second"}}}',
        "'text'",
    ),
    "the notes twice": (
        b'{"format": "ocstudy-notes", "format_version": 1, '
        b'"notes": {"untoc": {"text": "first"}}, "notes": {"cnd": {"text": "second"}}}',
        "'notes'",
    ),
}


@pytest.mark.parametrize("name", sorted(DUPLICATES))
def test_a_key_given_twice_is_an_error_not_a_silent_drop(
    name: str, store: NoteStore, repository: ContentRepository, tmp_path: Path
) -> None:
    """JSON keeps the last of two equal keys; a text would be lost without a word."""
    _fill(store, {"untoc": "mine"})
    before = store.all()
    data, key = DUPLICATES[name]
    path = tmp_path / "twice.json"
    path.write_bytes(data)
    with pytest.raises(NotesImportError) as raised:
        import_notes(path, store, _slugs(repository))
    message = str(raised.value)
    assert message.startswith("twice.json: ") and f"{key} appears twice" in message
    assert store.all() == before


class FailingStore(NoteStore):
    """Fails on the fourth write (the third of the import), as a full disk would."""

    writes = 0

    def _put(self, note: Note) -> None:
        FailingStore.writes += 1
        if FailingStore.writes == 4:
            raise UserDatabaseError("disk full")
        super()._put(note)


@pytest.mark.parametrize("in_transaction", [True, False])
@pytest.mark.parametrize("failure", ["error", "cancel"])
def test_a_failed_or_cancelled_import_changes_nothing(
    in_transaction: bool,
    failure: str,
    data_dir: Path,
    repository: ContentRepository,
    tmp_path: Path,
) -> None:
    source = NoteStore(open_user_database(tmp_path / "source"))
    _fill(source, {"a-1": "new", "b-2": "theirs", "c-3": "also new", "d-4": "more"})
    path = tmp_path / "notes.json"
    export_notes(source.all(), repository, path)

    db = open_user_database(data_dir)
    store = FailingStore(db) if failure == "error" else NoteStore(db)
    FailingStore.writes = 0
    store.save("b-2", "mine")
    before = store.all()
    transaction = db.atomic if in_transaction else None
    if failure == "error":
        with pytest.raises(UserDatabaseError):
            import_notes(path, store, [], transaction=transaction)
    else:
        calls, progress = stop_after(3)
        summary = import_notes(path, store, [], transaction=transaction, progress=progress)
        assert summary.cancelled and summary.added == () and len(calls) == 4
    assert store.all() == before
    assert store.search("new") == [] and store.search("mine") == ["b-2"]


def test_markdown_has_a_heading_and_dates_per_entity(
    store: NoteStore, repository: ContentRepository, tmp_path: Path
) -> None:
    _fill(store)
    path = tmp_path / "notes.md"
    result = export_notes(store.all(), repository, path, now=NOW)
    assert result.count == len(TEXTS)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# My ocstudy notes\n")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert len(headings) == len(TEXTS)
    assert "## United Nations Convention against Transnational Organized Crime (UNTOC)" in headings
    assert headings[-1] == "## retired-entity"
    untoc = text.split("## United Nations Convention against Transnational")[1].split("\n## ")[0]
    assert "> Convention\n>\n> - Adopted: 15 November 2000, New York\n" in untoc
    assert "> - Entered into force: 29 September 2003\n" in untoc
    assert "Palermo, **12\u201315 December 2000**." in untoc
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # notes are private


def test_cancelled_notes_export_leaves_no_file(
    store: NoteStore, repository: ContentRepository, tmp_path: Path
) -> None:
    _fill(store)
    out = tmp_path / "out"
    out.mkdir()
    for suffix in (".md", ".json"):
        for allowed in (0, 1, 2):
            calls, progress = stop_after(allowed)
            path = out / f"notes{suffix}"
            result = export_notes(store.all(), repository, path, progress=progress)
            assert result.cancelled and len(calls) == allowed + 1
            assert list(out.iterdir()) == []
