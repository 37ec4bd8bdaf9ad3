"""Every export and import, behind one small service that the File menu and the command line
share: the content as JSON, the quiz cards as an Anki deck or CSV, the notes as Markdown or
JSON, and notes imported back. Each heavy module is imported only when its export runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ocstudy.content.repository import ContentRepository
from ocstudy.services.export_files import Progress
from ocstudy.userdata.database import UserDatabase
from ocstudy.userdata.notes import NoteStore

if TYPE_CHECKING:
    from ocstudy.quiz.model import QuizCard


@dataclass(frozen=True)
class Outcome:
    """What an export or import did, in a sentence for the learner."""

    message: str
    cancelled: bool = False


class Exports:
    def __init__(
        self,
        content: ContentRepository,
        notes: NoteStore,
        user_db: UserDatabase,
        cards: Callable[[], tuple[QuizCard, ...]],
    ):
        self._content = content
        self._notes = notes
        self._db = user_db
        self._cards = cards

    def content_json(self, path: Path) -> Outcome:
        from ocstudy.content.export import export_json

        path.write_text(export_json(self._content), encoding="utf-8")
        return Outcome(f"Exported the content to {path}.")

    def anki_deck(
        self, path: Path, *, include_notes: bool = False, progress: Progress | None = None
    ) -> Outcome:
        from ocstudy.services.anki_cards import content_facts, paper_name
        from ocstudy.services.anki_export import export_anki_deck
        from ocstudy.services.anki_stamps import STAMPS_FILE

        notes = {note.slug: note.text for note in self._notes.all()} if include_notes else None
        result = export_anki_deck(
            self._cards(),
            self._content.entities(),
            notes,
            path,
            include_notes=include_notes,
            themes=self._content.themes,
            facts=content_facts(self._content),
            paper=paper_name(self._content.meta),
            stamps=self._db.path.parent / STAMPS_FILE,
            progress=progress,
        )
        if result.cancelled:
            return Outcome("The Anki export was cancelled; no file was written.", True)
        return Outcome(f"Exported {result.count} cards to {path} for Anki.")

    def cards_csv(self, path: Path, progress: Progress | None = None) -> Outcome:
        from ocstudy.services.anki_cards import content_facts
        from ocstudy.services.cards_csv import export_cards_csv

        result = export_cards_csv(
            self._cards(),
            self._content.entities(),
            path,
            themes=self._content.themes,
            facts=content_facts(self._content),
            progress=progress,
        )
        if result.cancelled:
            return Outcome("The CSV export was cancelled; no file was written.", True)
        return Outcome(f"Exported {result.count} cards to {path} as CSV.")

    def notes(self, path: Path, progress: Progress | None = None) -> Outcome:
        from ocstudy.services.notes_io import export_notes

        result = export_notes(self._notes.all(), self._content, path, progress=progress)
        if result.cancelled:
            return Outcome("The notes export was cancelled; no file was written.", True)
        return Outcome(f"Exported {result.count} notes to {path}.")

    def import_notes(self, path: Path, progress: Progress | None = None) -> Outcome:
        """Merge the notes of a JSON export; raises ``NotesImportError`` for a bad file."""
        from ocstudy.services.notes_io import import_notes

        known = [entity.slug for entity in self._content.entities()]
        summary = import_notes(
            path, self._notes, known, transaction=self._db.atomic, progress=progress
        )
        if summary.cancelled:
            return Outcome("The import was cancelled; your notes are as they were.", True)
        parts = [
            f"{len(summary.added)} added",
            f"{len(summary.updated)} updated",
            f"{len(summary.merged)} merged (both texts kept)",
            f"{len(summary.unchanged)} unchanged",
        ]
        unknown = (
            f"; {len(summary.unknown)} for entries this content lacks, kept"
            if (summary.unknown)
            else ""
        )
        return Outcome(f"Imported notes from {path.name}: {', '.join(parts)}{unknown}.")
