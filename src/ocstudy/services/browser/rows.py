"""What the cards browser shows: one plain row per card, who was answered when, and a card's
review history. Read-only: the actions on cards are in ``actions.py``.

Rows are computed once, in one pass over the cards and the stored states (no per-card query),
and hold every value a column shows or a search tests, so a 100,000-row table sorts and
filters in plain Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final, NamedTuple

from fsrs import State

from ocstudy.quiz.days import StudyDay
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.rating import Rating
from ocstudy.quiz.scheduling import CardState
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.marks import CardMark

#: How many days of answers a row holds, for ``rated:N`` (the furthest back it searches).
MAX_RATED_DAYS: Final = 365

STATE_NAMES = {
    State.Learning: "learning",
    State.Review: "review",
    State.Relearning: "relearning",
}
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
DAY = timedelta(days=1)


class CardRow(NamedTuple):
    """One card as the browser shows it; a new card keeps the schedule's defaults."""

    id: str
    question: str
    answer: str
    #: The short name of the card's (first) entry.
    entity: str
    entity_slugs: tuple[str, ...]
    #: The card's themes' labels, joined.
    theme: str
    themes: tuple[str, ...]
    kind: str
    #: Every text the card shows (question, answer, details, the paper's notes, sources) and
    #: every name of its entries, casefolded, for the text search (as Anki searches fields).
    haystack: str
    #: ``new``, ``learning``, ``review`` or ``relearning``.
    state: str = "new"
    due: datetime | None = None
    #: Study days from today to the due day (negative: overdue); None for a new card.
    due_days: int | None = None
    #: Due by the end of today (in learning or review).
    is_due: bool = False
    #: Days from the last answer to the due time; None for a new card.
    interval: float | None = None
    stability: float | None = None
    difficulty: float | None = None
    retrievability: float | None = None
    reps: int = 0
    lapses: int = 0
    #: The learner's marks (``userdata/marks.py``) and whether the card is their own.
    flag: int = 0
    own: bool = False
    suspended: bool = False
    buried: bool = False
    leech: bool = False
    #: ``core``, ``detail`` or ``extra``; and where the answer comes from: ``paper``,
    #: ``record`` or ``own``.
    tier: str = "detail"
    origin: str = "paper"
    #: The learner's own tags on the card (``userdata/card_tags.py``), in alphabetical order.
    tags: tuple[str, ...] = ()


def build_rows(
    cards: Iterable[QuizCard],
    states: Mapping[str, CardState],
    entity_names: Mapping[str, str],
    theme_labels: Mapping[str, str],
    retrievability: Callable[[CardState], float],
    now: datetime,
    day: StudyDay,
    entity_aliases: Mapping[str, str] | None = None,
) -> list[CardRow]:
    """One row per card, in the cards' order. ``entity_aliases``: every name of each entry
    (title, other names, abbreviations), joined, for the text search."""
    aliases = entity_aliases or {}
    today = day.day_of(now)
    end_of_today = day.end(today)
    rows = []
    for card in cards:
        names = [entity_names.get(slug, slug) for slug in card.entity_slugs]
        entity = names[0] if names else ""
        state = states.get(card.id)
        question, answer = _cell_texts(card)
        haystack = "\n".join(
            [
                question,
                answer,
                *card.details,
                *card.paper_notes,
                *card.sources,
                *names,
                *(aliases.get(slug, "") for slug in card.entity_slugs),
            ]
        ).casefold()
        theme = ", ".join(theme_labels.get(key, key) for key in card.themes)
        card_row = CardRow(
            card.id,
            question,
            answer,
            entity,
            card.entity_slugs,
            theme,
            card.themes,
            card.kind,
            haystack,
            own=card.is_own,
            tier=card.tier,
            origin=card.origin,
        )
        if state is not None:
            card_row = card_row._replace(
                state=STATE_NAMES.get(state.state, "learning"),
                due=state.due,
                due_days=(day.day_of(state.due) - today).days,
                is_due=state.due < end_of_today,
                interval=(state.due - state.last_review) / DAY if state.last_review else None,
                stability=state.stability,
                difficulty=state.difficulty,
                retrievability=retrievability(state),
                reps=state.reps,
                lapses=state.lapses,
            )
        rows.append(card_row)
    return rows


def _cell_texts(card: QuizCard) -> tuple[str, str]:
    """Question and answer as the table shows and searches them (an own card's Markdown as
    plain text)."""
    if card.is_own:
        from ocstudy.services.exchange.markdown import markdown_plain

        return markdown_plain(card.prompt), markdown_plain(card.answer_text)
    return card.prompt, card.answer_text


def card_rows(service: QuizService) -> list[CardRow]:
    """Every card of ``service`` with its schedule now."""
    schedule = service.schedule
    rows = _rows(service, service.catalogue.cards(), schedule.states())
    return with_marks(rows, schedule.marks.marks(), schedule.now(), schedule.marks.tags.tags())


