"""Every export and import, behind one small service that the File menu and the command line
share: the content as JSON, the quiz cards as an Anki deck or CSV, the notes as Markdown or
JSON, and notes imported back; the learner's own cards as JSON, and imported back. Each heavy
module is imported only when its export runs.

An export that cannot write its file (its folder is missing, a folder stands in its place, the
disk is full) raises :class:`ExportError`, whose message names the file and says why in one
line; nothing is written then, and a file already there is left as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

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


class ExportError(ValueError):
    """An export cannot write its file; the message says which and why."""


#: The file names each export writes, by extension (compared in lower case).
ANKI_SUFFIXES: Final = (".apkg",)
CSV_SUFFIXES: Final = (".csv",)
NOTES_SUFFIXES: Final = (".md", ".markdown", ".json")
CONTENT_SUFFIXES: Final = (".json",)
OWN_CARDS_SUFFIXES: Final = (".json",)


@contextmanager
def _writing(path: Path, suffixes: tuple[str, ...]) -> Iterator[None]:
    """Check that ``path`` can be this export's file before its work; any ``OSError`` while
    it is written becomes an :class:`ExportError`."""
    if path.suffix.lower() not in suffixes:
        raise ExportError(f"cannot write {path}: give a {' or '.join(suffixes)} file")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: the folder {path.parent} does not exist")
    try:
        yield
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None


def content_json(content: ContentRepository, path: Path) -> Outcome:
    """The whole content as one JSON document (no user data needed)."""
    from ocstudy.content.export import export_json
    from ocstudy.services.export_files import atomic_file

    with _writing(path, CONTENT_SUFFIXES), atomic_file(path) as temp:
        temp.write_text(export_json(content), encoding="utf-8")
    return Outcome(f"Exported the content to {path}.")


def deck_json(content: ContentRepository, path: Path) -> Outcome:
    """Every card of the deck as one JSON document (``services.deck``; no user data needed)."""
    from ocstudy.services.deck import write_deck_json

    with _writing(path, CONTENT_SUFFIXES):
        count = write_deck_json(content, path)
    return Outcome(f"Exported the {count} cards of the deck to {path}.")


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
        return content_json(self._content, path)

    def anki_deck(
        self, path: Path, *, include_notes: bool = False, progress: Progress | None = None
    ) -> Outcome:
        from ocstudy.services.anki_cards import content_facts, paper_name
        from ocstudy.services.anki_export import export_anki_deck
        from ocstudy.services.anki_stamps import STAMPS_FILE

        notes = {note.slug: note.text for note in self._notes.all()} if include_notes else None
        with _writing(path, ANKI_SUFFIXES):
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

        with _writing(path, CSV_SUFFIXES):
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

        with _writing(path, NOTES_SUFFIXES):
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

    def own_cards(self, path: Path) -> Outcome:
        """The learner's own cards as JSON (:mod:`ocstudy.services.own_cards_io`)."""
        from ocstudy.services.own_cards_io import export_own_cards
        from ocstudy.userdata.own_cards import OwnCardStore

        with _writing(path, OWN_CARDS_SUFFIXES):
            result = export_own_cards(OwnCardStore(self._db).all(), self._content, path)
        return Outcome(f"Exported {result.count} of your own cards to {path}.")

    def import_own_cards(self, path: Path) -> Outcome:
        """Merge the own cards of a JSON export by id; raises ``OwnCardsImportError`` for a
        bad file (then nothing is changed)."""
        from ocstudy.services.own_cards_io import import_own_cards
        from ocstudy.userdata.own_cards import OwnCardStore

        known = [entity.slug for entity in self._content.entities()]
        summary = import_own_cards(path, OwnCardStore(self._db), known)
        return Outcome(f"Imported your own cards from {path.name}: {summary.message}.")
