"""Every export and import, behind one small service that the File menu and the command line
share: the content as JSON, the quiz cards as an Anki deck or CSV, the notes as Markdown or
JSON, and notes imported back; the learner's own cards and their tags on cards as JSON, and
imported back. Each heavy
module is imported only when its export runs.

An export that cannot write its file (its folder is missing, a folder stands in its place, the
disk is full, it is one of the app's own files) raises :class:`ExportError`, whose message
names the file and says why in one line; nothing is written then, and a file already there is
left as it was. So does an export of the learner's data when that data could not be read (the
window then shows an empty stand-in: its export would be empty). An export never replaces a
file holding more notes or cards than it unless ``replace`` says so
(:class:`SmallerExportError`; :meth:`Exports.shrink` tells the File menu beforehand, so that it
can ask)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from ocstudy.content.repository import ContentRepository
from ocstudy.services.exchange.export_guard import Kind, app_file, held_count, other_export
from ocstudy.services.exchange.formats import (
    ANKI_SUFFIXES,
    CSV_SUFFIXES,
    JSON_SUFFIXES,
    NOTES_SUFFIXES,
)
from ocstudy.services.progress import Progress
from ocstudy.userdata.database import UserDatabase, UserDatabaseError
from ocstudy.userdata.notes import NoteStore

if TYPE_CHECKING:
    from ocstudy.quiz.model import QuizCard


@dataclass(frozen=True)
class Outcome:
    """What an export or import did, in a sentence for the learner."""

    message: str
    cancelled: bool = False
    #: The notes an import wrote (their slugs); None when it does not say.
    notes: frozenset[str] | None = None
    #: The cards whose review history an import changed; None when it does not say.
    cards: frozenset[str] | None = None


class ExportError(ValueError):
    """An export cannot write its file; the message says which and why."""


#: what each kind of export counts, in the singular and the plural
_NOUNS: Final[dict[Kind, tuple[str, str]]] = {
    "notes": ("note", "notes"),
    "own-cards": ("own card", "own cards"),
    "anki": ("card", "cards"),
    "csv": ("card", "cards"),
    "tags": ("tagged card", "tagged cards"),
    "reviews": ("review", "reviews"),
}


def counted(count: int, kind: Kind) -> str:
    """``count`` with the noun of ``kind``: "1 note", "12 own cards"."""
    singular, plural = _NOUNS[kind]
    return f"{count} {singular if count == 1 else plural}"


#: an export of the content, none of the learner's data: it replaces no export of that data
Whole = Literal["content", "deck"]


@dataclass(frozen=True)
class Shrink:
    """An export would replace ``path``, which holds ``held`` notes or cards, with ``count``;
    ``held_kind``: what ``path`` holds when it is an export of another kind. ``whole``: the
    export is the content or the deck (then ``kind`` is what ``path`` holds)."""

    path: Path
    held: int
    count: int
    kind: Kind
    held_kind: Kind | None = None
    whole: Whole | None = None

    @property
    def counts(self) -> str:
        """ "holds 3 notes, this export 2" or, of another kind, "holds 3 reviews, this export
        2 notes"; the content or the deck: "holds 3 notes, not the content"."""
        if self.whole is not None:
            return f"holds {counted(self.held, self.kind)}, not the {self.whole}"
        if self.held_kind is None:
            return f"holds {counted(self.held, self.kind)}, this export {self.count}"
        held, count = counted(self.held, self.held_kind), counted(self.count, self.kind)
        return f"holds {held}, this export {count}"

    @property
    def question(self) -> str:
        return f"The file {self.counts}: replace it?"


def shrink_of(path: Path, kind: Kind | Whole, count: int) -> Shrink | None:
    """The :class:`Shrink` if the ``kind`` export of ``count`` to ``path`` would replace a file
    holding more of it, or an export of the learner's data of another kind (the content and
    the deck replace no such export); else None."""
    if kind == "content" or kind == "deck":
        other = other_export(path, None)
        return Shrink(path, other[1], count, other[0], other[0], kind) if other else None
    other = other_export(path, kind)
    if other is not None:
        return Shrink(path, other[1], count, kind, other[0])
    held = held_count(path, kind)
    return Shrink(path, held, count, kind) if held is not None and held > count else None


class SmallerExportError(ExportError):
    """The export holds less than the file it would replace, or the file is an export of
    another kind; nothing was written."""

    def __init__(self, shrink: Shrink):
        super().__init__(f"{shrink.path} {shrink.counts}: nothing was written")
        self.shrink = shrink


