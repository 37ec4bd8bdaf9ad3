"""The six kinds of fact an entity file holds: how each is checked, labelled and shown."""

from __future__ import annotations

from typing import Any

from ocstudy.content import vocabulary as vocab
from ocstudy.content.build.checks import Row, SourceError, parse_date
from ocstudy.content.dates import DateSpan


def _vocabulary_value(
    item: Row, vocabulary: dict[str, Any], file: str, slug: str, where: str
) -> str:
    kind = item["kind"]
    if kind not in vocabulary:
        raise SourceError(file, slug, f"{where}.kind", f"unknown kind {kind!r}")
    return str(kind)


def detail_row(fact_type: str, item: Row, file: str, slug: str, where: str) -> tuple[Row, str, str]:
    """Return the fact's own table row, its display value and the base of its stable key."""
    if fact_type == "event":
        kind = _vocabulary_value(item, vocab.EVENT_KINDS, file, slug, where)
        span = parse_date(item["date"], file, slug, f"{where}.date")
        place = item.get("place")
        value = span.label() + (f", {place}" if place else "")
        return (
            {
                "kind": kind,
                "label": item.get("label") or vocab.EVENT_KINDS[kind],
                "date": span.iso(),
                "date_start": span.first_day().isoformat(),
                "date_end": span.last_day().isoformat(),
                "precision": span.precision,
                "is_range": span.is_range,
                "place": place,
                # set with the citations: "record" where the paper names no place for it
                "place_origin": None,
            },
            value,
            kind,
        )
    if fact_type == "count":
        kind = _vocabulary_value(item, vocab.COUNT_KINDS, file, slug, where)
        number = item["value"]
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            raise SourceError(file, slug, f"{where}.value", "must be a whole number")
        as_at: DateSpan | None = None
        if "as_at" in item:
            as_at = parse_date(item["as_at"], file, slug, f"{where}.as_at")
        value = f"{number:,}" + (f" (as at {as_at.label()})" if as_at else "")
        return (
            {
                "kind": kind,
                "label": item.get("label") or vocab.COUNT_KINDS[kind],
                "value": number,
                "as_at": as_at.iso() if as_at else None,
            },
            value,
            kind,
        )
    if fact_type == "document":
        kind = _vocabulary_value(item, vocab.DOCUMENT_KINDS, file, slug, where)
        symbol = _plain(item, "value", file, slug, where)
        return (
            {
                "kind": kind,
                "label": item.get("label") or vocab.DOCUMENT_KINDS[kind],
                "symbol": symbol,
            },
            symbol,
            kind,
        )
    if fact_type == "provision":
        number = str(item["number"]).strip()
        text = _plain(item, "text", file, slug, where)
        return {"kind": "provision", "label": number, "number": number, "text": text}, text, number
    if fact_type == "relation":
        kind = _vocabulary_value(item, vocab.RELATION_KINDS, file, slug, where)
        target = _plain(item, "target", file, slug, where)
        return (
            {
                "kind": kind,
                "label": vocab.RELATION_KINDS[kind][0],
                "object_slug": target,
            },
            target,
            f"{kind}:{target}",
        )
    if fact_type == "statement":
        attribute = _plain(item, "attribute", file, slug, where)
        text = _plain(item, "text", file, slug, where)
        return (
            {
                "kind": attribute,
                "label": _plain(item, "label", file, slug, where),
                "text": text,
            },
            text,
            attribute,
        )
    raise AssertionError(fact_type)


def _plain(item: Row, key: str, file: str, slug: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SourceError(file, slug, f"{where}.{key}", "must be text")
    return " ".join(value.split())
