"""The sheet's body as HTML for a QTextDocument, in fixed print colours (the app's palette,
light or dark, never reaches the page). Pure string building: figures are images named
``ocstudy-figure:N`` (:data:`FIGURE_SCHEME`) that :mod:`ocstudy.ui.sheet.figure` draws, and the
learner's notes come in already turned from Markdown into HTML (``note_html``)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ocstudy.content import citing
from ocstudy.content.vocabulary import FactStatus
from ocstudy.services.sheet.model import (
    Block,
    Cell,
    Contradiction,
    Difference,
    Markdown,
    Paragraph,
    Section,
    Sheet,
    Table,
    TimelineFigure,
)

#: The name of a figure's image: ``ocstudy-figure:N``, the sheet's Nth figure.
FIGURE_SCHEME = "ocstudy-figure:"
TEXT, MUTED, WARN, WARN_BACK, RULE, HEAD_BACK = (
    "#1a1a1a",
    "#555555",
    "#b3261e",
    "#fbe9e7",
    "#b0b0b0",
    "#ececec",
)
WARN_MARK = "\u26a0"
_MARKS = {
    FactStatus.DIFFERS: WARN_MARK,
    FactStatus.UNVERIFIED: "?",
    FactStatus.UNCHECKED: "?",
    FactStatus.RECORD: "\u25c7",
}
_STYLES = {
    "plain": "",
    "muted": f"color:{MUTED}",
    "summary": "",
    "kind": "font-weight:bold",
}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def mark(status: FactStatus | None) -> str:
    symbol = _MARKS.get(status) if status is not None else None
    if symbol is None:
        return ""
    color = WARN if status is FactStatus.DIFFERS else MUTED
    return f'<span style="color:{color}; font-weight:bold">{symbol}</span>\u00a0'


class SheetHtml:
    """``note_html`` turns a note's Markdown into HTML; ``figure_width`` is in document units."""

    def __init__(self, note_html: Callable[[str], str], figure_width: float):
        self.note_html = note_html
        self.figure_width = figure_width
        self.figures: list[TimelineFigure] = []

    def body(self, sheet: Sheet) -> str:
        self.figures = []
        parts = [f'<html><body style="color:{TEXT}; background-color:#ffffff">']
        for section in sheet.sections:
            parts.append(self._section(section))
        parts.append(self._legend(sheet))
        parts.append("</body></html>")
        return "".join(parts)

    def _section(self, section: Section) -> str:
        tag = {1: "h1", 2: "h2"}.get(section.level, "h3")
        indent = ' style="margin-left:18px"' if section.level >= 3 else ""
        out = [f'<{tag}{indent}><a name="{_e(section.anchor)}"></a>{_e(section.title)}</{tag}>']
        out.extend(self._block(block) for block in section.blocks)
        out.extend(self._section(child) for child in section.sections)
        return "".join(out)

    def _block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            return f'<p style="{_STYLES[block.style]}">{_e(block.text)}</p>'
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, Difference):
            return self._difference(block)
        if isinstance(block, Contradiction):
            return (
                f'<p style="background-color:{WARN_BACK}">{mark(FactStatus.DIFFERS)}<b>The paper '
                f"contradicts itself: {_e(block.title)}.</b> {_e(block.text)}</p>"
            )
        if isinstance(block, TimelineFigure):
            self.figures.append(block)
            index = len(self.figures) - 1
            return (
                f'<p><img src="{FIGURE_SCHEME}{index}" width="{self.figure_width:.0f}" '
                f'height="1"></p><p style="color:{MUTED}">{_e(block.caption)}</p>'
            )
        assert isinstance(block, Markdown)
        return f'<div style="margin-left:12px">{self.note_html(block.text)}</div>'

    def _cell(self, cell: Cell) -> str:
        return f"{mark(cell.status)}{_e(cell.text)}"

    def _table(self, table: Table) -> str:
        widths = table.widths or tuple(100 // len(table.columns) for _ in table.columns)
        head = "".join(
            f'<th width="{w}%" align="left" style="background-color:{HEAD_BACK}">{_e(c)}</th>'
            for c, w in zip(table.columns, widths, strict=True)
        )
        rows = "".join(
            "<tr>" + "".join(f"<td>{self._cell(cell)}</td>" for cell in row) + "</tr>"
            for row in table.rows
        )
        return (
            f'<table width="100%" cellspacing="0" cellpadding="2" border="0.5" '
            f'style="border-color:{RULE}; border-style:solid; margin-top:4px; '
            f'margin-bottom:6px"><thead><tr>{head}</tr></thead>{rows}</table>'
        )

    def _difference(self, d: Difference) -> str:
        source = ""
        if d.source:
            host = citing.record_name(d.source) or d.source
            kind = f"; {_e(d.source_kind)}" if d.source_kind else ""
            source = (
                f' (source: <a href="{_e(d.source)}" style="color:{TEXT}">{_e(host)}</a>{kind})'
                f'<br><span style="color:{MUTED}; font-size:small">{_e(d.source)}</span>'
            )
        explanation = f" {_e(d.explanation)}" if d.explanation else ""
        return (
            f'<p style="background-color:{WARN_BACK}; margin-top:3px">{mark(FactStatus.DIFFERS)}'
            f"<b>{_e(d.what)}.</b> <b>The paper says</b> \u201c{_e(d.paper)}\u201d "
            f"({_e(d.where)}) \u2014 <b>the record says</b> {_e(d.record)}{source}."
            f"{explanation}</p>"
        )

    def _legend(self, sheet: Sheet) -> str:
        items = " \u00b7 ".join(f"{_e(symbol)} {_e(meaning)}" for symbol, meaning in sheet.legend)
        return f'<p style="color:{MUTED}; margin-top:14px">{items}</p>'


def contents_html(sheet: Sheet, pages: dict[str, int]) -> str:
    """The title block and the contents list, every section with its page
    (``pages`` by anchor; a missing page prints as a placeholder of the same width)."""
    rows = []
    for section in sheet.walk():
        page = pages.get(section.anchor)
        number = str(page) if page is not None else "000"
        weight = "bold" if section.level == 1 else "normal"
        indent = f"padding-left:{14 * (section.level - 1)}px; "
        rows.append(
            f'<tr><td style="{indent}font-weight:{weight}">{_e(section.title)}</td>'
            f'<td align="right" width="8%">{number}</td></tr>'
        )
    return (
        f'<html><body style="color:{TEXT}; background-color:#ffffff">'
        f'<h1 style="font-size:x-large">{_e(sheet.title)}</h1>'
        f"<p><b>{_e(sheet.subtitle)}</b></p>"
        f"<p>From <i>{_e(sheet.paper_title)}</i> by {_e(sheet.paper_author)}, every fact with "
        "its place in the paper, checked against the public record. Where the paper is wrong, "
        f"the record's value is given and the paper's shown beside it, marked {WARN_MARK}.</p>"
        f'<p style="color:{MUTED}">Printed {sheet.printed.isoformat()} \u00b7 content version '
        f"{_e(sheet.content_version)}</p>"
        f'<h2>Contents</h2><table width="100%" cellspacing="0" cellpadding="1">'
        f"{''.join(rows)}</table></body></html>"
    )
