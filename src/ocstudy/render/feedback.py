"""The answer side as rich text: the verdict, the answer said once, and where it comes from.

Every piece of content text is escaped here, exactly once, as it becomes rich text; the
learner's own cards are Markdown, rendered to safe HTML (raw HTML in them is escaped).
"""

from __future__ import annotations

from html import escape

from ocstudy.phrasing import keep_together
from ocstudy.quiz.answers import CheckResult
from ocstudy.quiz.model import OrderAnswer, QuizCard
from ocstudy.render.colors import Colors
from ocstudy.render.long_text import markdown_html

RIGHT, WRONG = "\u2713", "\u2717"
VERDICTS = {
    "correct": f"{RIGHT} Right",
    "partial": "\u25d1 Partly right",
    "wrong": f"{WRONG} Not right",
    "unanswered": "? Not answered: the answer is",
}


def verdict_line(result: CheckResult, colors: Colors) -> str:
    color = colors.ok if result.verdict == "correct" else colors.warn
    given = ""
    if result.verdict in ("wrong", "partial") and result.given and result.mode != "order":
        said = "chose" if result.mode == "choice" else "said"
        given = f" \u2014 you {said} \u201c{escape(result.given)}\u201d"
    return f'<p style="color:{color}"><b>{VERDICTS[result.verdict]}</b>{given}</p>'


def order_table(card: QuizCard, result: CheckResult, colors: Colors) -> str:
    """Your order beside the right one, each of your places marked right or wrong."""
    answer = card.answer
    assert isinstance(answer, OrderAnswer)
    rows = []
    for place, (given, right) in enumerate(zip(result.order, answer.order, strict=True), 1):
        ok = given == right
        color, sign = (colors.ok, RIGHT) if ok else (colors.warn, WRONG)
        mark = f'<span style="color:{color}">{sign}</span>'
        rows.append(
            f"<tr><td>{place}.</td><td>{mark} {escape(card.items[given])}</td>"
            f"<td><b>{escape(card.items[right])}</b> ({escape(answer.dates[right])})</td></tr>"
        )
    head = "<tr><th></th><th align='left'>Your order</th><th align='left'>The right order</th></tr>"
    return f"<table cellpadding='3'>{head}{''.join(rows)}</table>"


def prompt_html(card: QuizCard) -> str:
    """The question as rich text: an own card's front rendered from Markdown."""
    return markdown_html(card.prompt) if card.is_own else escape(card.prompt)


def answer_html(card: QuizCard, result: CheckResult | None, colors: Colors) -> str:
    """The whole answer side for ``card`` after ``result`` (None: a flashcard shown)."""
    if card.is_own:
        return markdown_html(card.answer_text)
    parts = []
    if result is not None:
        parts.append(verdict_line(result, colors))
        if result.difference:
            parts.append(f"<p>{escape(result.difference)}</p>")
    details = list(card.details)
    if result is not None and result.mode == "order":
        parts.append(order_table(card, result, colors))
        details = []  # the dated events: the table has them
    elif isinstance(card.answer, OrderAnswer):
        parts.append(right_order(card))
        details = []  # the dated events: the list has them
    else:
        # said once: in its fullest form, where a detail line gives it with its place
        answer = card.answer_text
        if details and details[0].startswith(answer):
            answer = details.pop(0)
        parts.append(f'<p style="font-size:large"><b>{escape(answer)}</b></p>')
    parts += [f"<p>{escape(keep_together(line))}</p>" for line in details]
    parts += [
        f'<p style="background-color:{colors.warn_background}">'
        f"\u26a0 {escape(keep_together(note))}</p>"
        for note in card.paper_notes
    ]
    if card.sources:
        sources = "; ".join(escape(keep_together(s)) for s in card.sources)
        parts.append(f'<p style="color:{colors.muted}">Source: {sources}</p>')
    return "".join(parts)


def counts_html(new: int, learning: int, review: int, colors: Colors) -> str:
    """Anki's three counts, in its colours' spirit: new, learning, review."""
    return (
        f'<span style="color:{colors.link}">{new} new</span> \u00b7 '
        f'<span style="color:{colors.warn}">{learning} learning</span> \u00b7 '
        f'<span style="color:{colors.ok}">{review} review</span>'
    )


def front_html(card: QuizCard, mode: str) -> str:
    """The question side: an ordering card shown as a flashcard lists the events to order."""
    if mode == "order" or not isinstance(card.answer, OrderAnswer):
        return prompt_html(card)
    events = "".join(f"<li>{escape(item)}</li>" for item in card.items)
    return f"{prompt_html(card)}<ul>{events}</ul>"


def right_order(card: QuizCard) -> str:
    """An ordering card's events in the right order, earliest first, each with its date."""
    answer = card.answer
    assert isinstance(answer, OrderAnswer)
    rows = "".join(
        f"<li><b>{escape(card.items[i])}</b> ({escape(answer.dates[i])})</li>" for i in answer.order
    )
    return f"<ol>{rows}</ol>"
