"""The three JSON imports (notes, own cards, tags) read their files one way and refuse a bad
one in the same words: a key given twice, a newer ocstudy's file, entries that are not an
object, a folder instead of a file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ocstudy.services.exchange.card_tags_io import TagsImportError, read_tags_json
from ocstudy.services.exchange.formats import NOTES, OWN_CARDS, TAGS, JsonFormat
from ocstudy.services.exchange.json_files import ImportFileError
from ocstudy.services.exchange.notes_io import NotesImportError, read_notes_json
from ocstudy.services.exchange.own_cards_io import OwnCardsImportError, read_own_cards_json

IMPORTS = [
    pytest.param(NOTES, read_notes_json, NotesImportError, id="notes"),
    pytest.param(OWN_CARDS, read_own_cards_json, OwnCardsImportError, id="own cards"),
    pytest.param(TAGS, read_tags_json, TagsImportError, id="tags"),
]

Reader = Callable[[Path], Any]


def _refusal(read: Reader, error: type[ImportFileError], path: Path) -> str:
    with pytest.raises(error) as caught:
        read(path)
    assert isinstance(caught.value, ImportFileError)
    return str(caught.value)


@pytest.mark.parametrize(("form", "read", "error"), IMPORTS)
def test_a_key_given_twice_is_refused_in_the_same_words(
    tmp_path: Path, form: JsonFormat, read: Reader, error: type[ImportFileError]
) -> None:
    path = tmp_path / "twice.json"
    head = f'"format": "{form.name}", "format_version": 1'
    path.write_text(f'{{{head}, "{form.entries}": {{}}, "{form.entries}": {{}}}}')
    assert _refusal(read, error, path) == (
        f"twice.json: '{form.entries}' appears twice in one object, so one of them would be "
        "lost; nothing was imported"
    )


@pytest.mark.parametrize(("form", "read", "error"), IMPORTS)
def test_a_newer_file_and_entries_not_an_object_are_refused_in_the_same_words(
    tmp_path: Path, form: JsonFormat, read: Reader, error: type[ImportFileError]
) -> None:
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": form.name, "format_version": 2, form.entries: {}}))
    assert _refusal(read, error, newer) == "newer.json was written by a newer ocstudy (version 2)"
    listed = tmp_path / "listed.json"
    listed.write_text(json.dumps({"format": form.name, "format_version": 1, form.entries: []}))
    assert _refusal(read, error, listed) == (
        f"listed.json: '{form.entries}' is not an object keyed by {form.keyed_by}"
    )


@pytest.mark.parametrize(("form", "read", "error"), IMPORTS)
def test_a_folder_is_no_file_to_import(
    tmp_path: Path, form: JsonFormat, read: Reader, error: type[ImportFileError]
) -> None:
    folder = tmp_path / "export.json"
    folder.mkdir()
    assert _refusal(read, error, folder) == f"cannot read {folder}: Is a directory"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize(("form", "read", "error"), IMPORTS)
def test_an_export_saved_again_as_unicode_with_a_byte_order_mark_is_read(
    tmp_path: Path, form: JsonFormat, read: Reader, error: type[ImportFileError], encoding: str
) -> None:
    """Windows Notepad's "Unicode" (UTF-16 with its byte order mark): before the fix, "is not a
    text file"."""
    path = tmp_path / "saved.json"
    text = json.dumps({"format": form.name, "format_version": 1, form.entries: {}})
    bom = {"utf-16-be": "\ufeff"}.get(encoding, "")
    path.write_bytes((bom + text).encode(encoding))
    assert not read(path)