@contextmanager
def export_target(
    path: Path, suffixes: tuple[str, ...], data_dir: Path | None, content_db: Path | None = None
) -> Iterator[None]:
    """Check that ``path`` can be this export's file before its work; any ``OSError`` while
    it is written becomes an :class:`ExportError`."""
    if path.suffix.lower() not in suffixes:
        raise ExportError(f"cannot write {path}: give a {' or '.join(suffixes)} file")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    if not path.parent.is_dir():
        if path.parent.exists():
            raise ExportError(f"cannot write {path}: {path.parent} is a file, not a folder")
        raise ExportError(f"cannot write {path}: the folder {path.parent} does not exist")
    own = app_file(path, data_dir, content_db) if data_dir is not None else None
    if own is not None:
        raise ExportError(f"cannot write {path}: {own}; choose another folder")
    try:
        yield
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None


@contextmanager
def whole_target(
    content: ContentRepository, path: Path, data_dir: Path | None, kind: Whole, replace: bool
) -> Iterator[None]:
    """:func:`export_target` for the content or the deck, which never replaces an export of
    the learner's data unless ``replace`` (:class:`SmallerExportError`)."""
    with export_target(path, JSON_SUFFIXES, data_dir, content.path):
        shrink = None if replace else shrink_of(path, kind, 0)
        if shrink is not None:
            raise SmallerExportError(shrink)
        yield


def content_json(
    content: ContentRepository, path: Path, data_dir: Path | None = None, *, replace: bool = False
) -> Outcome:
    """The whole content as one JSON document (no user data needed); never into ``data_dir``."""
    from ocstudy.services.exchange.content_json import export_json
    from ocstudy.services.exchange.export_files import atomic_file

    with whole_target(content, path, data_dir, "content", replace), atomic_file(path) as temp:
        temp.write_text(export_json(content), encoding="utf-8")
    return Outcome(f"Exported the content to {path}.")


