"""What the study window needs from content and notes, in one place.

The UI holds a :class:`StudyService` and never sees SQL, a repository or a store directly.

Another process may write the notes while the window is open (``ocstudy import notes``, a
``restore``). The window saves an edit against the text it started from (:meth:`save_edit`):
if the stored text changed since, nothing is overwritten: both texts are kept, as an import
merges them, with a marked line between them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ocstudy.content.model import Entity, EntityDetail, KindGroup, Theme
from ocstudy.content.repository import ContentRepository
from ocstudy.content.search import SNIPPET_END, SNIPPET_START, covering, fold, words
from ocstudy.userdata.database import UserDatabaseError
from ocstudy.userdata.notes import Note as Note
from ocstudy.userdata.notes import NoteStore

if TYPE_CHECKING:
    from ocstudy.services.timeline import TimelineItem


class SearchResult(NamedTuple):
    """The entities matching a query, best first.

    ``query_words`` are the words searched for (empty when the text has none); ``snippets``
    give, for an entity that matched only in its facts, provisions, summary or note, one line
    around the match, the matched words between ``SNIPPET_START`` and ``SNIPPET_END``."""

    slugs: tuple[str, ...]
    query_words: tuple[str, ...]
    snippets: dict[str, str]
    #: the text had something besides blanks: "", or a text of blanks, filters nothing
    filtered: bool = False

    @property
    def is_filter(self) -> bool:
        """A text with no word in it (``"``, ``*``, ``(``) matches nothing, never everything."""
        return bool(self.query_words) or self.filtered


NOTE_SNIPPET_CHARS = 40
#: Where a snippet comes from the learner's note, not the content.
NOTE_SNIPPET_PREFIX = "note: "


def note_snippet(text: str, query_words: tuple[str, ...]) -> str | None:
    """One line of a note around the first word that starts with a query word, marked."""
    folded = fold(text)
    best: tuple[int, int] | None = None
    for word in query_words:
        match = re.search(rf"\b{re.escape(fold(word))}\w*", folded)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), match.end())
    if best is None:
        return None
    start, end = best
    before = max(0, start - NOTE_SNIPPET_CHARS)
    after = min(len(text), end + NOTE_SNIPPET_CHARS)
    line = (
        ("\u2026" if before else "")
        + text[before:start]
        + SNIPPET_START
        + text[start:end]
        + SNIPPET_END
        + text[end:after]
        + ("\u2026" if after < len(text) else "")
    )
    return " ".join(line.split())


class SavedEdit(NamedTuple):
    """An edit as stored: ``text`` is what the note holds now (the edit, or the edit merged
    with what another process wrote, when ``merged``)."""

    text: str
    note: Note | None
    merged: bool


def merged_edit(stored: str, edited: str, now: datetime) -> str:
    """Both texts, marked, unless one already holds the other (the import's rules)."""
    if not stored.strip() or stored in edited:
        return edited
    if edited in stored:
        return stored
    marker = f"--- written in the ocstudy window on {now.astimezone(UTC):%Y-%m-%d} ---"
    return f"{stored.rstrip()}\n\n{marker}\n\n{edited}"


