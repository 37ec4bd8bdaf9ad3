"""The timeline's events as rich text: the tooltip of an event and of a cluster, and the
selected event's panel; a citation is never parted where a line wraps."""

from __future__ import annotations

from html import escape

from ocstudy.content.vocabulary import THEMES
from ocstudy.phrasing import keep_together
from ocstudy.services.timeline import TimelineItem


def item_tooltip(item: TimelineItem) -> str:
    """Rich text for hovering an event: date, what happened, the instrument, the sources, and
    where the paper differs from the record; a citation is never parted where a line wraps."""
    precision = {"month": " (month only)", "year": " (year only)"}.get(item.precision, "")
    lines = [
        f"<b>{escape(item.entity_name)}</b>: {escape(item.description)}",
        f"{escape(item.when)}{precision}" + (f", {escape(item.place)}" if item.place else ""),
        f"<i>{escape(item.entity_title)}</i>",
        *(escape(keep_together(source)) for source in item.sources),
        *(f"\u26a0 {escape(keep_together(text))}" for text in item.differences),
    ]
    if item.other_themes:
        lines.append("Also: " + ", ".join(escape(THEMES.get(t, t)) for t in item.other_themes))
    return "<br>".join(lines)


PRECISION_WORDS = {"month": "known to the month", "year": "known only to the year"}


def event_details_html(item: TimelineItem) -> str:
    """Rich text for the selected event's panel, a line each: when (with its precision),
    where and what; the sources in the paper (each citation kept whole); where the paper
    differs, both values."""
    when = escape(item.when)
    if item.precision in PRECISION_WORDS:
        when += f" <i>({PRECISION_WORDS[item.precision]})</i>"
    head = f"<b>{when}</b>" + (f" · {escape(item.place)}" if item.place else "")
    lines = [
        f"{head} — <b>{escape(item.entity_name)}</b>: {escape(item.description)}",
        "Sources: " + "; ".join(escape(keep_together(s)) for s in item.sources)
        if item.sources
        else "",
        *(f"⚠ {escape(keep_together(text))}" for text in item.differences),
    ]
    return "<br>".join(line for line in lines if line)


def cluster_tooltip(items: list[TimelineItem]) -> str:
    names = sorted({item.entity_name for item in items})
    shown = ", ".join(escape(n) for n in names[:8]) + (" \u2026" if len(names) > 8 else "")
    return f"<b>{len(items)} events</b><br>{shown}<br><i>Click to zoom in</i>"
