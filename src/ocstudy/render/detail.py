"""Render an entity's detail as HTML for a QTextBrowser (Qt's rich-text subset).

Pure string building, no Qt: colours come in as a :class:`Colors` made from the palette, so the
page follows light and dark themes. Every fact shows its citation; a fact where the paper differs
from the record shows both values, marked, with the record's source and the explanation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from ocstudy.content import citing
from ocstudy.content.dates import DateSpan
from ocstudy.content.model import Citation, EntityDetail, Event, Fact, Relation
from ocstudy.content.vocabulary import FactStatus
from ocstudy.phrasing import keep_together
from ocstudy.render.colors import Colors

ENTITY_SCHEME = "ocstudy"


def entity_url(slug: str) -> str:
    return f"{ENTITY_SCHEME}://entity/{slug}"


def citation_url(fact_id: str) -> str:
    """The link of a fact's compact source mark: a click shows (or hides) its long form."""
    return f"{ENTITY_SCHEME}://cite/{fact_id}"


#: Statuses whose citations show as a compact mark beside the value; the others (the paper
#: differs, or was not checked) always show their long form.
COMPACT = (FactStatus.AGREES, FactStatus.RECORD)


MARKS = {
    FactStatus.AGREES: ("\u2713", "checked against the record"),
    FactStatus.DIFFERS: ("\u26a0", "the paper differs from the record"),
    FactStatus.UNVERIFIED: ("?", "the paper's value, not checked against the record"),
    FactStatus.UNCHECKED: ("?", "the paper's statement, not checked"),
    FactStatus.RECORD: ("\u25c7", "from the record; the paper does not give it"),
}


#: Column widths of the fact tables, by number of columns (after the status mark).
#: The last column, the compact source mark, takes what is left of 98%.
COLUMN_WIDTHS = {2: ["22%", "54%"], 3: ["20%", "22%", "34%"]}
#: Numbered provisions: the number takes only its own width.
PROVISION_WIDTHS = ["1%", "75%"]


def _rest(widths: list[str]) -> str:
    """What is left of 98% after ``widths`` (the status mark takes 2%)."""
    used = sum(int(w.rstrip("%")) for w in widths if w.endswith("%"))
    return f"{max(10, 98 - used)}%"


def _e(text: object) -> str:
    """``text`` as HTML, a citation's parts joined to stay on one line ("footnote 9")."""
    return escape(keep_together(str(text)), quote=True)


def _source_link(url: str | None, kind: str | None = None) -> str:
    if not url:
        return ""
    what = f" ({_e(kind)})" if kind else ""
    if not url.startswith(("http://", "https://")):
        return _e(url) + what
    return f'<a href="{_e(url)}">{_e(citing.record_host(url) or url)}</a>{what}'


def _words(citation: Citation) -> str:
    """The paper's own words, then, marked as ours, a paraphrase where one is needed."""
    quote = f" \u2014 \u201c{_e(citation.quote)}\u201d" if citation.quote else ""
    ours = f" <i>(in our words: {_e(citation.paraphrase)})</i>" if citation.paraphrase else ""
    return quote + ours


