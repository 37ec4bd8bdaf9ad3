"""The pane under the browser's table: the selected card as the quiz shows it (question,
options, answer, sources, the paper's errors), then its schedule, kind and theme in words,
the learner's tags on it, and how to open its entry."""

from __future__ import annotations

from html import escape

from ocstudy.phrasing import counted
from ocstudy.quiz.model import QuizCard
from ocstudy.render.colors import Colors
from ocstudy.render.feedback import answer_html, prompt_html
from ocstudy.services.browser.actions import FLAG_NAMES
from ocstudy.services.browser.kinds import kind_words
from ocstudy.services.browser.rows import CardRow
from ocstudy.services.review.quiz import QuizService
from ocstudy.ui.cards.model import state_text


def card_detail_html(card: QuizCard, row: CardRow, service: QuizService, colors: Colors) -> str:
    marker = f"<p><i>{escape(card.marker)}</i></p>" if card.marker else ""
    options = "".join(f"<li>{escape(option)}</li>" for option in card.choices)
    items = "".join(f"<li>{escape(item)}</li>" for item in card.items)
    listed = f"<ul>{options}</ul>" if options else (f"<ol>{items}</ol>" if items else "")
    tags = (
        f"<p>Your tags: {escape(', '.join(row.tags))}</p>"
        if row.tags
        else f"<p style='color:{colors.muted}'>No tag of yours (Ctrl+Shift+T adds one)</p>"
    )
    return (
        f"{marker}<div style='font-size:large'>{prompt_html(card)}</div>{listed}<hr>"
        f"{answer_html(card, None, colors)}"
        f"<p style='color:{colors.muted}'>{escape(schedule_line(row, service))}</p>"
        f"{tags}<p>{_open_line(card.is_own, row.entity)}</p>"
    )


def _open_line(own: bool, entity: str) -> str:
    """How to open the card's entry (Enter edits an own card instead); nothing for a card
    on no entry (the paper's own definitions and key facts), where Enter opens nothing."""
    link = f"<a href='entry'>Open {escape(entity)} in the study view</a>" if entity else ""
    if own:
        return " \u00b7 ".join(p for p in ("Enter edits your card", link) if p)
    return f"{link} (Enter)" if link else ""


def schedule_line(row: CardRow, service: QuizService) -> str:
    """The card's state, flag and schedule, then its kind and theme, in words."""
    flag = f" \u00b7 flag {FLAG_NAMES[row.flag].lower()}" if row.flag else ""
    about = " \u00b7 ".join(part for part in (kind_words(row.kind), row.theme) if part)
    if row.state == "new":
        state = state_text(row).capitalize()
        return f"{state}: never answered{flag} \u00b7 {about}"
    interval = f"{row.interval:.1f} days" if row.interval is not None else "?"
    chance = f"{row.retrievability:.0%}" if row.retrievability is not None else "?"
    due = row.due.astimezone(service.schedule.day.tz).date().isoformat() if row.due else "?"
    return (
        f"{state_text(row).capitalize()}{flag} \u00b7 due {due} \u00b7 interval {interval} \u00b7 "
        f"chance of recall now {chance} \u00b7 {counted(row.reps, 'review')}, "
        f"{counted(row.lapses, 'lapse')} \u00b7 {about}"
    )
