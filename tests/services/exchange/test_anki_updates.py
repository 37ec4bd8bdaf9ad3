"""Re-exports into a collection that holds the deck, checked with Anki's own import: nothing
changed, nothing updated; one note changed, just its entry's cards updated."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ocstudy.content.model import Fact
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.model import QuizCard
from ocstudy.services.exchange.anki_cards import note_guid
from ocstudy.services.exchange.anki_export import export_anki_deck
from ocstudy.services.exchange.anki_stamps import STAMPS_FILE

from .conftest import import_package, leftovers, note_of

pytest.importorskip("anki.collection")

FIRST = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


class Exporter:
    """Exports the real cards with one stamps file, a day later each time."""

    def __init__(
        self,
        repository: ContentRepository,
        cards: tuple[QuizCard, ...],
        facts: tuple[Fact, ...],
        folder: Path,
    ):
        self.repository, self.cards, self.facts, self.folder = repository, cards, facts, folder
        self.stamps = folder / STAMPS_FILE
        self.runs = 0

    def __call__(self, notes: dict[str, str] | None = None) -> Path:
        self.runs += 1
        path = self.folder / f"export-{self.runs}.apkg"
        export_anki_deck(
            self.cards,
            self.repository.entities(),
            notes,
            path,
            include_notes=notes is not None,
            themes=self.repository.themes,
            facts=self.facts,
            stamps=self.stamps,
            now=FIRST + timedelta(days=self.runs),
        )
        return path


@pytest.fixture
def export(
    repository: ContentRepository,
    cards: tuple[QuizCard, ...],
    facts: tuple[Fact, ...],
    tmp_path: Path,
) -> Exporter:
    return Exporter(repository, cards, facts, tmp_path)


def _counts(log: Any) -> tuple[int, int]:
    return len(log.new), len(log.updated)


def test_importing_twice_and_reexporting_unchanged_updates_nothing(
    export: Exporter, cards: tuple[QuizCard, ...], collection: object
) -> None:
    col: Any = collection
    first = export({"untoc": "# Palermo"})
    assert _counts(import_package(col, first)) == (len(cards), 0)
    assert _counts(import_package(col, first)) == (0, 0)
    again = export({"untoc": "# Palermo"})  # a day later, nothing changed
    assert _counts(import_package(col, again)) == (0, 0)
    assert col.note_count() == len(cards)


def test_changing_one_note_updates_exactly_its_entrys_cards(
    export: Exporter, cards: tuple[QuizCard, ...], collection: object
) -> None:
    col: Any = collection
    import_package(col, export({"untoc": "first text", "unodc": "kept"}))
    log = import_package(col, export({"untoc": "**second** text", "unodc": "kept"}))
    of_untoc = {note_guid(c.id) for c in cards if c.entity_slug == "untoc"}
    assert len(of_untoc) > 5 and len(log.new) == 0
    updated = {col.get_note(note.id.nid).guid for note in log.updated}
    assert updated == of_untoc and len(log.updated) == len(of_untoc)
    untoc = next(c for c in cards if c.entity_slug == "untoc")
    assert note_of(col, untoc.id)["Notes"] == "<p><strong>second</strong> text</p>"


def test_a_later_export_keeps_what_the_learner_edited_in_anki(
    export: Exporter, cards: tuple[QuizCard, ...], collection: object
) -> None:
    col: Any = collection
    import_package(col, export())
    note = note_of(col, cards[0].id)
    note["Back"] = note["Back"] + "<p>my addition</p>"
    col.update_note(note)
    assert _counts(import_package(col, export())) == (0, 0)
    assert "my addition" in note_of(col, cards[0].id)["Back"]


def test_a_damaged_or_unwritable_stamps_file_only_costs_one_update(
    export: Exporter, cards: tuple[QuizCard, ...], collection: object, tmp_path: Path
) -> None:
    col: Any = collection
    import_package(col, export())
    export.stamps.write_text("{not json", encoding="utf-8")
    assert _counts(import_package(col, export())) == (0, len(cards))  # stamped anew, once
    assert json.loads(export.stamps.read_text(encoding="utf-8"))["version"] == 1
    assert _counts(import_package(col, export())) == (0, 0)

    export.stamps.unlink()
    export.stamps.mkdir()  # cannot be replaced: the export still works
    path = export()
    assert path.exists() and export.stamps.is_dir() and leftovers(tmp_path) == []
