"""Custom study, as in Anki: the cards forgotten in the last N days, the cards due in the next
N days studied ahead, the next N new cards, a theme's cards, or a search's (the cards
browser's syntax over the browser's rows). A plan says which cards, in which order; the
session (``QuizService.custom``) is practice unless the learner asks for their answers to
reschedule the cards.

As in Anki's filtered decks, suspended and buried cards are left out; as in every session
here, one card of each fact is asked (a fact's forward and reverse never meet). Every choice
but a search draws from the tiers the learner studies; a search finds what the browser finds.

Rescheduled, a card studied ahead gets fsrs's normal treatment of an early review: fsrs scores
an answer by the chance of recall when it is given (from the whole days since the last
answer), high before the due day, so a Good raises the stability less than it would on the due
day; within a day of the last answer, fsrs-6's short-term stability formula applies instead.
The new interval counts from the answer.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Final, Literal

from ocstudy.content.vocabulary import TIER_CHOICES
from ocstudy.phrasing import counted
from ocstudy.services.browser.query import SearchContext
from ocstudy.services.browser.rows import MAX_RATED_DAYS, CardRow, RatedCards, card_rows
from ocstudy.services.browser.search import parse_search
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.review.settings import ReviewSettings

CustomKind = Literal["forgotten", "ahead", "new", "theme", "search"]
KINDS: Final[tuple[CustomKind, ...]] = ("forgotten", "ahead", "new", "theme", "search")
DAYS_RANGE: Final = (1, MAX_RATED_DAYS)
CARDS_RANGE: Final = (1, 9999)
#: Rated Again (Anki's answer button 1), for "forgotten".
_AGAIN: Final = 1
_KEY: Final = "quiz.custom_study."
#: How each choice orders its cards (said under the choices).
ORDERS: Final[dict[CustomKind, str]] = {
    "forgotten": "the weakest first",
    "ahead": "the soonest due first",
    "new": "in the deck's learning order, your own cards first",
    "theme": "the weakest first, then new cards in learning order",
    "search": "the weakest first, then new cards in learning order",
}

#: What a choice that finds no card says.
NONE_LEFT: Final[dict[CustomKind, str]] = {
    "forgotten": "No cards: you rated none Again in those days.",
    "ahead": "No cards: none falls due in those days.",
    "new": "No new cards are left in the tiers you study.",
    "theme": "No cards of this theme in the tiers you study.",
    "search": "No cards match the search.",
}


@dataclass(frozen=True, slots=True)
class CustomChoices:
    """What the Custom study dialog shows: the choice, each choice's value, and whether the
    answers reschedule the cards (off: practice)."""

    kind: CustomKind = "forgotten"
    forgotten_days: int = 1
    ahead_days: int = 1
    new_cards: int = 20
    theme: str = ""
    theme_cards: int = 100
    search: str = ""
    search_cards: int = 100
    reschedule: bool = False


@dataclass(frozen=True, slots=True)
class CustomPlan:
    """The cards a custom session asks, in order, and what the choice left out."""

    kind: CustomKind
    #: What the session is, for its card page and summary ("the cards forgotten today").
    title: str
    card_ids: tuple[str, ...]
    #: Suspended or buried cards the choice found.
    hidden: int
    #: Cards of a fact another card already asks.
    siblings: int
    #: Cards past the choice's number of cards.
    beyond: int
    reschedule: bool

    @property
    def size(self) -> int:
        return len(self.card_ids)


class CustomStudyPlanner:
    """The cards each choice asks, over one snapshot of every card as the browser shows it
    (its schedule and marks now) and of the last year's answers: a dialog makes one, and plans
    on it as the learner changes the choices."""

    def __init__(self, service: QuizService) -> None:
        self._rows = card_rows(service)
        self._by_id = {row.id: row for row in self._rows}
        self._rated = RatedCards(service)
        self._tiers = TIER_CHOICES[service.settings.current().tiers]
        self._siblings = {
            row.id: card.sibling_key if (card := service.catalogue.card(row.id)) else row.id
            for row in self._rows
        }
        self._themes = {theme.key: theme.label for theme in service.catalogue.themes}
        self._seed = (
            f"{service.settings.seed}:custom:{service.schedule.day.day_of(service.schedule.now())}"
        )

    def plan(self, choices: CustomChoices, kind: CustomKind | None = None) -> CustomPlan:
        """The plan of ``kind`` (else the chosen one). A search that cannot be read raises
        ``SearchSyntaxError``, whose message says what is wrong in one line."""
        kind = kind or choices.kind
        studied = [row for row in self._rows if row.tier in self._tiers]
        limit: int | None = None
        if kind == "forgotten":
            forgotten = self._rated(choices.forgotten_days, _AGAIN)
            found = self._weakest_first([row for row in studied if row.id in forgotten])
        elif kind == "ahead":
            days = choices.ahead_days
            due = [(r.due, r.id) for r in studied if r.due and 1 <= (r.due_days or 0) <= days]
            found = [card_id for _, card_id in sorted(due)]
        elif kind == "new":
            found = _learning_order([row for row in studied if row.state == "new"])
            limit = choices.new_cards
        elif kind == "theme":
            found = self._weakest_first([row for row in studied if choices.theme in row.themes])
            limit = choices.theme_cards
        else:
            matcher = parse_search(choices.search).matcher(SearchContext(self._rated))
            found = self._weakest_first([row for row in self._rows if matcher(row)])
            limit = choices.search_cards
        shown = [i for i in found if not (self._by_id[i].suspended or self._by_id[i].buried)]
        kept = self._one_per_fact(shown)
        asked = kept[:limit] if limit is not None else kept
        return CustomPlan(
            kind,
            self.title(choices, kind, len(asked)),
            tuple(asked),
            hidden=len(found) - len(shown),
            siblings=len(shown) - len(kept),
            beyond=len(kept) - len(asked),
            reschedule=choices.reschedule,
        )

    def title(self, choices: CustomChoices, kind: CustomKind, size: int) -> str:
        """What a session of ``kind`` asks, in a few words."""
        if kind == "forgotten":
            days = choices.forgotten_days
            return "the cards forgotten " + ("today" if days == 1 else f"in the last {days} days")
        if kind == "ahead":
            days = choices.ahead_days
            when = "tomorrow" if days == 1 else f"in the next {days} days"
            return f"the cards due {when}, studied ahead"
        if kind == "new":
            return f"the next {counted(size, 'new card')}, previewed"
        if kind == "theme":
            return f"the {self._themes.get(choices.theme, choices.theme)} theme"
        return f"the cards matching \u201c{choices.search.strip()}\u201d"

    def _weakest_first(self, rows: Sequence[CardRow]) -> list[str]:
        """The cards answered before, the least likely recalled now first (a tie in an order
        of the day's), then the new ones in learning order."""
        answered = [row for row in rows if row.state != "new"]
        random.Random(self._seed).shuffle(answered)
        answered.sort(key=lambda row: row.retrievability or 0.0)
        return [row.id for row in answered] + _learning_order(rows)

    def _one_per_fact(self, ids: Sequence[str]) -> list[str]:
        seen: set[str] = set()
        kept = []
        for card_id in ids:
            if self._siblings[card_id] not in seen:
                seen.add(self._siblings[card_id])
                kept.append(card_id)
        return kept


def described(plan: CustomPlan) -> str:
    """The plan in a sentence or two: how many cards, in which order, and what is left out."""
    if not plan.size:
        text = NONE_LEFT[plan.kind]
    else:
        first = f" (the first {plan.size} of {plan.size + plan.beyond})" if plan.beyond else ""
        text = f"Asks {counted(plan.size, 'card')}, {ORDERS[plan.kind]}{first}."
    left_out = [
        *([f"{plan.hidden} suspended or buried"] if plan.hidden else []),
        *([f"{plan.siblings} of a fact another card asks"] if plan.siblings else []),
    ]
    return f"{text} Left out: {', '.join(left_out)}." if left_out else text


def _learning_order(rows: Sequence[CardRow]) -> list[str]:
    """The new cards among ``rows`` as a session brings them: the learner's own first, then
    the deck's in learning order (the rows' order)."""
    new = [row for row in rows if row.state == "new"]
    return [row.id for row in sorted(new, key=lambda row: not row.own)]


# -- the last choices, kept with the quiz's settings ------------------------------------------


def load_choices(reviews: ReviewSettings, themes: Sequence[str]) -> CustomChoices:
    """The choices made last time; a stored value that cannot be used (out of range, a theme
    no longer there) counts as the default, and is said once."""
    default = CustomChoices(theme=themes[0] if themes else "")
    low, high = DAYS_RANGE
    fewest, most = CARDS_RANGE
    kind = reviews.choice_setting(_KEY + "kind", default.kind, KINDS)
    theme = default.theme
    if themes:
        theme = reviews.choice_setting(_KEY + "theme", default.theme, themes)
    reschedule = reviews.choice_setting(_KEY + "reschedule", "off", ("off", "on"))
    return CustomChoices(
        kind=next((k for k in KINDS if k == kind), default.kind),
        forgotten_days=reviews.whole_setting(_KEY + "forgotten_days", 1, low, high),
        ahead_days=reviews.whole_setting(_KEY + "ahead_days", 1, low, high),
        new_cards=reviews.whole_setting(_KEY + "new_cards", default.new_cards, fewest, most),
        theme=theme,
        theme_cards=reviews.whole_setting(_KEY + "theme_cards", default.theme_cards, fewest, most),
        search=reviews.setting(_KEY + "search") or "",
        search_cards=reviews.whole_setting(
            _KEY + "search_cards", default.search_cards, fewest, most
        ),
        reschedule=reschedule == "on",
    )


def save_choices(reviews: ReviewSettings, choices: CustomChoices) -> None:
    """Keep ``choices`` for next time (``ReviewStoreError`` if they cannot be written)."""
    values = {}
    for field in fields(choices):
        value = getattr(choices, field.name)
        if isinstance(value, bool):
            value = "on" if value else "off"
        values[_KEY + field.name] = str(value)
    reviews.set_settings(values)


__all__ = [
    "CARDS_RANGE",
    "DAYS_RANGE",
    "KINDS",
    "ORDERS",
    "CustomChoices",
    "CustomKind",
    "CustomPlan",
    "CustomStudyPlanner",
    "described",
    "load_choices",
    "save_choices",
]
