"""What the study window needs from content and notes, in one place.

The UI holds a :class:`StudyService` and never sees SQL, a repository or a store directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ocstudy.content.model import Entity, EntityDetail, KindGroup, Theme
from ocstudy.content.repository import ContentRepository
from ocstudy.content.search import words
from ocstudy.userdata.notes import Note, NoteStore

if TYPE_CHECKING:
    from ocstudy.services.timeline import TimelineItem


class SearchResult(NamedTuple):
    """The entities matching a query, best first; ``query_words`` is empty for no query."""

    slugs: tuple[str, ...]
    query_words: tuple[str, ...]

    @property
    def is_filter(self) -> bool:
        return bool(self.query_words)


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
        """Entities whose content or whose note matches every word of ``text``."""
        query_words = tuple(words(text))
        if not query_words:
            return SearchResult((), ())
        found = dict.fromkeys(self._content.search(text))
        found.update(dict.fromkeys(self._notes.search(text)))
        return SearchResult(tuple(found), query_words)

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

    def delete_note(self, slug: str) -> Note | None:
        return self._notes.delete(slug)

    def restore_note(self, note: Note) -> None:
        self._notes.restore(note)
