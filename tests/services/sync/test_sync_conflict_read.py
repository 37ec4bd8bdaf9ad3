"""A note changed on both computers, not yet chosen, is read with both texts wherever it is read
whole: the notes exports (Markdown, JSON), the Anki deck's notes, search and the revision sheet;
once the learner chooses, only the chosen text."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import pytest

from ocstudy.content.repository import ContentRepository
from ocstudy.services.bundle import AppServices
from ocstudy.services.sheet import SheetRequest
from ocstudy.services.sheet.model import Markdown, Section
from ocstudy.services.sync.conflicts import Keep
from ocstudy.userdata.note_conflicts import UNRESOLVED_MARK
from ocstudy.wiring import app_services

from .devices import Computer, SyncTool
from .test_sync_pair import settle

LAPTOP = "Xylophone signing ceremony, laptop's words"
DESKTOP = "Quokka negotiations, desktop's words"


def services(computer: Computer, repository: ContentRepository) -> AppServices:
    return app_services(repository, computer.db, computer.data_dir, clock=computer.clock)


@pytest.fixture
def conflicted(pair: tuple[Computer, Computer, SyncTool]) -> tuple[Computer, Computer, SyncTool]:
    a, b, tool = pair
    a.save_note("unodc", LAPTOP)
    b.save_note("unodc", DESKTOP)
    a.save_note("cnd", "a note without a conflict")
    settle(a, b, tool)
    assert len(a.service.note_conflicts()) == len(b.service.note_conflicts()) == 1
    return a, b, tool


def exported(computer: Computer, repository: ContentRepository, name: str) -> str:
    path = computer.data_dir.parent / f"{computer.data_dir.name}-{name}"
    services(computer, repository).exports().notes(path, replace=True)
    return path.read_text(encoding="utf-8")


def without_time(text: str) -> object:
    """An export's content, its export time aside."""
    if text.startswith("{"):
        body = json.loads(text)
        body.pop("exported_at")
        return body
    return [line for line in text.splitlines() if not line.startswith("Exported ")]


def both_in(text: str) -> bool:
    return LAPTOP in text and DESKTOP in text and UNRESOLVED_MARK in text


def test_every_notes_export_holds_both_texts_and_is_the_same_on_both_computers(
    conflicted: tuple[Computer, Computer, SyncTool], repository: ContentRepository
) -> None:
    a, b, _tool = conflicted
    for name in ("notes.md", "notes.json"):
        text_a, text_b = exported(a, repository, name), exported(b, repository, name)
        assert both_in(text_a), name
        assert without_time(text_a) == without_time(text_b), name
    notes = json.loads(exported(a, repository, "notes.json"))["notes"]
    assert both_in(notes["unodc"]["text"])
    assert notes["cnd"]["text"] == "a note without a conflict"


def test_the_anki_deck_with_notes_holds_both_texts(
    conflicted: tuple[Computer, Computer, SyncTool], repository: ContentRepository
) -> None:
    a, _b, _tool = conflicted
    path = a.data_dir.parent / "deck.apkg"
    services(a, repository).exports().anki_deck(path, include_notes=True)
    with zipfile.ZipFile(path) as package:
        (collection,) = [n for n in package.namelist() if n.startswith("collection.anki2")]
        (a.data_dir.parent / "collection").write_bytes(package.read(collection))
    with sqlite3.connect(a.data_dir.parent / "collection") as anki:
        fields = "\n".join(row[0] for row in anki.execute("SELECT flds FROM notes"))
    assert LAPTOP.split(",")[0] in fields and DESKTOP.split(",")[0] in fields


def test_search_finds_the_note_by_either_text_until_the_learner_chooses(
    conflicted: tuple[Computer, Computer, SyncTool], repository: ContentRepository
) -> None:
    a, _b, _tool = conflicted
    study = services(a, repository).study
    (conflict,) = a.service.note_conflicts()
    for word in ("xylophone", "QUOKK"):
        result = study.search(word)
        assert "unodc" in result.slugs, word
    other_word = "quokka" if conflict.that == DESKTOP else "xylophone"
    assert other_word in study.search(other_word).snippets["unodc"].lower()
    assert study.search("nowhere written").slugs == ()
    assert a.service.resolve_note(conflict, Keep.THIS)
    assert "unodc" not in study.search(other_word).slugs


def notes_on(sections: tuple[Section, ...]) -> str:
    """The learner's notes drawn on a sheet (its Markdown blocks), in order."""
    texts = []
    for section in sections:
        texts += [block.text for block in section.blocks if isinstance(block, Markdown)]
        texts.append(notes_on(section.sections))
    return "\n".join(filter(None, texts))


def test_the_revision_sheet_holds_both_texts_then_the_chosen_one(
    conflicted: tuple[Computer, Computer, SyncTool], repository: ContentRepository
) -> None:
    a, _b, _tool = conflicted
    sheet = services(a, repository).sheet()
    request = SheetRequest("entity", "unodc", with_notes=True)
    first = sheet.assemble(request, date(2026, 12, 1))
    assert both_in(notes_on(first.sections))
    (conflict,) = a.service.note_conflicts()
    assert a.service.resolve_note(conflict, Keep.THAT)
    after = sheet.assemble(request, date(2026, 12, 1))
    text = notes_on(after.sections)
    assert conflict.that in text
    assert conflict.this not in text and UNRESOLVED_MARK not in text


def test_a_conflicted_notes_export_brought_back_changes_nothing_and_loses_nothing(
    conflicted: tuple[Computer, Computer, SyncTool],
    repository: ContentRepository,
    tmp_path: Path,
) -> None:
    a, _b, _tool = conflicted
    path = tmp_path / "notes.json"
    services(a, repository).exports().notes(path)
    before = a.note_texts("unodc")
    outcome = services(a, repository).exports().import_notes(path)
    assert "0 added, 0 updated, 0 merged (both texts kept), 2 unchanged" in outcome.message
    assert a.note_texts("unodc") == before
    fresh = Computer(tmp_path / "third", tmp_path / "view-c")
    try:
        services(fresh, repository).exports().import_notes(path)
        (text,) = fresh.note_texts("unodc")
        assert LAPTOP in text and DESKTOP in text
    finally:
        fresh.close()


def test_a_kept_text_stored_wrong_is_read_as_it_is(
    pair: tuple[Computer, Computer, SyncTool], repository: ContentRepository, tmp_path: Path
) -> None:
    """A conflict row whose value is not JSON (written wrong) breaks neither search nor the
    exports: its text is read as it is, never left out (found by the second reader)."""
    a, _b, _tool = pair
    a.save_note("unodc", "the laptop's words")
    a.db.execute(
        "INSERT INTO sync_conflicts (kind, key, stamp, value) "
        "VALUES ('note', 'unodc', 's', 'plain quokka words')"
    )
    app = services(a, repository)
    assert "unodc" in app.study.search("quokka").slugs
    app.exports().notes(tmp_path / "notes.json")
    text = json.loads((tmp_path / "notes.json").read_text())["notes"]["unodc"]["text"]
    assert "the laptop's words" in text and "plain quokka words" in text
