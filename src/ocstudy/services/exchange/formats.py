"""The files ocstudy exchanges, each named once: the JSON documents by their ``format`` (what a
document of each is called, what its entries are keyed by), how the notes' Markdown export and
the cards' CSV begin, and the file names each export writes.

The exports write by these, the imports check a file against them (:mod:`.json_files`), an
import handed another kind of file names it by them (:mod:`.file_kinds`), and an export counts
what a file it would replace holds by them (:mod:`.export_guard`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class JsonFormat:
    """A JSON document ocstudy writes: ``{"format": name, "format_version": version, ...}``."""

    name: str
    version: int
    #: what a document of this format is, as a message names it: "an ocstudy notes export"
    what: str
    #: where the learner gets one, said where an import expects it
    made_by: str = ""
    #: the key of an export's entries, and what they are keyed by ("notes", by "slug")
    entries: str = ""
    keyed_by: str = ""

    @property
    def expected(self) -> str:
        """What an import of this format expects, in its message: ``what`` (``made_by``)."""
        return f"{self.what} ({self.made_by})" if self.made_by else self.what


NOTES: Final = JsonFormat(
    "ocstudy-notes",
    1,
    "an ocstudy notes export",
    "the .json file that exporting your notes as JSON writes",
    entries="notes",
    keyed_by="slug",
)
OWN_CARDS: Final = JsonFormat(
    "ocstudy-own-cards",
    1,
    "an ocstudy own-cards export",
    "the .json file that exporting your own cards writes",
    entries="cards",
    keyed_by="card id",
)
TAGS: Final = JsonFormat(
    "ocstudy-card-tags",
    1,
    "an ocstudy tags export",
    "the .json file that ocstudy export tags writes",
    entries="cards",
    keyed_by="card id",
)
REVIEWS: Final = JsonFormat(
    "ocstudy-reviews",
    1,
    "an ocstudy reviews export",
    "the .json file that exporting your reviews writes",
    entries="reviews",
    keyed_by="card and time",
)
CONTENT: Final = JsonFormat("ocstudy-content", 1, "the ocstudy content export")
DECK: Final = JsonFormat("ocstudy-cards", 1, "the ocstudy deck export (every card, as JSON)")
UNSAVED_CARD: Final = JsonFormat(
    "ocstudy-unsaved-card", 1, "an ocstudy recovery file (a card kept when ocstudy had to close)"
)
JSON_FORMATS: Final = (NOTES, OWN_CARDS, TAGS, REVIEWS, CONTENT, DECK, UNSAVED_CARD)

#: The notes' Markdown export begins with this line; its second says how many notes it holds.
NOTES_MARKDOWN_TITLE: Final = "# My ocstudy notes"
#: That second line: "Exported 2026-01-02 03:04 UTC: 12 notes."
NOTES_MARKDOWN_COUNT: Final = re.compile(r"^Exported [^\n]*: (\d+) notes?\.$", re.MULTILINE)
#: The first header line of a CSV for Anki's text import ("#separator:Comma").
CSV_HEADER: Final = "#separator:"
#: The columns of the reviews' CSV export, its header line.
REVIEWS_CSV_COLUMNS: Final = (
    "card",
    "question",
    "reviewed_at",
    "rating",
    "duration_ms",
    "origin",
    "mode",
)

#: The file names each export writes, by extension (compared in lower case).
MARKDOWN_SUFFIXES: Final = (".md", ".markdown")
JSON_SUFFIXES: Final = (".json",)
NOTES_SUFFIXES: Final = (*MARKDOWN_SUFFIXES, *JSON_SUFFIXES)
ANKI_SUFFIXES: Final = (".apkg",)
#: The packages Anki (desktop, AnkiDroid, AnkiMobile) exports: a deck, a whole collection.
ANKI_PACKAGE_SUFFIXES: Final = (".apkg", ".colpkg")
CSV_SUFFIXES: Final = (".csv",)

#: An entry's or a theme's key as an import takes it: a note's slug, an own card's entry.
KEY: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")
