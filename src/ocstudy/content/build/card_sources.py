"""Read the deck's review: ``cards/*.toml`` beside the entity files.

The quiz generates a draft of every card from the facts; a reader then decides each one, and
writes cards the rules cannot make. Each file holds, for the cards on one entry (or on the
chronology, or on the paper as a whole):

- ``[review."<card id>"]``: the generated card as it was read (``asked``, ``answered`` and, for a
  card asked by choice with the generated options, ``offered``: the options as read), the
  ``decision`` (``keep``, ``reword`` or ``drop``), its ``tier`` (``core``, ``detail``,
  ``extra``), a ``reason`` where the decision is not obvious (required to reword or drop), and
  for a rewording any of ``prompt``, ``answer``, ``accepted``, ``options``, ``modes``,
  ``details``; ``checked``, the second reading of a card the first changed or doubted; and
  ``waive``, the card lint's classes a reader has judged wrong for this card (the reason
  says why; the lint's test fails on a waiver the lint no longer needs);
- ``[[written]]``: a card written by hand, with an ``id``, its ``kind``, ``tier``, ``prompt``,
  ``answer`` and where it comes from: ``facts`` (ids of the facts it asks, whose citations it
  shows) or the paper's ``section``, ``footnote`` and verbatim ``quote``.

Checks that need the generated cards (every card reviewed, no review of a card that is gone,
the card still as it was read) are the quiz's, in its tests; these are the checks of the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from ocstudy.content import vocabulary as vocab
from ocstudy.content.build.checks import ContentRows, Row, SourceError, load_toml, text_list
from ocstudy.content.build.checks import text_field as _text

CARDS_DIR: Final = "cards"
DECISIONS: Final = ("keep", "reword", "drop")
_REWORDINGS: Final = ("prompt", "answer", "accepted", "options", "modes", "details")
#: ``checked``: the second, independent reading of a card the first changed, wrote or doubted
#: (what the second reader found: "agreed", or what they changed and why). Kept in the file
#: for reviewers; the app does not need it.
_REVIEW_KEYS: Final = frozenset(
    {"asked", "answered", "offered", "decision", "tier", "reason", "checked", "waive"}
    | set(_REWORDINGS)
)
_WRITTEN_KEYS: Final = frozenset(
    {"id", "kind", "tier", "entity", "themes", "prompt", "answer", "accepted", "options"}
    | {"details", "facts", "section", "footnote", "quote", "reason", "checked", "waive"}
)


def read_card_sources(
    content_dir: Path,
    rows: ContentRows,
    *,
    slugs: set[str],
    sections: set[str],
    footnotes: set[int],
) -> None:
    """Add the ``card_reviews`` and ``written_cards`` rows of every file in ``cards/``."""
    folder = content_dir / CARDS_DIR
    fact_ids = {row["id"] for row in rows.tables.get("facts", [])}
    reviewed: set[str] = set()
    written: set[str] = set()
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        file = f"{CARDS_DIR}/{path.name}"
        data = load_toml(path, file)
        unknown = set(data) - {"review", "written"}
        if unknown:
            raise SourceError(file, None, ", ".join(sorted(unknown)), "unknown table")
        reviews = data.get("review", {})
        if not isinstance(reviews, dict):
            raise SourceError(file, None, "review", 'must be tables [review."<card id>"]')
        for card_id, review in reviews.items():
            if card_id in reviewed:
                raise SourceError(file, card_id, None, "reviewed twice")
            reviewed.add(card_id)
            rows.add("card_reviews", _review_row(review, card_id, file))
        cards = data.get("written", [])
        if not isinstance(cards, list):
            raise SourceError(file, None, "written", "must be an array of tables [[written]]")
        for card in cards:
            row = _written_row(card, file, slugs, sections, footnotes, fact_ids)
            if row["id"] in written or row["id"] in reviewed:
                raise SourceError(file, row["id"], "id", "duplicate card id")
            written.add(row["id"])
            row["position"] = len(written)
            rows.add("written_cards", row)


def _review_row(review: Any, card_id: str, file: str) -> Row:
    if not isinstance(review, dict):
        raise SourceError(file, card_id, None, "must be a table")
    unknown = set(review) - _REVIEW_KEYS
    if unknown:
        raise SourceError(file, card_id, ", ".join(sorted(unknown)), "unknown field")
    decision = _choice(review, "decision", DECISIONS, file, card_id)
    tier = _choice(review, "tier", vocab.TIERS, file, card_id)
    reworded = {key: review[key] for key in _REWORDINGS if key in review}
    if decision == "reword" and not reworded:
        raise SourceError(file, card_id, "decision", f"a rewording changes one of {_REWORDINGS}")
    if decision != "reword" and reworded:
        raise SourceError(
            file, card_id, ", ".join(reworded), f"only a rewording changes the card ({decision})"
        )
    reason = _optional_text(review, "reason", file, card_id)
    if decision != "keep" and not reason:
        raise SourceError(file, card_id, "reason", f"say in one line why ({decision})")
    modes = text_list(review, "modes", file, card_id)
    _check_modes(modes, file, card_id)
    options = text_list(review, "options", file, card_id)
    answer = _optional_text(review, "answer", file, card_id)
    _check_options(options, answer, file, card_id)
    return {
        "id": card_id,
        "decision": decision,
        "tier": tier,
        "asked": _text(review, "asked", file, card_id),
        "answered": _text(review, "answered", file, card_id),
        "offered": _json_list(review, "offered", file, card_id),
        "prompt": _optional_text(review, "prompt", file, card_id),
        "answer": answer,
        "accepted": _json_list(review, "accepted", file, card_id),
        "options": json.dumps(options) if "options" in review else None,
        "modes": json.dumps(modes) if "modes" in review else None,
        "details": _json_list(review, "details", file, card_id),
        "reason": reason,
        "waive": _json_list(review, "waive", file, card_id),
        "file": file,
    }


def _written_row(
    card: Any,
    file: str,
    slugs: set[str],
    sections: set[str],
    footnotes: set[int],
    fact_ids: set[str],
) -> Row:
    if not isinstance(card, dict):
        raise SourceError(file, None, "written", "must be a table")
    card_id = _text(card, "id", file, "written")
    unknown = set(card) - _WRITTEN_KEYS
    if unknown:
        raise SourceError(file, card_id, ", ".join(sorted(unknown)), "unknown field")
    entity = _optional_text(card, "entity", file, card_id)
    if entity is not None and entity not in slugs:
        raise SourceError(file, card_id, "entity", f"unknown entity {entity!r}")
    themes = text_list(card, "themes", file, card_id)
    for theme in themes:
        if theme not in vocab.THEMES:
            raise SourceError(file, card_id, "themes", f"unknown theme {theme!r}")
    if entity is None and not themes:
        raise SourceError(file, card_id, "themes", "a card on no entry needs its themes")
    facts = text_list(card, "facts", file, card_id)
    for fact in facts:
        if fact not in fact_ids:
            raise SourceError(file, card_id, "facts", f"unknown fact {fact!r}")
    section = _optional_text(card, "section", file, card_id)
    if section is not None and section not in sections:
        raise SourceError(file, card_id, "section", f"unknown section {section!r}")
    footnote = card.get("footnote")
    if footnote is not None and footnote not in footnotes:
        raise SourceError(file, card_id, "footnote", f"unknown footnote {footnote!r}")
    quote = _optional_text(card, "quote", file, card_id)
    if not facts and (section is None or quote is None):
        raise SourceError(
            file, card_id, "facts", "cite the facts it asks, or the paper's section and quote"
        )
    answer = _text(card, "answer", file, card_id)
    options = text_list(card, "options", file, card_id)
    _check_options(options, answer, file, card_id)
    return {
        "id": card_id,
        "kind": _choice(card, "kind", vocab.WRITTEN_KINDS, file, card_id),
        "tier": _choice(card, "tier", vocab.TIERS, file, card_id),
        "entity_slug": entity,
        "themes": json.dumps(themes),
        "prompt": _text(card, "prompt", file, card_id),
        "answer": answer,
        "accepted": _json_list(card, "accepted", file, card_id),
        "options": json.dumps(options),
        "details": _json_list(card, "details", file, card_id) or "[]",
        "facts": json.dumps(facts),
        "section_id": section,
        "footnote": footnote,
        "quote": quote,
        "reason": _optional_text(card, "reason", file, card_id),
        "waive": _json_list(card, "waive", file, card_id),
        "file": file,
    }


def _choice(data: Row, key: str, allowed: tuple[str, ...], file: str, who: str) -> str:
    value = _text(data, key, file, who)
    if value not in allowed:
        raise SourceError(file, who, key, f"{value!r} is not one of {', '.join(allowed)}")
    return value


def _optional_text(data: Row, key: str, file: str, who: str) -> str | None:
    return _text(data, key, file, who) if key in data else None


def _json_list(data: Row, key: str, file: str, who: str) -> str | None:
    return json.dumps(text_list(data, key, file, who)) if key in data else None


def _check_modes(modes: list[str], file: str, who: str) -> None:
    for mode in modes:
        if mode not in vocab.ANSWER_MODES:
            raise SourceError(file, who, "modes", f"{mode!r} is not one of {vocab.ANSWER_MODES}")


def _check_options(options: list[str], answer: str | None, file: str, who: str) -> None:
    if not options:
        return
    if len(options) != 4 or len(set(options)) != 4:
        raise SourceError(file, who, "options", "four different options")
    if answer is not None and options.count(answer) != 1:
        raise SourceError(file, who, "options", "the answer must be one of the options, once")