class DetailRenderer:
    def __init__(
        self,
        colors: Colors,
        title_of: Callable[[str], str],
        expanded: frozenset[str] = frozenset(),
    ):
        self.c = colors
        self.title_of = title_of
        #: facts whose compact source mark was clicked: their long form is shown
        self.expanded = expanded

    # -- pieces -----------------------------------------------------------------------------

    def _mark(self, status: FactStatus) -> str:
        symbol, meaning = MARKS[status]
        color = {FactStatus.DIFFERS: self.c.warn, FactStatus.AGREES: self.c.ok}.get(
            status, self.c.muted
        )
        return (
            f'<span style="color:{color}; font-weight:bold" title="{_e(meaning)}">{symbol}</span>'
        )

    def _where(self, citation: Citation) -> str:
        """Where the paper says it (``content.citing``), its footnote a link to the footnote."""
        parts = [_e(citing.section_mark(citation.section.short_title))]
        if citation.footnote:
            words = _e(citing.footnote_words(citation.footnote))
            parts.append(f'<a href="#fn{citation.footnote}">{words}</a>')
        return ", ".join(parts)

    def _is_compact(self, fact: Fact) -> bool:
        return fact.id not in self.expanded and all(c.status in COMPACT for c in fact.citations)

    def _source_mark(self, fact: Fact) -> str:
        """Section and footnote beside the value, muted; a click shows the quote and the
        record (the hover text says what the click shows)."""
        # a place cited apart is marked beside the place itself
        citations = [c for c in fact.citations if c.about is None]
        record_places = {self._place(c) for c in citations if c.status is FactStatus.RECORD}
        places = " · ".join(
            ("◇\u00a0" if where in record_places else "") + where
            for where in dict.fromkeys(self._place(c) for c in citations)
        )
        hover = " — ".join(
            f"{c.section.short_title}: “{c.quote}”" if c.quote else c.section.short_title
            for c in citations
        )
        return (
            f'<a href="{_e(citation_url(fact.id))}" title="{_e(hover)}" '
            f'style="color:{self.c.muted}; text-decoration:none">{places}</a>'
        )

    def _place(self, citation: Citation) -> str:
        return _e(citing.where(citation, short=True))

    def _citation_lines(self, fact: Fact) -> str:
        """One line per citation: where the paper says it and how it stands against the record.
        A place cited apart comes first (Qt paints a cell in the colour of its first block, and
        a difference's is the warning colour)."""
        lines = []
        for citation in sorted(fact.citations, key=lambda c: c.about != "place"):
            status = citation.status
            where = self._where(citation)
            if status is FactStatus.DIFFERS:
                record = (
                    ""
                    if isinstance(fact, Relation)
                    else (f"<b>The record says</b> {_e(fact.value.rstrip('.'))}. ")
                )
                lines.append(
                    f'<div style="background-color:{self.c.warn_background}; color:{self.c.text}">'
                    f"{self._mark(FactStatus.DIFFERS)} <b>The paper says</b> "
                    f"\u201c{_e(citation.says)}\u201d "
                    f"({where}). {record}{_e(citation.note)} "
                    f"Source: {_source_link(citation.record_source, citation.record_source_kind)}"
                    "</div>"
                )
            elif citation.about == "place":
                lines.append(
                    f'<div style="color:{self.c.muted}">{self._mark(FactStatus.RECORD)} The place, '
                    f"{_e(getattr(fact, 'place', ''))}, is the record's. Source: "
                    f"{_source_link(citation.record_source, citation.record_source_kind)}</div>"
                )
            elif status is FactStatus.RECORD:
                lines.append(
                    f'<div style="color:{self.c.muted}">{self._mark(status)} From the record, '
                    f"not stated in the paper ({where}). Source: "
                    f"{_source_link(citation.record_source, citation.record_source_kind)}</div>"
                )
            else:
                meaning = MARKS[status][1]
                source = _source_link(citation.record_source, citation.record_source_kind)
                checked = f" ({source})" if status is FactStatus.AGREES and source else ""
                lines.append(
                    f'<div style="color:{self.c.muted}">{where}{_words(citation)} \u00b7 '
                    f"{_e(meaning)}{checked}</div>"
                )
        return "".join(lines)

    def _fact_rows(
        self,
        facts: Iterable[Fact],
        cells: Callable[[Fact], list[str]],
        widths: list[str] | None = None,
    ) -> str:
        """A row per fact, its source beside its value: a compact mark where the record agrees
        (or gives the value), the long form where the paper differs or was not checked."""
        rows = []
        for fact in facts:
            values = cells(fact)
            compact = self._is_compact(fact)
            column_widths = widths or COLUMN_WIDTHS.get(len(values)) or ["" for _ in values]
            tds = "".join(
                f'<td width="{width}" style="padding:3px 8px {3 if compact else 0}px 0'
                f'{"; white-space:nowrap" if width == "1%" else ""}">{cell}</td>'
                for cell, width in zip(values, column_widths, strict=True)
            )
            source = self._source_mark(fact) if compact else ""
            rows.append(
                f'<tr><td width="2%">{self._mark(fact.status)}</td>{tds}'
                f'<td width="{_rest(column_widths)}" align="right" style="padding-top:3px">'
                f"{source}</td></tr>"
            )
            if not compact:
                rows.append(
                    f'<tr><td></td><td colspan="{len(values) + 1}" style="padding:0 0 6px 0">'
                    f"{self._citation_lines(fact)}{self._hide_link(fact)}</td></tr>"
                )
        return f'<table cellspacing="0" width="100%">{"".join(rows)}</table>'

    def _hide_link(self, fact: Fact) -> str:
        if fact.id not in self.expanded:
            return ""
        return (
            f'<div><a href="{_e(citation_url(fact.id))}" style="color:{self.c.muted}">'
            "show less</a></div>"
        )

    def _section(self, title: str, body: str) -> str:
        return f'<h3 style="margin-top:14px">{_e(title)}</h3>{body}'

    # -- the page ---------------------------------------------------------------------------

    def render(self, detail: EntityDetail, theme_labels: dict[str, str], has_note: bool) -> str:
        e = detail.entity
        out = [f'<h2 style="margin-bottom:2px">{_e(e.title)}</h2>']
        other = [name for name in (e.short_name, *e.abbreviations, *e.names) if name != e.title]
        if other:
            names = " \u00b7 ".join(_e(n) for n in dict.fromkeys(other))
            out.append(f'<p style="color:{self.c.muted}; margin-top:0">Also: {names}</p>')
        if e.paper_spellings:
            slips = " \u00b7 ".join(f"\u201c{_e(n)}\u201d" for n in e.paper_spellings)
            out.append(
                f'<p style="color:{self.c.muted}; margin-top:0">The paper also writes {slips} '
                "(its misspelling, not a name in use)</p>"
            )
        themes = ", ".join(_e(theme_labels.get(t, t)) for t in e.themes)
        note = " \u00b7 \u270e you have a note" if has_note else ""
        out.append(f"<p><b>{_e(e.kind_label)}</b> \u00b7 {themes}{note}</p>")
        flagged = {
            claim for f in detail.facts for c in f.citations if c.differs
            for claim in c.claim_ids
        }  # fmt: skip
        for item in detail.inconsistencies:
            if flagged & set(item.claim_ids):
                continue  # the \u26a0 box beside the fact already says it
            out.append(
                f'<p style="background-color:{self.c.warn_background}; color:{self.c.text}">'
                f"{self._mark(FactStatus.DIFFERS)} <b>The paper contradicts itself: "
                f"{_e(item.title)}.</b> "
                f"{_e(item.text)}</p>"
            )
        out.append(
            self._section(
                "What the paper says",
                f"<p>{_e(e.summary)}</p>"
                f'<p style="color:{self.c.muted}">\u00a7\u00a0'
                f"{_e(detail.section.short_title)}</p>",
            )
        )
        if detail.events:
            out.append(self._section("Dates", self._fact_rows(detail.events, self._event_cells)))
        if detail.counts:
            out.append(self._section("Numbers", self._fact_rows(detail.counts, self._value_cells)))
        if detail.documents:
            documents = self._fact_rows(detail.documents, self._value_cells)
            out.append(self._section("Document numbers", documents))
        if detail.provisions:
            title = e.provisions_label or "Provisions"
            provisions = self._fact_rows(detail.provisions, self._provision, PROVISION_WIDTHS)
            out.append(self._section(title, provisions))
        if detail.statements:
            statements = self._fact_rows(detail.statements, self._value_cells)
            out.append(self._section("What else the paper says", statements))
        if detail.relations:
            out.append(self._section("Related", self._relations(detail, e.slug)))
        out.append(self._section("Sources in the paper", self._footnotes(detail)))
        out.append(self._legend())
        return "".join(out)

    def _event_cells(self, fact: Fact) -> list[str]:
        assert hasattr(fact, "date")
        span = DateSpan.parse(fact.date)
        precision = {"day": "", "month": " (month only)", "year": " (year only)"}[span.precision]
        place = getattr(fact, "place", None)
        # a place cited apart, where the paper dates the event (a difference shows its lines)
        apart = isinstance(fact, Event) and fact.place_citations and not fact.differences
        from_record = (
            f" <span style='color:{self.c.muted}'>{self._mark(FactStatus.RECORD)} the record's "
            "place; the paper gives none</span>"
            if apart
            else ""
        )
        return [
            f"<b>{_e(fact.label)}</b>",
            f"{_e(span.label())}<span style='color:{self.c.muted}'>{precision}</span>",
            _e(place) + from_record if place else "",
        ]

    def _value_cells(self, fact: Fact) -> list[str]:
        return [f"<b>{_e(fact.label)}</b>", _e(fact.value)]

    def _provision(self, fact: Fact) -> list[str]:
        return [f"<b>{_e(fact.label)}.</b>", _e(fact.value)]

    def _relations(self, detail: EntityDetail, slug: str) -> str:
        by_label: dict[str, list[Relation]] = {}
        for relation in detail.relations:
            by_label.setdefault(relation.label_from(slug), []).append(relation)
        rows = []
        for label, relations in by_label.items():
            links = []
            for relation in relations:
                other = relation.other_end(slug)
                mark = f" {self._mark(relation.status)}" if relation.status.differs else ""
                links.append(f'<a href="{entity_url(other)}">{_e(self.title_of(other))}</a>{mark}')
            rows.append(
                f"<tr><td style='padding-right:8px'><b>{_e(label)}</b></td>"
                f"<td>{', '.join(links)}</td></tr>"
            )
        notes = "".join(self._citation_lines(r) for r in detail.relations if r.status.differs)
        return f"<table>{''.join(rows)}</table>{notes}"

    def _footnotes(self, detail: EntityDetail) -> str:
        numbers = sorted({c.footnote for f in detail.facts for c in f.citations if c.footnote})
        refs = {c.footnote: c.reference for f in detail.facts for c in f.citations if c.reference}
        if not numbers:
            return f'<p style="color:{self.c.muted}">No footnote; see the sections above.</p>'
        items = []
        for number in numbers:
            reference = refs.get(number)
            text = _e(reference.text) if reference else ""
            note = (
                f' <i style="color:{self.c.muted}">({_e(reference.note)})</i>'
                if (reference and reference.note)
                else ""
            )
            items.append(f'<p><a name="fn{number}"></a><b>{number}.</b> {text}{note}</p>')
        return "".join(items)

    def _legend(self) -> str:
        keys = (FactStatus.AGREES, FactStatus.DIFFERS, FactStatus.UNVERIFIED, FactStatus.RECORD)
        parts = [f"{self._mark(k)} {_e(MARKS[k][1])}" for k in keys]
        joined = " \u00b7 ".join(parts)
        return f'<p style="color:{self.c.muted}; margin-top:16px">{joined}</p>'