class StudyService:
    def __init__(self, content: ContentRepository, notes: NoteStore):
        self._content = content
        self._notes = notes

    # -- content ----------------------------------------------------------------------------

    @property
    def content_version(self) -> str:
        return self._content.meta.get("content_version", "?")

    def entities(self) -> tuple[Entity, ...]:
        return self._content.entities()

    def entity(self, slug: str) -> Entity | None:
        return self._content.entity(slug)

    def detail(self, slug: str) -> EntityDetail | None:
        return self._content.detail(slug)

    def themes(self) -> tuple[Theme, ...]:
        return self._content.themes

    def kind_groups(self) -> tuple[KindGroup, ...]:
        return self._content.kind_groups

    def search(self, text: str) -> SearchResult:
        """Entities whose content or whose note matches every word of ``text``, best first,
        with a snippet where the match is not in the entity's title or names."""
        query_words = tuple(words(text))
        if not query_words:
            return SearchResult((), (), {}, filtered=bool(text.strip()))
        snippets: dict[str, str] = {}
        found: dict[str, None] = {}
        for slug, snippet in self._content.search_hits(text):
            found[slug] = None
            if snippet:
                snippets[slug] = " ".join(snippet.split())
        for slug, note_text in self._notes_found(text, query_words):
            if slug not in found:  # found by the note alone: show the note's words
                line = note_snippet(note_text, query_words)
                if line:
                    snippets[slug] = NOTE_SNIPPET_PREFIX + line
            found[slug] = None
        return SearchResult(tuple(found), query_words, snippets, filtered=True)

    def _notes_found(self, text: str, query_words: tuple[str, ...]) -> Iterator[tuple[str, str]]:
        """The notes matching every query word, as they stand (slug, text): by the notes'
        index, then the notes changed on two computers by their texts kept side by side."""
        from ocstudy.userdata.note_conflicts import kept_note_texts, text_as_read

        kept = kept_note_texts(self._notes.database)
        for slug in self._notes.search(text):
            note = self._notes.get(slug)
            if note is not None:
                yield slug, text_as_read(note.text, kept.pop(slug, ()))
        matches = covering(query_words)
        for slug, others in kept.items():
            note = self._notes.get(slug)
            whole = text_as_read(note.text if note else "", others)
            if matches(whole):
                yield slug, whole

    def timeline_items(self) -> list[TimelineItem]:
        from ocstudy.services.timeline import timeline_items

        return timeline_items(self._content)

    # -- notes ------------------------------------------------------------------------------

    def note(self, slug: str) -> Note | None:
        return self._notes.get(slug)

    def noted_slugs(self) -> set[str]:
        return self._notes.slugs()

    def save_note(self, slug: str, text: str) -> Note | None:
        """Save ``text`` as ``slug``'s note; saving an empty text to no note stores nothing."""
        if not text and self._notes.get(slug) is None:
            return None
        return self._notes.save(slug, text)

    def save_edit(self, slug: str, text: str, base: str) -> SavedEdit:
        """Save ``text``, typed over ``base`` (the stored text the editor started from). If
        another process changed the note since, the two are merged (:func:`merged_edit`)."""
        merged = False
        for _attempt in range(10):  # each round: another process wrote in between
            stored = self._notes.get(slug)
            if stored is None and not text:
                return SavedEdit("", None, merged)
            if (stored.text if stored else "") != base:
                base = stored.text if stored else ""
                text, merged = merged_edit(base, text, datetime.now(UTC)), True
            note = self._notes.save_unless_changed(slug, text, base)
            if note is not None:
                return SavedEdit(note.text, note, merged)
        raise UserDatabaseError(f"your note on {slug} keeps being changed by another program")

    def on_unreadable(self, listener: Callable[[str], None]) -> None:
        """Call ``listener`` with each row of the learner's data that a store could not read
        as it is (left out, or read as a default), once per row, from whichever thread read
        it (see ``userdata/stored_values.py``)."""
        self._notes.database.unreadable_rows.listen(listener)

    def data_version(self) -> int:
        """Changes when another process writes the learner's data (see ``NoteStore``)."""
        return self._notes.data_version()

    def write_notes_file(self, texts: Mapping[str, str], path: Path) -> None:
        """Write ``texts`` (slug: text) as a notes export (0600), so that File > Import notes
        brings them back; raises ``OSError`` if it cannot be written."""
        from ocstudy.services.exchange.export_files import atomic_file
        from ocstudy.services.exchange.notes_io import notes_json_text

        now = datetime.now(UTC)
        notes = [Note(slug, text, now, now) for slug, text in texts.items()]
        with atomic_file(path) as temp:
            temp.write_bytes(notes_json_text(notes, self._content, now).encode("utf-8"))

    def delete_note(self, slug: str) -> Note | None:
        return self._notes.delete(slug)

    def restore_note(self, note: Note) -> None:
        self._notes.restore(note)