def card_rows_of(service: QuizService, card_ids: Iterable[str]) -> list[CardRow]:
    """The rows of ``card_ids`` only (those still in the deck), as :func:`card_rows` makes
    them: what the browser reads again after a change to a few cards."""
    catalogue, schedule = service.catalogue, service.schedule
    cards = [card for card_id in dict.fromkeys(card_ids) if (card := catalogue.card(card_id))]
    if not cards:
        return []
    states = {card.id: state for card in cards if (state := schedule.state(card.id))}
    rows = _rows(service, cards, states)
    marks = {card.id: schedule.marks.mark(card.id) for card in cards}
    tags = {card.id: schedule.marks.tags.card_tags(card.id) for card in cards}
    return with_marks(rows, marks, schedule.now(), {i: t for i, t in tags.items() if t})


def _rows(
    service: QuizService, cards: Iterable[QuizCard], states: Mapping[str, CardState]
) -> list[CardRow]:
    """``cards``' rows with their ``states`` now, before the learner's marks."""
    schedule, now = service.schedule, service.schedule.now()
    entities = service.catalogue.entities()
    names = {entity.slug: entity.short_name for entity in entities}
    aliases = {
        entity.slug: "\n".join((entity.title, *entity.names, *entity.abbreviations))
        for entity in entities
    }
    themes = {theme.key: theme.label for theme in service.catalogue.themes}
    return build_rows(
        cards,
        states,
        names,
        themes,
        lambda state: schedule.retrievability(state, now),
        now,
        schedule.day,
        aliases,
    )


def with_marks(
    rows: list[CardRow],
    marks: Mapping[str, CardMark],
    now: datetime,
    tags: Mapping[str, tuple[str, ...]] | None = None,
) -> list[CardRow]:
    """The rows with the learner's marks (suspended, buried now, flag, leech) and tags."""
    tags = tags or {}
    if not marks and not tags:
        return rows
    for i, row in enumerate(rows):
        mark = marks.get(row.id)
        if mark is not None:
            row = row._replace(
                suspended=mark.suspended, buried=mark.buried(now), flag=mark.flag, leech=mark.leech
            )
        if row.id in tags:
            row = row._replace(tags=tags[row.id])
        rows[i] = row
    return rows


class RatedCards:
    """For ``rated:N[:R]``: the cards answered in the last N study days (today is day 1),
    optionally with rating R. The last year's log is read once, on first use."""

    def __init__(self, service: QuizService) -> None:
        self._service = service
        self._today: date = service.schedule.day.day_of(service.schedule.now())
        self._answers: list[tuple[date, int, str]] | None = None
        self._found: dict[tuple[int, int | None], frozenset[str]] = {}

    def __call__(self, days: int, rating: int | None) -> frozenset[str]:
        if (days, rating) not in self._found:
            first = self._today - timedelta(days=days - 1)
            self._found[days, rating] = frozenset(
                card_id
                for day, given, card_id in self._log()
                if day >= first and (rating is None or given == rating)
            )
        return self._found[days, rating]

    def _log(self) -> list[tuple[date, int, str]]:
        if self._answers is None:
            day = self._service.schedule.day
            since = day.start(self._today - timedelta(days=MAX_RATED_DAYS - 1))
            self._answers = [
                (day.day_of(line.reviewed_at), line.rating, line.card_id)
                for line in self._service.schedule.lines(since=since)
            ]
        return self._answers


@dataclass(frozen=True, slots=True)
class ReviewLine:
    reviewed_at: datetime
    rating: int
    #: The interval the answer gave (up to the scheduler's fuzz for all but the last answer).
    interval: timedelta
    stability: float | None
    difficulty: float | None
    duration_ms: int | None

    @property
    def rating_name(self) -> str:
        return RATING_NAMES.get(self.rating, str(self.rating))


@dataclass(frozen=True, slots=True)
class CardHistory:
    card: QuizCard
    reviews: tuple[ReviewLine, ...]
    state: CardState | None
    retrievability: float | None


def card_history(service: QuizService, card_id: str) -> CardHistory | None:
    """Every answer to the card, oldest first, with the memory state each left.

    The log keeps rating, time and answer time; stability and difficulty after each answer
    are FSRS's, recomputed from the answers (they do not depend on the interval fuzz), and
    the last answer's interval and memory are the stored state's, exactly."""
    card = service.catalogue.card(card_id)
    if card is None:
        return None
    lines = [line for line in service.schedule.lines() if line.card_id == card_id]
    stored = service.schedule.state(card_id)
    reviews: list[ReviewLine] = []
    state: CardState | None = None
    for number, line in enumerate(lines, start=1):
        state = service.schedule.replay(card_id, state, Rating(line.rating), line.reviewed_at)
        if number == len(lines) and stored is not None:
            state = stored
        reviews.append(
            ReviewLine(
                line.reviewed_at,
                line.rating,
                state.due - line.reviewed_at,
                state.stability,
                state.difficulty,
                line.duration_ms,
            )
        )
    now = service.schedule.now()
    chance = service.schedule.retrievability(stored, now) if stored is not None else None
    return CardHistory(card, tuple(reviews), stored, chance)
