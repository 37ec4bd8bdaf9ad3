"""Where a fact comes from, said one way wherever it is shown (the detail page, the quiz's
cards, the timeline, the revision sheet, the Anki export):

* where the paper says it: "§ UNTOC (2000), footnote 5" (on a narrow page, the revision
  sheet's tables: "§ UNTOC (2000), fn 5");
* the record it was checked against, by its site, and what kind of source that is where it is
  not the official one: "the record (treaties.un.org)", "the record (docslib.org; secondary:
  a copy)" (on a narrow page: "record (docslib.org)"); a place cited apart from its event's
  date: "place: the record (undocs.org)";
* where the paper differs, its own words: "The paper says “in force 3 June 2005”
  (§ References, footnote 9)".

Plain text: a display escapes it for HTML and keeps a citation's words together where a line
wraps (:func:`ocstudy.phrasing.keep_together`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final
from urllib.parse import urlparse

from ocstudy.content.model import Citation, Section

SECTION_MARK: Final = "\u00a7"
RECORD: Final = "the record"


def section_mark(title: str) -> str:
    """ "§ UNTOC (2000)": a section of the paper, by its short title."""
    return f"{SECTION_MARK} {title}"


def footnote_words(number: int, *, short: bool = False) -> str:
    """ "footnote 5", or "fn 5" on a narrow page."""
    return f"{'fn' if short else 'footnote'} {number}"


def in_paper(section: Section, footnote: int | None, *, short: bool = False) -> str:
    """Where the paper says it: "§ UNTOC (2000), footnote 5", or its section alone."""
    place = section_mark(section.short_title)
    return f"{place}, {footnote_words(footnote, short=short)}" if footnote else place


def where(citation: Citation, *, short: bool = False) -> str:
    """Where the paper says what ``citation`` cites (:func:`in_paper`)."""
    return in_paper(citation.section, citation.footnote, short=short)


def record_host(url: str | None) -> str:
    """The site of the record's source ("treaties.un.org"), or "" for no web address."""
    return urlparse(url or "").netloc


def record_name(url: str | None) -> str:
    """The record's source as a reader names it: its site for a web address, else the source
    as written ("Verified reference, table (a), row CPS")."""
    if not url:
        return ""
    return record_host(url) if url.startswith(("http://", "https://")) else url


def on_record(url: str | None, kind: str | None = None, *, short: bool = False) -> str:
    """The record, by its source's site, and what kind of source it is where it is not the
    official one: "the record (docslib.org; secondary: a copy)"; on a narrow page "record
    (docslib.org)"."""
    record = RECORD.removeprefix("the ") if short else RECORD
    host = record_host(url)
    if not host:
        return record
    return f"{record} ({host}; {kind})" if kind and not short else f"{record} ({host})"


def source(citation: Citation, *, short: bool = False) -> str:
    """Where the value comes from: where the paper says it, or the record where the value is
    the record's."""
    if citation.origin == "record":
        return on_record(citation.record_source, citation.record_source_kind, short=short)
    return where(citation, short=short)


def sources(citations: Iterable[Citation], *, short: bool = False) -> tuple[str, ...]:
    """The sources of one fact's citations, each once; a place cited apart from its event's
    date says so: "§ References, footnote 9", "place: the record (undocs.org)"."""
    return tuple(
        dict.fromkeys(
            f"place: {source(c, short=short)}" if c.about == "place" else source(c, short=short)
            for c in citations
        )
    )


def paper_says(citation: Citation) -> str:
    """The paper's own words where it differs from the record, and where it says them:
    "The paper says “in force 3 June 2005” (§ References, footnote 9)"."""
    says = (
        f"The paper says \u201c{citation.says}\u201d" if citation.says else "The paper differs here"
    )
    return f"{says} ({where(citation)})"


def paper_note(citation: Citation) -> str:
    """:func:`paper_says` and why the paper is wrong, as a card notes it."""
    note = f" {citation.note}" if citation.note else ""
    return f"{paper_says(citation)}.{note}"


def difference(citation: Citation, record_value: str) -> str:
    """The paper's words and the record's value, with its source: "The paper says “in force
    3 June 2005” (§ References, footnote 9); the record says 3 July 2005 (treaties.un.org)"."""
    name = record_name(citation.record_source)
    kind = f"; {citation.record_source_kind}" if name and citation.record_source_kind else ""
    source_of = f" ({name}{kind})" if name else ""
    return f"{paper_says(citation)}; {RECORD} says {record_value}{source_of}"
