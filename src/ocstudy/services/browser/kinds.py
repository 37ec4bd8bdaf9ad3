"""What each kind of card is called where a learner reads it (the browser's Kind column, its
sidebar, a card's details and card info): words, never the internal name a search uses
(``kind:relation_reverse``)."""

from __future__ import annotations

from typing import Final

#: Every kind's words, in the order the sidebar lists them.
KIND_WORDS: Final[dict[str, str]] = {
    "date": "Date",
    "date_reverse": "Which \u2026 on this date",
    "place": "Place",
    "count": "Number",
    "document": "Document symbol",
    "document_reverse": "Document, reversed",
    "relation": "Relation",
    "relation_reverse": "Relation, reversed",
    "abbreviation": "Abbreviation",
    "abbreviation_reverse": "Abbreviation of a name",
    "provision": "Missing provision",
    "statement": "Statement",
    "chronology_order": "Ordering",
    "chronology_first": "Which came first",
    "definition": "Definition",
    "key_fact": "Key fact",
    "paper_error": "The paper's error",
    "own": "Your own card",
}


def kind_words(kind: str) -> str:
    """The words for ``kind`` (one not listed: its name made readable)."""
    return KIND_WORDS.get(kind) or kind.replace("_", " ").capitalize()