def deck_json(
    content: ContentRepository, path: Path, data_dir: Path | None = None, *, replace: bool = False
) -> Outcome:
    """Every card of the deck as one JSON document (``exchange.deck_json``; no user data needed);
    never into ``data_dir``."""
    from ocstudy.services.exchange.deck_json import write_deck_json

    with whole_target(content, path, data_dir, "deck", replace):
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

    @property
    def _data_dir(self) -> Path:
        return self._db.path.parent

    def content_json(self, path: Path, *, replace: bool = False) -> Outcome:
        return content_json(self._content, path, self._data_dir, replace=replace)

    def shrink(self, path: Path, kind: Kind | Whole) -> Shrink | None:
        """Whether the ``kind`` export to ``path`` would replace a file holding more (asked
        before the export runs); None also when the export would be refused anyway."""
        if kind == "content" or kind == "deck":
            return shrink_of(path, kind, 0)
        if self._db.unreadable:
            return None
        try:
            count = self._count(kind)
        except UserDatabaseError:  # the export says so when it runs
            return None
        return self._compare(path, kind, count)

    def _count(self, kind: Kind) -> int:
        if kind == "notes":
            from ocstudy.services.exchange.notes_io import kept_notes
            from ocstudy.userdata.note_conflicts import notes_as_read

            return len(kept_notes(notes_as_read(self._notes)))
        if kind == "own-cards":
            from ocstudy.userdata.own_cards import OwnCardStore

            return len(OwnCardStore(self._db).all())
        if kind == "tags":
            return len(self._tags())
        return len(self._cards())

    def _tags(self) -> dict[str, tuple[str, ...]]:
        """The learner's tags, by card id."""
        from ocstudy.userdata.card_tags import TagStore

        return TagStore(self._db).tags()

    @staticmethod
    def _compare(path: Path, kind: Kind, count: int) -> Shrink | None:
        return shrink_of(path, kind, count)

    @contextmanager
    def _exporting(
        self, path: Path, suffixes: tuple[str, ...], kind: Kind, count: int, replace: bool
    ) -> Iterator[None]:
        """An export of the learner's data to ``path``: refused from data that could not be
        read, and over a file holding more unless ``replace``."""
        if self._db.unreadable:
            raise ExportError(
                f"cannot export to {path}: ocstudy could not read your data in "
                f"{self._data_dir} when it started, so the export would be empty; nothing was "
                "written"
            )
        with export_target(path, suffixes, self._data_dir, self._content.path):
            shrink = None if replace else self._compare(path, kind, count)
            if shrink is not None:
                raise SmallerExportError(shrink)
            yield

    def anki_deck(
        self,
        path: Path,
        *,
        include_notes: bool = False,
        progress: Progress | None = None,
        replace: bool = False,
    ) -> Outcome:
        from ocstudy.services.exchange.anki_cards import content_facts, paper_name
        from ocstudy.services.exchange.anki_export import export_anki_deck
        from ocstudy.services.exchange.anki_stamps import STAMPS_FILE
        from ocstudy.userdata.note_conflicts import notes_as_read

        notes = (
            {note.slug: note.text for note in notes_as_read(self._notes)} if include_notes else None
        )
        cards = self._cards()
        with self._exporting(path, ANKI_SUFFIXES, "anki", len(cards), replace):
            result = export_anki_deck(
                cards,
                self._content.entities(),
                notes,
                path,
                include_notes=include_notes,
                themes=self._content.themes,
                facts=content_facts(self._content),
                paper=paper_name(self._content.meta),
                stamps=self._data_dir / STAMPS_FILE,
                own_tags=self._tags(),
                progress=progress,
            )
        if result.cancelled:
            return Outcome("The Anki export was cancelled; no file was written.", True)
        return Outcome(f"Exported {counted(result.count, 'anki')} to {path} for Anki.")

    def cards_csv(
        self, path: Path, progress: Progress | None = None, *, replace: bool = False
    ) -> Outcome:
        from ocstudy.services.exchange.anki_cards import content_facts
        from ocstudy.services.exchange.cards_csv import export_cards_csv

        cards = self._cards()
        with self._exporting(path, CSV_SUFFIXES, "csv", len(cards), replace):
            result = export_cards_csv(
                cards,
                self._content.entities(),
                path,
                themes=self._content.themes,
                facts=content_facts(self._content),
                own_tags=self._tags(),
                progress=progress,
            )
        if result.cancelled:
            return Outcome("The CSV export was cancelled; no file was written.", True)
        return Outcome(f"Exported {counted(result.count, 'csv')} to {path} as CSV.")

    def notes(
        self, path: Path, progress: Progress | None = None, *, replace: bool = False
    ) -> Outcome:
        from ocstudy.services.exchange.notes_io import export_notes, kept_notes
        from ocstudy.userdata.note_conflicts import notes_as_read

        notes = kept_notes(notes_as_read(self._notes))
        with self._exporting(path, NOTES_SUFFIXES, "notes", len(notes), replace):
            result = export_notes(notes, self._content, path, progress=progress)
        if result.cancelled:
            return Outcome("The notes export was cancelled; no file was written.", True)
        return Outcome(f"Exported {counted(result.count, 'notes')} to {path}.")

    def import_notes(self, path: Path, progress: Progress | None = None) -> Outcome:
        """Merge the notes of a JSON export; raises ``NotesImportError`` for a bad file."""
        from ocstudy.services.exchange.notes_io import import_notes

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
        return Outcome(
            f"Imported notes from {path.name}: {', '.join(parts)}{unknown}.",
            notes=frozenset((*summary.added, *summary.updated, *summary.merged)),
        )

    def own_cards(self, path: Path, *, replace: bool = False) -> Outcome:
        """The learner's own cards as JSON (:mod:`ocstudy.services.exchange.own_cards_io`)."""
        from ocstudy.services.exchange.own_cards_io import export_own_cards
        from ocstudy.userdata.own_cards import OwnCardStore

        cards = OwnCardStore(self._db).all()
        with self._exporting(path, JSON_SUFFIXES, "own-cards", len(cards), replace):
            result = export_own_cards(cards, self._content, path)
        return Outcome(f"Exported {result.count} of your own cards to {path}.")

    def import_own_cards(self, path: Path) -> Outcome:
        """Merge the own cards of a JSON export by id; raises ``OwnCardsImportError`` for a
        bad file (then nothing is changed)."""
        from ocstudy.services.exchange.own_cards_io import import_own_cards
        from ocstudy.userdata.own_cards import OwnCardStore

        known = [entity.slug for entity in self._content.entities()]
        summary = import_own_cards(path, OwnCardStore(self._db), known)
        return Outcome(f"Imported your own cards from {path.name}: {summary.message}.")

    def tags(self, path: Path, *, replace: bool = False) -> Outcome:
        """The learner's tags on cards as JSON (:mod:`ocstudy.services.exchange.card_tags_io`)."""
        from ocstudy.services.exchange.card_tags_io import export_tags

        tags = self._tags()
        count = sum(1 for names in tags.values() if names)
        with self._exporting(path, JSON_SUFFIXES, "tags", count, replace):
            cards = {card.id: card for card in self._cards()}
            result = export_tags(tags, cards, path)
        return Outcome(f"Exported {counted(result.count, 'tags')} to {path}.")

    def import_tags(self, path: Path) -> Outcome:
        """Add the tags of a JSON export to the cards (a union); raises ``TagsImportError``
        for a bad file (then nothing is changed)."""
        from ocstudy.services.exchange.card_tags_io import import_tags
        from ocstudy.userdata.card_tags import TagStore

        done = import_tags(path, TagStore(self._db), (card.id for card in self._cards()))
        return Outcome(f"Imported tags from {path.name}: {done.message}.")
