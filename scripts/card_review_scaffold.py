"""Add an entry to the deck's review for every generated card that has none, to be decided.

    python scripts/card_review_scaffold.py          # write the entries
    python scripts/card_review_scaffold.py --check  # what the strict build refuses (exit 1)
    python scripts/card_review_scaffold.py --record-offered FILE...  # options read: record them

Each new entry goes to ``resources/content/cards/<entry>.toml`` (the card's first entry;
``chronology.toml`` for orderings), under comment lines that show the whole card as the quiz
would (options, details, the paper's notes, sources), with ``decision = "?"`` and
``tier = "?"``: the build refuses both until a reader decides them. ``--check`` lists what
the strict build of the deck refuses (``quiz.deck.review_problems``): cards not reviewed, read
on an older draft (their question, answer or options changed since: read them again and update
``asked``, ``answered`` or ``offered`` by hand), reviews of cards no longer generated. Run
``ocstudy build-content`` first, so the draft is the content's current one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ocstudy import paths
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.cards import generate_cards
from ocstudy.quiz.deck import review_problems
from ocstudy.quiz.model import QuizCard


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _file_for(card: QuizCard) -> str:
    if card.kind.startswith("chronology"):
        return "chronology.toml"
    return f"{card.entity_slug}.toml"


def entry(card: QuizCard) -> str:
    """The card as comments, then its review table to fill in."""
    lines = [
        "",
        f"# {card.kind} · {card.status} · {', '.join(card.modes)}",
        f"# Q: {card.prompt}",
        f"# A: {card.answer_text}",
    ]
    if card.choices:
        lines.append(f"# options: {' | '.join(card.choices)}")
    if card.items:
        lines.append(f"# items: {' | '.join(card.items)}")
    lines += [f"# detail: {detail}" for detail in card.details]
    lines += [f"# paper: {note}" for note in card.paper_notes]
    lines.append(f"# sources: {'; '.join(card.sources)}")
    lines += [
        f"[review.{_toml(card.id)}]",
        f"asked = {_toml(card.prompt)}",
        f"answered = {_toml(card.answer_text)}",
    ]
    if card.choices:
        lines.append(f"offered = {_toml_list(card.choices)}")
    lines += ['decision = "?"', 'tier = "?"']
    return "\n".join(lines) + "\n"


def _toml_list(texts: tuple[str, ...]) -> str:
    return "[" + ", ".join(_toml(text) for text in texts) + "]"


def record_offered(files: list[str], cards: dict[str, QuizCard]) -> int:
    """Write ``offered`` (the options as generated now) into the reviews in ``files`` of
    ``cards`` (the deck's cards asked by choice) that use the generated options and do not
    record them yet: run it once the options have been read. Returns how many it wrote."""
    import re

    written = 0
    for name in files:
        path = paths.content_sources_dir() / "cards" / name
        text = path.read_text(encoding="utf-8")
        for card_id, card in cards.items():
            header = f"[review.{_toml(card_id)}]\n"
            start = text.find(header)
            if start < 0 or not card.choices:
                continue
            end = text.find("\n[", start + len(header))
            body = text[start : end if end >= 0 else len(text)]
            if re.search(r"^(offered|options) = ", body, re.MULTILINE):
                continue
            answered = re.search(r"^answered = .*\n", body, re.MULTILINE)
            assert answered is not None, card_id
            at = start + answered.end()
            text = text[:at] + f"offered = {_toml_list(card.choices)}\n" + text[at:]
            written += 1
        path.write_text(text, encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only list; exit 1 if any")
    parser.add_argument(
        "--record-offered",
        nargs="+",
        metavar="FILE",
        help="once their options are read: record them in these cards/ files",
    )
    args = parser.parse_args(argv)
    content = ContentRepository.open(paths.content_db_path())
    details = [content.detail(e.slug) for e in content.entities()]
    draft = generate_cards(d for d in details if d is not None)
    reviews = content.card_reviews()
    if args.record_offered:
        from ocstudy.services.review.deck import content_deck

        asked = {card.id for card in content_deck(content) if "choice" in card.modes}
        chosen = {card.id: card for card in draft if card.id in asked}
        written = record_offered(args.record_offered, chosen)
        print(f"recorded the options of {written} cards")
        return 0
    if args.check:  # exactly what the strict build refuses
        problems = review_problems(
            (d for d in details if d is not None), reviews, content.written_cards()
        )
        print("\n".join(problems) or "the review is complete")
        return 1 if problems else 0
    missing = [card for card in draft if card.id not in reviews]
    folder = paths.content_sources_dir() / "cards"
    folder.mkdir(exist_ok=True)
    by_file: dict[str, list[QuizCard]] = {}
    for card in missing:
        by_file.setdefault(_file_for(card), []).append(card)
    for name, cards in sorted(by_file.items()):
        path: Path = folder / name
        with path.open("a", encoding="utf-8") as handle:
            handle.writelines(entry(card) for card in cards)
        print(f"{path}: {len(cards)} cards to decide")
    return 0


if __name__ == "__main__":
    sys.exit(main())
